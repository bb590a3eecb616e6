import { lstat, readdir } from 'node:fs/promises';
import path from 'node:path';
import { watch, type FSWatcher } from 'chokidar';
import type { PathFilter } from './rules.js';

/** What the folder watcher reports, with paths relative to the folder (`/`-separated). */
export interface FolderEvents {
  /** A file appeared or changed. */
  file(rel: string): void;
  /** A file or folder disappeared (`''` is the watched folder itself). */
  removed(rel: string, isDirectory: boolean): void;
  /** The OS ran out of watch handles (inotify ENOSPC, EMFILE): the caller should fall back to polling. */
  exhausted(error: Error): void;
  error(error: Error): void;
}

export interface FolderWatcherOptions {
  root: string;
  filter: PathFilter;
  followSymlinks: boolean;
  /** Poll instead of OS notifications (the fallback when those run out). */
  polling: boolean;
}

const EXHAUSTED = new Set(['ENOSPC', 'EMFILE', 'ENFILE']);
/** When a new folder's files are listed a second time (see the addDir handler). */
const LOOK_AGAIN_MS = 1000;

/** True for the errors that mean "no more watch handles", not "something is wrong with a file". */
export function isWatchExhaustion(error: unknown): boolean {
  return EXHAUSTED.has((error as NodeJS.ErrnoException)?.code ?? '');
}

/**
 * Chokidar over one folder. Chokidar's own awaitWriteFinish is off on purpose (it fires mid-copy,
 * chokidar#675): the StabilityTracker decides when a file is complete.
 *
 * With OS notifications, chokidar tracks directories only: left to itself it opens one watch per file, which
 * for 100,000 files costs half a gigabyte and most of Linux's inotify budget. File events come from the raw
 * events of each directory's watch instead (one inotify watch per directory); the stat that follows tells a
 * new or changed file from a deleted one. Polling (the fallback) has no directory events, so it keeps files.
 */
export class FolderWatcher {
  readonly #watcher: FSWatcher;
  readonly #root: string;

  private constructor(watcher: FSWatcher, root: string) {
    this.#watcher = watcher;
    this.#root = root;
  }

  /** Starts watching and resolves once the initial walk is done (changes after that are reported). */
  static start(options: FolderWatcherOptions, events: FolderEvents): Promise<FolderWatcher> {
    const { root, filter } = options;
    const rel = (p: string) => path.relative(root, p).split(path.sep).join('/');
    const watcher = watch(root, {
      ignoreInitial: true,
      followSymlinks: options.followSymlinks,
      usePolling: options.polling,
      // Polling 100,000 files costs CPU; changes are picked up within these intervals.
      interval: 1000,
      binaryInterval: 1000,
      ignorePermissionErrors: true,
      awaitWriteFinish: false,
      ignored: (p, stats) => {
        const r = rel(p);
        if (r === '' || r.startsWith('..')) return false;
        if (!options.polling && stats && !stats.isDirectory()) return true;
        return !filter.accepts(r, stats ? stats.isDirectory() : true);
      },
    });
    const folder = new FolderWatcher(watcher, root);
    if (options.polling) {
      watcher.on('add', (p) => events.file(rel(p)));
      watcher.on('change', (p) => events.file(rel(p)));
      watcher.on('unlink', (p) => events.removed(rel(p), false));
    } else {
      watcher.on('raw', (_event, name, details) => {
        const dir = (details as { watchedPath?: string }).watchedPath;
        if (typeof name !== 'string' || name === '' || !dir) return;
        void classify(path.join(dir, name), rel, events, options.followSymlinks);
      });
      // A folder moved in arrives whole: its files send no events of their own. Chokidar reports a new
      // folder before it watches it, so files written into it in between would go unseen: look again once
      // its watch is surely in place (files already uploaded in that version are not uploaded twice).
      watcher.on('addDir', (p) => {
        void announceFiles(p, rel, events);
        const again = setTimeout(() => void announceFiles(p, rel, events), LOOK_AGAIN_MS);
        again.unref?.();
      });
    }
    watcher.on('unlinkDir', (p) => events.removed(rel(p), true));
    watcher.on('error', (error) => {
      const e = error instanceof Error ? error : new Error(String(error));
      if (isWatchExhaustion(e)) events.exhausted(e);
      else events.error(e);
    });
    return new Promise((resolve) => watcher.once('ready', () => resolve(folder)));
  }

  /** The chokidar instance, for tests that simulate OS failures. */
  get raw(): FSWatcher {
    return this.#watcher;
  }

  get root(): string {
    return this.#root;
  }

  close(): Promise<void> {
    return this.#watcher.close();
  }
}

/** A raw directory event names a child: a file to look at, a file gone, or a folder (chokidar's business). */
async function classify(
  full: string,
  rel: (p: string) => string,
  events: FolderEvents,
  followSymlinks: boolean,
): Promise<void> {
  const r = rel(full);
  if (r === '' || r.startsWith('..')) return;
  try {
    const s = await lstat(full);
    if (s.isFile() || (followSymlinks && s.isSymbolicLink())) events.file(r);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') events.removed(r, false);
  }
}

async function announceFiles(dir: string, rel: (p: string) => string, events: FolderEvents) {
  try {
    for (const entry of await readdir(dir, { withFileTypes: true, recursive: true })) {
      if (entry.isFile()) events.file(rel(path.join(entry.parentPath ?? entry.path, entry.name)));
    }
  } catch {
    // Gone again, or unreadable: the next reconciliation reports it.
  }
}
