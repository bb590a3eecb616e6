import { HeadObjectCommand, ListMultipartUploadsCommand } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../../../src-main/engine/engine.js';
import { FerryError } from '../../../src-main/engine/errors.js';
import { createTestBucket, rawClient } from '../../support/s3.js';
import { MiB, objectMd5, randomFile, tempDir, transferEngine } from '../../support/transfer.js';

describe('uploads to the gateway', () => {
  let engine: Engine;
  let bucket: Awaited<ReturnType<typeof createTestBucket>>;
  const dir = tempDir('up');
  beforeAll(async () => {
    engine = await transferEngine();
    bucket = await createTestBucket('upload');
  });
  afterAll(async () => {
    await engine.dispose();
    await bucket.remove();
  });

  const sizes: [string, number][] = [
    ['zero bytes', 0],
    ['a small file', 1234],
    ['one part minus a byte', 5 * MiB - 1],
    ['one part plus a byte', 5 * MiB + 1],
    ['exactly three parts', 15 * MiB],
  ];
  for (const [label, size] of sizes) {
    it(`stores ${label} byte for byte, with the verified ETag`, async () => {
      const { file, md5 } = randomFile(dir, `f-${size}.bin`, size);
      const key = `sizes/${size}.bin`;
      const { done } = engine.transfers.enqueueUpload({
        profileId: 'environment',
        bucket: bucket.name,
        key,
        file,
        md5: true,
      });
      const outcome = await done;
      expect(outcome.size).toBe(size);
      expect(outcome.md5).toBe(md5);
      expect(await objectMd5(bucket.name, key)).toBe(md5);
      const head = await rawClient().send(new HeadObjectCommand({ Bucket: bucket.name, Key: key }));
      expect(head.ContentLength).toBe(size);
      expect(head.ETag?.replace(/"/g, '')).toBe(outcome.etag);
      if (size > 5 * MiB) expect(outcome.etag).toMatch(/-\d+$/);
    });
  }

  it('leaves no incomplete upload behind when cancelled', async () => {
    const { file } = randomFile(dir, 'cancel.bin', 30 * MiB);
    await engine.settings.update({ bandwidthLimit: 4 * MiB });
    try {
      const { id, done } = engine.transfers.enqueueUpload({
        profileId: 'environment',
        bucket: bucket.name,
        key: 'cancel.bin',
        file,
      });
      await new Promise<void>((resolve) => {
        const off = engine.events.on('transfers.progress', ({ items }) => {
          if (items.some((i) => i.id === id && i.bytesDone > 0)) {
            off();
            resolve();
          }
        });
      });
      engine.transfers.cancel([id]);
      const error = await done.then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(FerryError);
      expect((error as FerryError).code).toBe('Cancelled');
      expect(engine.transfers.get(id)?.state).toBe('cancelled');
    } finally {
      await engine.settings.update({ bandwidthLimit: 0 });
    }
    const list = await rawClient().send(new ListMultipartUploadsCommand({ Bucket: bucket.name }));
    expect(list.Uploads ?? []).toEqual([]);
    expect(engine.transfers.journal.entries()).toEqual([]);
  });
});
