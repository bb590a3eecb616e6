import { createHash, randomBytes } from 'node:crypto';
import { existsSync, readdirSync } from 'node:fs';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
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

  it('keep a cancelled one for Retry, which uploads it; Clear deletes the bytes of one not retried', async () => {
    const engine = await transferEngine();
    try {
      // Limited so the retried upload is still running when its manifest is checked.
      await engine.settings.update({ bandwidthLimit: 1 * MiB });
      const where = { profileId: 'environment', bucket: bucket.name };
      const signal = new AbortController().signal;
      const data = randomBytes(2 * MiB);
      const files = [];
      for (const name of ['retried.bin', 'cleared.bin']) {
        const meta = { ...where, key: `retry/${name}`, name };
        const { file } = await engine.transfers.spool.receive(
          Readable.from([data]),
          meta,
          null,
          signal,
        );
        files.push(file);
        const { id } = engine.transfers.enqueueUpload({ ...meta, file });
        engine.transfers.cancel([id]);
        expect((await waitFor(engine, id)).state).toBe('cancelled');
      }
      const [retried, cleared] = files as [string, string];
      const manifest = (file: string) => file.replace(/\.data$/, '.json');
      await vi.waitFor(() =>
        expect(spooled(engine).filter((n) => n.endsWith('.json'))).toEqual([]),
      );
      expect(files.every((file) => existsSync(file))).toBe(true);

      const { id } = engine.transfers.list().find((t) => t.source === 'retried.bin')!;
      engine.transfers.retry([id]);
      // Recorded again as still to upload: a restart now would queue it.
      await vi.waitFor(() => expect(existsSync(manifest(retried))).toBe(true));
      expect((await waitFor(engine, id)).state).toBe('done');
      expect(await objectMd5(bucket.name, 'retry/retried.bin')).toBe(md5(data));

      expect(engine.transfers.clear()).toBe(2);
      await vi.waitFor(() => expect(spooled(engine)).toEqual([]));
      expect(existsSync(cleared)).toBe(false);
    } finally {
      await engine.dispose();
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
