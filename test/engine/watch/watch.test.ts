import { randomBytes } from 'node:crypto';
import { appendFile, mkdir, open, rename, rm, unlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { MAX_IN_HAND } from '../../../src-main/engine/watch/pipeline.js';
import { tempConfigDir } from '../../support/engine.js';
import { startFaultProxy } from '../../support/fault-proxy.js';
import { gateway, serverKind } from '../../support/s3.js';
import {
  listBucket,
  nextEvent,
  readObject,
  readObjectBytes,
  recordActivity,
  uploadsReach,
  watchRig,
} from '../../support/watch.js';

const rig = watchRig({ prefix: 'inbox', stabilityMs: 400 });

const uploadsOf = (seen: ReturnType<typeof recordActivity>, rel: string) =>
  seen.filter((a) => a.action === 'upload' && a.path === rel && a.error === null);

describe('watched folders', () => {
  it('uploads a file written slowly over 3 s once, complete', async () => {
    const { bucket, folder, engine, add } = await rig.setup('slow');
    const seen = recordActivity(engine);
    await add({ stabilityMs: 1000 });
    const chunk = 'x'.repeat(4096);
    const full = chunk.length * 20;
    const uploaded = nextEvent(engine, 'watches.activity', (a) => a.action === 'upload');
    const handle = await open(path.join(folder, 'slow.bin'), 'w');
    for (let i = 0; i < 20; i++) {
      await handle.write(chunk);
      await handle.sync();
      // A writer that pauses between chunks (a download, a slow copy): 20 × 150 ms = 3 s.
      await new Promise((resolve) => setTimeout(resolve, 150));
    }
    await handle.close();
    const first = await uploaded;
    expect(first.size).toBe(full);
    await engine.watches
      .runner((await engine.handlers()['watches.list']({}))[0]!.rule.id)
      .whenIdle();
    expect(uploadsOf(seen, 'slow.bin')).toHaveLength(1);
    expect((await listBucket(bucket)).get('inbox/slow.bin')).toBe(full);
  });

  it('uploads 500 files dropped at once exactly once each', async () => {
    const { bucket, folder, engine, add } = await rig.setup('burst');
    const seen = recordActivity(engine);
    const watch = await add();
    const all = uploadsReach(engine, 500);
    await mkdir(path.join(folder, 'a', 'b'), { recursive: true });
    await Promise.all(
      Array.from({ length: 500 }, (_, i) =>
        writeFile(path.join(folder, i % 2 ? 'a/b' : '', `f${i}.txt`), `file ${i}`),
      ),
    );
    await all;
    await engine.watches.runner(watch.rule.id).whenIdle();
    const listed = await listBucket(bucket);
    expect(listed.size).toBe(500);
    const uploads = seen.filter((a) => a.action === 'upload');
    expect(new Set(uploads.map((a) => a.key)).size).toBe(500);
    expect(uploads).toHaveLength(500);
  });

  // Well past MAX_IN_HAND on both; Swift's one Python process takes ~15 ms of CPU per PUT, so fewer there.
  const files = serverKind() === 'swift' ? 1000 : 2000;
  it(`takes at most MAX_IN_HAND files in hand while ${files.toLocaleString('en')} files make a first sync, counts the rest as pending, and lists none once done`, async () => {
    const { bucket, folder, engine, add } = await rig.setup('bounded');
    for (let d = 0; d < 20; d++) await mkdir(path.join(folder, `d${d}`));
    await Promise.all(
      Array.from({ length: files }, (_, i) =>
        writeFile(path.join(folder, `d${i % 20}`, `f${i}.txt`), `file ${i}`),
      ),
    );
    let maxInHand = 0;
    let maxPending = 0;
    const sample = () => {
      const [w] = engine.watches.list();
      if (w) maxInHand = Math.max(maxInHand, engine.watches.runner(w.rule.id).inHand);
    };
    engine.events.on('watches.activity', sample);
    engine.events.on('watches.status', (s) => {
      sample();
      maxPending = Math.max(maxPending, s.pending);
    });
    const seen = recordActivity(engine);
    const all = uploadsReach(engine, files);
    const watch = await add();
    await all;
    await engine.watches.runner(watch.rule.id).whenIdle();
    expect(maxInHand).toBeGreaterThan(0);
    expect(maxInHand).toBeLessThanOrEqual(MAX_IN_HAND);
    // The status still says how much is left, though only paths are held for it.
    expect(maxPending).toBeGreaterThan(MAX_IN_HAND);
    const uploads = seen.filter((a) => a.action === 'upload' && a.error === null);
    expect(uploads).toHaveLength(files);
    expect(new Set(uploads.map((a) => a.key)).size).toBe(files);
    expect((await listBucket(bucket)).size).toBe(files);
    // The transfers list keeps transfers in progress only: 2,000 finished rows would be 100,000 on a big folder.
    expect(engine.transfers.list()).toEqual([]);
  }, 120_000);

  it('catches up on start with changes made while it was stopped, re-uploading nothing unchanged', async () => {
    const configDir = tempConfigDir();
    const first = await rig.setup('catchup', { configDir });
    await writeFile(path.join(first.folder, 'same.txt'), 'unchanged');
    await writeFile(path.join(first.folder, 'edit.txt'), 'version 1');
    const both = uploadsReach(first.engine, 2);
    await first.add();
    await both;
    await first.engine.dispose();

    await writeFile(path.join(first.folder, 'edit.txt'), 'version 2, longer');
    await writeFile(path.join(first.folder, 'new.txt'), 'new while stopped');
    const engine = await rig.engine({ configDir });
    const seen = recordActivity(engine);
    const caughtUp = uploadsReach(engine, 2);
    await engine.watches.startAll();
    await caughtUp;
    const [watch] = engine.watches.list();
    await engine.watches.runner(watch!.rule.id).whenIdle();
    expect(
      seen
        .filter((a) => a.action === 'upload')
        .map((a) => a.path)
        .sort(),
    ).toEqual(['edit.txt', 'new.txt']);
    expect(await readObject(first.bucket, 'inbox/edit.txt')).toBe('version 2, longer');
    expect(engine.watches.list()[0]!.status.counts.indexed).toBe(3);
  });

  it('keeps remote copies when local files are deleted (the default)', async () => {
    const { bucket, folder, engine, add } = await rig.setup('keep');
    const watch = await add();
    const up = uploadsReach(engine, 1);
    await writeFile(path.join(folder, 'precious.txt'), 'keep me');
    await up;
    await unlink(path.join(folder, 'precious.txt'));
    const plan = await engine.watches.syncNow(watch.rule.id, false);
    expect(plan.actions.filter((a) => a.action === 'delete')).toEqual([]);
    expect([...(await listBucket(bucket)).keys()]).toEqual(['inbox/precious.txt']);
  });

  it('honours the default and custom excludes', async () => {
    const { bucket, folder, engine, add } = await rig.setup('excl');
    const seen = recordActivity(engine);
    const watch = await add({ exclude: ['logs/**', '*.bak'] });
    await mkdir(path.join(folder, 'logs'));
    const litter = ['.DS_Store', 'Thumbs.db', 'draft.tmp', '~$report.docx', '.~lock.sheet.ods#'];
    const more = ['movie.part', 'file.crdownload', '.notes.swp', 'x.ferry-partial', 'old.bak'];
    for (const name of [...litter, ...more, 'logs/today.log']) {
      await writeFile(path.join(folder, name), 'litter');
    }
    const up = uploadsReach(engine, 1);
    await writeFile(path.join(folder, 'real.txt'), 'wanted');
    await up;
    await engine.watches.syncNow(watch.rule.id, false);
    await engine.watches.runner(watch.rule.id).whenIdle();
    expect([...(await listBucket(bucket)).keys()]).toEqual(['inbox/real.txt']);
    expect(seen.filter((a) => a.action === 'upload').map((a) => a.path)).toEqual(['real.txt']);
  });

  it('deletes nothing remotely when the watched folder is removed, even with mirror deletes on', async () => {
    const { bucket, folder, engine, add } = await rig.setup('gone');
    const up = uploadsReach(engine, 3);
    const watch = await add({ deletePolicy: 'mirror' });
    for (const n of ['a', 'b', 'c']) await writeFile(path.join(folder, `${n}.txt`), n);
    await up;
    const missing = nextEvent(engine, 'watches.status', (s) => s.reason?.code === 'FolderMissing');
    await rm(folder, { recursive: true, force: true });
    const status = await missing;
    expect(status.state).toBe('error');
    await expect(engine.watches.syncNow(watch.rule.id, false)).rejects.toMatchObject({
      code: 'FolderMissing',
    });
    expect((await listBucket(bucket)).size).toBe(3);
  });

  it('uploads every file of a folder moved in whole, but none of its excluded subfolders', async () => {
    const { bucket, folder, engine, add } = await rig.setup('movein');
    const watch = await add({ exclude: ['cache'] });
    const outside = rig.folder('outside');
    await mkdir(path.join(outside, 'album', 'day2'), { recursive: true });
    await mkdir(path.join(outside, 'album', 'cache'));
    for (const name of ['a.jpg', 'b.jpg', 'day2/c.jpg', 'cache/thumb.jpg']) {
      await writeFile(path.join(outside, 'album', name), name);
    }
    const all = uploadsReach(engine, 3);
    await rename(path.join(outside, 'album'), path.join(folder, 'album'));
    await all;
    await engine.watches.runner(watch.rule.id).whenIdle();
    expect([...(await listBucket(bucket)).keys()].sort()).toEqual([
      'inbox/album/a.jpg',
      'inbox/album/b.jpg',
      'inbox/album/day2/c.jpg',
    ]);
  });

  it('copies a file renamed inside the folder server-side instead of uploading it again', async () => {
    const proxy = await startFaultProxy({ target: gateway().endpoint });
    rig.defer(() => proxy.close());
    const { bucket, folder, engine, add } = await rig.setup('rename', {
      env: { AWS_ENDPOINT_URL: proxy.endpoint },
    });
    const watch = await add();
    const body = randomBytes(256 * 1024);
    const first = uploadsReach(engine, 1);
    await writeFile(path.join(folder, 'draft.bin'), body);
    await first;
    await engine.watches.runner(watch.rule.id).whenIdle();
    const before = { ...proxy.stats, log: proxy.stats.log.length };

    const moved = nextEvent(engine, 'watches.activity', (a) => a.path === 'final.bin');
    await rename(path.join(folder, 'draft.bin'), path.join(folder, 'final.bin'));
    expect(await moved).toMatchObject({ action: 'upload', reason: 'copied from inbox/draft.bin' });
    await engine.watches.runner(watch.rule.id).whenIdle();
    const puts = proxy.stats.log.slice(before.log).filter((r) => r.method === 'PUT');
    expect(puts.map((r) => r.url.split('?')[0])).toEqual([`/${bucket}/inbox/final.bin`]);
    expect(proxy.stats.bytesUp - before.bytesUp).toBeLessThan(body.length);
    const listed = await listBucket(bucket);
    expect([...listed.keys()].sort()).toEqual(['inbox/draft.bin', 'inbox/final.bin']);
    expect(Buffer.from(await readObjectBytes(bucket, 'inbox/final.bin')).equals(body)).toBe(true);
  });

  it('copies the files of a folder renamed inside the watch, and uploads an edited one', async () => {
    const { bucket, folder, engine, add } = await rig.setup('renamedir');
    const watch = await add();
    await mkdir(path.join(folder, 'trip', 'day1'), { recursive: true });
    const all = uploadsReach(engine, 3);
    for (const name of ['a.jpg', 'b.jpg', 'day1/c.jpg']) {
      await writeFile(path.join(folder, 'trip', name), `photo ${name}`);
    }
    await all;
    await engine.watches.runner(watch.rule.id).whenIdle();
    const seen = recordActivity(engine);

    const again = uploadsReach(engine, 3);
    await rename(path.join(folder, 'trip'), path.join(folder, 'holiday'));
    await appendFile(path.join(folder, 'holiday', 'b.jpg'), ' retouched');
    await again;
    await engine.watches.runner(watch.rule.id).whenIdle();
    const reasons = Object.fromEntries(
      seen.filter((a) => a.action === 'upload').map((a) => [a.path, a.reason]),
    );
    expect(reasons).toEqual({
      'holiday/a.jpg': 'copied from inbox/trip/a.jpg',
      'holiday/b.jpg': 'uploaded',
      'holiday/day1/c.jpg': 'copied from inbox/trip/day1/c.jpg',
    });
    expect(await readObject(bucket, 'inbox/holiday/day1/c.jpg')).toBe('photo day1/c.jpg');
    expect(await readObject(bucket, 'inbox/holiday/b.jpg')).toBe('photo b.jpg retouched');
  });

  it('uploads files of a subfolder deleted and created again at once', async () => {
    const { bucket, folder, engine, add } = await rig.setup('recreate');
    const watch = await add();
    await mkdir(path.join(folder, 'build'));
    const first = uploadsReach(engine, 1);
    await writeFile(path.join(folder, 'build', 'old.txt'), 'old');
    await first;
    const second = uploadsReach(engine, 1);
    await rm(path.join(folder, 'build'), { recursive: true });
    await mkdir(path.join(folder, 'build'));
    await writeFile(path.join(folder, 'build', 'new.txt'), 'new');
    await second;
    // A file written into the new folder later still comes through its own watch.
    const third = uploadsReach(engine, 1);
    await writeFile(path.join(folder, 'build', 'later.txt'), 'later');
    await third;
    await engine.watches.runner(watch.rule.id).whenIdle();
    expect([...(await listBucket(bucket)).keys()].sort()).toEqual([
      'inbox/build/later.txt',
      'inbox/build/new.txt',
      'inbox/build/old.txt',
    ]);
  });
});
