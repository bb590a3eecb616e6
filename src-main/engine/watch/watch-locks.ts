import { mkdir, readdir, readFile, unlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { WatchRule } from '../../../src-shared/contract/index.js';
import { FerryError } from '../errors.js';
import { foldersOverlap } from './rules.js';

interface LockFile {
  pid: number;
  id: string;
  folder: string;
}

/** True while a process of that id runs (EPERM: it runs, as another user). */
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function readLock(file: string): Promise<LockFile | null> {
  try {
    const lock = JSON.parse(await readFile(file, 'utf8')) as LockFile;
    return typeof lock.pid === 'number' && typeof lock.folder === 'string' ? lock : null;
  } catch {
    return null;
  }
}

/**
 * One lock file per running watch (`watch-locks/<id>.lock`, holding the pid and the folder), so that no two
 * processes (two `ferry watch`, or one beside the desktop app or `ferry serve`) watch the same folder, nested
 * folders or the same watch state: each would upload everything. A lock whose process is gone is taken over.
 * Overlaps inside one process are the manager's check (assertNoOverlap).
 */
export class WatchLocks {
  readonly #dir: string;
  readonly #held = new Set<string>();

  constructor(configDir: string) {
    this.#dir = path.join(configDir, 'watch-locks');
  }

  /** Takes the lock of a watch, or throws `watch.locked` naming the process that watches an overlapping folder. */
  async acquire(rule: Pick<WatchRule, 'id' | 'folder'>): Promise<void> {
    await mkdir(this.#dir, { recursive: true });
    // Written first, then checked: of two processes starting at once, at least one sees the other.
    const own = this.#file(rule.id);
    const same = await readLock(own);
    if (same && same.pid !== process.pid && alive(same.pid)) throw locked(rule.folder, same);
    await writeFile(own, JSON.stringify({ pid: process.pid, id: rule.id, folder: rule.folder }));
    this.#held.add(rule.id);
    for (const name of await readdir(this.#dir)) {
      if (!name.endsWith('.lock') || name === `${rule.id}.lock`) continue;
      const file = path.join(this.#dir, name);
      const lock = await readLock(file);
      if (!lock || lock.pid === process.pid) continue;
      if (!alive(lock.pid)) {
        await unlink(file).catch(() => {});
      } else if (foldersOverlap(rule.folder, lock.folder)) {
        await this.release(rule.id);
        throw locked(rule.folder, lock);
      }
    }
  }

  /**
   * Throws `watch.locked` when another live process runs the watch of this id (`ferry sync` of the folder and
   * prefix a `ferry watch` is syncing would work on its index at the same time). Other folders stay free.
   */
  async assertFree(rule: Pick<WatchRule, 'id' | 'folder'>): Promise<void> {
    const lock = await readLock(this.#file(rule.id));
    if (lock && lock.pid !== process.pid && alive(lock.pid)) throw locked(rule.folder, lock);
  }

  /** Gives the lock of a watch back (stopped, paused, removed). */
  async release(id: string): Promise<void> {
    if (!this.#held.delete(id)) return;
    const lock = await readLock(this.#file(id));
    if (lock?.pid === process.pid) await unlink(this.#file(id)).catch(() => {});
  }

  async releaseAll(): Promise<void> {
    await Promise.all([...this.#held].map((id) => this.release(id)));
  }

  #file(id: string): string {
    return path.join(this.#dir, `${id}.lock`);
  }
}

function locked(folder: string, lock: LockFile): FerryError {
  return FerryError.of('WatchOverlap', 'watch.locked', {
    folder,
    other: lock.folder,
    pid: String(lock.pid),
  });
}
