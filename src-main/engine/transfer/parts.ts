import { runPool } from '../objects/pool.js';
import type { TransferContext } from './types.js';

/** One part of a multipart transfer: its number (from 1) and its place in the object. */
export interface PartRange {
  n: number;
  start: number;
  length: number;
}

/** Runs `each` on every part of the object that `done` lacks, `ctx.partConcurrency` at a time. */
export function runMissingParts(
  ctx: Pick<TransferContext, 'partConcurrency' | 'signal'>,
  object: { size: number; partSize: number },
  done: ReadonlyMap<number, unknown>,
  each: (part: PartRange, signal: AbortSignal) => Promise<void>,
): Promise<void> {
  // CompleteMultipartUpload needs at least one part, even for an empty object.
  const count = Math.max(1, Math.ceil(object.size / object.partSize));
  const todo = Array.from({ length: count }, (_, i) => i + 1).filter((n) => !done.has(n));
  return runPool(
    todo.length,
    ctx.partConcurrency,
    async (i, signal) => {
      const n = todo[i]!;
      const start = (n - 1) * object.partSize;
      await each({ n, start, length: Math.min(object.partSize, object.size - start) }, signal);
    },
    ctx.signal,
  );
}
