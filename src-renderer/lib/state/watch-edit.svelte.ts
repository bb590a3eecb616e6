import type { Watch, WatchActivity, WatchMode } from '../../../src-shared/contract/index.js';
import type { FerryErrorData } from '../../../src-shared/errors.js';
import type { FerryClient } from '../client.js';
import { toErrorData } from '../errors.js';

/** The edit form of a watch: what `watches.update` can change. */
export interface WatchEditDraft {
  id: string;
  folder: string;
  prefix: string;
  include: string;
  exclude: string;
  defaultExcludes: boolean;
  deletePolicy: 'keep' | 'mirror';
  maxDeletes: number;
  mode: WatchMode;
  pollSeconds: number;
}

/** Activity entries a watch row shows. */
const SHOWN_ACTIVITY = 5;

const patterns = (text: string) =>
  text
    .split(/[\n,]/)
    .map((s) => s.trim())
    .filter(Boolean);

/** Editing watches and their recent activity, beside the list of WatchesState. */
export class WatchDetails {
  edit = $state<WatchEditDraft | null>(null);
  error = $state<FerryErrorData | null>(null);
  saving = $state(false);
  /** Newest first, per watch id. */
  recent = $state<Record<string, WatchActivity[]>>({});
  readonly #client: FerryClient;

  constructor(client: FerryClient) {
    this.#client = client;
    client.on('watches.activity', (a) => {
      this.recent[a.id] = [a, ...(this.recent[a.id] ?? [])].slice(0, SHOWN_ACTIVITY);
    });
  }

  /** Fetches what the watches did before the page opened. */
  async load(ids: string[]): Promise<void> {
    for (const id of ids) {
      const result = await this.#client.invoke('watches.recent', { id });
      if (result.ok) this.recent[id] = result.value.slice(0, SHOWN_ACTIVITY);
    }
  }

  startEdit(w: Watch): void {
    this.error = null;
    this.edit = {
      id: w.rule.id,
      folder: w.rule.folder,
      prefix: w.rule.prefix,
      include: w.rule.include.join(', '),
      exclude: w.rule.exclude.join(', '),
      defaultExcludes: w.rule.defaultExcludes,
      deletePolicy: w.rule.deletePolicy,
      maxDeletes: w.rule.maxDeletes,
      mode: w.rule.mode,
      pollSeconds: w.rule.pollSeconds,
    };
  }

  /** Saves the form; the engine restarts the watch with it and reports the change to every window. */
  async save(): Promise<Watch | null> {
    const d = this.edit;
    if (!d) return null;
    this.saving = true;
    this.error = null;
    try {
      const watch = await this.#client.call('watches.update', {
        id: d.id,
        change: {
          prefix: d.prefix.trim(),
          include: patterns(d.include),
          exclude: patterns(d.exclude),
          defaultExcludes: d.defaultExcludes,
          deletePolicy: d.deletePolicy,
          maxDeletes: d.maxDeletes,
          mode: d.mode,
          pollSeconds: d.pollSeconds,
        },
      });
      this.edit = null;
      return watch;
    } catch (error) {
      this.error = toErrorData(error);
      return null;
    } finally {
      this.saving = false;
    }
  }
}
