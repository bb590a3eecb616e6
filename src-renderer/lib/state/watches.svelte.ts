import type { Watch, WatchMode, WatchStatus } from '../../../src-shared/contract/index.js';
import type { FerryErrorData } from '../../../src-shared/errors.js';
import type { FerryClient } from '../client.js';
import { toErrorData } from '../errors.js';

/** The watch form's fields. */
export interface WatchDraft {
  folder: string;
  profileId: string;
  bucket: string;
  prefix: string;
  exclude: string;
  deletePolicy: 'keep' | 'mirror';
  mode: WatchMode;
  pollSeconds: number;
}

/** Watched folders with their live status; the engine pushes changes and status as they happen. */
export class WatchesState {
  watches = $state<Watch[]>([]);
  loaded = $state(false);
  draft = $state<WatchDraft | null>(null);
  error = $state<FerryErrorData | null>(null);
  removing = $state<Watch | null>(null);
  /** The watch whose deletes held back by the safety cap the user is asked to confirm. */
  confirmingId = $state<string | null>(null);
  confirmBusy = $state(false);
  readonly #client: FerryClient;

  constructor(client: FerryClient) {
    this.#client = client;
    client.on('watches.changed', ({ watches }) => (this.watches = watches));
    client.on('watches.status', (status) => this.#status(status));
  }

  async load(): Promise<void> {
    try {
      this.watches = await this.#client.call('watches.list', {});
    } catch (error) {
      this.error = toErrorData(error);
    } finally {
      this.loaded = true;
    }
  }

  startNew(profileId: string, bucket = ''): void {
    this.draft = {
      folder: '',
      profileId,
      bucket,
      prefix: '',
      exclude: '',
      deletePolicy: 'keep',
      mode: 'upload',
      pollSeconds: 60,
    };
  }

  /** The desktop app's folder picker fills the path; a browser types it. */
  async pickFolder(): Promise<void> {
    if (!this.draft) return;
    const result = await this.#client.invoke('desktop.pickFolder', { purpose: 'watch-source' });
    if (result.ok && result.value.path && this.draft) this.draft.folder = result.value.path;
  }

  async add(): Promise<boolean> {
    const draft = this.draft;
    if (!draft) return false;
    this.error = null;
    try {
      const exclude = draft.exclude
        .split(/[\n,]/)
        .map((s) => s.trim())
        .filter(Boolean);
      const watch = await this.#client.call('watches.add', {
        folder: draft.folder.trim(),
        profileId: draft.profileId,
        bucket: draft.bucket,
        prefix: draft.prefix.trim(),
        exclude,
        deletePolicy: draft.deletePolicy,
        mode: draft.mode,
        pollSeconds: draft.pollSeconds,
      });
      this.#upsert(watch);
      this.draft = null;
      return true;
    } catch (error) {
      this.error = toErrorData(error);
      return false;
    }
  }

  pause = (id: string) => this.#act(() => this.#client.call('watches.pause', { id }));
  resume = (id: string) => this.#act(() => this.#client.call('watches.resume', { id }));

  /** Syncs now; `confirmDeletes` lets the deletes the safety cap held back go ahead. */
  async syncNow(id: string, confirmDeletes = false): Promise<void> {
    try {
      await this.#client.call('watches.syncNow', { id, confirmDeletes });
    } catch (error) {
      this.error = toErrorData(error);
    }
  }

  /** The watch asked about in the held-back deletes dialog, as it is now. */
  get confirming(): Watch | undefined {
    return this.watches.find((w) => w.rule.id === this.confirmingId);
  }

  /** Carries out the held-back deletes the user confirmed (a sync now with the confirmation). */
  async confirmDeletes(): Promise<void> {
    const id = this.confirmingId;
    if (!id || this.confirmBusy) return;
    this.confirmBusy = true;
    try {
      await this.syncNow(id, true);
    } finally {
      this.confirmBusy = false;
      this.confirmingId = null;
    }
  }

  async remove(id: string): Promise<void> {
    try {
      await this.#client.call('watches.remove', { id });
      this.watches = this.watches.filter((w) => w.rule.id !== id);
      this.removing = null;
    } catch (error) {
      this.error = toErrorData(error);
    }
  }

  async #act(work: () => Promise<Watch>): Promise<void> {
    try {
      this.#upsert(await work());
    } catch (error) {
      this.error = toErrorData(error);
    }
  }

  #upsert(watch: Watch): void {
    const at = this.watches.findIndex((w) => w.rule.id === watch.rule.id);
    if (at === -1) this.watches.push(watch);
    else this.watches[at] = watch;
  }

  #status(status: WatchStatus): void {
    const watch = this.watches.find((w) => w.rule.id === status.id);
    if (watch) watch.status = status;
  }
}
