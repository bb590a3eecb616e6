import { Readable } from 'node:stream';
import { FerryError } from '../errors.js';
import type { Throttle } from './throttle.js';

/** The largest piece of a body that goes through the bandwidth limit at once. */
export const CHUNK = 64 * 1024;

/** The error a stalled body aborts its request with; retryable. */
export function stalledError(seconds: number): FerryError {
  return new FerryError(
    'Stalled',
    `The transfer stopped moving for ${seconds} seconds.`,
    'Ferry retries stalled transfers; check the network if it keeps happening.',
    { key: 'transfer.stalled', params: { seconds } },
  );
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

/** Options for a metered request body. */
export interface MeterOptions {
  throttle: Throttle;
  signal: AbortSignal;
  onBytes(bytes: number): void;
  watch: StallWatch;
}

/** Yields `source` in chunks through the bandwidth limit, counting progress and feeding the stall watch. */
async function* metered(source: AsyncIterable<Uint8Array> | Uint8Array, options: MeterOptions) {
  const chunks =
    source instanceof Uint8Array
      ? (function* () {
          for (let at = 0; at < source.length; at += CHUNK) yield source.subarray(at, at + CHUNK);
        })()
      : source;
  for await (const chunk of chunks) {
    if (!options.throttle.limited) {
      options.watch.touch();
      yield chunk;
      options.onBytes(chunk.length);
      continue;
    }
    // Under a low limit a whole chunk would keep the request silent for long (64 KiB at 2 KiB/s is 32 s,
    // past the socket's idle timeout): it goes in pieces of about a quarter second of the limit.
    const size = options.throttle.piece;
    for (let at = 0; at < chunk.length; at += size) {
      const piece = size >= chunk.length ? chunk : chunk.subarray(at, at + size);
      // Waiting for the bandwidth limit is Ferry's own choice, not a stall: under a low limit shared by
      // many requests, one request's turn can come later than the stall window.
      options.watch.stop();
      await options.throttle.take(piece.length, options.signal);
      options.watch.touch();
      yield piece;
      options.onBytes(piece.length);
    }
  }
}

/** A request body that honours the bandwidth limit, reports progress and can be watched for stalls. */
export function meteredBody(
  source: AsyncIterable<Uint8Array> | Uint8Array,
  options: MeterOptions,
): Readable {
  const body = Readable.from(metered(source, options), { objectMode: false, highWaterMark: CHUNK });
  // After an abort the request has let go of the body; its error is reported through the request already.
  body.on('error', () => {});
  return body;
}
