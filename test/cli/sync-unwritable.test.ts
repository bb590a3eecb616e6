import { readdir, readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runFerry } from '../support/cli.js';
import { tempConfigDir } from '../support/engine.js';
import { createTestBucket, rawClient } from '../support/s3.js';
import { tempFolder } from '../support/watch.js';

/** The summary line `ferry sync` prints last. */
const summary = (stdout: string) => stdout.trim().split('\n').at(-1) ?? '';

/**
 * Objects a folder cannot hold as files, though S3 can: a key that other keys use as a folder (`a` beside
 * `a/b`), and a name longer than file systems take. Each run skips them the same way: nothing is renamed
 * into `a (1)`, nothing fails, and a local file of that name is never read as deleted in the bucket.
 */
describe('ferry sync from a bucket into a folder, with objects that cannot be files', () => {
  const client = rawClient();
  let bucket: Awaited<ReturnType<typeof createTestBucket>>;
  const parent = tempFolder('syncunwritable');
  beforeAll(async () => {
    bucket = await createTestBucket('syncunw');
  });
  afterAll(async () => {
    await bucket.remove();
    await rm(parent, { recursive: true, force: true });
  });
  const put = (key: string, body: string) =>
    client.send(new PutObjectCommand({ Bucket: bucket.name, Key: key, Body: body }));

  it('skips a key that is also a folder and a name over 255 bytes, the same way on every run', async () => {
    const long = `u/long/${'x'.repeat(300)}.txt`;
    await put('u/sub', 'an object named like a folder');
    await put('u/sub/x.txt', 'inside it');
    await put('u/ok.txt', 'fine');
    const stored = await put(long, 'too long a name').then(
      () => true,
      () => false,
    );
    const dir = path.join(parent, 'mirror');
    const configDir = tempConfigDir();
    const skipped = stored ? 2 : 1;
    for (let run = 0; run < 2; run++) {
      const out = await runFerry(['sync', `s3://${bucket.name}/u/`, dir, '--delete'], configDir);
      expect(out.stderr).not.toContain('Unexpected failure');
      expect(out.stdout).toContain(
        `skip     u/sub: The key "u/sub" cannot be a file in the folder: other keys use it as a folder.`,
      );
      if (stored) expect(out.stdout).toContain('one of its names is longer than 255 bytes');
      expect(summary(out.stdout)).toBe(
        run === 0
          ? `downloaded 2, kept both 0, deleted 0, unchanged 0, kept 0, skipped ${skipped}`
          : `downloaded 0, kept both 0, deleted 0, unchanged 2, kept 0, skipped ${skipped}`,
      );
      expect(out.code).toBe(0);
    }
    expect((await readdir(dir, { recursive: true })).sort()).toEqual(
      ['ok.txt', 'sub', path.join('sub', 'x.txt')].sort(),
    );
    expect(await readFile(path.join(dir, 'sub', 'x.txt'), 'utf8')).toBe('inside it');
  });
});
