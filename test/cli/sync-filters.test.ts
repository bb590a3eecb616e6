import { mkdir, readdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runFerry } from '../support/cli.js';
import { tempConfigDir } from '../support/engine.js';
import { createTestBucket, keysOf, rawClient } from '../support/s3.js';
import { tempFolder } from '../support/watch.js';

/** The summary line `ferry sync` prints last. */
const summary = (stdout: string) => stdout.trim().split('\n').at(-1) ?? '';

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

  it('accounts for every listed object: a folder marker with content is skipped and named, filtered keys are counted as excluded', async () => {
    const b = bucket.name;
    const objects: [string, string][] = [
      ['acc/a.txt', 'alpha'],
      ['acc/d/b.txt', 'bravo'],
      ['acc/c.txt', 'charlie'],
      ['acc/mk/folder/', 'marker'],
      ['acc/mk/empty/', ''],
      ['acc/.DS_Store', 'junk'],
      ['acc/d/x.tmp', 'junk'],
      ['acc/private/s.txt', 'secret'],
    ];
    for (const [key, body] of objects) await put(key, body);
    const configDir = tempConfigDir();
    const dir = folder();
    const args = ['sync', `s3://${b}/acc/`, dir, '--exclude', 'private'];

    const plan = await runFerry([...args, '--dry-run'], configDir);
    expect(plan.stdout).toMatch(/skip {5}acc\/mk\/folder\/: .*folder marker.*6 bytes/);
    expect(summary(plan.stdout)).toBe(
      'would download 3, would keep both 0, would delete 0, unchanged 0, kept 0, skipped 1, excluded 3',
    );
    const json = await runFerry([...args, '--dry-run', '--json'], configDir);
    const { plan: planned } = JSON.parse(json.stdout) as {
      plan: { actions: { action: string; key: string }[]; unchanged: number; excluded: number };
    };
    // 8 listed: 3 downloads, 1 skip, 3 excluded and the empty marker (a folder, no file).
    expect(planned.excluded).toBe(3);
    expect(planned.actions.map((a) => `${a.action} ${a.key}`).sort()).toEqual([
      'download acc/a.txt',
      'download acc/c.txt',
      'download acc/d/b.txt',
      'skip acc/mk/folder/',
    ]);

    const done = await runFerry(args, configDir);
    expect(done.code).toBe(0);
    expect(done.stdout).toContain('skip     acc/mk/folder/: ');
    expect(summary(done.stdout)).toBe(
      'downloaded 3, kept both 0, deleted 0, unchanged 0, kept 0, skipped 1, excluded 3',
    );
    expect(await filesOf(dir)).toEqual(['a.txt', 'c.txt', 'd/b.txt']);

    // Between buckets the default excludes do not apply: only the user's exclude leaves a key out.
    const copy = await runFerry(
      ['sync', `s3://${b}/acc/`, `s3://${b}/acc-copy/`, '--exclude', 'private'],
      configDir,
    );
    expect(copy.stderr).toBe('');
    expect(summary(copy.stdout)).toBe(
      'copied 7, deleted 0, unchanged 0, kept 0, skipped 0, excluded 1',
    );
  });
});
