import type { Entry, VersioningStatus } from '../../../src-shared/contract/index.js';
import type { FerryErrorData } from '../../../src-shared/errors.js';
import type { FerryClient } from '../client.js';
import { toErrorData } from '../errors.js';
import { nameSortKey } from '../name-order.js';
import { Selection } from './selection.svelte.js';

export type SortColumn = 'name' | 'size' | 'modified' | 'class';

const byString = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * One folder of one bucket: a streamed listing (rows appear as pages arrive), folders first, sort, filter
 * and selection. Large arrays are `$state.raw` and replaced, never proxied: 100,000 entries stay cheap.
 */
export class BrowserState {
  profileId = $state('');
  bucket = $state('');
  prefix = $state('');
  folders = $state.raw<Entry[]>([]);
  files = $state.raw<Entry[]>([]);
  loading = $state(false);
  /** True once the listing has ended (complete, cancelled or failed). */
  complete = $state(false);
  error = $state<FerryErrorData | null>(null);
  /** Natural name order until the user picks a column. */
  sort = $state<{ column: SortColumn; descending: boolean }>({ column: 'name', descending: false });
  filter = $state('');
  /** The open bucket's versioning, once known: a delete there adds a delete marker and can be undone. */
  versioning = $state<VersioningStatus | null>(null);
  /** A row to put the cursor on once it is listed: the folder just left by going up. */
  revealKey = $state<string | null>(null);
  readonly selection = new Selection();
  readonly #client: FerryClient;
  #listingId = '';
  /** Each entry's name sort key, made once. */
  #sortKeys = new WeakMap<Entry, string>();
  readonly #compare: Record<SortColumn, (a: Entry, b: Entry) => number> = {
    name: (a, b) => byString(this.#sortKey(a), this.#sortKey(b)) || byString(a.name, b.name),
    size: (a, b) => a.size - b.size,
    modified: (a, b) => (a.lastModified ?? '').localeCompare(b.lastModified ?? ''),
    class: (a, b) => (a.storageClass ?? '').localeCompare(b.storageClass ?? ''),
  };

  constructor(client: FerryClient) {
    this.#client = client;
    client.on('objects.page', ({ listingId, entries }) => {
      if (listingId !== this.#listingId) return;
      const folders: Entry[] = [];
      const files: Entry[] = [];
      for (const entry of entries) (entry.isFolder ? folders : files).push(entry);
      if (folders.length) this.folders = this.folders.concat(folders);
      if (files.length) this.files = this.files.concat(files);
      this.loading = false;
    });
    client.on('objects.listDone', ({ listingId, error }) => {
      if (listingId !== this.#listingId) return;
      this.loading = false;
      this.complete = true;
      if (error) this.error = error;
    });
  }

  /** The typed client, for dialogs that work on one object of this folder. */
  client(): FerryClient {
    return this.#client;
  }

  #sortKey(entry: Entry): string {
    let key = this.#sortKeys.get(entry);
    if (key === undefined) {
      key = nameSortKey(entry.name);
      this.#sortKeys.set(entry, key);
    }
    return key;
  }

  /** The rows to show: folders first, then objects, each filtered and sorted (by name by default). */
  get rows(): Entry[] {
    const needle = this.filter.trim().toLowerCase();
    const pick = (list: Entry[]) =>
      needle ? list.filter((e) => e.name.toLowerCase().includes(needle)) : list;
    const order = (list: Entry[]) => {
      const sort = this.sort;
      const by = this.#compare[sort.column];
      // Ties (folders all have size 0) fall back to the name, so the order never looks random.
      const tie = this.#compare.name;
      return [...list].sort((a, b) => (sort.descending ? by(b, a) : by(a, b)) || tie(a, b));
    };
    return order(pick(this.folders)).concat(order(pick(this.files)));
  }

  get count(): number {
    return this.folders.length + this.files.length;
  }

  /** The folders from the bucket down to here, for breadcrumbs. */
  get crumbs(): { name: string; prefix: string }[] {
    const parts = this.prefix.split('/').filter(Boolean);
    return parts.map((name, i) => ({ name, prefix: `${parts.slice(0, i + 1).join('/')}/` }));
  }

  /** Opens a folder (or the bucket's root with prefix ''). */
  async open(profileId: string, bucket: string, prefix = ''): Promise<void> {
    if (this.#listingId)
      void this.#client.invoke('objects.cancelList', { listingId: this.#listingId });
    if (profileId !== this.profileId || bucket !== this.bucket) {
      this.versioning = null;
      void this.#loadVersioning(profileId, bucket);
    }
    this.profileId = profileId;
    this.bucket = bucket;
    this.prefix = prefix;
    this.folders = [];
    this.files = [];
    this.filter = '';
    this.revealKey = null;
    this.selection.clear();
    this.error = null;
    this.complete = false;
    this.loading = true;
    const listingId = crypto.randomUUID();
    this.#listingId = listingId;
    try {
      await this.#client.call('objects.list', { profileId, bucket, prefix, listingId });
    } catch (error) {
      if (this.#listingId !== listingId) return;
      this.error = toErrorData(error);
      this.loading = false;
      this.complete = true;
    }
  }

  /** Lists the same folder again; the filter the user typed stays (a drop's refresh used to clear it). */
  refresh(): Promise<void> {
    void this.#loadVersioning(this.profileId, this.bucket);
    const filter = this.filter;
    const listed = this.open(this.profileId, this.bucket, this.prefix);
    this.filter = filter; // open() clears it before its first await
    return listed;
  }

  async #loadVersioning(profileId: string, bucket: string): Promise<void> {
    const result = await this.#client.invoke('buckets.getVersioning', { profileId, bucket });
    if (result.ok && this.profileId === profileId && this.bucket === bucket)
      this.versioning = result.value.status;
  }

  /** Goes one folder up; false at the bucket's root. */
  up(): boolean {
    if (!this.prefix) return false;
    const left = this.prefix;
    const parts = left.split('/').filter(Boolean);
    void this.open(
      this.profileId,
      this.bucket,
      parts.length > 1 ? `${parts.slice(0, -1).join('/')}/` : '',
    );
    this.revealKey = left;
    return true;
  }

  /** Sorts by a column, ascending; a second click on it turns the order around. */
  sortBy(column: SortColumn): void {
    const current = this.sort;
    this.sort = { column, descending: current.column === column && !current.descending };
  }

  /** The selected entries, in row order. */
  selected(rows: Entry[] = this.rows): Entry[] {
    return rows.filter((e) => this.selection.has(e.key));
  }
}
