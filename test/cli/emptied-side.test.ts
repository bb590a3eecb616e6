import { rm, unlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { DeleteObjectsCommand } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runFerry, startCli } from '../support/cli.js';
import { tempConfigDir } from '../support/engine.js';
import { createTestBucket, rawClient } from '../support/s3.js';
import { listBucket, tempFolder } from '../support/watch.js';

/** Fewer files than any cap: only the emptied-side guard can hold their deletes back. */
const names = ['a.txt', 'b.txt', 'c.txt', 'd.txt', 'e.txt'];

describe('deletes held back because one side came back empty', () => {
  let bucket: Awaited<ReturnType<typeof createTestBucket>>;
  const configDir = tempConfigDir();
  const folders: string[] = [];
  beforeAll(async () => {
    bucket = await createTestBucket('cliempty');
  });
  afterAll(async () => {
    await bucket.remove();
    for (const f of folders) await rm(f, { recursive: true, force: true });
  });
  const filled = async (label: string, files = names) => {
    const dir = tempFolder(label);
    folders.push(dir);
    for (const n of files) await writeFile(path.join(dir, n), n);
    return dir;
  };
  const emptyPrefix = async (prefix: string) => {
    const keys = [...(await listBucket(bucket.name)).keys()].filter((k) => k.startsWith(prefix));
    await rawClient().send(
      new DeleteObjectsCommand({
        Bucket: bucket.name,
        Delete: { Objects: keys.map((Key) => ({ Key })) },
      }),
    );
  };
  const under = async (prefix: string) =>
    [...(await listBucket(bucket.name)).keys()].filter((k) => k.startsWith(prefix)).length;

  it('ferry watch: an emptied folder is named as the reason, not the cap', async () => {
    const dir = await filled('cliempty-w');
    const url = `s3://${bucket.name}/w/`;
    const args = ['watch', dir, url, '--delete', '--stability-ms', '200'];
    const first = startCli(args, configDir);
    await first.line(/in sync: 5 files/);
    for (const n of names) await unlink(path.join(dir, n));
    await first.line(/not in sync: /);
    expect(first.out()).toContain(
      `not in sync: 5 deletes held back: the folder ${dir} holds no files`,
    );
    expect(first.out()).toContain(`ferry rm -r ${url}`);
    expect(first.out()).not.toContain('--max-delete 5.');
    expect(await first.stop()).toBe(0);
    // The cap is not the reason, so lifting it changes nothing, and the line says the same.
    const second = startCli([...args, '--max-delete', '5'], configDir);
    await second.line(/not in sync: /);
    expect(second.out()).toContain('holds no files');
    expect(await second.stop()).toBe(0);
    expect(await under('w/')).toBe(5);
  }, 60_000);

  it('ferry watch --mode download: an emptied prefix is named as the reason', async () => {
    const dir = await filled('cliempty-d', []);
    const url = `s3://${bucket.name}/d/`;
    const source = await filled('cliempty-src');
    expect((await runFerry(['sync', source, url], configDir)).code).toBe(0);
    const watch = startCli(
      ['watch', dir, url, '--mode', 'download', '--delete', '--poll', '5'],
      configDir,
    );
    await watch.line(/in sync: 5 files/);
    await emptyPrefix('d/');
    await watch.line(/not in sync: /);
    expect(watch.out()).toContain(`not in sync: 5 deletes held back: ${url} lists no objects`);
    expect(watch.out()).toContain(`delete the files in ${dir} too`);
    expect(await watch.stop()).toBe(0);
  }, 60_000);

  it('ferry sync bucket → folder: an emptied bucket is named as the reason, and --force-delete is the way on', async () => {
    const url = `s3://${bucket.name}/s/`;
    const source = await filled('cliempty-s', names.slice(0, 3));
    expect((await runFerry(['sync', source, url], configDir)).code).toBe(0);
    const dir = await filled('cliempty-sd', []);
    expect((await runFerry(['sync', url, dir], configDir)).code).toBe(0);
    await emptyPrefix('s/');
    const held = await runFerry(['sync', url, dir, '--delete', '--max-delete', '3'], configDir);
    expect(held.code).toBe(1);
    expect(held.stderr).toContain(`3 files would be deleted because ${url} lists no objects`);
    expect(held.stderr).toContain('re-run with --force-delete');
    expect(held.stderr).not.toContain('more than the safety cap');
    const forced = await runFerry(['sync', url, dir, '--delete', '--force-delete'], configDir);
    expect(forced.stdout).toContain('deleted 3');
  });

  it('ferry sync folder → bucket: an emptied folder is named as the reason', async () => {
    const dir = await filled('cliempty-u', names.slice(0, 3));
    const url = `s3://${bucket.name}/u/`;
    expect((await runFerry(['sync', dir, url], configDir)).code).toBe(0);
    for (const n of names.slice(0, 3)) await unlink(path.join(dir, n));
    const held = await runFerry(['sync', dir, url, '--delete'], configDir);
    expect(held.code).toBe(1);
    expect(held.stderr).toContain(
      `3 remote objects would be deleted because the folder ${dir} holds no files`,
    );
    expect(await under('u/')).toBe(3);
  });
});
