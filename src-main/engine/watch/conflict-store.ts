import { randomBytes } from 'node:crypto';
import { stat } from 'node:fs/promises';
import { z } from 'zod';
import { WatchConflict, WatchRule } from '../../../src-shared/contract/index.js';
import type { Logger } from '../logger.js';
import { readJsonFile, writeFileAtomic } from '../store/atomic.js';

/** A conflict as kept on disk: `ready` once its saved copy is in place (a kill may come before). */
const Stored = WatchConflict.extend({ ready: z.boolean() });
type Stored = z.infer<typeof Stored>;

/** Work a pass started and a kill may have cut short, so the next pass finishes it instead of guessing. */
const Pending = z.object({
  /** Paths a download or a server-side copy was writing: both sides at this size are in sync. */
  writing: z.record(z.string(), z.number()),
  /** Paths whose object was copied to a new key by a move: the old object is to be deleted. */
  movedAway: z.array(z.string()),
});
type Pending = z.infer<typeof Pending>;

const File = z.object({
  conflicts: z.array(Stored),
  pending: Pending,
  /** The watch as it last ran: a CLI watch's conflicts can be resolved without it running. */
  rule: WatchRule.optional(),
});

const NO_PENDING: Pending = { writing: {}, movedAway: [] };

/**
 * A watch's open conflicts and the work in flight of its current pass, in one small JSON file written
 * atomically (`watch-state/<id>.json`): a conflict survives restarts until the user resolves it, or deletes
 * its saved copy.
 */
export class ConflictStore {
  readonly file: string;
  #conflicts: Stored[] = [];
  #pending: Pending = NO_PENDING;
  /** The watch these conflicts belong to, as it last ran. */
  rule: WatchRule | undefined;
  /** The file as this store last read or wrote it: another process (`ferry watch resolve`) may change it. */
  #seen = '';

  private constructor(file: string) {
    this.file = file;
  }

  static async open(file: string, logger: Logger): Promise<ConflictStore> {
    const store = new ConflictStore(file);
    const raw = await readJsonFile(file).catch((error: unknown) => {
      logger.warn('watch conflicts: unreadable file ignored', { file, error: String(error) });
      return undefined;
    });
    const parsed = File.safeParse(raw);
    if (parsed.success) {
      store.#conflicts = parsed.data.conflicts;
      store.#pending = parsed.data.pending;
      store.rule = parsed.data.rule;
    }
    store.#seen = await stamp(file);
    return store;
  }

  /**
   * Conflicts resolved by another process since this store last read or wrote its file (`ferry watch
   * resolve` while the watch runs elsewhere): dropped here too, and answered so the watch can take the
   * user's choice into its baseline. Conflicts of this process's own making are kept.
   */
  async resolvedElsewhere(): Promise<Stored[]> {
    const now = await stamp(this.file);
    if (now === this.#seen) return [];
    this.#seen = now;
    const parsed = File.safeParse(await readJsonFile(this.file).catch(() => undefined));
    if (!parsed.success) return [];
    const open = new Set(parsed.data.conflicts.map((c) => c.id));
    const gone = this.#conflicts.filter((c) => c.ready && !open.has(c.id));
    this.#conflicts = this.#conflicts.filter((c) => !gone.includes(c));
    return gone;
  }

  /** Open conflicts whose saved copy is in place, oldest first (what the user sees). */
  list(): WatchConflict[] {
    return this.#conflicts.filter((c) => c.ready).map(({ ready: _, ...c }) => structuredClone(c));
  }

  /** Every stored conflict, saved copy in place or not. */
  all(): readonly Stored[] {
    return this.#conflicts;
  }

  get(id: string): Stored | undefined {
    return this.#conflicts.find((c) => c.id === id);
  }

  /** True for a path an open conflict holds: the file itself or its saved copy. */
  holds(rel: string): boolean {
    return this.#conflicts.some((c) => c.path === rel || c.conflictPath === rel);
  }

  /** A new conflict, not yet ready (its copy is still to be downloaded). */
  add(c: Omit<Stored, 'id' | 'ready'>): Stored {
    const stored = { ...c, id: `c-${randomBytes(6).toString('hex')}`, ready: false };
    this.#conflicts.push(stored);
    return stored;
  }

  setReady(id: string, conflictPath: string): void {
    const c = this.get(id);
    if (c) Object.assign(c, { ready: true, conflictPath });
  }

  remove(id: string): void {
    this.#conflicts = this.#conflicts.filter((c) => c.id !== id);
  }

  get pending(): Pending {
    return this.#pending;
  }

  setPending(pending: Pending): void {
    this.#pending = pending;
  }

  clearPending(): void {
    this.#pending = NO_PENDING;
  }

  async save(): Promise<void> {
    const body = { conflicts: this.#conflicts, pending: this.#pending, rule: this.rule };
    await writeFileAtomic(this.file, `${JSON.stringify(body)}\n`);
    this.#seen = await stamp(this.file);
  }
}

/** Which version of the file is on disk (a new one is renamed in: another inode). */
async function stamp(file: string): Promise<string> {
  const s = await stat(file).catch(() => undefined);
  return s ? `${s.ino}:${s.size}:${s.mtimeMs}` : '';
}
