import { randomUUID } from 'node:crypto';
import { FerryError } from '../errors.js';

/**
 * Streamed work in flight (listings, searches), by id: each runs in the background, sending what it finds
 * as events, and can be cancelled by its id.
 */
export class Streams {
  readonly #running = new Map<string, AbortController>();

  /** Starts `run` under a new id (or the caller's) and answers the id at once. */
  start(id: string | undefined, run: (id: string, signal: AbortSignal) => Promise<void>): string {
    const streamId = id ?? randomUUID();
    if (this.#running.has(streamId)) {
      throw FerryError.of('InvalidRequest', 'listing.duplicateId', { id: streamId });
    }
    const controller = new AbortController();
    this.#running.set(streamId, controller);
    void run(streamId, controller.signal).finally(() => this.#running.delete(streamId));
    return streamId;
  }

  /** Stops one; answers false when it had already finished. */
  cancel(id: string): boolean {
    const controller = this.#running.get(id);
    controller?.abort();
    return controller !== undefined;
  }

  /** Stops every one (engine shutdown). */
  cancelAll(): void {
    for (const controller of this.#running.values()) controller.abort();
  }
}
