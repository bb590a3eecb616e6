/**
 * SIGKILL at random points: a real `ferry serve` process runs a multipart upload and a ranged download,
 * and is killed without warning whenever the transfer passes the next of a set of seeded random points,
 * then started again on the same config folder and asked for the same transfer. The last run must finish
 * it; the content is checked by MD5, the server must hold no incomplete multipart upload, and the bytes
 * sent more than once (counted by a pass-through proxy) must stay within the parts in flight at each kill.
 */
import { createHash, randomBytes } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectServe, spawnServe, type WireTransfer } from '../security/serve-process.js';
import { startFaultProxy, seededRandom, type FaultProxy } from '../support/fault-proxy.js';
import { tempConfigDir } from '../support/engine.js';
import { createTestBucket, gateway, gatewayEnv, rawClient } from '../support/s3.js';
import { MiB, objectMd5, tempDir } from '../support/transfer.js';
import { incompleteUploads, SOAK } from './fault-load.js';
import { Figures } from './figures.js';

const KILLS = SOAK ? 10 : 5;
const SIZE = (SOAK ? 80 : 40) * MiB;
const PART = 5 * MiB;
const PART_CONCURRENCY = 3;

const figures = new Figures(
  SOAK ? 'kill-soak' : 'kill',
  SOAK ? 'npm run test:soak' : 'npx vitest run test/reliability/kill.test.ts',
);
let proxy: FaultProxy;
let bucket: Awaited<ReturnType<typeof createTestBucket>>;
beforeAll(async () => {
  proxy = await startFaultProxy({ target: gateway().endpoint });
  bucket = await createTestBucket('kill');
});
afterAll(async () => {
  await figures.save();
  await proxy.close();
  await bucket.remove();
});

/**
 * Runs one life of the process: start, ask for the transfer, and either kill it once progress passes
 * `killAt` (a fraction) or, without one, wait for the transfer to end. Answers how the life ended.
 */
async function life(
  configDir: string,
  request: { command: string; payload: unknown },
  killAt: number | undefined,
): Promise<{ ended: 'killed' | 'done' | 'failed'; resumed: boolean; error?: string }> {
  const serve = await spawnServe({
    ...gatewayEnv({ AWS_ENDPOINT_URL: proxy.endpoint }),
    FERRY_CONFIG_DIR: configDir,
  });
  try {
    const client = await connectServe(serve);
    const settings = await client.call('settings.set', {
      partSize: PART,
      partConcurrency: PART_CONCURRENCY,
      bandwidthLimit: 32 * MiB,
    });
    expect(settings?.ok).toBe(true);
    let resumed = false;
    const outcome = new Promise<{ ended: 'killed' | 'done' | 'failed'; error?: string }>(
      (resolve) => {
        client.onEvent((frame) => {
          if (frame.event === 'transfers.progress' && killAt !== undefined) {
            const { items } = frame.payload as {
              items: { bytesDone: number; bytesTotal: number | null }[];
            };
            if (items.some((i) => i.bytesTotal && i.bytesDone / i.bytesTotal >= killAt)) {
              serve.child.kill('SIGKILL');
              resolve({ ended: 'killed' });
            }
          }
          if (frame.event === 'transfers.changed') {
            for (const t of (frame.payload as { transfers: WireTransfer[] }).transfers) {
              resumed ||= t.resumed;
              if (t.state === 'done') resolve({ ended: 'done' });
              if (t.state === 'failed') resolve({ ended: 'failed', error: t.error?.message ?? '' });
            }
          }
        });
      },
    );
    const queued = await client.call(request.command, request.payload);
    expect(queued?.ok, JSON.stringify(queued)).toBe(true);
    const result = await outcome;
    client.ws.terminate();
    return { ...result, resumed };
  } finally {
    await serve.stop();
  }
}

/** Kill points: seeded, spread over the transfer, in increasing order. */
function killPoints(seed: number): number[] {
  const random = seededRandom(seed);
  return Array.from({ length: KILLS }, () => 0.05 + random() * 0.9).sort((a, b) => a - b);
}

async function killRun(
  label: string,
  seed: number,
  request: { command: string; payload: unknown },
  bytes: () => number,
) {
  const configDir = tempConfigDir();
  const points = killPoints(seed);
  const before = bytes();
  let kills = 0;
  let resumes = 0;
  let finished = false;
  for (const point of [...points, undefined]) {
    // The last life has no kill point: it must finish the transfer by itself.
    const r = await life(configDir, request, point);
    if (r.ended === 'killed') kills++;
    if (r.resumed) resumes++;
    expect(r.ended, r.error).not.toBe('failed');
    if (r.ended === 'done') {
      finished = true;
      break;
    }
  }
  expect(finished).toBe(true);
  const resent = bytes() - before - SIZE;
  // In flight at a kill: the parts or ranges being transferred, plus one that has fully arrived but whose
  // journal record has not landed yet.
  const bound = kills * (PART_CONCURRENCY + 1) * PART;
  expect(kills).toBeGreaterThanOrEqual(Math.ceil(KILLS / 2));
  const within = resent <= bound ? '≤' : 'EXCEEDS';
  figures.add({
    test: `SIGKILL during a ${label}`,
    injected: `ferry serve killed with SIGKILL at ${kills} seeded random points (seed ${seed}) across a ${SIZE / MiB} MiB ${label}, restarted each time`,
    times: kills,
    held: `finished and MD5-verified; ${resumes} of ${kills} restarts resumed from the journal; re-sent ${(resent / MiB).toFixed(1)} MiB ${within} bound ${(bound / MiB).toFixed(0)} MiB (kills × (${PART_CONCURRENCY} in flight + 1 awaiting its record) × ${PART / MiB} MiB)`,
  });
  return { kills, resent, bound, resumes };
}

describe('Ferry killed with SIGKILL mid-transfer', () => {
  it(
    'finishes a multipart upload across restarts, verified, with nothing left on the server',
    { timeout: 300_000 },
    async () => {
      const dir = tempDir('kill-up');
      const data = randomBytes(SIZE);
      const file = path.join(dir, 'big.bin');
      await writeFile(file, data);
      const request = {
        command: 'transfers.upload',
        payload: { profileId: 'environment', bucket: bucket.name, prefix: 'up/', paths: [file] },
      };
      const run = await killRun('multipart upload', 21, request, () => proxy.stats.bytesUp);
      expect(run.resumes).toBeGreaterThan(0);
      expect(run.resent).toBeLessThanOrEqual(run.bound);
      expect(await objectMd5(bucket.name, 'up/big.bin')).toBe(
        createHash('md5').update(data).digest('hex'),
      );
      expect(await incompleteUploads(bucket.name)).toEqual([]);
    },
  );

  let download: Awaited<ReturnType<typeof killRun>> | undefined;

  it(
    'finishes a ranged download across restarts, byte for byte',
    { timeout: 300_000 },
    async () => {
      const data = randomBytes(SIZE);
      await rawClient().send(
        new PutObjectCommand({ Bucket: bucket.name, Key: 'down/big.bin', Body: data }),
      );
      const folder = tempDir('kill-down');
      const request = {
        command: 'transfers.download',
        payload: { profileId: 'environment', bucket: bucket.name, keys: ['down/big.bin'], folder },
      };
      download = await killRun('ranged download', 42, request, () => proxy.stats.bytesDown);
      const got = await readFile(path.join(folder, 'big.bin'));
      expect(createHash('md5').update(got).digest('hex')).toBe(
        createHash('md5').update(data).digest('hex'),
      );
    },
  );

  it('resumes the ranged download, re-fetching only the ranges in flight at each kill', () => {
    expect(download).toBeDefined();
    expect(download!.resumes).toBeGreaterThan(0);
    expect(download!.resent).toBeLessThanOrEqual(download!.bound);
  });
});
