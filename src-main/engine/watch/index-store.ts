import { mkdir, open, readFile, type FileHandle } from 'node:fs/promises';
import path from 'node:path';
import type { Logger } from '../logger.js';
import { writeFileAtomic } from '../store/atomic.js';

/** What Ferry knows about a file it uploaded. */
export interface IndexEntry {
  size: number;
  mtimeMs: number;
  /** The object's ETag without quotes ('' when the server gave none). */
  etag: string;
  key: string;
  /** The local file's inode when it was uploaded (absent in indexes written before it was recorded). */
  ino?: number;
}

type Record = ['s', string, number, number, string, string, number?] | ['d', string];

const HEADER = '{"ferry-watch-index":1}';

/**
 * The local index of a watch: path → size, mtime, ETag, key. Kept in memory and persisted as an append-only
 * log (one JSON record per line), so each change costs one short append instead of rewriting a file; the log
 * is compacted into a snapshot (atomically) when dead records outnumber live ones. A torn last line from a
 * crash is ignored: that change is simply redone by the next reconciliation.
 */
export class IndexStore {
  readonly file: string;
  readonly #entries = new Map<string, IndexEntry>();
  readonly #logger: Logger;
  #handle: FileHandle | undefined;
  #records = 0;
  #pending: string[] = [];
  #flushing: Promise<void> = Promise.resolve();
  #scheduled = false;

  private constructor(file: string, logger: Logger) {
    this.file = file;
    this.#logger = logger;
  }

  /** Opens (or creates) the index file and replays it. */
  static async open(file: string, logger: Logger): Promise<IndexStore> {
    const store = new IndexStore(file, logger);
    await store.#load();
    if (store.#needsCompaction()) await store.#compactNow();
    else await store.#openAppend();
    return store;
  }

  get size(): number {
    return this.#entries.size;
  }

  get(rel: string): IndexEntry | undefined {
    return this.#entries.get(rel);
  }

  entries(): IterableIterator<[string, IndexEntry]> {
    return this.#entries.entries();
  }

  set(rel: string, entry: IndexEntry): void {
    this.#entries.set(rel, entry);
    this.#append(setRecord(rel, entry));
  }

  delete(rel: string): void {
    if (!this.#entries.delete(rel)) return;
    this.#append(['d', rel]);
  }

  /** Writes and fsyncs every change made so far. */
  flush(): Promise<void> {
    this.#flushing = this.#flushing.then(() => this.#write());
    return this.#flushing;
  }

  /** Rewrites the log as a snapshot of the live entries. */
  compact(): Promise<void> {
    this.#flushing = this.#flushing.then(() => this.#compactNow());
    return this.#flushing;
  }

  async #compactNow(): Promise<void> {
    this.#pending = [];
    const lines = [HEADER];
    for (const [rel, e] of this.#entries) {
      lines.push(JSON.stringify(setRecord(rel, e)));
    }
    await this.#handle?.close();
    this.#handle = undefined;
    await writeFileAtomic(this.file, `${lines.join('\n')}\n`);
    this.#records = this.#entries.size;
    await this.#openAppend();
  }

  async close(): Promise<void> {
    await this.flush();
    await this.#handle?.close();
    this.#handle = undefined;
  }

  #needsCompaction(): boolean {
    return this.#records > 1000 && this.#records > 2 * this.#entries.size;
  }

  #append(record: Record): void {
    this.#pending.push(JSON.stringify(record));
    this.#records++;
    if (this.#scheduled) return;
    this.#scheduled = true;
    // Batch the changes of one tick (a reconciliation adopts thousands at once) into one write.
    setImmediate(() => {
      this.#scheduled = false;
      void this.flush().catch((error: unknown) =>
        this.#logger.error('watch index: write failed', {
          file: this.file,
          error: error instanceof Error ? error.message : String(error),
        }),
      );
    });
  }

  async #write(): Promise<void> {
    if (this.#pending.length === 0 || !this.#handle) return;
    const text = `${this.#pending.join('\n')}\n`;
    this.#pending = [];
    await this.#handle.write(text);
    await this.#handle.datasync();
    if (this.#needsCompaction()) await this.#compactNow();
  }

  async #openAppend(): Promise<void> {
    await mkdir(path.dirname(this.file), { recursive: true, mode: 0o700 });
    this.#handle = await open(this.file, 'a', 0o600);
    if ((await this.#handle.stat()).size === 0) await this.#handle.write(`${HEADER}\n`);
  }

  async #load(): Promise<void> {
    let text: string;
    try {
      text = await readFile(this.file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
      throw error;
    }
    const lines = text.split('\n');
    for (let i = 1; i < lines.length; i++) {
      const line = lines[i]!;
      if (line === '') continue;
      try {
        this.#replay(JSON.parse(line) as Record);
      } catch {
        // A torn last line is expected after a crash; anything else is worth a warning.
        if (i < lines.length - 1) this.#logger.warn('watch index: bad record skipped', { line: i });
      }
    }
  }

  #replay(record: Record): void {
    this.#records++;
    if (record[0] === 's') {
      const [, rel, size, mtimeMs, etag, key, ino] = record;
      this.#entries.set(
        rel,
        ino === undefined ? { size, mtimeMs, etag, key } : { size, mtimeMs, etag, key, ino },
      );
    } else if (record[0] === 'd') {
      this.#entries.delete(record[1]);
    }
  }
}

function setRecord(rel: string, e: IndexEntry): Record {
  const record: Record = ['s', rel, e.size, e.mtimeMs, e.etag, e.key];
  if (e.ino !== undefined) record.push(e.ino);
  return record;
}
