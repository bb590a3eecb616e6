import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempConfigDir } from '../../support/engine.js';
import { createTestBucket } from '../../support/s3.js';
import { randomFile, tempDir, transferEngine } from '../../support/transfer.js';

describe('transfer history', () => {
  let bucket: Awaited<ReturnType<typeof createTestBucket>>;
  beforeAll(async () => {
    bucket = await createTestBucket('history');
  });
  afterAll(() => bucket.remove());

  it('remembers finished and failed transfers across restarts, newest first', async () => {
    const configDir = tempConfigDir();
    const dir = tempDir('history');
    const first = await transferEngine({ configDir });
    const ok = first.transfers.enqueueUpload({
      profileId: 'environment',
      bucket: bucket.name,
      key: 'kept.txt',
      file: randomFile(dir, 'kept.txt', 10).file,
    });
    await ok.done;
    const bad = first.transfers.enqueueUpload({
      profileId: 'environment',
      bucket: 'no-such-bucket-for-ferry',
      key: 'lost.txt',
      file: randomFile(dir, 'lost.txt', 10).file,
    });
    await bad.done.catch(() => {});
    // Cleared from the queue, still in the history.
    expect(await first.handlers()['transfers.clear']({})).toEqual({ removed: 2 });
    await first.dispose();
    const second = await transferEngine({ configDir });
    try {
      const history = await second.handlers()['transfers.history']({ limit: 10 });
      expect(history.map((t) => [t.key, t.state])).toEqual([
        ['lost.txt', 'failed'],
        ['kept.txt', 'done'],
      ]);
      expect(history[0]?.error?.code).toBe('NoSuchBucket');
      expect((await second.handlers()['transfers.list']({})).transfers).toEqual([]);
    } finally {
      await second.dispose();
    }
  });
});
