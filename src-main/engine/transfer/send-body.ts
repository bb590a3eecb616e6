import type { Readable } from 'node:stream';
import { CHUNK, meteredBody, StallWatch, stalledError } from './body.js';
import { withRetry } from './retry.js';
import type { TransferContext } from './types.js';

/**
 * Sends one request body (a whole PUT or one part), retrying on network trouble and stalls. Each try gets a
 * fresh metered body from `source`; progress sent in a failed try is taken back. A body of one chunk or less
 * from memory, with no bandwidth limit, is sent as it is: it would be one chunk of the stream anyway, and the
 * stream around it costs more CPU than the request itself (its progress counts once the request is answered).
 */
export function sendBody<T>(
  ctx: TransferContext,
  signal: AbortSignal,
  source: () => AsyncIterable<Uint8Array> | Uint8Array,
  send: (body: Readable | Uint8Array, abortSignal: AbortSignal) => Promise<T>,
): Promise<T> {
  return withRetry(ctx.retry, signal, async (outer) => {
    const controller = new AbortController();
    const abort = () => controller.abort(outer.reason);
    outer.addEventListener('abort', abort, { once: true });
    const watch = new StallWatch(ctx.stallMs, () =>
      controller.abort(stalledError(ctx.stallMs / 1000)),
    );
    const from = source();
    if (from instanceof Uint8Array && from.length <= CHUNK && !ctx.throttle.limited) {
      try {
        const answer = await send(from, controller.signal);
        ctx.progress(from.length);
        return answer;
      } catch (error) {
        throw controller.signal.aborted && !outer.aborted ? controller.signal.reason : error;
      } finally {
        watch.stop();
        outer.removeEventListener('abort', abort);
      }
    }
    let sent = 0;
    const body = meteredBody(from, {
      throttle: ctx.throttle,
      signal: controller.signal,
      watch,
      onBytes: (bytes) => {
        sent += bytes;
        ctx.progress(bytes);
      },
    });
    try {
      return await send(body, controller.signal);
    } catch (error) {
      ctx.progress(-sent);
      // A stall aborts with its own reason; report that rather than the SDK's generic abort.
      throw controller.signal.aborted && !outer.aborted ? controller.signal.reason : error;
    } finally {
      watch.stop();
      body.destroy();
      outer.removeEventListener('abort', abort);
    }
  });
}
