import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, connect, type Server, type Socket } from 'node:net';
import path from 'node:path';
import {
  CreateMultipartUploadCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  UploadPartCommand,
} from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../../../src-main/engine/logger.js';
import { createTestBucket, gateway, gatewayEnv, rawClient, serverKind } from '../../support/s3.js';
import {
  MiB,
  objectMd5,
  randomFile,
  tempDir,
  transferEngine,
  waitFor,
} from '../../support/transfer.js';

/** Counts the queue's retries through its log. */
function retryLogger() {
  const retries: unknown[] = [];
  return {
    retries,
    logger: {
      ...silentLogger,
      warn: (message: string, fields?: Record<string, unknown>) => {
        if (message === 'transfer: retrying') retries.push(fields?.['code']);
      },
    },
  };
}

/** A TCP proxy to the gateway that cuts the first `failures` connections: a server having a bad moment. */
async function flakyProxy(failures: number): Promise<{ server: Server; endpoint: string }> {
  const target = new URL(gateway().endpoint);
  let left = failures;
  const server = createServer((client: Socket) => {
    if (left-- > 0) return client.destroy();
    const upstream = connect(Number(target.port), target.hostname);
    client.pipe(upstream).pipe(client);
    client.on('error', () => upstream.destroy());
    upstream.on('error', () => client.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address() as { port: number };
  return { server, endpoint: `http://127.0.0.1:${address.port}` };
}

/** A TCP proxy whose first connection stops passing the server's bytes after `limit`: a body that stalls. */
async function stallingProxy(limit: number): Promise<{ server: Server; endpoint: string }> {
  const target = new URL(gateway().endpoint);
  let first = true;
  const server = createServer((client: Socket) => {
    const upstream = connect(Number(target.port), target.hostname);
    const stall = first;
    first = false;
    let passed = 0;
    client.pipe(upstream);
    upstream.on('data', (chunk: Buffer) => {
      if (!stall) return void client.write(chunk);
      if (passed < limit) client.write(chunk.subarray(0, limit - passed));
      passed += chunk.length;
    });
    client.on('error', () => upstream.destroy());
    client.on('close', () => upstream.destroy());
    upstream.on('error', () => client.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address() as { port: number };
  return { server, endpoint: `http://127.0.0.1:${address.port}` };
}

describe('the transfer queue', () => {
  let bucket: Awaited<ReturnType<typeof createTestBucket>>;
  const dir = tempDir('queue');
  beforeAll(async () => {
    bucket = await createTestBucket('queue');
  });
  afterAll(() => bucket.remove());

  // Swift's one Python process takes ~15 ms of CPU per PUT and per deleted key: 10,000 would cost minutes.
  const MANY = serverKind() === 'swift' ? 1_200 : 10_000;

  it(
    `uploads ${MANY.toLocaleString('en')} files from one folder, with batched events`,
    { timeout: 240_000 },
    async () => {
      const folder = path.join(dir, 'many');
      mkdirSync(folder);
      for (let i = 0; i < MANY; i++) writeFileSync(path.join(folder, `f${i}.txt`), `file ${i}`);
      const engine = await transferEngine();
      let changedEvents = 0;
      let progressEvents = 0;
      engine.events.on('transfers.changed', () => changedEvents++);
      engine.events.on('transfers.progress', () => progressEvents++);
      try {
        const { ids } = await engine.handlers()['transfers.upload']({
          profileId: 'environment',
          bucket: bucket.name,
          prefix: 'many/',
          paths: [folder],
        });
        expect(ids).toHaveLength(MANY);
        for (const id of ids) expect((await waitFor(engine, id)).state).toBe('done');
        let count = 0;
        let token: string | undefined;
        do {
          const page = await rawClient().send(
            new ListObjectsV2Command({
              Bucket: bucket.name,
              Prefix: 'many/many/',
              ContinuationToken: token,
            }),
          );
          count += page.KeyCount ?? 0;
          token = page.NextContinuationToken;
        } while (token);
        expect(count).toBe(MANY);
        // MANY files × (queued, running, done) would be 3 × MANY events unbatched (30,000 for 10,000);
        // events are gathered for 50 ms, so a slower server (Swift) sees more gatherings per file.
        const bound = Math.min(3_000, 1.5 * MANY);
        expect(changedEvents).toBeLessThan(bound);
        expect(progressEvents).toBeLessThan(bound);
        const { totals } = await engine.handlers()['transfers.list']({});
        expect(totals.queued + totals.running + totals.failed).toBe(0);
        expect(await engine.handlers()['transfers.clear']({})).toEqual({ removed: MANY });
      } finally {
        await engine.dispose();
      }
    },
  );

  it('tells its last change at once when nothing is left to run', async () => {
    const engine = await transferEngine();
    const states: string[] = [];
    engine.events.on('transfers.changed', ({ transfers }) => {
      for (const t of transfers) states.push(t.state);
    });
    try {
      const { file } = randomFile(dir, 'last.bin', 1000);
      await engine.transfers.enqueueUpload({
        profileId: 'environment',
        bucket: bucket.name,
        key: 'last.bin',
        file,
      }).done;
      // Other changes are gathered for 50 ms; `ferry cp` waits for this one before it can say it is done.
      expect(states.at(-1)).toBe('done');
    } finally {
      await engine.dispose();
    }
  });

  it('rides out a server that drops connections, retrying with backoff', async () => {
    const { server, endpoint } = await flakyProxy(2);
    const { retries, logger } = retryLogger();
    const engine = await transferEngine({
      env: gatewayEnv({ AWS_ENDPOINT_URL: endpoint }),
      logger,
    });
    try {
      const { file, md5 } = randomFile(dir, 'flaky.bin', 100_000);
      const { done } = engine.transfers.enqueueUpload({
        profileId: 'environment',
        bucket: bucket.name,
        key: 'flaky.bin',
        file,
      });
      await done;
      expect(retries.length).toBeGreaterThanOrEqual(1);
      expect(await objectMd5(bucket.name, 'flaky.bin')).toBe(md5);
    } finally {
      await engine.dispose();
      server.close();
    }
  });

  it('abandons a download whose body stalls mid-way, and retries it', async () => {
    const { file, md5 } = randomFile(dir, 'stall.bin', 3 * MiB);
    await rawClient().send(
      new PutObjectCommand({ Bucket: bucket.name, Key: 'stall.bin', Body: readFileSync(file) }),
    );
    const { server, endpoint } = await stallingProxy(256 * 1024);
    const { retries, logger } = retryLogger();
    const engine = await transferEngine({
      env: gatewayEnv({ AWS_ENDPOINT_URL: endpoint }),
      logger,
      transfers: { retry: { attempts: 3, baseMs: 10, maxMs: 20 }, stallMs: 500 },
    });
    try {
      const folder = tempDir('stall');
      const { ids } = await engine.handlers()['transfers.download']({
        profileId: 'environment',
        bucket: bucket.name,
        keys: ['stall.bin'],
        folder,
        conflict: 'keep-both',
      });
      const t = await waitFor(engine, ids[0]!);
      expect(t.error).toBeNull();
      expect(t.state).toBe('done');
      expect(retries).toContain('Stalled');
      expect(
        createHash('md5')
          .update(readFileSync(path.join(folder, 'stall.bin')))
          .digest('hex'),
      ).toBe(md5);
    } finally {
      await engine.dispose();
      server.close();
    }
  });

  it('gives a clear error after the last try when the server stays away', async () => {
    const { server, endpoint } = await flakyProxy(1000);
    const { retries, logger } = retryLogger();
    const engine = await transferEngine({
      env: gatewayEnv({ AWS_ENDPOINT_URL: endpoint }),
      logger,
    });
    try {
      const { file } = randomFile(dir, 'down.bin', 1000);
      const { id, done } = engine.transfers.enqueueUpload({
        profileId: 'environment',
        bucket: bucket.name,
        key: 'down.bin',
        file,
      });
      await expect(done).rejects.toMatchObject({ code: 'NetworkError' });
      expect(retries).toHaveLength(2);
      expect(engine.transfers.get(id)?.error?.hint).toMatch(/Retry/);
    } finally {
      await engine.dispose();
      server.close();
    }
  });

  it('keeps an upload that keeps trying (a watch’s) queued through an outage, then sends it', async () => {
    // Each attempt makes 3 tries (see transferEngine): the first attempt meets 3 cut connections, the second
    // one more, then the server is back.
    const { server, endpoint } = await flakyProxy(4);
    const engine = await transferEngine({ env: gatewayEnv({ AWS_ENDPOINT_URL: endpoint }) });
    try {
      const { file, md5 } = randomFile(dir, 'outage.bin', 1000);
      const told: string[] = [];
      let waiting: { state: string; code: string | undefined } | undefined;
      const { id, done } = engine.transfers.enqueueUpload({
        profileId: 'environment',
        bucket: bucket.name,
        key: 'outage.bin',
        file,
        keepTrying: (error) => {
          told.push(error.code);
          const t = engine.transfers.get(id)!;
          waiting = { state: t.state, code: t.error?.code };
        },
      });
      const outcome = await done;
      expect(told).toEqual(['NetworkError']);
      // Between attempts it is queued, not failed, and says why it waits.
      expect(waiting).toEqual({ state: 'queued', code: 'NetworkError' });
      expect(outcome.etag).toBe(md5);
      expect(engine.transfers.get(id)).toMatchObject({ state: 'done', error: null });
      expect(await objectMd5(bucket.name, 'outage.bin')).toBe(md5);
    } finally {
      await engine.dispose();
      server.close();
    }
  });

  it('tells an upload that keeps trying of an outage after 3 tries of a request, not the queue’s 8', async () => {
    const { server, endpoint } = await flakyProxy(1000);
    const { retries, logger } = retryLogger();
    const engine = await transferEngine({
      env: gatewayEnv({ AWS_ENDPOINT_URL: endpoint }),
      logger,
      transfers: { retry: { attempts: 8, baseMs: 10, maxMs: 20 } },
    });
    try {
      const { file } = randomFile(dir, 'told.bin', 1000);
      let retriesWhenTold = -1;
      const { id, done } = engine.transfers.enqueueUpload({
        profileId: 'environment',
        bucket: bucket.name,
        key: 'told.bin',
        file,
        keepTrying: () => {
          retriesWhenTold = retries.length;
          engine.transfers.cancel([id]);
        },
      });
      await expect(done).rejects.toMatchObject({ code: 'Cancelled' });
      expect(retriesWhenTold).toBe(2);
    } finally {
      await engine.dispose();
      server.close();
    }
  });

  it('cancels an upload while it waits out an outage, at once', async () => {
    const { server, endpoint } = await flakyProxy(1000);
    const engine = await transferEngine({ env: gatewayEnv({ AWS_ENDPOINT_URL: endpoint }) });
    try {
      const { file } = randomFile(dir, 'waiting.bin', 1000);
      let waits = 0;
      const { id, done } = engine.transfers.enqueueUpload({
        profileId: 'environment',
        bucket: bucket.name,
        key: 'waiting.bin',
        file,
        keepTrying: () => {
          waits++;
          engine.transfers.cancel([id]);
        },
      });
      await expect(done).rejects.toMatchObject({ code: 'Cancelled' });
      expect(waits).toBe(1);
      expect(engine.transfers.get(id)?.state).toBe('cancelled');
    } finally {
      await engine.dispose();
      server.close();
    }
  });

  it('stops at once, without retrying, when the credentials are refused', async () => {
    const { retries, logger } = retryLogger();
    const engine = await transferEngine({
      env: gatewayEnv({ AWS_SECRET_ACCESS_KEY: 'revoked-secret' }),
      logger,
    });
    try {
      const { file } = randomFile(dir, 'denied.bin', 1000);
      const { done } = engine.transfers.enqueueUpload({
        profileId: 'environment',
        bucket: bucket.name,
        key: 'denied.bin',
        file,
      });
      await expect(done).rejects.toMatchObject({ code: 'SignatureMismatch' });
      expect(retries).toEqual([]);
    } finally {
      await engine.dispose();
    }
  });

  it('cancels through an AbortSignal', async () => {
    const engine = await transferEngine();
    try {
      await engine.settings.update({ bandwidthLimit: 2 * MiB });
      const { file } = randomFile(dir, 'signal.bin', 8 * MiB);
      const controller = new AbortController();
      const { id, done } = engine.transfers.enqueueUpload({
        profileId: 'environment',
        bucket: bucket.name,
        key: 'signal.bin',
        file,
        signal: controller.signal,
      });
      controller.abort();
      await expect(done).rejects.toMatchObject({ code: 'Cancelled' });
      expect(engine.transfers.get(id)?.state).toBe('cancelled');
    } finally {
      await engine.dispose();
    }
  });

  it('starts queued transfers in the order the user arranged', async () => {
    const engine = await transferEngine();
    try {
      await engine.settings.update({ concurrency: 1 });
      const files = ['q1', 'q2', 'q3'].map((n) => randomFile(dir, `${n}.bin`, 2 * MiB));
      // One at a time, so the order they finish in is the order they started in.
      const finished: string[] = [];
      const handles = files.map((f, i) =>
        engine.transfers.enqueueUpload({
          profileId: 'environment',
          bucket: bucket.name,
          key: `q${i + 1}`,
          file: f.file,
          size: 2 * MiB,
        }),
      );
      // q1 is already running; move q3 ahead of q2.
      engine.transfers.reorder(handles[2]!.id, 0);
      await Promise.all(handles.map((h) => h.done.then((o) => finished.push(o.key))));
      expect(finished).toEqual(['q1', 'q3', 'q2']);
    } finally {
      await engine.dispose();
    }
  });

  it('lists incomplete uploads with their size, and aborts them on request', async () => {
    const client = rawClient();
    const { UploadId } = await client.send(
      new CreateMultipartUploadCommand({ Bucket: bucket.name, Key: 'orphan.bin' }),
    );
    await client.send(
      new UploadPartCommand({
        Bucket: bucket.name,
        Key: 'orphan.bin',
        UploadId,
        PartNumber: 1,
        Body: Buffer.alloc(5 * MiB, 1),
      }),
    );
    const engine = await transferEngine();
    try {
      const handlers = engine.handlers();
      const found = await handlers['uploads.list']({
        profileId: 'environment',
        bucket: bucket.name,
      });
      const orphan = found.find((u) => u.uploadId === UploadId);
      expect(orphan).toMatchObject({ key: 'orphan.bin', parts: 1, size: 5 * MiB });
      expect(orphan?.ageSeconds).toBeGreaterThanOrEqual(0);
      const { aborted } = await handlers['uploads.abort']({
        profileId: 'environment',
        bucket: bucket.name,
      });
      expect(aborted).toBeGreaterThanOrEqual(1);
      expect(
        await handlers['uploads.list']({ profileId: 'environment', bucket: bucket.name }),
      ).toEqual([]);
    } finally {
      await engine.dispose();
    }
  });
});
