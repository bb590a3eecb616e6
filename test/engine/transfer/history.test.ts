import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../../../src-main/engine/logger.js';
import { TransferHistory } from '../../../src-main/engine/transfer/history.js';
import { newTransfer } from '../../../src-main/engine/transfer/job.js';
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

  function finished(key: string) {
    const t = newTransfer(
      'upload',
      { profileId: 'p', bucket: 'b', key },
      { localPath: `/tmp/${key}`, source: `/tmp/${key}`, target: `s3://b/${key}` },
      1,
      0,
    );
    return { ...t, state: 'done' as const, finishedAt: new Date(0).toISOString() };
  }

  it('skips damaged lines, keeps the last 1,000 entries and trims a file grown past twice that', async () => {
    const dir = tempDir('history-file');
    const file = path.join(dir, 'history.jsonl');
    const lines = Array.from({ length: 2500 }, (_, i) => JSON.stringify(finished(`k${i}`)));
    lines[2400] = '{"torn":';
    writeFileSync(file, `${lines.join('\n')}\n`);
    const history = new TransferHistory(dir, silentLogger);
    await history.open();
    expect(readFileSync(file, 'utf8').split('\n').filter(Boolean)).toHaveLength(1000);
    history.add(finished('new'));
    const listed = history.list(2000);
    expect(listed).toHaveLength(1000);
    expect(listed[0]!.key).toBe('new');
    expect(listed[1]!.key).toBe('k2499');
    expect(listed.some((t) => t.key === 'k2400')).toBe(false);
    expect(listed.at(-1)!.key).toBe('k1500');
    await history.close();
    const again = new TransferHistory(dir, silentLogger);
    await again.open();
    expect(again.list(1)[0]!.key).toBe('new');
    await again.close();
  });
});
