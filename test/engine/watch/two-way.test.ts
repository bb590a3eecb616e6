import { readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import {
  CopyObjectCommand,
  DeleteObjectCommand,
  ListMultipartUploadsCommand,
  PutObjectCommand,
  type S3Client,
} from '@aws-sdk/client-s3';
import { describe, expect, it } from 'vitest';
import type { WatchRunner } from '../../../src-main/engine/watch/runner.js';
import { TransferUploadSink } from '../../../src-main/engine/watch/transfer-sink.js';
import { tempConfigDir } from '../../support/engine.js';
import { startFaultProxy } from '../../support/fault-proxy.js';
import { gateway, rawClient } from '../../support/s3.js';
import {
  listBucket,
  nextEvent,
  readObject,
  recordActivity,
  watchRig,
} from '../../support/watch.js';

const rig = watchRig({ stabilityMs: 100, mode: 'two-way', deletePolicy: 'mirror' });
const s3 = rawClient();

const put = (bucket: string, key: string, body: string) =>
  s3.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: body }));
const del = (bucket: string, key: string) =>
  s3.send(new DeleteObjectCommand({ Bucket: bucket, Key: key }));
async function renameRemote(bucket: string, from: string, to: string) {
  await s3.send(
    new CopyObjectCommand({ Bucket: bucket, Key: to, CopySource: `${bucket}/${from}` }),
  );
  await del(bucket, from);
}

/** Every file of the folder: path → content (a conflict copy's time stamp shown as `(conflict)`). */
async function localState(folder: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const name of await readdir(folder, { recursive: true })) {
    const file = path.join(folder, name);
    const text = await readFile(file, 'utf8').catch(() => undefined);
    if (text !== undefined) out[name.replace(/ \(conflict [^)]*\)/, ' (conflict)')] = text;
  }
  return out;
}

async function remoteState(bucket: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const key of (await listBucket(bucket)).keys()) out[key] = await readObject(bucket, key);
  return out;
}

async function until(ready: () => boolean): Promise<void> {
  while (!ready()) await new Promise((resolve) => setTimeout(resolve, 10));
}

/**
 * Runs passes until one has listed the bucket, doing `meanwhile` between that listing's answer and the pass
 * reading it (something happening while a LIST is in flight); then waits the pass's uploads out.
 */
async function passListingThen(
  runner: WatchRunner,
  client: S3Client,
  meanwhile: () => Promise<unknown>,
): Promise<void> {
  let armed = true;
  client.middlewareStack.add(
    (next, context) => async (args) => {
      const out = await next(args);
      if (armed && context.commandName === 'ListObjectsV2Command') {
        armed = false;
        await meanwhile();
      }
      return out;
    },
    { step: 'initialize', name: `listingThen${Date.now()}` },
  );
  while (armed) await runner.syncNow(false);
  await runner.whenIdle();
}

/** Two passes, each waited out with its uploads: local events may start a pass while a test edits. */
async function settle(runner: WatchRunner): Promise<void> {
  for (let i = 0; i < 2; i++) {
    await runner.syncNow(false);
    await runner.whenIdle();
  }
}

describe('two-way watched folder', () => {
  it('keeps folder and bucket in step through creates, edits, deletes and renames on either side or both', async () => {
    const { folder, bucket, engine, watches, add } = await rig.setup('twoway-matrix');
    const names = [
      'l-mod',
      'l-del',
      'l-ren',
      'r-mod',
      'r-del',
      'r-ren',
      'b-mod',
      'b-mod-same',
      'lmod-rdel',
      'ldel-rmod',
      'b-del',
      'lren-rmod',
      'lmod-rren',
      'b-ren',
    ];
    for (const n of names) await writeFile(path.join(folder, `${n}.txt`), `v1 of ${n}`);
    const watch = await add();
    const runner = watches.runner(watch.rule.id);
    await settle(runner);
    expect(Object.keys(await remoteState(bucket))).toHaveLength(names.length);
    const seen = recordActivity(engine);

    // The bucket's side first, then the folder's: a pass a local event starts then sees both.
    await put(bucket, 'r-new.txt', 'remote new');
    await put(bucket, 'r-mod.txt', 'remote v2 of r-mod');
    await del(bucket, 'r-del.txt');
    await renameRemote(bucket, 'r-ren.txt', 'r-ren-2.txt');
    await put(bucket, 'b-new-diff.txt', 'created remotely');
    await put(bucket, 'b-new-same.txt', 'same on both');
    await put(bucket, 'b-mod.txt', 'remote edit of b-mod');
    await put(bucket, 'b-mod-same.txt', 'one edit made twice');
    await del(bucket, 'lmod-rdel.txt');
    await put(bucket, 'ldel-rmod.txt', 'remote edit wins');
    await del(bucket, 'b-del.txt');
    await put(bucket, 'lren-rmod.txt', 'remote edit of lren-rmod');
    await renameRemote(bucket, 'lmod-rren.txt', 'lmod-rren-2.txt');
    await renameRemote(bucket, 'b-ren.txt', 'b-ren-2.txt');

    const at = (n: string) => path.join(folder, n);
    await writeFile(at('l-new.txt'), 'local new');
    await writeFile(at('l-mod.txt'), 'local v2 of l-mod');
    await rm(at('l-del.txt'));
    await rename(at('l-ren.txt'), at('l-ren-2.txt'));
    await writeFile(at('b-new-diff.txt'), 'created locally, differently');
    await writeFile(at('b-new-same.txt'), 'same on both');
    await writeFile(at('b-mod.txt'), 'local edit of b-mod, longer');
    await writeFile(at('b-mod-same.txt'), 'one edit made twice');
    await writeFile(at('lmod-rdel.txt'), 'local edit wins over a remote delete');
    await rm(at('ldel-rmod.txt'));
    await rm(at('b-del.txt'));
    await rename(at('lren-rmod.txt'), at('lren-rmod-2.txt'));
    await writeFile(at('lmod-rren.txt'), 'local edit of lmod-rren');
    await rename(at('b-ren.txt'), at('b-ren-2.txt'));
    await settle(runner);

    const synced = {
      'l-new.txt': 'local new',
      'l-mod.txt': 'local v2 of l-mod',
      'l-ren-2.txt': 'v1 of l-ren',
      'r-new.txt': 'remote new',
      'r-mod.txt': 'remote v2 of r-mod',
      'r-ren-2.txt': 'v1 of r-ren',
      'b-new-same.txt': 'same on both',
      'b-mod-same.txt': 'one edit made twice',
      'lmod-rdel.txt': 'local edit wins over a remote delete',
      'ldel-rmod.txt': 'remote edit wins',
      'lren-rmod.txt': 'remote edit of lren-rmod',
      'lren-rmod-2.txt': 'v1 of lren-rmod',
      'lmod-rren.txt': 'local edit of lmod-rren',
      'lmod-rren-2.txt': 'v1 of lmod-rren',
      'b-ren-2.txt': 'v1 of b-ren',
    };
    // Conflicts: the local file stays at its name, the remote version is saved beside it (not uploaded).
    expect(await localState(folder)).toEqual({
      ...synced,
      'b-new-diff.txt': 'created locally, differently',
      'b-new-diff (conflict).txt': 'created remotely',
      'b-mod.txt': 'local edit of b-mod, longer',
      'b-mod (conflict).txt': 'remote edit of b-mod',
    });
    expect(await remoteState(bucket)).toEqual({
      ...synced,
      'b-new-diff.txt': 'created remotely',
      'b-mod.txt': 'remote edit of b-mod',
    });
    const conflicts = await watches.conflicts(watch.rule.id);
    expect(conflicts.map((c) => c.path).sort()).toEqual(['b-mod.txt', 'b-new-diff.txt']);
    expect(runner.book.counts.conflicts).toBe(2);
    // Renames were moves, not uploads and downloads of the same bytes.
    const moves = seen.filter((a) => a.action === 'move' && !a.error).map((a) => a.path);
    expect(moves.sort()).toEqual(['l-ren-2.txt', 'r-ren-2.txt']);
  });

  it('lists conflicts across a restart and resolves each the way the user chose', async () => {
    const configDir = tempConfigDir();
    const { folder, bucket, watches, add } = await rig.setup('twoway-conflicts', { configDir });
    const names = ['c-local', 'c-remote', 'c-both', 'c-gone'];
    for (const n of names) await writeFile(path.join(folder, `${n}.txt`), `v1 of ${n}`);
    const watch = await add();
    const id = watch.rule.id;
    await settle(watches.runner(id));
    for (const n of names) await put(bucket, `${n}.txt`, `remote ${n}`);
    for (const n of names) await writeFile(path.join(folder, `${n}.txt`), `local edit of ${n}`);
    await settle(watches.runner(id));
    expect((await watches.conflicts(id)).map((c) => c.path).sort()).toEqual(
      names.map((n) => `${n}.txt`).sort(),
    );

    // A new engine on the same configuration finds the conflicts where the last one left them.
    await watches.dispose();
    const engine = await rig.engine({ configDir });
    await engine.watches.startAll();
    const runner = engine.watches.runner(id);
    await settle(runner);
    const open = await engine.watches.conflicts(id);
    expect(open).toHaveLength(4);
    expect(runner.book.counts.conflicts).toBe(4);
    const of = (n: string) => open.find((c) => c.path === `${n}.txt`)!;
    expect(of('c-both')).toMatchObject({ watchId: id, key: 'c-both.txt' });

    await rm(path.join(folder, of('c-gone').conflictPath));
    await engine.watches.resolveConflict(id, of('c-local').id, 'local');
    await engine.watches.resolveConflict(id, of('c-remote').id, 'remote');
    const left = await engine.watches.resolveConflict(id, of('c-both').id, 'both');
    await expect(
      engine.watches.resolveConflict(id, of('c-local').id, 'remote'),
    ).rejects.toMatchObject({ code: 'ConflictNotFound', key: 'watch.conflictNotFound' });
    await settle(runner);
    // c-gone may be closed already: deleting its copy started a pass.
    expect(left.map((c) => c.path).filter((p) => p !== 'c-gone.txt')).toEqual([]);
    expect(await engine.watches.conflicts(id)).toEqual([]);
    expect(runner.book.counts.conflicts).toBe(0);

    const both = {
      'c-local.txt': 'local edit of c-local',
      'c-remote.txt': 'remote c-remote',
      'c-both.txt': 'local edit of c-both',
      'c-both (conflict).txt': 'remote c-both',
      // Its saved copy deleted by hand: the local version stayed, and went up.
      'c-gone.txt': 'local edit of c-gone',
    };
    expect(await localState(folder)).toEqual(both);
    const remote = await remoteState(bucket);
    expect(
      Object.fromEntries(
        Object.entries(remote).map(([k, v]) => [
          k.replace(/ \(conflict [^)]*\)/, ' (conflict)'),
          v,
        ]),
      ),
    ).toEqual(both);
  });
  it('leaves a file alone when its upload ends while the bucket is being listed (no delete read into it)', async () => {
    // The upload of late.txt waits at a gate the test opens from inside the next pass's listing: the listing
    // is taken before the object exists, the index records the upload before the pass plans.
    let open!: () => void;
    const gate = new Promise<void>((resolve) => (open = resolve));
    const sent: string[] = [];
    const { folder, bucket, engine, watches, add } = await rig.setup('twoway-race', {
      sink: (e) => {
        const inner = new TransferUploadSink(e.transfers);
        return {
          async upload(r) {
            sent.push(r.key);
            if (r.key === 'late.txt') await gate;
            return inner.upload(r);
          },
        };
      },
    });
    for (let i = 0; i < 12; i++) await writeFile(path.join(folder, `f-${i}.txt`), `file ${i}`);
    const watch = await add();
    const runner = watches.runner(watch.rule.id);
    await settle(runner);

    const seen = recordActivity(engine);
    const late = path.join(folder, 'late.txt');
    await writeFile(late, 'uploaded while the bucket was listed');
    const { ino } = await stat(late);
    void runner.syncNow(false).catch(() => {});
    await until(() => sent.includes('late.txt'));
    // The next pass lists while the upload is held.
    await passListingThen(runner, await engine.profiles.client('environment'), async () => {
      open();
      await until(() => runner.index.get('late.txt') !== undefined);
    });
    await settle(runner);

    // Never deleted (and brought back by a later pass): the same file, and no local delete at all.
    expect(seen.filter((a) => a.action === 'delete-local')).toEqual([]);
    expect((await stat(late)).ino).toBe(ino);
    expect(await readFile(late, 'utf8')).toBe('uploaded while the bucket was listed');
    expect(await readObject(bucket, 'late.txt')).toBe('uploaded while the bucket was listed');
    expect(Object.keys(await remoteState(bucket))).toHaveLength(13);
  });

  it('never replaces an edit made in the bucket after its pass listed it: both are kept', async () => {
    const { folder, bucket, engine, watches, add } = await rig.setup('twoway-edit-race');
    const file = path.join(folder, 'f.txt');
    await writeFile(file, 'v1');
    const watch = await add();
    const runner = watches.runner(watch.rule.id);
    await settle(runner);

    // Edited here; and, once the next pass has listed the bucket, edited there too (another machine).
    await writeFile(file, 'local v2, longer');
    await passListingThen(runner, await engine.profiles.client('environment'), () =>
      put(bucket, 'f.txt', 'remote v2'),
    );
    await settle(runner);

    expect(await readObject(bucket, 'f.txt')).toBe('remote v2');
    expect(await localState(folder)).toEqual({
      'f.txt': 'local v2, longer',
      'f (conflict).txt': 'remote v2',
    });
    expect((await watches.conflicts(watch.rule.id)).map((c) => c.path)).toEqual(['f.txt']);
  });
  it('leaves alone both ways a file the bucket holds but the folder cannot (a backslash, a name that is also a folder)', async () => {
    const { folder, bucket, engine, add } = await rig.setup('twoway-unwritable');
    const seen = recordActivity(engine);
    // Twelve ordinary files, so one delete would be within the cap.
    for (let i = 0; i < 12; i++) await writeFile(path.join(folder, `f-${i}.txt`), `file ${i}`);
    await writeFile(path.join(folder, 'notes\\2026.txt'), 'precious');
    await put(bucket, 'col/sub', 'an object named like a folder');
    await put(bucket, 'col/sub/x.txt', 'inside it');
    const watch = await add();
    const runner = engine.watches.runner(watch.rule.id);
    for (let i = 0; i < 3; i++) await settle(runner);

    // The file with a backslash went up once and stays here: never deleted, never uploaded again.
    expect(await readFile(path.join(folder, 'notes\\2026.txt'), 'utf8')).toBe('precious');
    expect(await readObject(bucket, 'notes\\2026.txt')).toBe('precious');
    const ups = seen.filter((a) => a.action === 'upload' && a.path === 'notes\\2026.txt');
    expect(ups).toHaveLength(1);
    expect(seen.filter((a) => a.action === 'delete-local')).toEqual([]);
    // `col/sub` cannot be a file beside the folder `col/sub/`: skipped, and no `sub (1)` either side.
    const local = await localState(folder);
    expect(Object.keys(local).filter((n) => n.startsWith('col'))).toEqual([
      path.join('col', 'sub', 'x.txt'),
    ]);
    expect(local[path.join('col', 'sub', 'x.txt')]).toBe('inside it');
    const keys = [...(await listBucket(bucket)).keys()].filter((k) => k.startsWith('col'));
    expect(keys.sort()).toEqual(['col/sub', 'col/sub/x.txt']);
    expect(seen.some((a) => a.action === 'skip' && a.path === 'col/sub')).toBe(true);
  });

  it('takes in a conflict resolved by another Ferry process while it runs (ferry watch resolve)', async () => {
    const configDir = tempConfigDir();
    const { folder, bucket, watches, add } = await rig.setup('twoway-elsewhere', { configDir });
    await writeFile(path.join(folder, 'c.txt'), 'v1');
    const watch = await add();
    const id = watch.rule.id;
    const runner = watches.runner(id);
    await settle(runner);
    await put(bucket, 'c.txt', 'remote edit');
    await writeFile(path.join(folder, 'c.txt'), 'local edit, longer');
    await settle(runner);
    const [conflict] = await watches.conflicts(id);
    expect(conflict).toBeDefined();

    // Another process (the CLI) on the same configuration resolves it, keeping both.
    const other = await rig.engine({ configDir });
    expect(await other.watches.resolveConflict(id, conflict!.id, 'both')).toEqual([]);

    for (let i = 0; i < 2; i++) await settle(runner);
    expect(await watches.conflicts(id)).toEqual([]);
    expect(await readObject(bucket, 'c.txt')).toBe('local edit, longer');
    expect(await readObject(bucket, conflict!.conflictPath)).toBe('remote edit');
  });
  it('keeps a bucket edit made while a big upload waited out a failure, leaving no unfinished upload', async () => {
    let bucket = '';
    let edited: Promise<unknown> | undefined;
    // The first try of the second part is cut, which ends the attempt; the bucket is edited meanwhile.
    const proxy = await startFaultProxy({
      target: gateway().endpoint,
      plan: (r) => {
        if (r.method !== 'PUT' || !r.url.includes('partNumber=2') || edited) return 'pass';
        edited = put(bucket, 'big.bin', 'edited in the bucket');
        return 'reset';
      },
    });
    rig.defer(() => proxy.close());
    const setup = await rig.setup('twoway-big-raced', {
      env: { AWS_ENDPOINT_URL: proxy.endpoint },
      transfers: { retry: { attempts: 1, baseMs: 1, maxMs: 1 } },
    });
    bucket = setup.bucket;
    const { folder, engine, watches, add } = setup;
    await writeFile(path.join(folder, 'big.bin'), 'v1');
    const watch = await add();
    await settle(watches.runner(watch.rule.id));
    const conflict = nextEvent(engine, 'watches.activity', (a) => a.action === 'conflict');
    await writeFile(path.join(folder, 'big.bin'), randomBytes(20 * 1024 * 1024));
    expect((await conflict).path).toBe('big.bin');
    await edited;
    expect(await readObject(bucket, 'big.bin')).toBe('edited in the bucket');
    const open = await s3.send(new ListMultipartUploadsCommand({ Bucket: bucket }));
    expect(open.Uploads ?? []).toEqual([]);
  }, 30_000);
});
