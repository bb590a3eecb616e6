import { mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCli } from '../support/cli-process.js';
import { tempConfigDir } from '../support/engine.js';
import { createTestBucket } from '../support/s3.js';
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
    await watch.line(/in sync: 1 file/);
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
});
