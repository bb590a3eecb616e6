import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import type { FerryError } from '../../../src-main/engine/errors.js';
import { CHUNK, sendBody } from '../../../src-main/engine/transfer/attempt.js';
import { Throttle } from '../../../src-main/engine/transfer/throttle.js';
import type { TransferContext } from '../../../src-main/engine/transfer/types.js';

/** The parts of a transfer context sendBody uses, with the progress it reports. */
function context(rate: number, stallMs = 60_000) {
  const reported: number[] = [];
  const ctx = {
    signal: new AbortController().signal,
    throttle: new Throttle(() => rate),
    retry: { attempts: 1, baseMs: 1, maxMs: 1 },
    stallMs,
    progress: (delta: number) => reported.push(delta),
  } as unknown as TransferContext;
  return { ctx, reported };
}

async function bytesOf(body: Readable | Uint8Array): Promise<number> {
  if (body instanceof Uint8Array) return body.length;
  let n = 0;
  for await (const chunk of body) n += (chunk as Buffer).length;
  return n;
}

describe('sendBody', () => {
  it('sends a one-chunk body from memory as it is, and counts it once answered', async () => {
    const { ctx, reported } = context(0);
    const data = Buffer.alloc(CHUNK, 1);
    const seen = await sendBody(
      ctx,
      ctx.signal,
      () => data,
      async (body) => {
        expect(reported).toEqual([]);
        return body;
      },
    );
    expect(seen).toBe(data);
    expect(reported).toEqual([CHUNK]);
  });

  it('meters a one-chunk body when a bandwidth limit is set, and any larger body', async () => {
    for (const [rate, size] of [
      [1024 * 1024 * 1024, CHUNK],
      [0, CHUNK + 1],
    ] as const) {
      const { ctx, reported } = context(rate);
      const sent = await sendBody(
        ctx,
        ctx.signal,
        () => Buffer.alloc(size),
        async (body) => {
          expect(body).toBeInstanceOf(Readable);
          return bytesOf(body);
        },
      );
      expect(sent).toBe(size);
      expect(reported.reduce((a, b) => a + b, 0)).toBe(size);
    }
  });

  it('abandons a one-chunk body whose request stops moving, and counts nothing', async () => {
    const { ctx, reported } = context(0, 50);
    const error = await sendBody(
      ctx,
      ctx.signal,
      () => Buffer.alloc(10),
      (_body, abortSignal) =>
        new Promise((_resolve, reject) =>
          abortSignal.addEventListener('abort', () => reject(new Error('aborted'))),
        ),
    ).then(
      () => undefined,
      (e: unknown) => e as FerryError,
    );
    expect(error?.code).toBe('Stalled');
    expect(reported).toEqual([]);
  });

  it('waits its turn under a low bandwidth limit without calling that a stall', async () => {
    // Each chunk waits about 250 ms for the limit; the stall watch allows 100 ms of no movement.
    const { ctx, reported } = context(4 * CHUNK, 100);
    const size = 3 * CHUNK + 1;
    const sent = await sendBody(
      ctx,
      ctx.signal,
      () => Buffer.alloc(size),
      async (body) => bytesOf(body),
    );
    expect(sent).toBe(size);
    expect(reported.reduce((a, b) => a + b, 0)).toBe(size);
  });

  it('hands a low bandwidth limit small pieces, so the socket never sits idle for long', async () => {
    // At 4 KiB/s a whole 8 KiB chunk would keep the request silent for 2 s; the server and the socket's
    // idle timeout see only the gaps between writes.
    const { ctx } = context(4096);
    const gaps: number[] = [];
    const sent = await sendBody(
      ctx,
      ctx.signal,
      () => Buffer.alloc(8 * 1024 + 1),
      async (body) => {
        let last = Date.now();
        let n = 0;
        for await (const chunk of body as Readable) {
          gaps.push(Date.now() - last);
          last = Date.now();
          n += (chunk as Buffer).length;
        }
        return n;
      },
    );
    expect(sent).toBe(8 * 1024 + 1);
    expect(Math.max(...gaps)).toBeLessThan(1000);
  });
});
