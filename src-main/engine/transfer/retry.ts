import { setTimeout as delay } from 'node:timers/promises';
import type { FerryError } from '../errors.js';
import { translateError, type ErrorContext } from '../connection/translate.js';

/** How hard to try before giving up on a request. */
export interface RetryPolicy {
  /** Tries in all, the first included. */
  attempts: number;
  baseMs: number;
  maxMs: number;
  /** Told about each retry (the queue logs it). */
  onRetry?(error: FerryError, attempt: number): void;
  /** The bucket and key the requests are about, so the final error can name them. */
  context?: ErrorContext;
}

/** About two minutes of retries: enough to ride out a server restart, short enough to report a real outage. */
export const defaultRetry: RetryPolicy = { attempts: 8, baseMs: 500, maxMs: 30_000 };

const RETRYABLE = new Set([
  'ConnectionRefused',
  'DnsFailure',
  'Timeout',
  'NetworkError',
  'SlowDown',
  'ServerError',
  'Stalled',
]);

/** Failures worth another try: the network, the server's 5xx and SlowDown, stalled bodies. */
export function isRetryable(error: FerryError): boolean {
  return RETRYABLE.has(error.code);
}

/**
 * Failures a transfer that keeps trying (a watched folder's upload) waits out: those a request is retried for,
 * plus a digest mismatch (the next attempt reads the file again).
 */
export function passesByItself(error: FerryError): boolean {
  return isRetryable(error) || error.code === 'IntegrityMismatch';
}

/** The waits between attempts of a transfer that keeps trying: 1 s, 2 s, 4 s … up to 30 s, no jitter. */
export function keepTryingMs(waits: number): number {
  return backoffMs({ attempts: Infinity, baseMs: 500, maxMs: 30_000 }, waits, () => 1);
}

/** Exponential backoff with full jitter, so many clients failing together do not retry together. */
export function backoffMs(policy: RetryPolicy, attempt: number, random = Math.random): number {
  const ceiling = Math.min(policy.maxMs, policy.baseMs * 2 ** attempt);
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}

/** Resolves after `ms`, or rejects with the signal's reason as soon as it aborts. */
export async function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  try {
    await delay(ms, undefined, signal ? { signal } : {});
  } catch (error) {
    signal?.throwIfAborted();
    throw error;
  }
}

/** A Retry-After the server sent with its answer (seconds, or an HTTP date), in ms; undefined if none. */
export function retryAfterMs(raw: unknown, now = Date.now()): number | undefined {
  const headers = (raw as { $response?: { headers?: Record<string, unknown> } } | null)?.$response
    ?.headers;
  const value = headers?.['retry-after'] ?? headers?.['Retry-After'];
  if (typeof value !== 'string' || value.trim() === '') return undefined;
  const ms = /^\d+$/.test(value.trim()) ? Number(value) * 1000 : Date.parse(value) - now;
  return Number.isFinite(ms) ? Math.max(0, ms) : undefined;
}

/** Longest Retry-After honoured: a server asking for more is asked again after this. */
const RETRY_AFTER_CEILING_MS = 60_000;

/**
 * The pause before try `attempt + 1`: the backoff, or longer when the server said when to come back
 * (Retry-After, up to a minute).
 */
export function pauseMs(policy: RetryPolicy, attempt: number, raw?: unknown): number {
  const asked = retryAfterMs(raw);
  const backoff = backoffMs(policy, attempt);
  return asked === undefined ? backoff : Math.max(backoff, Math.min(asked, RETRY_AFTER_CEILING_MS));
}

/**
 * Runs `attempt` until it succeeds, fails for a reason a retry cannot fix, or runs out of tries; the final
 * error is the last one, translated. Cancellation (the signal) is never retried.
 */
export async function withRetry<T>(
  policy: RetryPolicy,
  signal: AbortSignal,
  attempt: (signal: AbortSignal) => Promise<T>,
): Promise<T> {
  for (let n = 0; ; n++) {
    // Paused or cancelled before this try began (while the file was read or hashed): an abort listener
    // added from here on would never fire.
    signal.throwIfAborted();
    try {
      return await attempt(signal);
    } catch (raw) {
      if (signal.aborted) throw signal.reason;
      const error = translateError(raw, policy.context);
      if (!isRetryable(error) || n + 1 >= policy.attempts) throw error;
      policy.onRetry?.(error, n + 1);
      await sleep(pauseMs(policy, n, raw), signal);
    }
  }
}
