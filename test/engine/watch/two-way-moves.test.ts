import { spawn } from 'node:child_process';
import { link, mkdir, readdir, readFile, rename, rm, utimes, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { ListObjectsV2Command } from '@aws-sdk/client-s3';
import { describe, expect, it } from 'vitest';
import { cliWatchId } from '../../../src-main/cli/watch-target.js';
import type { WatchRunner } from '../../../src-main/engine/watch/runner.js';
import { ferryBin } from '../../support/cli.js';
import { tempConfigDir } from '../../support/engine.js';
import { gatewayEnv, rawClient } from '../../support/s3.js';
import { listBucket, readObject, recordActivity, watchRig } from '../../support/watch.js';

const rig = watchRig({ stabilityMs: 100, mode: 'two-way' });
/** Past the DeleteObjects batch (250) and the files a watch holds at once (256). */
const FILES = 330;
const names = Array.from({ length: FILES }, (_, i) => `r${String(i).padStart(3, '0')}.txt`);
const body = (name: string) => `${name.slice(0, 4)}\n`;

/** `d/` full of files alike in size and mtime (written in one clock tick, as a quick script does). */
async function writeFolder(folder: string): Promise<void> {
  await mkdir(path.join(folder, 'd'));
  const tick = new Date('2026-01-02T03:04:05.678Z');
  for (const name of names) {
    const file = path.join(folder, 'd', name);
    await writeFile(file, body(name));
    await utimes(file, tick, tick);
  }
}

async function settle(runner: WatchRunner): Promise<void> {
  for (let i = 0; i < 2; i++) {
    await runner.syncNow(false);
    await runner.whenIdle();
  }
}

/** The folder's files and the bucket's keys are `e/…` only, each with its own content. */
async function expectAllUnderE(folder: string, bucket: string): Promise<void> {
  const expected = names.map((n) => `e/${n}`);
  expect([...(await listBucket(bucket)).keys()].sort()).toEqual(expected);
  const files = (await readdir(folder, { recursive: true, withFileTypes: true }))
    .filter((d) => d.isFile())
    .map((d) => path.relative(folder, path.join(d.parentPath, d.name)).split(path.sep).join('/'));
  expect(files.sort()).toEqual(expected);
  for (const name of names.slice(0, 5)) {
    expect(await readObject(bucket, `e/${name}`)).toBe(body(name));
    expect(await readFile(path.join(folder, 'e', name), 'utf8')).toBe(body(name));
  }
}

describe('two-way watch: renames in the folder', () => {
  for (const deletePolicy of ['keep', 'mirror'] as const) {
    it(`moves a renamed folder of ${FILES} look-alike files server-side, deletes ${deletePolicy === 'mirror' ? 'mirrored' : 'not mirrored'}`, async () => {
      const { folder, bucket, engine, watches, add } = await rig.setup('twoway-mvdir');
      await writeFolder(folder);
      const watch = await add({ deletePolicy });
      const runner = watches.runner(watch.rule.id);
      await settle(runner);
      expect((await listBucket(bucket)).size).toBe(FILES);
      const seen = recordActivity(engine);

      await rename(path.join(folder, 'd'), path.join(folder, 'e'));
      await settle(runner);

      await expectAllUnderE(folder, bucket);
      const done = (action: string) => seen.filter((a) => a.action === action && !a.error);
      expect(
        done('move')
          .map((a) => a.path)
          .sort(),
      ).toEqual(names.map((n) => `e/${n}`));
      expect([done('upload'), done('download'), seen.filter((a) => a.error)]).toEqual([[], [], []]);
      expect(runner.book.status.deletesAwaitingConfirmation).toBe(0);
    }, 120_000);
  }

  it('finishes a rename seen in two halves (new names first, old ones gone later) with copies, no upload', async () => {
    const { folder, bucket, engine, watches, add } = await rig.setup('twoway-mvhalf');
    await writeFolder(folder);
    const watch = await add({ deletePolicy: 'keep' });
    const runner = watches.runner(watch.rule.id);
    await settle(runner);
    const seen = recordActivity(engine);

    // The walk meets each file under both names (as a pass running during a move may), then the old ones go.
    await mkdir(path.join(folder, 'e'));
    for (const name of names)
      await link(path.join(folder, 'd', name), path.join(folder, 'e', name));
    await settle(runner);
    expect((await listBucket(bucket)).size).toBe(2 * FILES);
    await rm(path.join(folder, 'd'), { recursive: true });
    await settle(runner);

    await expectAllUnderE(folder, bucket);
    const done = (action: string) => seen.filter((a) => a.action === action && !a.error);
    expect(done('move')).toHaveLength(FILES);
    expect(
      done('delete')
        .map((a) => a.path)
        .sort(),
    ).toEqual(names.map((n) => `d/${n}`));
    expect([done('upload'), done('download'), seen.filter((a) => a.error)]).toEqual([[], [], []]);
  }, 120_000);

  it('finishes a folder rename a kill -9 cut short: nothing duplicated, nothing lost, nothing sent again', async () => {
    const configDir = tempConfigDir();
    const { folder, bucket, engine } = await rig.setup('twoway-mvkill', { configDir });
    await writeFolder(folder);
    const target = { folder, bucket, prefix: '' };
    const id = cliWatchId(engine, 'environment', target);
    const rule = {
      ...target,
      profileId: 'environment',
      mode: 'two-way' as const,
      stabilityMs: 100,
    };
    await engine.watches.add({ ...rule, deletePolicy: 'keep' }, { persist: false, id });
    await settle(engine.watches.runner(id));
    expect((await listBucket(bucket)).size).toBe(FILES);
    await engine.watches.dispose();

    // The real command (deletes not mirrored), killed once the first object has its new key.
    await rename(path.join(folder, 'd'), path.join(folder, 'e'));
    const child = spawn(
      ferryBin,
      ['watch', folder, `s3://${bucket}`, '--mode', 'two-way', '--stability-ms', '100'],
      { env: { PATH: process.env['PATH'] ?? '', FERRY_CONFIG_DIR: configDir, ...gatewayEnv() } },
    );
    const exited = new Promise((resolve) => child.once('exit', resolve));
    const s3 = rawClient();
    for (;;) {
      const page = await s3.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: 'e/' }));
      if ((page.KeyCount ?? 0) > 0) break;
    }
    child.kill('SIGKILL');
    await exited;
    // Killed mid-move: old keys are still there.
    const atKill = [...(await listBucket(bucket)).keys()];
    expect(atKill.filter((k) => k.startsWith('d/')).length).toBeGreaterThan(0);

    const again = await rig.engine({ configDir });
    const seen = recordActivity(again);
    await again.watches.add({ ...rule, deletePolicy: 'keep' }, { persist: false, id });
    await settle(again.watches.runner(id));

    await expectAllUnderE(folder, bucket);
    const done = (action: string) => seen.filter((a) => a.action === action && !a.error);
    expect([done('upload'), done('download'), seen.filter((a) => a.error)]).toEqual([[], [], []]);
    expect(await again.watches.conflicts(id)).toEqual([]);
  }, 120_000);
});
