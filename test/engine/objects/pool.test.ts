import { describe, expect, it } from 'vitest';
import { runPool } from '../../../src-main/engine/objects/pool.js';

describe('the worker pool behind copies', () => {
  it('runs every index once, never more than the limit at a time', async () => {
    let running = 0;
    let most = 0;
    const seen: number[] = [];
    await runPool(20, 4, async (index) => {
      running += 1;
      most = Math.max(most, running);
      await new Promise((resolve) => setImmediate(resolve));
      seen.push(index);
      running -= 1;
    });
    expect(most).toBe(4);
    expect(seen.sort((a, b) => a - b)).toEqual(Array.from({ length: 20 }, (_, i) => i));
  });

  it('stops starting tasks after a failure and throws it', async () => {
    const started: number[] = [];
    const run = runPool(10, 1, async (index) => {
      started.push(index);
      if (index === 2) throw new Error('part 3 failed');
    });
    await expect(run).rejects.toThrow('part 3 failed');
    expect(started).toEqual([0, 1, 2]);
  });
});
