import { createHash } from 'node:crypto';
import { GetObjectCommand } from '@aws-sdk/client-s3';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Transfer } from '../../src-shared/contract/index.js';
import { rawClient } from '../support/s3.js';
import { MiB } from '../support/transfer.js';
import { openBucket, openPage } from './app.js';
import { binaryMd5, dropBinary } from './drops.js';
import { e2eRig } from './rig.js';

async function storedMd5(bucket: string, key: string): Promise<string> {
  const out = await rawClient().send(new GetObjectCommand({ Bucket: bucket, Key: key }));
  return createHash('md5')
    .update(await out.Body!.transformToByteArray())
    .digest('hex');
}

type Engineful = { engine: { transfers: { list(): Transfer[] } } };

/** The queue's record of the upload to `key`, once it is there. */
async function transferOf(server: Engineful, key: string): Promise<Transfer> {
  for (let i = 0; i < 400; i++) {
    const found = server.engine.transfers.list().find((t) => t.key === key);
    if (found) return found;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`no transfer for ${key}`);
}

/** Samples the transfer's bytes every 100 ms until it ends; answers the samples. */
async function sampleUntilDone(
  server: Engineful,
  key: string,
): Promise<{ at: number; bytes: number; state: string }[]> {
  const samples: { at: number; bytes: number; state: string }[] = [];
  const start = Date.now();
  for (;;) {
    const t = await transferOf(server, key);
    samples.push({ at: Date.now() - start, bytes: t.bytesDone, state: t.state });
    if (t.state === 'done' || t.state === 'failed' || t.state === 'cancelled') return samples;
    if (Date.now() - start > 30_000) throw new Error(`still ${t.state} after 30 s`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('files dropped in a browser go through the transfer queue', () => {
  const rig = e2eRig('e2e-dropq');

  it('obey the bandwidth limit', { timeout: 60_000 }, async () => {
    await rig.server.engine.settings.update({ bandwidthLimit: 2 * MiB });
    try {
      const { page, errors } = await openPage(rig.browser, rig.server.url);
      await openBucket(page, rig.bucket.name);
      await dropBinary(page, 'limited.bin', 8 * MiB);
      const samples = await sampleUntilDone(rig.server, 'limited.bin');
      expect(samples.at(-1)?.state).toBe('done');
      const moving = samples.filter((s) => s.state === 'running');
      const first = moving[0]!;
      const last = samples.at(-1)!;
      // 8 MiB at 2 MiB/s: four seconds less the token bucket's quarter-second burst.
      expect(last.at - first.at).toBeGreaterThanOrEqual(3000);
      // Never ahead of the limit by more than a burst and a part in flight.
      for (const s of moving) {
        expect(s.bytes - first.bytes).toBeLessThanOrEqual(
          (2 * MiB * (s.at - first.at)) / 1000 + MiB,
        );
      }
      expect(await storedMd5(rig.bucket.name, 'limited.bin')).toBe(binaryMd5(8 * MiB));
      expect(errors).toEqual([]);
    } finally {
      await rig.server.engine.settings.update({ bandwidthLimit: 0 });
    }
  });

  it(
    'pause with Pause all: the row says Paused and no byte moves until Resume all',
    {
      timeout: 60_000,
    },
    async () => {
      await rig.server.engine.settings.update({ bandwidthLimit: 1 * MiB });
      try {
        const { page } = await openPage(rig.browser, rig.server.url);
        await openBucket(page, rig.bucket.name);
        await dropBinary(page, 'paused.bin', 8 * MiB, 7);
        await page.getByRole('button', { name: 'Transfers' }).click();
        const row = page
          .getByRole('list', { name: 'Transfer queue' })
          .getByRole('listitem', { name: 'paused.bin' });
        await row.getByText('Transferring', { exact: true }).waitFor();
        for (;;) {
          if ((await transferOf(rig.server, 'paused.bin')).bytesDone > 0) break;
          await new Promise((r) => setTimeout(r, 50));
        }
        await page.getByRole('button', { name: 'Pause all' }).click();
        await row.getByText('Paused', { exact: true }).waitFor();
        const before = await transferOf(rig.server, 'paused.bin');
        expect(before.state).toBe('paused');
        await new Promise((r) => setTimeout(r, 1500));
        const after = await transferOf(rig.server, 'paused.bin');
        expect(after.state).toBe('paused');
        expect(after.bytesDone).toBe(before.bytesDone);
        expect(after.bytesDone).toBeLessThan(8 * MiB);

        await rig.server.engine.settings.update({ bandwidthLimit: 0 });
        await page.getByRole('button', { name: 'Resume all' }).click();
        await row.getByText('Done', { exact: true }).waitFor({ timeout: 20_000 });
        expect(await storedMd5(rig.bucket.name, 'paused.bin')).toBe(binaryMd5(8 * MiB, 7));
      } finally {
        await rig.server.engine.settings.update({ bandwidthLimit: 0 });
      }
    },
  );
});

describe('a dropped file whose part fails on the way', () => {
  // The first part of a multipart upload has its connection reset halfway through its body.
  let resetDone = false;
  const rig = e2eRig('e2e-dropr', {
    proxy: {
      plan: (info) => {
        if (!resetDone && info.method === 'PUT' && /[?&]partNumber=1(&|$)/.test(info.url)) {
          resetDone = true;
          return 'reset';
        }
        return 'pass';
      },
    },
  });
  beforeAll(() => rig.server.engine.settings.update({ partSize: 5 * MiB }));

  it('is retried and arrives whole', { timeout: 60_000 }, async () => {
    const { page } = await openPage(rig.browser, rig.server.url);
    await openBucket(page, rig.bucket.name);
    await dropBinary(page, 'retried.bin', 12 * MiB, 3);
    const samples = await sampleUntilDone(rig.server, 'retried.bin');
    expect(samples.at(-1)?.state).toBe('done');
    expect(rig.proxy.stats.resets).toBe(1);
    expect(await storedMd5(rig.bucket.name, 'retried.bin')).toBe(binaryMd5(12 * MiB, 3));
  });
});
