import { readdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { HeadObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { describe, expect, it } from 'vitest';
import type { WatchRunner } from '../../../src-main/engine/watch/runner.js';
import { tempConfigDir } from '../../support/engine.js';
import { rawClient } from '../../support/s3.js';
import { recordActivity, watchRig } from '../../support/watch.js';

const rig = watchRig({ stabilityMs: 100, mode: 'two-way' });
const s3 = rawClient();

/** Two passes, each waited out with its uploads. */
async function settle(runner: WatchRunner): Promise<void> {
  for (let i = 0; i < 2; i++) {
    await runner.syncNow(false);
    await runner.whenIdle();
  }
}

/**
 * A two-way watch of one file `c.txt` with one open conflict (edited on both sides), counting the uploads it
 * reports; the object's ETag and LastModified show any PUT it did not.
 */
async function conflicted(label: string, configDir: string) {
  const { folder, bucket, engine, watches, add } = await rig.setup(label, { configDir });
  const seen = recordActivity(engine);
  const sent = () => seen.filter((a) => a.action === 'upload').map((a) => a.path);
  const file = path.join(folder, 'c.txt');
  await writeFile(file, 'v1');
  const watch = await add();
  const id = watch.rule.id;
  const runner = watches.runner(id);
  await settle(runner);
  expect(sent()).toEqual(['c.txt']);

  await s3.send(new PutObjectCommand({ Bucket: bucket, Key: 'c.txt', Body: 'remote v2' }));
  await writeFile(file, 'local v2, longer');
  await settle(runner);
  const [conflict] = await watches.conflicts(id);
  expect(conflict?.path).toBe('c.txt');
  const head = () => s3.send(new HeadObjectCommand({ Bucket: bucket, Key: 'c.txt' }));
  const before = await head();
  seen.length = 0;

  /** After the choice: the remote version in place, and nothing sent back to the bucket. */
  async function expectRemoteKept(): Promise<void> {
    // Past the stability window, so the watcher's events of the rename have settled too.
    await new Promise((resolve) => setTimeout(resolve, 500));
    for (let i = 0; i < 2; i++) await settle(runner);
    expect(await readFile(file, 'utf8')).toBe('remote v2');
    expect(await readdir(folder)).toEqual(['c.txt']);
    expect(await watches.conflicts(id)).toEqual([]);
    expect(sent()).toEqual([]);
    const after = await head();
    expect([after.ETag, after.LastModified]).toEqual([before.ETag, before.LastModified]);
  }
  return { folder, id, conflict: conflict!, watches, head, expectRemoteKept };
}

describe('keeping the remote version of a two-way conflict', () => {
  it('sends nothing back to the bucket when chosen in this process', async () => {
    const { id, conflict, watches, expectRemoteKept } = await conflicted(
      'keepremote',
      tempConfigDir(),
    );
    await watches.resolveConflict(id, conflict.id, 'remote');
    await expectRemoteKept();
  });

  it('sends nothing back when another process chose it while the watch runs (ferry watch resolve)', async () => {
    const configDir = tempConfigDir();
    const { id, conflict, expectRemoteKept } = await conflicted('keepremote-cli', configDir);
    const other = await rig.engine({ configDir });
    expect(await other.watches.resolveConflict(id, conflict.id, 'remote')).toEqual([]);
    await expectRemoteKept();
  });

  it('sends nothing back when chosen while the watch was stopped, once it runs again', async () => {
    const configDir = tempConfigDir();
    const { folder, id, conflict, watches, head } = await conflicted('keepremote-off', configDir);
    const before = await head();
    await watches.dispose();
    const cli = await rig.engine({ configDir });
    expect(await cli.watches.resolveConflict(id, conflict.id, 'remote')).toEqual([]);
    await cli.dispose();

    const engine = await rig.engine({ configDir });
    const seen = recordActivity(engine);
    await engine.watches.startAll();
    await new Promise((resolve) => setTimeout(resolve, 500));
    for (let i = 0; i < 2; i++) await settle(engine.watches.runner(id));
    expect(await readFile(path.join(folder, 'c.txt'), 'utf8')).toBe('remote v2');
    expect(seen.filter((a) => a.action === 'upload')).toEqual([]);
    const after = await head();
    expect([after.ETag, after.LastModified]).toEqual([before.ETag, before.LastModified]);
  });

  it('sends nothing back when the saved copy was renamed over the file by hand', async () => {
    const { folder, conflict, expectRemoteKept } = await conflicted(
      'keepremote-hand',
      tempConfigDir(),
    );
    await rename(path.join(folder, conflict.conflictPath), path.join(folder, 'c.txt'));
    await expectRemoteKept();
  });
});
