import { randomUUID } from 'node:crypto';
import type { S3Client } from '@aws-sdk/client-s3';
import type { EventPayload } from '../../../src-shared/contract/index.js';
import { translateError } from '../connection/translate.js';
import { FerryError } from '../errors.js';
import { findObjects, nameMatcher, type FindOptions } from './find.js';

type Emit = {
  found(payload: EventPayload<'search.found'>): void;
  done(payload: EventPayload<'search.done'>): void;
};

/** Searches in flight, by id: each streams its matches as events while the listing goes, and can be cancelled. */
export class Searches {
  readonly #running = new Map<string, AbortController>();

  /** Starts a search and answers its id at once; a bad pattern is refused here, before anything runs. */
  start(client: S3Client, options: FindOptions, emit: Emit, searchId?: string): string {
    nameMatcher(options.pattern);
    const id = searchId ?? randomUUID();
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

  async #run(id: string, client: S3Client, options: FindOptions, emit: Emit): Promise<void> {
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
    } finally {
      this.#running.delete(id);
    }
  }

  /** Stops a search; answers false when it had already finished. */
  cancel(id: string): boolean {
    const controller = this.#running.get(id);
    controller?.abort();
    return controller !== undefined;
  }

  /** Stops every search (engine shutdown). */
  cancelAll(): void {
    for (const controller of this.#running.values()) controller.abort();
  }
}
