import type { S3Client } from '@aws-sdk/client-s3';
import type { EventPayload } from '../../../src-shared/contract/index.js';
import { translateError } from '../connection/translate.js';
import { findObjects, nameMatcher, type FindOptions } from './find.js';
import { Streams } from './streams.js';

type Emit = {
  found(payload: EventPayload<'search.found'>): void;
  done(payload: EventPayload<'search.done'>): void;
};

/** Searches in flight, by id: each streams its matches as events while the listing goes, and can be cancelled. */
export class Searches {
  readonly #streams = new Streams();

  /** Starts a search and answers its id at once; a bad pattern is refused here, before anything runs. */
  start(client: S3Client, options: FindOptions, emit: Emit, searchId?: string): string {
    nameMatcher(options.pattern);
    return this.#streams.start(searchId, (id, signal) =>
      runSearch(id, client, { ...options, signal }, emit),
    );
  }

  /** Stops a search; answers false when it had already finished. */
  cancel(id: string): boolean {
    return this.#streams.cancel(id);
  }

  /** Stops every search (engine shutdown). */
  cancelAll(): void {
    this.#streams.cancelAll();
  }
}

async function runSearch(id: string, client: S3Client, options: FindOptions, emit: Emit) {
  let found = 0;
  let scanned = 0;
  const signal = options.signal;
  try {
    for await (const page of findObjects(client, options)) {
      if (signal?.aborted) break;
      found += page.matches.length;
      scanned += page.scanned;
      emit.found({ searchId: id, entries: page.matches, scanned });
    }
    emit.done({ searchId: id, found, scanned, cancelled: signal?.aborted ?? false, error: null });
  } catch (error) {
    const cancelled = signal?.aborted ?? false;
    const fe = translateError(error, { endpoint: options.endpoint, bucket: options.bucket });
    emit.done({ searchId: id, found, scanned, cancelled, error: cancelled ? null : fe.toData() });
  }
}
