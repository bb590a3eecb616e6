import { randomBytes } from 'node:crypto';
import { rm, unlink, writeFile } from 'node:fs/promises';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  ListMultipartUploadsCommand,
  ListPartsCommand,
  type MultipartUpload,
} from '@aws-sdk/client-s3';
import net from 'node:net';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempConfigDir } from '../../support/engine.js';
import { startFaultProxy } from '../../support/fault-proxy.js';
import { gateway, rawClient } from '../../support/s3.js';
import {
  listBucket,
  nextEvent,
  recordActivity,
  uploadsReach,
  watchRig,
} from '../../support/watch.js';

const rig = watchRig({ stabilityMs: 300 });
const MiB = 1024 * 1024;

/** The bucket's unfinished multipart uploads, once one of them holds `parts` parts (polled: S3 sends no event). */
async function partsStored(bucket: string, parts: number): Promise<MultipartUpload[]> {
  const s3 = rawClient();
  for (;;) {
    const open = (await s3.send(new ListMultipartUploadsCommand({ Bucket: bucket }))).Uploads ?? [];
    for (const u of open) {
      const listed = await s3.send(
        new ListPartsCommand({ Bucket: bucket, Key: u.Key, UploadId: u.UploadId }),
      );
      if ((listed.Parts ?? []).length >= parts) return open;
    }
    await sleep(100);
  }
}

/** A TCP relay to the gateway that the test can cut and restore, to play a server outage. */
async function outageProxy() {
  const target = new URL(gateway().endpoint);
  const sockets = new Set<net.Socket>();
  let down = false;
  let refusedWhileDown = 0;
  let onRefused: () => void = () => {};
  const server = net.createServer((client) => {
    if (down) {
      refusedWhileDown++;
      onRefused();
      return client.destroy();
    }
    const upstream = net.connect(Number(target.port), target.hostname);
    sockets.add(client).add(upstream);
    client.pipe(upstream).pipe(client);
    const drop = () => (client.destroy(), upstream.destroy());
    client.on('error', drop).on('close', drop);
    upstream.on('error', drop).on('close', drop);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as net.AddressInfo).port;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    cut() {
      down = true;
      for (const s of sockets) s.destroy();
      sockets.clear();
    },
    restore: () => (down = false),
    /** Resolves once the engine has tried (and failed) to connect `n` times during the outage. */
    refused: (n: number) =>
      new Promise<void>((resolve) => {
        onRefused = () => refusedWhileDown >= n && resolve();
        onRefused();
      }),
    /** Ends the relayed sockets too: `server.close` alone waits out the engine's idle keep-alive ones. */
    close: () =>
      new Promise((resolve) => {
        server.close(resolve);
        for (const s of sockets) s.destroy();
      }),
  };
}

describe('watch lifecycle', () => {
  it('keeps configured watches across restarts, paused ones paused', async () => {
    const configDir = tempConfigDir();
    const { folder, bucket, engine } = await rig.setup('persist', { configDir });
    const added = await engine.handlers()['watches.add']({
      folder,
      profileId: 'environment',
      bucket,
      prefix: 'p',
      include: [],
      exclude: ['*.log'],
      defaultExcludes: true,
      followSymlinks: false,
      stabilityMs: 300,
      mode: 'upload',
      pollSeconds: 60,
      deletePolicy: 'keep',
      maxDeletes: 50,
      maxDeletePercent: 10,
    });
    await engine.handlers()['watches.pause']({ id: added.rule.id });
    await engine.dispose();

    const again = await rig.engine({ configDir });
    await again.watches.startAll();
    const [watch] = await again.handlers()['watches.list']({});
    expect(watch?.rule).toMatchObject({
      id: added.rule.id,
      folder,
      prefix: 'p/',
      exclude: ['*.log'],
      paused: true,
    });
    expect(watch?.status.state).toBe('paused');
  });

  it('uploads nothing while paused and catches up on resume', async () => {
    const { folder, bucket, engine, add } = await rig.setup('pause');
    const seen = recordActivity(engine);
    const watch = await add();
    await engine.handlers()['watches.pauseAll']({});
    await writeFile(path.join(folder, 'while-paused.txt'), 'later');
    const plan = await engine.watches.plan(watch.rule.id);
    expect(plan.actions.map((a) => a.path)).toEqual(['while-paused.txt']);
    expect(seen).toEqual([]);
    const up = nextEvent(engine, 'watches.activity', (a) => a.action === 'upload');
    await engine.handlers()['watches.resumeAll']({});
    expect((await up).path).toBe('while-paused.txt');
    expect([...(await listBucket(bucket)).keys()]).toEqual(['while-paused.txt']);
  });

  it('mirrors a local delete when mirror deletes are on', async () => {
    const { folder, bucket, engine, add } = await rig.setup('mirror');
    await add({ deletePolicy: 'mirror' });
    const up = uploadsReach(engine, 3);
    for (const n of ['a', 'b', 'c']) await writeFile(path.join(folder, `${n}.txt`), n);
    await up;
    const deleted = nextEvent(engine, 'watches.activity', (a) => a.action === 'delete');
    await unlink(path.join(folder, 'b.txt'));
    expect((await deleted).key).toBe('b.txt');
    expect([...(await listBucket(bucket)).keys()].sort()).toEqual(['a.txt', 'c.txt']);
  });

  it('stops with a clear status when the credentials are refused', async () => {
    const { engine, add } = await rig.setup('revoked', {
      env: { AWS_SECRET_ACCESS_KEY: 'revoked-secret' },
    });
    const stopped = nextEvent(engine, 'watches.status', (s) => s.state === 'error');
    await add();
    const status = await stopped;
    expect(status.reason?.code).toBe('SignatureMismatch');
    expect(status.reason?.hint).toMatch(/secret key/);
  });

  it('rides out a server outage and uploads once the server is back', async () => {
    const proxy = await outageProxy();
    rig.defer(() => proxy.close());
    const { folder, bucket, engine, add } = await rig.setup('outage', {
      env: { AWS_ENDPOINT_URL: proxy.endpoint },
    });
    await add();
    proxy.cut();
    const up = nextEvent(engine, 'watches.activity', (a) => a.action === 'upload');
    await writeFile(path.join(folder, 'during-outage.txt'), 'patience');
    await proxy.refused(2);
    proxy.restore();
    expect((await up).path).toBe('during-outage.txt');
    expect((await listBucket(bucket)).get('during-outage.txt')).toBe(8);
  });

  it('keeps watching when a pass is cut short by an outage, and catches up once the server is back', async () => {
    const proxy = await outageProxy();
    rig.defer(() => proxy.close());
    const { folder, bucket, engine, add } = await rig.setup('outage-pass', {
      env: { AWS_ENDPOINT_URL: proxy.endpoint },
    });
    await writeFile(path.join(folder, 'before-start.txt'), 'waiting');
    proxy.cut();
    const failed = nextEvent(engine, 'watches.status', (s) => s.state === 'error');
    await add();
    expect((await failed).reason?.hint).toMatch(/keeps retrying/);
    proxy.restore();
    const up = uploadsReach(engine, 2);
    await writeFile(path.join(folder, 'after-return.txt'), 'seen');
    await up;
    const keys = [...(await listBucket(bucket)).keys()].sort();
    expect(keys).toEqual(['after-return.txt', 'before-start.txt']);
  }, 20_000);

  it('does not call a watch paused during an outage in sync', async () => {
    const proxy = await outageProxy();
    rig.defer(() => proxy.close());
    const { folder, engine, add } = await rig.setup('outage-pause', {
      env: { AWS_ENDPOINT_URL: proxy.endpoint },
      transfers: { retry: { attempts: 2, baseMs: 10, maxMs: 20 } },
    });
    const watch = await add();
    await engine.watches.runner(watch.rule.id).whenIdle();
    const lastSync = engine.watches.runner(watch.rule.id).book.status.lastSyncAt;
    expect(lastSync).not.toBeNull();
    proxy.cut();
    const retrying = nextEvent(engine, 'watches.status', (s) => s.state === 'error');
    await writeFile(path.join(folder, 'during-outage.txt'), 'not sent');
    await retrying;
    const states: string[] = [];
    engine.events.on('watches.status', (s) => states.push(s.state));
    await engine.handlers()['watches.pause']({ id: watch.rule.id });
    expect(states).not.toContain('idle');
    const status = engine.watches.runner(watch.rule.id).book.status;
    expect(status).toMatchObject({ state: 'paused', lastSyncAt: lastSync });
  });

  it('keeps a big upload cut short by quitting, and goes on with it at the next start', async () => {
    const configDir = tempConfigDir();
    let cut = false;
    // The third part's first try is cut, so Ferry quits while the upload waits with a part stored.
    const proxy = await startFaultProxy({
      target: gateway().endpoint,
      plan: (r) => {
        if (cut || r.method !== 'PUT' || !r.url.includes('partNumber=3')) return 'pass';
        cut = true;
        return 'reset';
      },
    });
    rig.defer(() => proxy.close());
    const env = { AWS_ENDPOINT_URL: proxy.endpoint };
    const { folder, bucket, engine, add } = await rig.setup('quit-multipart', {
      configDir,
      env,
      transfers: { retry: { attempts: 1, baseMs: 1, maxMs: 1 } },
    });
    await add();
    const waiting = nextEvent(engine, 'watches.status', (s) => s.state === 'error');
    await writeFile(path.join(folder, 'big.bin'), randomBytes(40 * MiB));
    await waiting;
    const [begun] = await partsStored(bucket, 1);
    await engine.dispose();
    const open = (await rawClient().send(new ListMultipartUploadsCommand({ Bucket: bucket })))
      .Uploads;
    expect(open?.map((u) => u.UploadId)).toEqual([begun?.UploadId]);

    const sent = proxy.stats.log.length;
    const again = await rig.engine({ configDir, env });
    const up = nextEvent(again, 'watches.activity', (a) => a.action === 'upload');
    await again.watches.startAll();
    expect((await up).path).toBe('big.bin');
    expect((await listBucket(bucket)).get('big.bin')).toBe(40 * MiB);
    // The same multipart upload was finished: none was begun again.
    const begunAgain = proxy.stats.log
      .slice(sent)
      .filter((r) => r.method === 'POST' && /[?&]uploads(=|&|$)/.test(r.url));
    expect(begunAgain).toEqual([]);
  }, 30_000);

  it('applies changed options at once (a new exclude)', async () => {
    const { folder, bucket, engine, add } = await rig.setup('update');
    const seen = recordActivity(engine);
    const watch = await add();
    const updated = await engine.handlers()['watches.update']({
      id: watch.rule.id,
      change: { exclude: ['*.log'] },
    });
    expect(updated.rule.exclude).toEqual(['*.log']);
    const up = nextEvent(engine, 'watches.activity', (a) => a.action === 'upload');
    await writeFile(path.join(folder, 'noise.log'), 'ignored');
    await writeFile(path.join(folder, 'kept.txt'), 'uploaded');
    expect((await up).path).toBe('kept.txt');
    await engine.watches.runner(watch.rule.id).whenIdle();
    expect(seen.filter((a) => a.action === 'upload').map((a) => a.path)).toEqual(['kept.txt']);
    expect([...(await listBucket(bucket)).keys()]).toEqual(['kept.txt']);
  });

  it('changes only the options sent: a new exclude keeps the stability time and delete policy', async () => {
    const { add, engine } = await rig.setup('update-one');
    const watch = await add({ deletePolicy: 'mirror', maxDeletes: 7 });
    const updated = await engine.watches.update(watch.rule.id, { exclude: ['*.log'] });
    expect(updated.rule).toMatchObject({
      exclude: ['*.log'],
      stabilityMs: 300,
      deletePolicy: 'mirror',
      maxDeletes: 7,
    });
  });

  it('refuses to change a watch whose folder has become a file', async () => {
    const { folder, add, engine } = await rig.setup('update-file');
    const watch = await add();
    await rm(folder, { recursive: true, force: true });
    await writeFile(folder, 'now a file');
    await expect(
      engine.watches.update(watch.rule.id, { exclude: ['*.log'] }),
    ).rejects.toMatchObject({
      code: 'InvalidRequest',
      message: expect.stringMatching(/not a folder/),
    });
  });
});
