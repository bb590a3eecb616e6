/**
 * One try of one transfer request, and the retries around it. Every request a transfer sends (see s3-port.ts)
 * runs here: each try gets its own abort (the caller's signal, or a stall), a stall watch, and a tally of the
 * progress it reported, taken back if the try fails; between tries, the one retry policy (retry.ts) pauses.
 */
import { Readable } from 'node:stream';
import { FerryError } from '../errors.js';
import { withRetry, type RetryPolicy } from './retry.js';
import type { Throttle } from './throttle.js';

/** The largest piece of a body that goes through the bandwidth limit at once. */
export const CHUNK = 64 * 1024;

/** The error a stalled request aborts with; retryable. */
export function stalledError(seconds: number): FerryError {
  return FerryError.of('Stalled', 'transfer.stalled', { seconds });
}

/**
 * Watches something that should keep moving: `touch()` on every chunk; if nothing happens for `ms`, `onStall`
 * runs (it aborts the request). The SDK's own timeouts do not cover a body that stops mid-way.
 */
export class StallWatch {
  #timer: NodeJS.Timeout | undefined;
  readonly #ms: number;
  readonly #onStall: () => void;

  constructor(ms: number, onStall: () => void) {
    this.#ms = ms;
    this.#onStall = onStall;
    this.touch();
  }

  /** Restarts the countdown: called for every chunk, so it re-arms one timer rather than making one. */
  touch(): void {
    if (this.#timer) {
      this.#timer.refresh();
      return;
    }
    this.#timer = setTimeout(this.#onStall, this.#ms);
    this.#timer.unref();
  }

  stop(): void {
    clearTimeout(this.#timer);
    this.#timer = undefined;
  }
}

/** What an attempt needs of its transfer: the retry policy, the stall window, the limit and progress. */
export interface AttemptContext {
  retry: RetryPolicy;
  /** A request that moves no byte for this long is abandoned and retried. */
  stallMs: number;
  throttle: Throttle;
  /** Adds (or, after a failed try, takes back) transferred bytes. */
  progress(delta: number): void;
}

/** One try, as the request it runs sees it. */
export interface Attempt {
  /** Aborts when the caller stops the transfer or the request stalls. */
  signal: AbortSignal;
  /** Touch it whenever bytes move; stop it while Ferry itself waits (the bandwidth limit). */
  watch: StallWatch;
  /** Counts bytes moved in this try; they are taken back if the try fails. */
  count(bytes: number): void;
}

/** One try of `run`: its own abort, a stall watch, and progress taken back on failure. */
async function once<T>(
  ctx: AttemptContext,
  outer: AbortSignal,
  run: (attempt: Attempt) => Promise<T>,
): Promise<T> {
  const stall = new AbortController();
  const signal = AbortSignal.any([outer, stall.signal]);
  const watch = new StallWatch(ctx.stallMs, () => stall.abort(stalledError(ctx.stallMs / 1000)));
  let counted = 0;
  const count = (bytes: number) => {
    counted += bytes;
    ctx.progress(bytes);
  };
  try {
    return await run({ signal, watch, count });
  } catch (error) {
    if (counted !== 0) ctx.progress(-counted);
    // A stall aborts with its own reason; report that rather than the SDK's generic abort.
    throw stall.signal.aborted && !outer.aborted ? stall.signal.reason : error;
  } finally {
    watch.stop();
  }
}

/**
 * Runs `run` until it succeeds, fails for a reason a retry cannot fix, or runs out of tries (the retry
 * policy); each try is one attempt (see above).
 */
export function attempts<T>(
  ctx: AttemptContext,
  signal: AbortSignal,
  run: (attempt: Attempt) => Promise<T>,
): Promise<T> {
  return withRetry(ctx.retry, signal, (outer) => once(ctx, outer, run));
}

/**
 * Sends one request body (a whole PUT or one part) under `attempts`. Each try gets a fresh metered body from
 * `source`. A body of one chunk or less from memory, with no bandwidth limit, is sent as it is: it would be
 * one chunk of the stream anyway, and the stream around it costs more CPU than the request itself (its
 * progress counts once the request is answered).
 */
export function sendBody<T>(
  ctx: AttemptContext,
  signal: AbortSignal,
  source: () => AsyncIterable<Uint8Array> | Uint8Array,
  send: (body: Readable | Uint8Array, abortSignal: AbortSignal) => Promise<T>,
): Promise<T> {
  return attempts(ctx, signal, async (attempt) => {
    const from = source();
    if (from instanceof Uint8Array && from.length <= CHUNK && !ctx.throttle.limited) {
      const answer = await send(from, attempt.signal);
      attempt.count(from.length);
      return answer;
    }
    const body = meteredBody(from, ctx.throttle, attempt);
    try {
      return await send(body, attempt.signal);
    } finally {
      body.destroy();
    }
  });
}

/** Yields `source` in chunks through the bandwidth limit, counting progress and feeding the stall watch. */
async function* metered(
  source: AsyncIterable<Uint8Array> | Uint8Array,
  throttle: Throttle,
  attempt: Attempt,
) {
  const chunks =
    source instanceof Uint8Array
      ? (function* () {
          for (let at = 0; at < source.length; at += CHUNK) yield source.subarray(at, at + CHUNK);
        })()
      : source;
  for await (const chunk of chunks) {
    if (!throttle.limited) {
      attempt.watch.touch();
      yield chunk;
      attempt.count(chunk.length);
      continue;
    }
    // Under a low limit a whole chunk would keep the request silent for long (64 KiB at 2 KiB/s is 32 s,
    // past the socket's idle timeout): it goes in pieces of about a quarter second of the limit.
    const size = throttle.piece;
    for (let at = 0; at < chunk.length; at += size) {
      const piece = size >= chunk.length ? chunk : chunk.subarray(at, at + size);
      // Waiting for the bandwidth limit is Ferry's own choice, not a stall: under a low limit shared by
      // many requests, one request's turn can come later than the stall window.
      attempt.watch.stop();
      await throttle.take(piece.length, attempt.signal);
      attempt.watch.touch();
      yield piece;
      attempt.count(piece.length);
    }
  }
}

/** A request body that honours the bandwidth limit, reports progress and can be watched for stalls. */
function meteredBody(
  source: AsyncIterable<Uint8Array> | Uint8Array,
  throttle: Throttle,
  attempt: Attempt,
): Readable {
  const body = Readable.from(metered(source, throttle, attempt), {
    objectMode: false,
    highWaterMark: CHUNK,
  });
  // After an abort the request has let go of the body; its error is reported through the request already.
  body.on('error', () => {});
  return body;
}
