import { randomBytes } from 'node:crypto';
import { readdir, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import {
  CompleteMultipartUploadCommand,
  CreateMultipartUploadCommand,
  ListObjectsV2Command,
  UploadPartCommand,
} from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runFerry } from '../support/cli.js';
import { tempConfigDir } from '../support/engine.js';
import { createTestBucket, rawClient } from '../support/s3.js';
import { tempFolder } from '../support/watch.js';

const MiB = 1024 * 1024;

/** The summary line `ferry sync` prints last. */
const summary = (stdout: string) => stdout.trim().split('\n').at(-1) ?? '';

describe('a first sync from a bucket into a folder that already holds the files', () => {
  const client = rawClient();
  let bucket: Awaited<ReturnType<typeof createTestBucket>>;
  const folders: string[] = [];
  // 60 MiB in 8 MiB parts: 8 parts, the last one 4 MiB.
  const body = randomBytes(60 * MiB);
  beforeAll(async () => {
    bucket = await createTestBucket('syncadopt');
    const [Bucket, Key] = [bucket.name, 'a/big.bin'];
    const { UploadId } = await client.send(new CreateMultipartUploadCommand({ Bucket, Key }));
    const parts = [];
    for (let n = 1, at = 0; at < body.length; n++, at += 8 * MiB) {
      const Body = body.subarray(at, at + 8 * MiB);
      const { ETag } = await client.send(
        new UploadPartCommand({ Bucket, Key, UploadId, PartNumber: n, Body }),
      );
      parts.push({ PartNumber: n, ETag });
    }
    await client.send(
      new CompleteMultipartUploadCommand({
        Bucket,
        Key,
        UploadId,
        MultipartUpload: { Parts: parts },
      }),
    );
  }, 120_000);
  afterAll(async () => {
    await bucket.remove();
    for (const f of folders) await rm(f, { recursive: true, force: true });
  });

  it('adopts a byte-identical copy of a multipart object, and keeps a same-size different one as a conflict', async () => {
    const listed = await client.send(new ListObjectsV2Command({ Bucket: bucket.name }));
    expect(listed.Contents?.[0]?.ETag).toMatch(/^"?[0-9a-f]{32}-8"?$/);

    const dir = tempFolder('syncadopt');
    folders.push(dir);
    await writeFile(path.join(dir, 'big.bin'), body);
    const configDir = tempConfigDir();
    const same = await runFerry(['sync', `s3://${bucket.name}/a/`, dir], configDir);
    expect(same.stderr).toBe('');
    expect(summary(same.stdout)).toBe(
      'downloaded 0, kept both 0, deleted 0, unchanged 1, kept 0, skipped 0',
    );
    expect(await readdir(dir)).toEqual(['big.bin']);

    const other = tempFolder('syncadopt');
    folders.push(other);
    const changed = Buffer.from(body);
    changed[33 * MiB] = changed[33 * MiB]! ^ 1;
    await writeFile(path.join(other, 'big.bin'), changed);
    const differs = await runFerry(['sync', `s3://${bucket.name}/a/`, other], configDir);
    expect(differs.stdout).toContain('conflict big.bin: changed on both sides');
    expect(summary(differs.stdout)).toBe(
      'downloaded 0, kept both 1, deleted 0, unchanged 0, kept 0, skipped 0',
    );
    expect((await stat(path.join(other, 'big.bin'))).size).toBe(60 * MiB);
  }, 120_000);
});
