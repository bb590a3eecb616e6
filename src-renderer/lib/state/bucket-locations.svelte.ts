import type { BucketLocation } from '../../../src-shared/contract/index.js';
import type { FerryErrorData } from '../../../src-shared/errors.js';
import type { FerryClient } from '../client.js';
import { toErrorData } from '../errors.js';

/** A bucket's region as the list shows it: still loading, known, or why it could not be read. */
export type LocationState =
  | { state: 'loading' }
  | ({ state: 'known' } & BucketLocation)
  | { state: 'failed'; error: FerryErrorData };

/** At most this many GetBucketLocation requests at once: a long bucket list must not flood the server. */
const CONCURRENCY = 4;

/**
 * Bucket regions, fetched lazily for the buckets on screen and kept per connection (a bucket does not
 * move, so the cache lives until the page reloads). A failure is remembered too: providers often refuse
 * GetBucketLocation, and asking again on every visit would only repeat the refusal; Refresh asks again.
 */
export class BucketLocations {
  #byProfile = $state<Record<string, Record<string, LocationState>>>({});
  #waiting: { profileId: string; bucket: string }[] = [];
  #running = 0;
  readonly #client: FerryClient;

  constructor(client: FerryClient) {
    this.#client = client;
  }

  /** The region state of a bucket, or undefined before it was asked for. */
  of(profileId: string, bucket: string): LocationState | undefined {
    return this.#byProfile[profileId]?.[bucket];
  }

  /** Asks for the regions of these buckets that are not known or on their way yet. */
  want(profileId: string, buckets: readonly string[]): void {
    for (const bucket of buckets) {
      if (this.of(profileId, bucket)) continue;
      this.#set(profileId, bucket, { state: 'loading' });
      this.#waiting.push({ profileId, bucket });
    }
    this.#pump();
  }

  /** Forgets the failures of a connection, so the next `want` asks for those regions again. */
  retryFailed(profileId: string): void {
    const known = this.#byProfile[profileId];
    if (!known) return;
    this.#byProfile[profileId] = Object.fromEntries(
      Object.entries(known).filter(([, value]) => value.state !== 'failed'),
    );
  }

  #pump(): void {
    while (this.#running < CONCURRENCY) {
      const next = this.#waiting.shift();
      if (!next) return;
      this.#running += 1;
      void this.#fetch(next.profileId, next.bucket).finally(() => {
        this.#running -= 1;
        this.#pump();
      });
    }
  }

  async #fetch(profileId: string, bucket: string): Promise<void> {
    try {
      const location = await this.#client.call('buckets.location', { profileId, bucket });
      this.#set(profileId, bucket, { state: 'known', ...location });
    } catch (error) {
      this.#set(profileId, bucket, { state: 'failed', error: toErrorData(error) });
    }
  }

  #set(profileId: string, bucket: string, value: LocationState): void {
    this.#byProfile[profileId] = { ...this.#byProfile[profileId], [bucket]: value };
  }
}
