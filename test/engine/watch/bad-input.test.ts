import { createHash } from 'node:crypto';
import { mkdir, unlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { GetObjectCommand } from '@aws-sdk/client-s3';
import { describe, expect, it } from 'vitest';
import type { Engine } from '../../../src-main/engine/engine.js';
import { TransferUploadSink } from '../../../src-main/engine/watch/transfer-sink.js';
import type { UploadRequest, UploadSink } from '../../../src-main/engine/watch/upload-sink.js';
import { rawClient, removeBucket } from '../../support/s3.js';
import {
  listBucket,
  nextEvent,
  recordActivity,
  uploadsReach,
  watchRig,
} from '../../support/watch.js';

const rig = watchRig({ stabilityMs: 300 });

/** A sink that lets the test act just before each upload reaches the transfer queue. */
function gatedSink(engine: Engine, before: (r: UploadRequest) => Promise<void>) {
  const inner = new TransferUploadSink(engine.transfers);
  const calls: UploadRequest[] = [];
  const sink: UploadSink = {
    async upload(r) {
      calls.push(r);
      await before(r);
      return inner.upload(r);
    },
  };
  return { sink, calls };
}

describe('watched folders under bad input', () => {
  it('restarts an upload when the file is rewritten mid-upload, publishing only the new version', async () => {
    const { bucket, folder, engine, add } = await rig.setup('midway');
    // Slow the upload down so the rewrite lands while parts are in flight.
    await engine.settings.update({ bandwidthLimit: 4 * 1024 * 1024, partSize: 5 * 1024 * 1024 });
    const seen = recordActivity(engine);
    const watch = await add();
    const file = path.join(folder, 'video.bin');
    const v1 = Buffer.alloc(12 * 1024 * 1024, 1);
    const v2 = Buffer.alloc(12 * 1024 * 1024, 2);
    const sending = nextEvent(engine, 'transfers.progress', (p) =>
      p.items.some((i) => i.bytesDone > 0),
    );
    // The first attempt must end without publishing: cancelled by the newer version, or SourceChanged.
    const abandoned = nextEvent(engine, 'transfers.changed', (c) =>
      c.transfers.some((t) => t.state === 'cancelled' || t.error?.code === 'SourceChanged'),
    );
    // Transfer state changes arrive batched: wait for the published one rather than racing whenIdle().
    const published = nextEvent(engine, 'transfers.changed', (c) =>
      c.transfers.some((t) => t.state === 'done'),
    );
    const finals = new Map<string, string>();
    engine.events.on('transfers.changed', (c) => {
      for (const t of c.transfers) if (t.finishedAt) finals.set(t.id, t.state);
    });
    await writeFile(file, v1);
    await sending;
    await writeFile(file, v2);
    await abandoned;
    await nextEvent(engine, 'watches.activity', (a) => a.action === 'upload');
    await engine.watches.runner(watch.rule.id).whenIdle();
    await published;
    const out = await rawClient().send(new GetObjectCommand({ Bucket: bucket, Key: 'video.bin' }));
    const body = Buffer.from(await out.Body!.transformToByteArray());
    expect(createHash('md5').update(body).digest('hex')).toBe(
      createHash('md5').update(v2).digest('hex'),
    );
    expect(seen.filter((a) => a.action === 'upload')).toHaveLength(1);
    expect([...finals.values()].filter((state) => state === 'done')).toHaveLength(1);
  });

  it('skips a file deleted between detection and upload, and uploads nothing for it', async () => {
    const { bucket, folder, engine, add } = await rig.setup('vanish', {
      sink: (engine) => gatedSink(engine, (r) => unlink(r.file)).sink,
    });
    const skipped = nextEvent(engine, 'watches.activity', (a) => a.action === 'skip');
    await add();
    await writeFile(path.join(folder, 'brief.txt'), 'here and gone');
    const activity = await skipped;
    expect(activity.path).toBe('brief.txt');
    expect(activity.reason).toMatch(/deleted before/);
    expect((await listBucket(bucket)).size).toBe(0);
  });

  it('refuses prefixes with "." or ".." segments and skips file names S3 cannot hold', async () => {
    const { bucket, folder, engine, add } = await rig.setup('names');
    await expect(add({ prefix: 'backups/../etc' })).rejects.toMatchObject({
      code: 'InvalidRequest',
    });
    await expect(add({ prefix: 'a//b' })).rejects.toMatchObject({ code: 'InvalidRequest' });
    const seen = recordActivity(engine);
    const watch = await add({ prefix: 'ok' });
    const deep = path.join(
      folder,
      ...Array.from({ length: 5 }, (_, i) => `${i}${'d'.repeat(220)}`),
    );
    await mkdir(deep, { recursive: true });
    await writeFile(path.join(deep, 'too-long.txt'), 'x');
    await writeFile(path.join(folder, 'line\nbreak.txt'), 'x');
    const fine = uploadsReach(engine, 1);
    await writeFile(path.join(folder, 'fine.txt'), 'x');
    await fine;
    await engine.watches.runner(watch.rule.id).whenIdle();
    const skips = seen.filter((a) => a.action === 'skip');
    expect(skips.map((a) => a.reason).sort()).toEqual([
      expect.stringMatching(/control character/),
      expect.stringMatching(/1,024 bytes/),
    ]);
    expect([...(await listBucket(bucket)).keys()]).toEqual(['ok/fine.txt']);
  });

  it('refuses a watch on a folder that overlaps another watch', async () => {
    const { folder, add } = await rig.setup('overlap');
    await mkdir(path.join(folder, 'sub'));
    await add();
    await expect(add()).rejects.toMatchObject({ code: 'WatchOverlap' });
    await expect(add({ folder: path.join(folder, 'sub') })).rejects.toMatchObject({
      code: 'WatchOverlap',
      message: expect.stringContaining('overlaps'),
    });
    await expect(add({ folder: path.dirname(folder) })).rejects.toMatchObject({
      code: 'WatchOverlap',
    });
  });

  it('stops with a clear status when the bucket is deleted on the server', async () => {
    const { bucket, folder, engine, add } = await rig.setup('nobucket');
    await add();
    const up = uploadsReach(engine, 1);
    await writeFile(path.join(folder, 'one.txt'), '1');
    await up;
    await removeBucket(rawClient(), bucket);
    const stopped = nextEvent(engine, 'watches.status', (s) => s.reason?.code === 'NoSuchBucket');
    await writeFile(path.join(folder, 'two.txt'), '2');
    const status = await stopped;
    expect(status.state).toBe('error');
    expect(status.reason?.hint).toMatch(/create it/);
  });

  it('falls back to polling with a clear message when the OS runs out of watches (ENOSPC)', async () => {
    const { folder, engine, add } = await rig.setup('enospc');
    const watch = await add();
    const runner = engine.watches.runner(watch.rule.id);
    const polling = nextEvent(engine, 'watches.status', (s) => s.watcher === 'polling');
    const exhausted = Object.assign(
      new Error('ENOSPC: System limit for number of file watchers reached'),
      {
        code: 'ENOSPC',
      },
    );
    runner.folderWatcher!.raw.emit('error', exhausted);
    const status = await polling;
    expect(status.reason).toMatchObject({
      code: 'WatcherLimit',
      hint: expect.stringContaining('max_user_watches'),
    });
    const up = nextEvent(engine, 'watches.activity', (a) => a.action === 'upload');
    await writeFile(path.join(folder, 'after.txt'), 'seen by polling');
    expect((await up).path).toBe('after.txt');
  });
});
