import type { Entry } from '../../../src-shared/contract/index.js';
import type { FerryErrorData } from '../../../src-shared/errors.js';
import type { FerryClient } from '../client.js';
import { toErrorData } from '../errors.js';

/**
 * Search in the object browser: objects by name (part of it, or a glob) anywhere under the open folder.
 * Matches stream in as the engine lists; Esc or Cancel stops the listing.
 */
export class SearchState {
  /** The browser shows search results instead of the folder. */
  active = $state(false);
  pattern = $state('');
  /** Where the search runs: the folder open when it started. */
  scope = $state<{ profileId: string; bucket: string; prefix: string } | null>(null);
  results = $state.raw<Entry[]>([]);
  scanned = $state(0);
  running = $state(false);
  cancelled = $state(false);
  error = $state<FerryErrorData | null>(null);
  readonly #client: FerryClient;
  #searchId = '';

  constructor(client: FerryClient) {
    this.#client = client;
    client.on('search.found', ({ searchId, entries, scanned }) => {
      if (searchId !== this.#searchId) return;
      if (entries.length) this.results = this.results.concat(entries);
      this.scanned = scanned;
    });
    client.on('search.done', ({ searchId, scanned, cancelled, error }) => {
      if (searchId !== this.#searchId) return;
      this.scanned = scanned;
      this.running = false;
      this.cancelled = cancelled;
      if (error) this.error = error;
    });
  }

  /** Shows the search field for the open folder. */
  show(): void {
    this.active = true;
  }

  /** Starts a search under the folder; a running one is stopped first. */
  async start(profileId: string, bucket: string, prefix: string): Promise<void> {
    const pattern = this.pattern.trim();
    if (!pattern) return;
    this.cancel();
    const searchId = crypto.randomUUID();
    this.#searchId = searchId;
    this.scope = { profileId, bucket, prefix };
    this.results = [];
    this.scanned = 0;
    this.cancelled = false;
    this.error = null;
    this.running = true;
    try {
      await this.#client.call('search.start', { profileId, bucket, prefix, pattern, searchId });
    } catch (error) {
      if (this.#searchId !== searchId) return;
      this.error = toErrorData(error);
      this.running = false;
    }
  }

  /** Stops the listing; what was found stays. */
  cancel(): void {
    if (this.running) void this.#client.invoke('search.cancel', { searchId: this.#searchId });
  }

  /** Leaves search: back to the folder. */
  close(): void {
    this.cancel();
    this.#searchId = '';
    this.active = false;
    this.running = false;
    this.results = [];
    this.scope = null;
    this.error = null;
  }
}

/** The folder of a key (`a/b/c.txt` → `a/b/`), where a result opens. */
export function folderOf(key: string): string {
  return key.slice(0, key.lastIndexOf('/') + 1);
}
