/**
 * A crash-safe append-only journal: one JSON record per line, each append fsynced before it counts. Records
 * are folded into entries by id; compaction rewrites the live entries as a snapshot with writeFileAtomic, so a
 * crash during compaction leaves the old file or the new one, never a mix. A torn last line (the crash hit
 * mid-write) is dropped; damage anywhere else means the file is moved aside and the journal starts clean.
 */
import { copyFile, open, type FileHandle } from 'node:fs/promises';
import { asideName, readKeptFile, writeFileAtomic } from '../store/atomic.js';
import type { Logger } from '../logger.js';

/** One line of the journal: `put` replaces an entry's fields, `drop` forgets the entry. */
export type JournalRecord<E> =
  | { op: 'put'; id: string; entry: E }
  | { op: 'patch'; id: string; patch: Partial<E> }
  | { op: 'drop'; id: string };

/** What `open` found, so faces can tell the user when the journal had to be reset. */
export interface JournalLoad {
  entries: number;
  /** Set when the file was damaged and moved to this backup path. */
  backup?: string;
}

/** Compact once the file holds this many records more than live entries. */
const COMPACT_SLACK = 2000;

/** A journal of entries of type E, kept in one file. */
export class Journal<E extends object> {
  readonly file: string;
  readonly #entries = new Map<string, E>();
  readonly #logger: Logger;
  #handle: FileHandle | undefined;
  #records = 0;
  #tail: Promise<unknown> = Promise.resolve();

  constructor(file: string, logger: Logger) {
    this.file = file;
    this.#logger = logger;
  }

  /** Reads the file (if any), compacts it, and opens it for appending. */
  async open(now: () => number = Date.now): Promise<JournalLoad> {
    const load: JournalLoad = { entries: 0 };
    const read = await readKeptFile(this.file, now);
    if (read.aside) {
      // A folder where the journal belongs: moved aside whole, like a damaged file.
      load.backup = read.aside;
      this.#logger.warn('journal: a folder stood in its place; moved aside, starting clean', {
        file: this.file,
        backup: load.backup,
      });
    }
    const state = this.#replay(read.text ?? '');
    if (state === 'damaged') {
      load.backup = asideName(this.file, now());
      await copyFile(this.file, load.backup);
      this.#entries.clear();
      this.#logger.warn('journal: damaged file moved aside, starting clean', {
        file: this.file,
        backup: load.backup,
      });
    }
    // A whole file that holds one record per live entry is already what compaction would write: it is
    // appended to as it is (a rewrite cost two fsyncs at every start of the CLI).
    if (state !== 'damaged' && state.whole && state.records === this.#entries.size) {
      this.#records = state.records;
      this.#handle = await open(this.file, 'a', 0o600);
    } else await this.#compact();
    load.entries = this.#entries.size;
    return load;
  }

  /**
   * Replays lines into entries. Answers 'damaged' when a line other than the last is damaged; otherwise how
   * many records it applied and whether the file is whole (no torn last line, nothing after the last newline).
   */
  #replay(text: string): 'damaged' | { records: number; whole: boolean } {
    const lines = text.split('\n');
    let records = 0;
    for (let i = 0; i < lines.length; i++) {
      const line = lines[i]!;
      if (!line.trim()) continue;
      let record: JournalRecord<E>;
      try {
        record = JSON.parse(line) as JournalRecord<E>;
        if (typeof record !== 'object' || record === null || typeof record.id !== 'string') {
          throw new Error('not a record');
        }
      } catch {
        // A torn final line is what a crash mid-append leaves; anything earlier is real damage.
        if (lines.slice(i + 1).every((rest) => !rest.trim())) return { records, whole: false };
        return 'damaged';
      }
      this.#apply(record);
      records++;
    }
    return { records, whole: text === '' || text.endsWith('\n') };
  }

  #apply(record: JournalRecord<E>): void {
    if (record.op === 'put') this.#entries.set(record.id, record.entry);
    else if (record.op === 'drop') this.#entries.delete(record.id);
    else if (record.op === 'patch') {
      const current = this.#entries.get(record.id);
      if (current) this.#entries.set(record.id, { ...current, ...record.patch });
    }
  }

  get(id: string): E | undefined {
    return this.#entries.get(id);
  }

  entries(): [string, E][] {
    return [...this.#entries.entries()];
  }

  put(id: string, entry: E): Promise<void> {
    return this.#append({ op: 'put', id, entry });
  }

  patch(id: string, patch: Partial<E>): Promise<void> {
    return this.#append({ op: 'patch', id, patch });
  }

  drop(id: string): Promise<void> {
    if (!this.#entries.has(id)) return Promise.resolve();
    return this.#append({ op: 'drop', id });
  }

  /** Records several entries with one write and one sync. */
  putMany(items: [string, E][]): Promise<void> {
    if (items.length === 0) return Promise.resolve();
    return this.#append(items.map(([id, entry]) => ({ op: 'put' as const, id, entry })));
  }

  /** Forgets several entries with one write and one sync. */
  dropMany(ids: string[]): Promise<void> {
    const known = ids.filter((id) => this.#entries.has(id));
    if (known.length === 0) return Promise.resolve();
    return this.#append(known.map((id) => ({ op: 'drop' as const, id })));
  }

  /** Applies in memory at once; the returned promise settles once the line is on disk. */
  #append(records: JournalRecord<E> | JournalRecord<E>[]): Promise<void> {
    const list = Array.isArray(records) ? records : [records];
    for (const record of list) this.#apply(record);
    const line = list.map((record) => `${JSON.stringify(record)}\n`).join('');
    const write = this.#tail.then(async () => {
      if (!this.#handle) throw new Error('journal is not open');
      await this.#handle.write(line);
      await this.#handle.datasync();
      this.#records += list.length;
      if (this.#records > this.#entries.size + COMPACT_SLACK) await this.#compact();
    });
    this.#tail = write.catch(() => {});
    return write;
  }

  /** Rewrites the file with one `put` per live entry. */
  async #compact(): Promise<void> {
    await this.#handle?.close();
    const lines = [...this.#entries].map(([id, entry]) => JSON.stringify({ op: 'put', id, entry }));
    await writeFileAtomic(this.file, lines.length ? `${lines.join('\n')}\n` : '');
    this.#records = lines.length;
    this.#handle = await open(this.file, 'a', 0o600);
  }

  /** Waits for pending appends and closes the file. */
  async close(): Promise<void> {
    await this.#tail;
    await this.#handle?.close();
    this.#handle = undefined;
  }
}
