import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCli } from '../support/cli.js';
import { tempConfigDir } from '../support/engine.js';
import { createTestBucket, rawClient } from '../support/s3.js';
import { listBucket, tempFolder } from '../support/watch.js';

describe('ferry watch over its lifetime', () => {
  let bucket: Awaited<ReturnType<typeof createTestBucket>>;
  const configDir = tempConfigDir();
  const folders: string[] = [];
  beforeAll(async () => {
    bucket = await createTestBucket('cliwlife');
  });
  afterAll(async () => {
    await bucket.remove();
    for (const f of folders) await rm(f, { recursive: true, force: true });
  });

  it('keeps running while its folder is gone, says so once, and resumes when it is back', async () => {
    const dir = tempFolder('cliwlife');
    folders.push(dir);
    await writeFile(path.join(dir, 'a.txt'), 'a');
    const watch = startCli(
      ['watch', dir, `s3://${bucket.name}/gone/`, '--delete', '--stability-ms', '200'],
      configDir,
    );
    await watch.line(/in sync: 1 file\n/);
    await rm(dir, { recursive: true });
    await watch.line(/is missing or unmounted/, 'err');
    // Several presence checks (every 2 s) later, it still waits for the folder.
    await new Promise((resolve) => setTimeout(resolve, 5000));
    expect(watch.code()).toBeNull();
    expect(watch.err().match(/is missing or unmounted/g)).toHaveLength(1);
    // The folder comes back (a disk remounted) with one file more.
    await mkdir(dir);
    await writeFile(path.join(dir, 'a.txt'), 'a');
    await writeFile(path.join(dir, 'b.txt'), 'b');
    await watch.line(/is back: resuming/);
    await watch.line(/upload {2}b\.txt/);
    expect(await watch.stop()).toBe(0);
    // Nothing was deleted meanwhile, and the file added is uploaded after the return.
    expect([...(await listBucket(bucket.name)).keys()].sort()).toEqual([
      'gone/a.txt',
      'gone/b.txt',
    ]);
  }, 60_000);

  it('says "not in sync" with the open conflicts instead of "in sync"', async () => {
    const dir = tempFolder('cliwconf');
    folders.push(dir);
    await writeFile(path.join(dir, 'x.txt'), 'first');
    const args = [
      'watch',
      dir,
      `s3://${bucket.name}/conf/`,
      '--mode',
      'two-way',
      '--stability-ms',
      '200',
    ];
    const first = startCli(args, configDir);
    await first.line(/in sync: 1 file\n/);
    expect(await first.stop()).toBe(0);
    // Both sides change while no watch runs: the next pass keeps both as a conflict.
    await writeFile(path.join(dir, 'x.txt'), 'edited here');
    await rawClient().send(
      new PutObjectCommand({
        Bucket: bucket.name,
        Key: 'conf/x.txt',
        Body: 'edited in the bucket',
      }),
    );
    const second = startCli(args, configDir);
    await second.line(/not in sync: 1 conflict open — ferry watch conflicts cli-/);
    expect(second.out()).not.toMatch(/\d in sync: /);
    expect(await second.stop()).toBe(0);
  }, 60_000);

  it('says "not in sync" while a download watch keeps a file edited here, until it is removed', async () => {
    const dir = tempFolder('cliwkept');
    folders.push(dir);
    await rawClient().send(
      new PutObjectCommand({ Bucket: bucket.name, Key: 'kept/x.txt', Body: 'from the bucket' }),
    );
    const args = ['watch', dir, `s3://${bucket.name}/kept/`, '--mode', 'download', '--poll', '5'];
    const first = startCli(args, configDir);
    await first.line(/in sync: 1 file\n/);
    expect(await first.stop()).toBe(0);
    await writeFile(path.join(dir, 'x.txt'), 'edited here');
    const second = startCli(args, configDir);
    // The first pass's line, whatever it says.
    await second.line(/in sync: [^\n]*\n/);
    expect(second.out()).toMatch(
      /\d not in sync: 1 local file differs from the bucket and is kept — delete or move it to get the bucket's version again, or watch with --mode two-way to upload it\n/,
    );
    expect(second.out()).not.toMatch(/\d in sync: /);
    // Removed here: the next poll brings the bucket's version back, and the two agree again.
    await rm(path.join(dir, 'x.txt'));
    await second.line(/is kept[^\n]*\n[\s\S]*\d in sync: 1 file\n/);
    expect(await second.stop()).toBe(0);
    expect(await readFile(path.join(dir, 'x.txt'), 'utf8')).toBe('from the bucket');
  }, 60_000);
});
