import { randomUUID } from 'node:crypto';
import type { S3Client } from '@aws-sdk/client-s3';
import type { EventPayload } from '../../../src-shared/contract/index.js';
import { translateError } from '../connection/translate.js';
import { FerryError } from '../errors.js';
import { listPages, type ListOptions } from './list.js';

type Emit = {
  page(payload: EventPayload<'objects.page'>): void;
  done(payload: EventPayload<'objects.listDone'>): void;
};

/**
 * Streamed listings in flight, by id: each sends its pages as events while it runs and can be cancelled.
 * The UI shows the first page of a 100,000-object folder while the rest is still arriving.
 */
export class Listings {
  readonly #running = new Map<string, AbortController>();

  /** Starts a listing and answers its id at once; pages and the end arrive through `emit`. */
  start(client: S3Client, options: ListOptions, emit: Emit, listingId?: string): string {
    const id = listingId ?? randomUUID();
    if (this.#running.has(id)) {
      throw new FerryError(
        'InvalidRequest',
        `A listing with id "${id}" is already running.`,
        'Use a new id for each listing.',
        { key: 'listing.duplicateId', params: { id } },
      );
    }
    const controller = new AbortController();
    this.#running.set(id, controller);
    void this.#run(id, client, { ...options, signal: controller.signal }, emit);
    return id;
  }

  async #run(id: string, client: S3Client, options: ListOptions, emit: Emit): Promise<void> {
    let count = 0;
    let page = 0;
    try {
      for await (const entries of listPages(client, options)) {
        if (options.signal?.aborted) break;
        count += entries.length;
        emit.page({ listingId: id, page: page++, entries });
      }
      const cancelled = options.signal?.aborted ?? false;
      emit.done({ listingId: id, count, cancelled, error: null });
    } catch (error) {
      const fe = translateError(error, { endpoint: options.endpoint, bucket: options.bucket });
      const cancelled = options.signal?.aborted ?? false;
      emit.done({ listingId: id, count, cancelled, error: cancelled ? null : fe.toData() });
    } finally {
      this.#running.delete(id);
    }
  }

  /** Stops a listing; answers false when it had already finished. */
  cancel(id: string): boolean {
    const controller = this.#running.get(id);
    controller?.abort();
    return controller !== undefined;
  }

  /** Stops every listing (engine shutdown). */
  cancelAll(): void {
    for (const controller of this.#running.values()) controller.abort();
  }
}
