import { describe, expect, it } from 'vitest';
import { runMissingParts, type PartRange } from '../../../src-main/engine/transfer/parts.js';

const ctx = { partConcurrency: 3, signal: new AbortController().signal };

describe('the parts a resumed transfer still sends or fetches', () => {
  it('runs only the parts not done yet, each with its byte range, the last one short', async () => {
    const seen: PartRange[] = [];
    const done = new Map([[2, 'sent before the restart']]);
    await runMissingParts(ctx, { size: 25, partSize: 10 }, done, async (part) => {
      seen.push(part);
    });
    expect(seen.sort((a, b) => a.n - b.n)).toEqual([
      { n: 1, start: 0, length: 10 },
      { n: 3, start: 20, length: 5 },
    ]);
  });

  it('cuts an object of exactly n part sizes into n full parts', async () => {
    const seen: PartRange[] = [];
    await runMissingParts(ctx, { size: 30, partSize: 10 }, new Map(), async (part) => {
      seen.push(part);
    });
    expect(seen.map((p) => p.length)).toEqual([10, 10, 10]);
  });

  it('gives an empty object one empty part (a multipart upload needs one)', async () => {
    const seen: PartRange[] = [];
    await runMissingParts(ctx, { size: 0, partSize: 10 }, new Map(), async (part) => {
      seen.push(part);
    });
    expect(seen).toEqual([{ n: 1, start: 0, length: 0 }]);
  });
});
