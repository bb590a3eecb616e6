import type { S3Client } from '@aws-sdk/client-s3';
import type { EventPayload } from '../../../src-shared/contract/index.js';
import { translateError } from '../connection/translate.js';
import { listPages, type ListOptions } from './list.js';
import { Streams } from './streams.js';

type Emit = {
  page(payload: EventPayload<'objects.page'>): void;
  done(payload: EventPayload<'objects.listDone'>): void;
};

/**
 * Streamed listings in flight, by id: each sends its pages as events while it runs and can be cancelled.
 * The UI shows the first page of a 100,000-object folder while the rest is still arriving.
 */
export class Listings {
  readonly #streams = new Streams();

  /** Starts a listing and answers its id at once; pages and the end arrive through `emit`. */
  start(client: S3Client, options: ListOptions, emit: Emit, listingId?: string): string {
    return this.#streams.start(listingId, (id, signal) =>
      runListing(id, client, { ...options, signal }, emit),
    );
  }

  /** Stops a listing; answers false when it had already finished. */
  cancel(id: string): boolean {
    return this.#streams.cancel(id);
  }

  /** Stops every listing (engine shutdown). */
  cancelAll(): void {
    this.#streams.cancelAll();
  }
}

async function runListing(id: string, client: S3Client, options: ListOptions, emit: Emit) {
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
  }
}
