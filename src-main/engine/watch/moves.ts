import type { IndexEntry } from './index-store.js';
import type { LocalFile } from '../local/walk.js';

/** Where a moved file's bytes already are in the bucket. */
export interface MoveSource {
  /** The path the file had before (relative to the folder). */
  rel: string;
  key: string;
  /** The ETag the index recorded for it ('' when unknown). */
  etag: string;
}

interface Vanished extends MoveSource {
  at: number;
  ino: number;
}

/** How long a vanished file stays a candidate source for a move. */
const KEEP_MS = 60_000;

/**
 * Recognises a file renamed or moved inside the watched folder: a new path whose size, mtime and inode match
 * an uploaded file whose path vanished shortly before. Its object can then be copied server-side instead of
 * uploaded again. Files recorded without an inode (indexes from older versions) are never taken for moves:
 * size and mtime alone would match two different small files written in the same millisecond.
 */
export class MoveFinder {
  readonly #now: () => number;
  /** Vanished files by size and mtime. */
  readonly #bySignature = new Map<string, Vanished[]>();
  #prunedAt = 0;

  constructor(now: () => number) {
    this.#now = now;
  }

  /** The file at `rel`, uploaded as `entry`, is no longer in the folder. */
  vanished(rel: string, entry: IndexEntry): void {
    if (entry.ino === undefined) return;
    this.#prune();
    const signature = signatureOf(entry);
    const list = (this.#bySignature.get(signature) ?? []).filter((v) => v.rel !== rel);
    list.push({ rel, key: entry.key, etag: entry.etag, ino: entry.ino, at: this.#now() });
    this.#bySignature.set(signature, list);
  }

  /** The vanished file this new one is, if any (and forgets it: one source serves one move). */
  take(file: LocalFile): MoveSource | undefined {
    if (file.ino === undefined) return undefined;
    this.#prune();
    const signature = signatureOf(file);
    const list = this.#bySignature.get(signature);
    const i = list?.findIndex((v) => v.ino === file.ino) ?? -1;
    if (!list || i < 0) return undefined;
    const [found] = list.splice(i, 1);
    if (list.length === 0) this.#bySignature.delete(signature);
    return found && { rel: found.rel, key: found.key, etag: found.etag };
  }

  clear(): void {
    this.#bySignature.clear();
  }

  /** Drops expired candidates, at most once a second (a folder of 100,000 files may vanish at once). */
  #prune(): void {
    const now = this.#now();
    if (now - this.#prunedAt < 1000) return;
    this.#prunedAt = now;
    const oldest = now - KEEP_MS;
    for (const [signature, list] of this.#bySignature) {
      const kept = list.filter((v) => v.at >= oldest);
      if (kept.length === 0) this.#bySignature.delete(signature);
      else if (kept.length < list.length) this.#bySignature.set(signature, kept);
    }
  }
}

function signatureOf(file: { size: number; mtimeMs: number }): string {
  return `${file.size}:${file.mtimeMs}`;
}
