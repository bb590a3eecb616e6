import type { ConflictChoice, WatchConflict } from '../../../src-shared/contract/index.js';
import type { FerryErrorData } from '../../../src-shared/errors.js';
import type { FerryClient } from '../client.js';
import { toErrorData } from '../errors.js';

/** The two files of a conflict, when the desktop cannot open them for the user (`ferry serve`). */
export interface ConflictPaths {
  id: string;
  local: string;
  remote: string;
}

/** A path of the folder as the machine running Ferry writes it (a Windows folder has backslashes). */
export function inFolder(folder: string, rel: string): string {
  const sep = folder.includes('\\') && !folder.includes('/') ? '\\' : '/';
  const base = folder.endsWith(sep) ? folder.slice(0, -1) : folder;
  return `${base}${sep}${rel.split('/').join(sep)}`;
}

/**
 * The conflicts list of one watch (or of every watch): open while shown, refreshed whenever a watch's
 * count of conflicts changes, and the user's choice for each.
 */
export class ConflictsState {
  /** Whose conflicts are shown: a watch id, `null` for every watch; closed when undefined. */
  watchId = $state<string | null | undefined>(undefined);
  conflicts = $state<WatchConflict[]>([]);
  loading = $state(false);
  /** Conflicts being resolved, by id (their buttons wait). */
  busy = $state<Record<string, boolean>>({});
  paths = $state<ConflictPaths | null>(null);
  error = $state<FerryErrorData | null>(null);
  readonly #client: FerryClient;
  /** The last count of conflicts seen per watch, so only a change reloads the list. */
  readonly #counts: Record<string, number> = {};

  constructor(client: FerryClient) {
    this.#client = client;
    client.on('watches.status', (status) => {
      const was = this.#counts[status.id];
      this.#counts[status.id] = status.counts.conflicts;
      if (was === status.counts.conflicts || !this.isOpen) return;
      if (this.watchId === null || this.watchId === status.id) void this.load();
    });
  }

  get isOpen(): boolean {
    return this.watchId !== undefined;
  }

  show(watchId: string | null): void {
    this.watchId = watchId;
    this.conflicts = [];
    this.paths = null;
    this.error = null;
    void this.load();
  }

  close(): void {
    this.watchId = undefined;
  }

  async load(): Promise<void> {
    const watchId = this.watchId;
    if (watchId === undefined) return;
    this.loading = true;
    try {
      const list = await this.#client.call('watches.conflicts', watchId ? { id: watchId } : {});
      if (this.watchId === watchId) this.conflicts = list;
    } catch (error) {
      this.error = toErrorData(error);
    } finally {
      this.loading = false;
    }
  }

  async resolve(conflict: WatchConflict, keep: ConflictChoice): Promise<void> {
    this.busy[conflict.id] = true;
    this.error = null;
    try {
      const open = await this.#client.call('watches.resolveConflict', {
        id: conflict.watchId,
        conflictId: conflict.id,
        keep,
      });
      // The answer is the watch's open conflicts; the list may also hold other watches'.
      this.conflicts = [
        ...this.conflicts.filter((c) => c.watchId !== conflict.watchId),
        ...open,
      ].sort((a, b) => a.detectedAt.localeCompare(b.detectedAt));
      if (this.paths?.id === conflict.id) this.paths = null;
    } catch (error) {
      this.error = toErrorData(error);
    } finally {
      delete this.busy[conflict.id];
    }
  }

  /**
   * Opens both versions with their default application. Under `ferry serve` the browser cannot open
   * files of the machine running Ferry: the two paths are shown instead.
   */
  async openBoth(conflict: WatchConflict, folder: string): Promise<void> {
    const local = inFolder(folder, conflict.path);
    const remote = inFolder(folder, conflict.conflictPath);
    this.error = null;
    for (const path of [local, remote]) {
      const result = await this.#client.invoke('desktop.open', { path });
      if (result.ok) continue;
      if (result.error.code === 'DesktopOnly') this.paths = { id: conflict.id, local, remote };
      else this.error = result.error;
      return;
    }
  }
}
