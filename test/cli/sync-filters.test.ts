import { mkdir, readdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runFerry } from '../support/cli.js';
import { tempConfigDir } from '../support/engine.js';
import { createTestBucket, keysOf, rawClient } from '../support/s3.js';
import { tempFolder } from '../support/watch.js';

/** Every file under a folder, as `/`-separated relative paths, sorted. */
async function filesOf(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((e) => e.isFile())
    .map((e) => path.relative(dir, path.join(e.parentPath, e.name)).split(path.sep).join('/'))
    .sort();
}

describe('ferry sync filters, in every direction', () => {
  const client = rawClient();
  let bucket: Awaited<ReturnType<typeof createTestBucket>>;
  const folders: string[] = [];
  beforeAll(async () => {
    bucket = await createTestBucket('syncfilt');
  });
  afterAll(async () => {
    await bucket.remove();
    for (const f of folders) await rm(f, { recursive: true, force: true });
  });
  const folder = () => {
    const f = tempFolder('syncfilt');
    folders.push(f);
    return f;
  };
  const put = (key: string, body: string) =>
    client.send(new PutObjectCommand({ Bucket: bucket.name, Key: key, Body: body }));

  it("--exclude 'x/*' leaves out x's subfolders from a bucket as from a folder", async () => {
    const b = bucket.name;
    for (const key of ['exc/x/sub/z.txt', 'exc/x/top.txt', 'exc/keep.txt']) await put(key, key);
    const configDir = tempConfigDir();

    // Bucket → folder.
    const dir = folder();
    const down = await runFerry(['sync', `s3://${b}/exc/`, dir, '--exclude', 'x/*'], configDir);
    expect(down.stderr).toBe('');
    expect(await filesOf(dir)).toEqual(['keep.txt']);

    // Bucket → bucket.
    const copy = await runFerry(
      ['sync', `s3://${b}/exc/`, `s3://${b}/copy/`, '--exclude', 'x/*'],
      configDir,
    );
    expect(copy.stderr).toBe('');
    expect(await keysOf(client, b, 'copy/')).toEqual(['copy/keep.txt']);

    // Folder → bucket, the walker's rule: the same files go up.
    const local = folder();
    await mkdir(path.join(local, 'x', 'sub'), { recursive: true });
    for (const rel of ['x/sub/z.txt', 'x/top.txt', 'keep.txt']) {
      await writeFile(path.join(local, rel), rel);
    }
    const up = await runFerry(['sync', local, `s3://${b}/up/`, '--exclude', 'x/*'], configDir);
    expect(up.stderr).toBe('');
    expect(await keysOf(client, b, 'up/')).toEqual(['up/keep.txt']);

    // An excluded object is not the sync's: --delete leaves it in the bucket.
    await put('up/x/sub/z.txt', 'theirs');
    const mirror = await runFerry(
      ['sync', local, `s3://${b}/up/`, '--exclude', 'x/*', '--delete'],
      configDir,
    );
    expect(mirror.code).toBe(0);
    expect(await keysOf(client, b, 'up/')).toEqual(['up/keep.txt', 'up/x/sub/z.txt']);
  });
});
