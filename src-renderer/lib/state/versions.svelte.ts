import type {
  DeletedEntry,
  ObjectVersion,
  VersionsMarker,
} from '../../../src-shared/contract/index.js';
import type { FerryErrorData } from '../../../src-shared/errors.js';
import type { FerryClient } from '../client.js';
import { downloadUrl, saveInBrowser } from '../downloads.js';
import { toErrorData } from '../errors.js';

type Where = { profileId: string; bucket: string };

/**
 * The versions of one object (or of everything under a folder): pages arrive one after another and are
 * shown as they come; closing the view stops the paging. Restore, download and permanent delete of one
 * version, each followed by a fresh listing.
 */
export class VersionsView {
  versions = $state.raw<ObjectVersion[]>([]);
  complete = $state(false);
  error = $state<FerryErrorData | null>(null);
  busy = $state(false);
  /** The version whose permanent delete waits for the typed confirmation. */
  confirming = $state<ObjectVersion | null>(null);
  /** What the last action did, for the dialog's status line. */
  done = $state<'restored' | 'deleted' | 'downloaded' | null>(null);
  readonly #client: FerryClient;
  readonly #where: Where;
  readonly #target: { key: string; folder: boolean };
  #generation = 0;

  constructor(client: FerryClient, where: Where, target: { key: string; folder: boolean }) {
    this.#client = client;
    this.#where = where;
    this.#target = target;
  }

  /** Lists from the start, page by page, until the end or until stop(). */
  async load(): Promise<void> {
    const generation = ++this.#generation;
    this.versions = [];
    this.complete = false;
    let marker: VersionsMarker | null = null;
    try {
      do {
        const page: { versions: ObjectVersion[]; next: VersionsMarker | null } =
          await this.#client.call('versions.list', {
            ...this.#where,
            prefix: this.#target.key,
            exact: !this.#target.folder,
            ...(marker ? { marker } : {}),
          });
        if (generation !== this.#generation) return;
        this.versions = this.versions.concat(page.versions);
        marker = page.next;
      } while (marker);
    } catch (error) {
      if (generation === this.#generation) this.error = toErrorData(error);
    }
    if (generation === this.#generation) this.complete = true;
  }

  /** Stops a listing still paging (the view closed). */
  stop(): void {
    this.#generation += 1;
  }

  /** The desktop app saves into a folder the user picks; a browser saves what `ferry serve` sends. */
  async download(v: ObjectVersion, desktop: boolean): Promise<void> {
    await this.#act('downloaded', async () => {
      if (!desktop) {
        saveInBrowser(downloadUrl(this.#where, [v.key], undefined, v.versionId));
        return;
      }
      const { path } = await this.#client.call('desktop.pickFolder', {
        purpose: 'download-target',
      });
      if (path)
        await this.#client.call('versions.download', {
          ...this.#where,
          key: v.key,
          versionId: v.versionId,
          folder: path,
        });
    });
  }

  /** Copies the version over its key (server-side): it becomes the current version. */
  async restore(v: ObjectVersion): Promise<void> {
    await this.#act('restored', async () => {
      await this.#client.call('versions.restore', {
        ...this.#where,
        key: v.key,
        versionId: v.versionId,
      });
      await this.load();
    });
  }

  /** Deletes the version being confirmed, for good. */
  async remove(): Promise<void> {
    const v = this.confirming;
    if (!v) return;
    await this.#act('deleted', async () => {
      await this.#client.call('versions.delete', {
        ...this.#where,
        key: v.key,
        versionId: v.versionId,
      });
      this.confirming = null;
      await this.load();
    });
  }

  async #act(done: NonNullable<VersionsView['done']>, work: () => Promise<void>): Promise<void> {
    this.busy = true;
    this.error = null;
    this.done = null;
    try {
      await work();
      this.done = done;
    } catch (error) {
      this.error = toErrorData(error);
    } finally {
      this.busy = false;
    }
  }
}

/**
 * The browser's "Show deleted" list: objects of the open folder whose current version is a delete
 * marker, each with Undelete.
 */
export class DeletedObjects {
  shown = $state(false);
  entries = $state.raw<DeletedEntry[]>([]);
  loading = $state(false);
  busy = $state(false);
  error = $state<FerryErrorData | null>(null);
  readonly #client: FerryClient;
  #generation = 0;

  constructor(client: FerryClient) {
    this.#client = client;
  }

  /** Lists the folder's deleted objects (every page), or forgets them when the switch is off. */
  async load(where: Where, prefix: string): Promise<void> {
    const generation = ++this.#generation;
    this.entries = [];
    this.error = null;
    if (!this.shown) return;
    this.loading = true;
    let marker: VersionsMarker | null = null;
    try {
      do {
        const page: { entries: DeletedEntry[]; next: VersionsMarker | null } =
          await this.#client.call('versions.listDeleted', {
            ...where,
            prefix,
            ...(marker ? { marker } : {}),
          });
        if (generation !== this.#generation) return;
        this.entries = this.entries.concat(page.entries);
        marker = page.next;
      } while (marker);
    } catch (error) {
      if (generation === this.#generation) this.error = toErrorData(error);
    }
    if (generation === this.#generation) this.loading = false;
  }

  /** Removes the delete markers over `keys`; answers true when every one came back. */
  async undelete(where: Where, keys: string[]): Promise<boolean> {
    this.busy = true;
    this.error = null;
    try {
      const out = await this.#client.call('versions.undelete', { ...where, keys });
      const failed = (key: string) => out.failures.some((f) => f.key === key);
      this.entries = this.entries.filter((e) => !keys.includes(e.key) || failed(e.key));
      const first = out.failures[0];
      if (first) this.error = first.error;
      return !first;
    } catch (error) {
      this.error = toErrorData(error);
      return false;
    } finally {
      this.busy = false;
    }
  }
}
