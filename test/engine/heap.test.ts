import { describe, expect, it } from 'vitest';
import { compactHeap } from '../../src-main/engine/heap.js';

describe('compactHeap', () => {
  it('collects the garbage a burst of work left behind', () => {
    let burst: { n: number; s: string }[] | null = [];
    for (let i = 0; i < 500_000; i++) burst.push({ n: i, s: `file-${i}` });
    const held = process.memoryUsage().heapUsed;
    burst = null;
    expect(compactHeap()).toBe(true);
    const after = process.memoryUsage().heapUsed;
    // 500,000 small objects and strings are tens of MiB; a full collection frees nearly all of them.
    expect(held - after).toBeGreaterThan(20 * 1024 * 1024);
  });
});
