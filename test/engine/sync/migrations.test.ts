import { cp, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import {
  CreateBucketCommand,
  DeleteBucketCommand,
  DeleteObjectCommand,
  HeadObjectCommand,
  PutObjectCommand,
} from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { MigrationStatus } from '../../../src-shared/contract/index.js';
import type { Engine } from '../../../src-main/engine/engine.js';
import { expectKeyExactCopy, seedAwkward } from '../../support/awkward-keys.js';
import { startFaultProxy, type FaultProxy } from '../../support/fault-proxy.js';
import { call, failureOf, gatewayEngine } from '../../support/gateway-engine.js';
import { tempConfigDir, testEngine, testProfile } from '../../support/engine.js';
import { createTestBucket, gateway, gatewayEnv, keysOf, rawClient } from '../../support/s3.js';

type Bucket = Awaited<ReturnType<typeof createTestBucket>>;

/** Saves a profile for another connection (the same server behind a proxy, or the peer server). */
async function addProfile(
  engine: Engine,
  id: string,
  server: { endpoint: string; accessKey: string; secretKey: string },
): Promise<void> {
  await engine.profiles.put(
    testProfile(server.endpoint, { id, name: id, accessKeyId: server.accessKey }),
    server.secretKey,
  );
}

/** Every progress event of one engine, in order. */
function recordProgress(engine: Engine): MigrationStatus[] {
  const seen: MigrationStatus[] = [];
  engine.events.on('migrations.progress', (s) => seen.push(s));
  return seen;
}

describe('migrations between buckets', () => {
  const client = rawClient();
  let source: Bucket;
  let target: Bucket;
  let engine: Engine;
  const cleanup: (() => Promise<unknown>)[] = [];
  const side = (profileId: string, bucket: string, prefix = '') => ({ profileId, bucket, prefix });

  beforeAll(async () => {
    source = await createTestBucket('migsrc');
    target = await createTestBucket('migdst');
    engine = await gatewayEngine();
    for (let i = 0; i < 12; i++) {
      await client.send(
        new PutObjectCommand({
          Bucket: source.name,
          Key: `photos/${String(i).padStart(2, '0')}.jpg`,
          Body: `photo ${i}`,
          ContentType: 'image/jpeg',
          Metadata: { camera: 'x100' },
        }),
      );
    }
  });
  afterAll(async () => {
    await engine.dispose();
    for (const c of cleanup) await c();
    await source.remove();
    await target.remove();
  });

  it('plans without writing, copies on one connection with progress, then finds nothing to do', async () => {
    const request = {
      source: side('environment', source.name, 'photos'),
      target: side('environment', target.name, 'same/'),
    };
    const plan = await call(engine, 'migrations.plan', request);
    expect(plan).toMatchObject({ copies: 12, copyBytes: 12 * 7 + 2, unchanged: 0, skips: 0 });
    expect(plan.sample[0]).toMatchObject({ action: 'copy', key: 'photos/00.jpg', reason: 'new' });
    expect(await keysOf(client, target.name)).toEqual([]);

    const progress = recordProgress(engine);
    const started = await call(engine, 'migrations.start', request);
    expect(started.state).toBe('planning');
    const end = (await engine.migrations.whenDone(started.id))!;
    expect(end).toMatchObject({
      state: 'done',
      done: { copies: 12, bytes: plan.copyBytes, failed: 0 },
      failures: [],
      error: null,
    });
    expect(progress.map((p) => p.state)).toContain('copying');
    expect(progress.at(-1)?.state).toBe('done');
    expect(await keysOf(client, target.name, 'same/')).toHaveLength(12);
    const head = await client.send(
      new HeadObjectCommand({ Bucket: target.name, Key: 'same/05.jpg' }),
    );
    expect(head.ContentType).toBe('image/jpeg');
    expect(head.Metadata).toEqual({ camera: 'x100' });

    const again = await call(engine, 'migrations.plan', request);
    expect(again).toMatchObject({ copies: 0, unchanged: 12 });
    const list = await call(engine, 'migrations.list', {});
    expect(list[0]).toMatchObject({ id: started.id, state: 'done' });
  });

  it('copies keys no file could be named ("..", ".", "//", folder markers with content) byte for byte, and ends as done', async () => {
    const stored = await seedAwkward(client, source.name, 'awk/');
    const request = {
      source: side('environment', source.name, 'awk/'),
      target: side('environment', target.name, 'awk-copy/'),
    };
    const plan = await call(engine, 'migrations.plan', request);
    expect(plan).toMatchObject({ copies: stored.size, skips: 0 });
    const started = await call(engine, 'migrations.start', request);
    const end = (await engine.migrations.whenDone(started.id))!;
    expect(end).toMatchObject({
      state: 'done',
      done: { copies: stored.size, failed: 0 },
      failures: [],
    });
    await expectKeyExactCopy(stored, 'awk/', { client, bucket: target.name, prefix: 'awk-copy/' });
    expect(await call(engine, 'migrations.plan', request)).toMatchObject({
      copies: 0,
      unchanged: stored.size,
    });
  });

  it('ends as failed, naming the key, when the target cannot hold a key (over 1,024 bytes under its prefix)', async () => {
    const long = `long/${'l'.repeat(1015)}`;
    for (const key of [long, 'long/short.txt']) {
      await client.send(new PutObjectCommand({ Bucket: source.name, Key: key, Body: 'x' }));
    }
    const request = {
      source: side('environment', source.name, 'long/'),
      target: side('environment', target.name, 'a-much-longer-target-prefix/'),
    };
    const plan = await call(engine, 'migrations.plan', request);
    expect(plan).toMatchObject({ copies: 1, skips: 1 });
    // The skip carries its error by catalogue key, for the interface to word in the user's language.
    expect(plan.sample.find((s) => s.action === 'skip')).toEqual({
      action: 'skip',
      key: long,
      size: 1,
      error: expect.objectContaining({
        code: 'InvalidKey',
        key: 'sync.targetKey.tooLong',
        params: { key: long.slice(0, 200), bytes: 1043 },
      }),
    });
    const started = await call(engine, 'migrations.start', request);
    const end = (await engine.migrations.whenDone(started.id))!;
    expect(end).toMatchObject({ state: 'failed', done: { copies: 1, failed: 1 } });
    expect(end.failures).toEqual([
      {
        key: long,
        error: expect.objectContaining({ code: 'InvalidKey', key: 'sync.targetKey.tooLong' }),
      },
    ]);
  });

  it('ends as held back, not failed, when the cap keeps back the only work (deletes), and deletes once confirmed', async () => {
    // 12 objects only at the destination, 1 on both sides: 12 deletes are over 10 % of 13.
    await client.send(
      new PutObjectCommand({ Bucket: source.name, Key: 'held/keep.txt', Body: 'k' }),
    );
    for (const name of ['keep.txt', ...Array.from({ length: 12 }, (_, i) => `extra-${i}.txt`)]) {
      await client.send(
        new PutObjectCommand({ Bucket: target.name, Key: `held-copy/${name}`, Body: 'k' }),
      );
    }
    const request = {
      source: side('environment', source.name, 'held/'),
      target: side('environment', target.name, 'held-copy/'),
      mirror: true,
    };
    const plan = await call(engine, 'migrations.plan', request);
    expect(plan).toMatchObject({ copies: 0, deletes: 0, deletesHeldBack: 12, unchanged: 1 });

    const started = await call(engine, 'migrations.start', request);
    const end = (await engine.migrations.whenDone(started.id))!;
    expect(end).toMatchObject({
      state: 'heldBack',
      plan: { deletesHeldBack: 12 },
      done: { copies: 0, deletes: 0, failed: 0 },
      failures: [],
      error: null,
    });
    expect(await keysOf(client, target.name, 'held-copy/')).toHaveLength(13);

    // A copy made in the same run does not hide the held-back deletes.
    await client.send(
      new PutObjectCommand({ Bucket: source.name, Key: 'held/new.txt', Body: 'n' }),
    );
    const mixed = await call(engine, 'migrations.start', request);
    expect((await engine.migrations.whenDone(mixed.id))!).toMatchObject({
      state: 'heldBack',
      done: { copies: 1, deletes: 0, failed: 0 },
    });

    const confirmed = await call(engine, 'migrations.start', { ...request, confirmDeletes: true });
    expect((await engine.migrations.whenDone(confirmed.id))!).toMatchObject({
      state: 'done',
      plan: { deletes: 12, deletesHeldBack: 0 },
      done: { deletes: 12, failed: 0 },
    });
    expect(await keysOf(client, target.name, 'held-copy/')).toEqual([
      'held-copy/keep.txt',
      'held-copy/new.txt',
    ]);
  });

  it('reads the list an earlier Ferry saved: a held-back run as held back, a record of another shape left out', async () => {
    const configDir = tempConfigDir();
    const record = (id: string, sample: unknown[], more: object = {}) => ({
      id,
      request: {
        source: side('environment', source.name, 'a/'),
        target: side('environment', target.name, 'b/'),
        mirror: true,
        confirmDeletes: false,
      },
      state: 'done',
      plan: {
        copies: 0,
        copyBytes: 0,
        deletes: 0,
        deletesHeldBack: 0,
        unchanged: 1,
        skips: 0,
        sample,
      },
      done: { copies: 0, bytes: 0, deletes: 0, failed: 0 },
      failures: [],
      error: null,
      startedAt: new Date().toISOString(),
      finishedAt: new Date().toISOString(),
      ...more,
    });
    const migrations = [
      // Before the `heldBack` state, a run whose only shortfall was held-back deletes was saved so.
      record('held', [], {
        state: 'failed',
        error: {
          code: 'InvalidRequest',
          message:
            '12 objects would be deleted at the destination, more than the safety cap allows; none were deleted.',
          hint: 'Check the source is the right one.',
          key: 'migration.deletesHeldBack',
          params: { count: 12 },
        },
      }),
      // A skip with an English reason and no error: not this contract's shape.
      record('old-skip', [{ action: 'skip', key: 'k', size: 1, reason: 'The key "k" …' }]),
      record('fine', [{ action: 'copy', key: 'a/x', size: 1, reason: 'new' }]),
    ];
    await writeFile(path.join(configDir, 'migrations.json'), JSON.stringify({ migrations }));
    const reopened = await testEngine({ face: 'cli', env: gatewayEnv(), configDir });
    const listed = await call(reopened, 'migrations.list', {});
    await reopened.dispose();
    expect(listed.map((m) => [m.id, m.state, m.error])).toEqual([
      ['held', 'heldBack', null],
      ['fine', 'done', null],
    ]);
  });

  it('refuses a target inside its source', async () => {
    const error = await failureOf(
      call(engine, 'migrations.plan', {
        source: side('environment', source.name, 'photos/'),
        target: side('environment', source.name, 'photos/copy/'),
      }),
    );
    expect(error.key).toBe('migration.overlap');
  });

  describe('across two connections', () => {
    let proxy: FaultProxy;
    beforeAll(async () => {
      proxy = await startFaultProxy({ target: gateway().endpoint });
      cleanup.push(() => proxy.close());
      await addProfile(engine, 'other', { ...gateway(), endpoint: proxy.endpoint });
    });

    it('reports each object that failed with its key and why, and never ends as done', async () => {
      // Every PUT of one object is answered SlowDown: that copy fails, the others go through.
      proxy.configure({
        maxFaults: 1_000,
        plan: (r) => (r.method === 'PUT' && r.url.includes('/fail/03.jpg') ? 'slowdown' : 'pass'),
      });
      const started = await call(engine, 'migrations.start', {
        source: side('environment', source.name, 'photos/'),
        target: side('other', target.name, 'fail/'),
      });
      const end = (await engine.migrations.whenDone(started.id))!;
      proxy.configure({ plan: () => 'pass' });
      expect(end.state).toBe('failed');
      expect(end.done).toMatchObject({ copies: 11, failed: 1 });
      expect(end.failures).toHaveLength(1);
      expect(end.failures[0]).toMatchObject({ key: 'photos/03.jpg', error: { code: 'SlowDown' } });
      expect(await keysOf(client, target.name, 'fail/')).not.toContain('fail/03.jpg');
    });

    it('stops on cancel, keeps what was copied, and resumes with the rest', async () => {
      // A copy is one request to the target (the PUT's ETag proves it): slow enough to cancel midway.
      proxy.configure({ latencyMs: 200 });
      const request = {
        source: side('environment', source.name, 'photos/'),
        target: side('other', target.name, 'cancel/'),
      };
      const firstCopy = new Promise<string>((resolve) => {
        const off = engine.events.on('migrations.progress', (s) => {
          if (s.done.copies > 0) {
            off();
            resolve(s.id);
          }
        });
      });
      await call(engine, 'migrations.start', request);
      const cancelled = await call(engine, 'migrations.cancel', { id: await firstCopy });
      proxy.configure({ latencyMs: 0 });
      expect(cancelled.state).toBe('cancelled');
      expect(cancelled.done.failed).toBe(0);
      expect(cancelled.done.copies).toBeLessThan(12);
      const copied = cancelled.done.copies;
      // Copies cut short may have landed unverified; the next plan adopts those whose ETag matches.
      const landed = (await keysOf(client, target.name, 'cancel/')).length;
      expect(landed).toBeGreaterThanOrEqual(copied);
      expect(landed).toBeLessThan(12);

      const rest = await call(engine, 'migrations.plan', request);
      expect(rest.unchanged).toBeGreaterThanOrEqual(copied);
      expect(rest.copies + rest.unchanged).toBe(12);
      expect(rest.copies).toBeGreaterThan(0);
      const again = await call(engine, 'migrations.start', request);
      const end = (await engine.migrations.whenDone(again.id))!;
      expect(end).toMatchObject({ state: 'done', done: { copies: rest.copies, failed: 0 } });
      expect(await keysOf(client, target.name, 'cancel/')).toHaveLength(12);
    });
    it('keeps its list across a restart, showing a run cut off mid-copy as interrupted', async () => {
      // Slow enough that the copy is still running while the "crashed" folder is read (a copy is one
      // request to the target: at 60 ms the 12 could all land first).
      proxy.configure({ latencyMs: 400 });
      const request = {
        source: side('environment', source.name, 'photos/'),
        target: side('other', target.name, 'restart/'),
      };
      const copying = new Promise<string>((resolve) => {
        const off = engine.events.on('migrations.progress', (s) => {
          if (s.done.copies > 0) {
            off();
            resolve(s.id);
          }
        });
      });
      await call(engine, 'migrations.start', request);
      const id = await copying;
      // A crash now: the configuration folder as it is on disk mid-copy, opened by another Ferry.
      const file = path.join(engine.configDir, 'migrations.json');
      while (!(await readFile(file, 'utf8').catch(() => '')).includes('"copying"')) {
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      const crashed = tempConfigDir();
      await cp(engine.configDir, crashed, { recursive: true });
      const after = await testEngine({ face: 'cli', env: gatewayEnv(), configDir: crashed });
      const cut = (await call(after, 'migrations.list', {})).find((m) => m.id === id);
      await after.dispose();
      expect(cut).toMatchObject({ state: 'failed', error: { key: 'migration.interrupted' } });
      expect(cut?.plan?.copies).toBe(12);

      await call(engine, 'migrations.cancel', { id });
      proxy.configure({ latencyMs: 0 });
      // A clean stop is saved as it ended.
      const reopened = await testEngine({
        face: 'cli',
        env: gatewayEnv(),
        configDir: engine.configDir,
      });
      const listed = await call(reopened, 'migrations.list', {});
      await reopened.dispose();
      expect(listed.find((m) => m.id === id)).toMatchObject({ state: 'cancelled', error: null });
      expect(listed.map((m) => m.id)).toEqual(
        (await call(engine, 'migrations.list', {})).map((m) => m.id),
      );
    });
  });

  // Run only when both projects run (the whole suite, or `--project ceph --project swift`).
  const peer = inject('peer');
  it.runIf(peer)(
    'migrates to the other server (Ceph RGW ↔ Swift) with its headers, and every awkward key byte for byte',
    async () => {
      const p = peer!;
      const other = rawClient(p);
      const bucket = `t-migpeer-${gateway().kind}-${Date.now().toString(36)}`;
      await other.send(new CreateBucketCommand({ Bucket: bucket }));
      cleanup.push(async () => {
        // One by one: Swift refuses a DeleteObjects without Content-MD5, which this plain client does not add.
        for (const key of await keysOf(other, bucket)) {
          await other.send(new DeleteObjectCommand({ Bucket: bucket, Key: key }));
        }
        await other.send(new DeleteBucketCommand({ Bucket: bucket }));
      });
      await addProfile(engine, 'peer', p);
      const started = await call(engine, 'migrations.start', {
        source: side('environment', source.name, 'photos/'),
        target: side('peer', bucket, 'm/'),
      });
      const end = (await engine.migrations.whenDone(started.id))!;
      expect(end).toMatchObject({ state: 'done', done: { copies: 12, failed: 0 } });
      const head = await other.send(new HeadObjectCommand({ Bucket: bucket, Key: 'm/07.jpg' }));
      expect(head.ContentType).toBe('image/jpeg');
      expect(head.Metadata).toEqual({ camera: 'x100' });

      const stored = await seedAwkward(client, source.name, 'awk-peer/');
      const awkward = await call(engine, 'migrations.start', {
        source: side('environment', source.name, 'awk-peer/'),
        target: side('peer', bucket, 'awk/'),
      });
      expect((await engine.migrations.whenDone(awkward.id))!).toMatchObject({
        state: 'done',
        done: { copies: stored.size, failed: 0 },
      });
      await expectKeyExactCopy(stored, 'awk-peer/', { client: other, bucket, prefix: 'awk/' });
    },
    60_000,
  );
});
