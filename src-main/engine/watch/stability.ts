import { open, stat } from 'node:fs/promises';
import path from 'node:path';
import { localFile, type LocalFile } from '../local/walk.js';

/** What the tracker reports about a file it was told about. */
export interface StabilityEvents {
  /** Size and mtime have not changed for the window and the file opens for reading. */
  stable(rel: string, file: LocalFile): void;
  /** The file disappeared before it settled. */
  gone(rel: string): void;
  /** The file exists but cannot be read (permission denied). */
  unreadable(rel: string, code: string): void;
}

interface Tracked {
  size: number;
  mtimeMs: number;
  ino: number;
  /** When the file last changed, as best we know. */
  changedAt: number;
  timer: NodeJS.Timeout | undefined;
}

/**
 * Try again later: a file locked for writing answers these when opened (Windows sharing violations), and a
 * process out of file descriptors (EMFILE, ENFILE: other watches, the transfer engine) says nothing about it.
 */
const BUSY = new Set(['EBUSY', 'EPERM', 'ETXTBSY', 'EMFILE', 'ENFILE']);
/** Out of file descriptors while checking a file: not the file's fault, check it again later. */
const OUT_OF_HANDLES = new Set(['EMFILE', 'ENFILE']);
/** Floor of the stability we observe ourselves, for files whose mtime was set in the past by a copy tool. */
const MIN_OBSERVED_MS = 300;

/**
 * Write-finish detection: a file is reported stable once its size and mtime have not moved for `windowMs` and
 * it can be opened for reading. Events for a file being written only move its deadline (debouncing), so a
 * file still growing is never reported, and a burst of events costs one stat per window, not one per event.
 */
export class StabilityTracker {
  readonly #root: string;
  readonly #windowMs: number;
  readonly #events: StabilityEvents;
  readonly #now: () => number;
  readonly #files = new Map<string, Tracked>();
  #closed = false;

  constructor(root: string, windowMs: number, events: StabilityEvents, now: () => number) {
    this.#root = root;
    this.#windowMs = windowMs;
    this.#events = events;
    this.#now = now;
  }

  /** Files detected and not yet settled. */
  get pending(): number {
    return this.#files.size;
  }

  has(rel: string): boolean {
    return this.#files.has(rel);
  }

  /** Something happened to the file: (re)start watching it settle. */
  touch(rel: string): void {
    if (this.#closed || this.#files.has(rel)) return;
    const entry: Tracked = {
      size: -1,
      mtimeMs: -1,
      ino: 0,
      changedAt: this.#now(),
      timer: undefined,
    };
    this.#files.set(rel, entry);
    void this.#check(rel, entry);
  }

  /** Stops tracking a file (deleted, or no longer wanted). */
  cancel(rel: string): void {
    const entry = this.#files.get(rel);
    if (entry?.timer) clearTimeout(entry.timer);
    this.#files.delete(rel);
  }

  close(): void {
    this.#closed = true;
    for (const rel of [...this.#files.keys()]) this.cancel(rel);
  }

  async #check(rel: string, entry: Tracked): Promise<void> {
    entry.timer = undefined;
    const full = path.join(this.#root, rel);
    let s;
    try {
      s = await stat(full);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code ?? '';
      if (OUT_OF_HANDLES.has(code) && this.#files.get(rel) === entry)
        return this.#schedule(rel, entry, this.#windowMs);
      return this.#finish(rel, entry, () => this.#lost(rel, error));
    }
    if (this.#files.get(rel) !== entry) return;
    const now = this.#now();
    if (s.size !== entry.size || s.mtimeMs !== entry.mtimeMs) {
      const first = entry.size === -1;
      // The mtime dates the last write better than our polling does; never trust it beyond what we saw.
      const floor = first ? now - this.#windowMs + MIN_OBSERVED_MS : entry.changedAt;
      entry.changedAt = Math.min(now, Math.max(s.mtimeMs, floor));
      entry.size = s.size;
      entry.mtimeMs = s.mtimeMs;
    }
    entry.ino = s.ino;
    const wait = entry.changedAt + this.#windowMs - now;
    if (wait > 0) return this.#schedule(rel, entry, wait);
    const openCode = await canOpen(full);
    if (this.#files.get(rel) !== entry) return;
    if (openCode && BUSY.has(openCode)) return this.#schedule(rel, entry, this.#windowMs);
    this.#finish(rel, entry, () => {
      if (openCode === 'ENOENT') this.#events.gone(rel);
      else if (openCode) this.#events.unreadable(rel, openCode);
      else this.#events.stable(rel, localFile(entry));
    });
  }

  #schedule(rel: string, entry: Tracked, wait: number): void {
    if (this.#closed) return;
    entry.timer = setTimeout(() => void this.#check(rel, entry), wait);
  }

  #finish(rel: string, entry: Tracked, report: () => void): void {
    if (this.#files.get(rel) !== entry) return;
    this.#files.delete(rel);
    report();
  }

  #lost(rel: string, error: unknown): void {
    const code = (error as NodeJS.ErrnoException).code ?? 'EIO';
    if (code === 'ENOENT' || code === 'ENOTDIR') this.#events.gone(rel);
    else this.#events.unreadable(rel, code);
  }
}

async function canOpen(file: string): Promise<string | undefined> {
  try {
    const handle = await open(file, 'r');
    await handle.close();
    return undefined;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code ?? 'EIO';
  }
}
