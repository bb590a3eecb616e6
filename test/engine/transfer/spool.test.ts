import { createHash, randomBytes } from 'node:crypto';
import { readdirSync } from 'node:fs';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../../../src-main/engine/engine.js';
import { tempConfigDir } from '../../support/engine.js';
import { createTestBucket } from '../../support/s3.js';
import { MiB, objectMd5, transferEngine, waitFor } from '../../support/transfer.js';

const md5 = (data: Buffer) => createHash('md5').update(data).digest('hex');

describe('spooled browser files', () => {
  let bucket: Awaited<ReturnType<typeof createTestBucket>>;
  beforeAll(async () => {
    bucket = await createTestBucket('spool');
  });
  afterAll(() => bucket.remove());

  const spooled = (engine: Engine) => readdirSync(engine.transfers.spool.dir).sort();

  it('are queued again after a restart and uploaded; one cancelled is not, and its bytes go', async () => {
    const configDir = tempConfigDir();
    const first = await transferEngine({ configDir });
    // Limited so the upload is still running when the engine stops.
    await first.settings.update({ bandwidthLimit: 1 * MiB });
    const data = randomBytes(7 * MiB);
    const where = { profileId: 'environment', bucket: bucket.name };
    const kept = await first.transfers.spool.receive(
      Readable.from([data.subarray(0, 1000), data.subarray(1000)]),
      { ...where, key: 'restart/kept.bin', name: 'kept.bin' },
      data.length,
      new AbortController().signal,
    );
    const dropped = await first.transfers.spool.receive(
      Readable.from([Buffer.from('never')]),
      { ...where, key: 'restart/dropped.txt', name: 'dropped.txt' },
      null,
      new AbortController().signal,
    );
    first.transfers.enqueueUpload({
      ...where,
      key: 'restart/kept.bin',
      file: kept.file,
      name: 'kept.bin',
    });
    const cancelled = first.transfers.enqueueUpload({
      ...where,
      key: 'restart/dropped.txt',
      file: dropped.file,
      name: 'dropped.txt',
    });
    first.transfers.cancel([cancelled.id]);
    await new Promise((r) => setTimeout(r, 1500));
    await first.dispose();
    // Both bytes are still there; only the kept one has its manifest.
    expect(spooled(first).filter((n) => n.endsWith('.data'))).toHaveLength(2);

    const second = await transferEngine({ configDir, resumeTransfers: true });
    try {
      const queued = second.transfers.list();
      expect(queued.map((t) => t.source)).toEqual(['kept.bin']);
      const done = await waitFor(second, queued[0]!.id);
      expect(done.state).toBe('done');
      expect(await objectMd5(bucket.name, 'restart/kept.bin')).toBe(md5(data));
      await new Promise((r) => setTimeout(r, 100));
      expect(spooled(second)).toEqual([]);
    } finally {
      await second.dispose();
    }
  });

  it('refuses a body shorter than its announced length and leaves nothing behind', async () => {
    const engine = await transferEngine();
    try {
      await expect(
        engine.transfers.spool.receive(
          Readable.from([Buffer.from('short')]),
          { profileId: 'environment', bucket: bucket.name, key: 'x', name: 'x' },
          10,
          new AbortController().signal,
        ),
      ).rejects.toMatchObject({ code: 'NetworkError' });
      expect(spooled(engine)).toEqual([]);
    } finally {
      await engine.dispose();
    }
  });
});
