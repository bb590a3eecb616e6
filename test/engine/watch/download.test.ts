import { readdir, readFile, rm, utimes, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { DeleteBucketCommand, DeleteObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { describe, expect, it } from 'vitest';
import type { WatchRunner } from '../../../src-main/engine/watch/runner.js';
import { rawClient } from '../../support/s3.js';
import { runFerry } from '../../support/cli.js';
import { tempConfigDir } from '../../support/engine.js';
import { listBucket, recordActivity, watchRig } from '../../support/watch.js';

const rig = watchRig({ stabilityMs: 100, deletePolicy: 'mirror' });
const s3 = rawClient();

const put = (bucket: string, key: string, body: string) =>
  s3.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: body }));
const del = (bucket: string, key: string) =>
  s3.send(new DeleteObjectCommand({ Bucket: bucket, Key: key }));

async function localState(folder: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const name of await readdir(folder, { recursive: true })) {
    const text = await readFile(path.join(folder, name), 'utf8').catch(() => undefined);
    if (text !== undefined) out[name.replace(/ \(conflict [^)]*\)/, ' (conflict)')] = text;
  }
  return out;
}

async function settle(runner: WatchRunner) {
  const plan = await runner.syncNow(false);
  await runner.whenIdle();
  return plan;
}

describe('download-only watched folder', () => {
  it('brings the bucket into the folder, uploads nothing, and costs one LIST when nothing changed', async () => {
    const configDir = tempConfigDir();
    const { folder, bucket, engine, watches, add } = await rig.setup('down-basics', { configDir });
    await put(bucket, 'a.txt', 'remote a');
    await put(bucket, 'dir/b.txt', 'remote b');
    await put(bucket, 'c.txt', 'remote c');
    await put(bucket, 'edited.txt', 'remote edited v1');
    await writeFile(path.join(folder, 'mine.txt'), 'only here');
    const watch = await add({ mode: 'download' });
    const runner = watches.runner(watch.rule.id);
    await settle(runner);
    expect(runner.book.counts.downloaded).toBe(4);

    // Nothing changed: one LIST page, no GET, no HEAD.
    const sent: string[] = [];
    const client = await engine.profiles.client('environment');
    client.middlewareStack.add(
      (next, context) => (args) => {
        sent.push(context.commandName ?? '?');
        return next(args);
      },
      { step: 'initialize', name: 'countRequests' },
    );
    const quiet = await settle(runner);
    expect(quiet.actions).toEqual([]);
    expect(sent).toEqual(['ListObjectsV2Command']);
    expect(runner.book.counts.downloaded).toBe(4);

    await put(bucket, 'a.txt', 'remote a, second version');
    await del(bucket, 'dir/b.txt');
    await del(bucket, 'c.txt');
    await writeFile(path.join(folder, 'c.txt'), 'edited here, deleted there');
    await put(bucket, 'edited.txt', 'remote edited v2');
    await writeFile(path.join(folder, 'edited.txt'), 'local edit, longer than v1');
    await settle(runner);
    expect(await localState(folder)).toEqual({
      'a.txt': 'remote a, second version',
      // A remote delete removes only a file nobody changed here.
      'c.txt': 'edited here, deleted there',
      'edited.txt': 'local edit, longer than v1',
      'edited (conflict).txt': 'remote edited v2',
      'mine.txt': 'only here',
    });
    expect([...(await listBucket(bucket)).keys()].sort()).toEqual(['a.txt', 'edited.txt']);
    const [conflict] = await watches.conflicts(watch.rule.id);
    expect(conflict).toMatchObject({
      path: 'edited.txt',
      remote: { size: 16, lastModified: expect.any(String) },
    });
    // The command line reads the open conflicts of a watch it does not run.
    const cli = await runFerry(['watch', 'conflicts', watch.rule.id, '--json'], configDir);
    expect(JSON.parse(cli.stdout)).toEqual([conflict]);
    // Keeping the local version in a download watch uploads nothing: the saved copy goes, the file stays.
    await watches.resolveConflict(watch.rule.id, conflict!.id, 'local');
    await settle(runner);
    expect(Object.keys(await localState(folder)).sort()).toEqual([
      'a.txt',
      'c.txt',
      'edited.txt',
      'mine.txt',
    ]);
    expect(await readFile(path.join(folder, 'edited.txt'), 'utf8')).toBe(
      'local edit, longer than v1',
    );

    // Two-way from now on, on the same baseline: only what the bucket lacks goes up.
    const seen = recordActivity(engine);
    await watches.update(watch.rule.id, { mode: 'two-way' });
    const twoWay = watches.runner(watch.rule.id);
    await settle(twoWay);
    await settle(twoWay);
    const uploads = seen.filter((a) => a.action === 'upload' && !a.error).map((a) => a.path);
    expect(uploads.sort()).toEqual(['c.txt', 'edited.txt', 'mine.txt']);
    expect(seen.filter((a) => a.action === 'download')).toEqual([]);
  }, 60_000);
});

describe('a download-only watch facing local edits', () => {
  it('says how many edited files it keeps, and counts none once they match the bucket or are gone', async () => {
    const { folder, bucket, add, watches } = await rig.setup('down-kept');
    await put(bucket, 'notes.txt', 'bucket notes');
    await put(bucket, 'plan.txt', 'bucket plan');
    await put(bucket, 'touched.txt', 'bucket touched');
    const watch = await add({ mode: 'download', deletePolicy: 'keep' });
    const runner = watches.runner(watch.rule.id);
    await settle(runner);
    expect(runner.book.status.counts.keptLocal).toBe(0);
    const agreed = runner.book.status.lastSyncAt;
    expect(agreed).not.toBeNull();

    await writeFile(path.join(folder, 'notes.txt'), 'my own notes, longer');
    // Same size as the object, other bytes: only the content tells.
    await writeFile(path.join(folder, 'plan.txt'), 'BUCKET PLAN');
    // A new mtime over the same bytes is no edit.
    await utimes(path.join(folder, 'touched.txt'), new Date(), new Date(Date.now() + 5000));
    const plan = await settle(runner);
    expect(plan.actions).toEqual([]);
    // The two sides differ: they last agreed before this pass.
    expect(runner.book.status).toMatchObject({
      state: 'idle',
      counts: { keptLocal: 2 },
      lastSyncAt: agreed,
    });
    expect(await localState(folder)).toEqual({
      'notes.txt': 'my own notes, longer',
      'plan.txt': 'BUCKET PLAN',
      'touched.txt': 'bucket touched',
    });
    // Part of the status the window and the CLI read, not only the runner's.
    const pushed = watches.list().find((w) => w.rule.id === watch.rule.id)!;
    expect(pushed.status.counts.keptLocal).toBe(2);

    // Put back as the bucket has it: in step again, nothing to download.
    await writeFile(path.join(folder, 'plan.txt'), 'bucket plan');
    await settle(runner);
    expect(runner.book.status.counts.keptLocal).toBe(1);
    // Removed: the bucket's version comes back.
    await rm(path.join(folder, 'notes.txt'));
    await settle(runner);
    expect(runner.book.status.counts.keptLocal).toBe(0);
    expect(runner.book.status.lastSyncAt).not.toBe(agreed);
    expect(await readFile(path.join(folder, 'notes.txt'), 'utf8')).toBe('bucket notes');
  }, 60_000);
});

describe('delete guards of a two-way watch', () => {
  const files = ['one.txt', 'two.txt', 'three.txt'];

  async function synced(label: string, extra = {}) {
    const setup = await rig.setup(label);
    for (const f of files) await writeFile(path.join(setup.folder, f), `content of ${f}`);
    const watch = await setup.add({ mode: 'two-way', ...extra });
    const runner = setup.watches.runner(watch.rule.id);
    await settle(runner);
    expect([...(await listBucket(setup.bucket)).keys()]).toHaveLength(3);
    return { ...setup, runner };
  }

  it('deletes nothing in the bucket when the folder is emptied', async () => {
    const { folder, bucket, runner } = await synced('guard-empty-folder');
    for (const f of files) await rm(path.join(folder, f));
    const plan = await settle(runner);
    expect(plan.deletesHeldBack).toBe(3);
    expect(runner.book.status.deletesAwaitingConfirmation).toBe(3);
    expect([...(await listBucket(bucket)).keys()].sort()).toEqual(files.slice().sort());
  });

  it('deletes nothing in the folder when the listing comes back empty, or fails', async () => {
    const { folder, bucket, runner } = await synced('guard-empty-list');
    for (const f of files) await del(bucket, f);
    const plan = await settle(runner);
    expect(plan.deletesHeldBack).toBe(3);
    expect((await readdir(folder)).sort()).toEqual(files.slice().sort());
    await s3.send(new DeleteBucketCommand({ Bucket: bucket }));
    await expect(runner.syncNow(false)).rejects.toMatchObject({ code: 'NoSuchBucket' });
    expect((await readdir(folder)).sort()).toEqual(files.slice().sort());
  });

  it('without mirror deletes, a file deleted on one side comes back from the other', async () => {
    const { folder, bucket, runner } = await synced('guard-keep', { deletePolicy: 'keep' });
    await rm(path.join(folder, 'one.txt'));
    await del(bucket, 'two.txt');
    await settle(runner);
    await runner.whenIdle();
    expect((await readdir(folder)).sort()).toEqual(files.slice().sort());
    expect([...(await listBucket(bucket)).keys()].sort()).toEqual(files.slice().sort());
  });
});
