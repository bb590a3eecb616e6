import path from 'node:path';
import type { Logger } from '../logger.js';
import { IndexStore } from '../watch/index-store.js';

/** What a bucket → folder sync knows of a path after it last synced it. */
export interface FolderBase {
  /** The size of the object and of the local file it was written to (the object's alone for an `own` file). */
  size: number;
  /** The local file as it was left (unused for an `own` file). */
  mtimeMs: number;
  ino?: number;
  /** The object's ETag (as listed) at that sync. */
  etag: string;
  /**
   * The local file is the user's own version, not a copy of the object (a conflict kept it): it never
   * counts as unchanged, so it is never overwritten nor deleted.
   */
  own: boolean;
}

/** What a bucket → bucket sync knows of a path after it last copied it. */
export interface BucketBase {
  size: number;
  srcEtag: string;
  dstEtag: string;
}

/**
 * The last-synced state of one sync pair, path by path, kept in a watch index file (append-only, crash-safe:
 * a change made before a kill is there after it). Its fields are the index's, reused:
 * - folder pairs: size, mtime and inode of the local file, the object's ETag; an `own` file has mtime -1;
 * - bucket pairs: size, the source ETag as `etag`, the destination ETag as `key`.
 */
export class PairBaseline {
  readonly #index: IndexStore;

  private constructor(index: IndexStore) {
    this.#index = index;
  }

  /** Opens the baseline of pair `id` under the config folder. */
  static async open(configDir: string, id: string, logger: Logger): Promise<PairBaseline> {
    const file = path.join(configDir, 'sync-baseline', `${id}.log`);
    return new PairBaseline(await IndexStore.open(file, logger));
  }

  rels(): string[] {
    return [...this.#index.entries()].map(([rel]) => rel);
  }

  folder(rel: string): FolderBase | undefined {
    const e = this.#index.get(rel);
    if (!e) return undefined;
    const own = e.mtimeMs === -1;
    return {
      size: e.size,
      mtimeMs: e.mtimeMs,
      etag: e.etag,
      own,
      ...(e.ino ? { ino: e.ino } : {}),
    };
  }

  setFolder(rel: string, b: FolderBase): void {
    this.#index.set(rel, {
      size: b.size,
      mtimeMs: b.own ? -1 : b.mtimeMs,
      etag: b.etag,
      key: '',
      ...(b.ino !== undefined && !b.own ? { ino: b.ino } : {}),
    });
  }

  bucket(rel: string): BucketBase | undefined {
    const e = this.#index.get(rel);
    return e && { size: e.size, srcEtag: e.etag, dstEtag: e.key };
  }

  setBucket(rel: string, b: BucketBase): void {
    this.#index.set(rel, { size: b.size, mtimeMs: 0, etag: b.srcEtag, key: b.dstEtag });
  }

  delete(rel: string): void {
    this.#index.delete(rel);
  }

  close(): Promise<void> {
    return this.#index.close();
  }
}
