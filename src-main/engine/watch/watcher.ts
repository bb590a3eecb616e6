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

/** True for the errors that mean "no more watch handles", not "something is wrong with a file". */
export function isWatchExhaustion(error: unknown): boolean {
  return EXHAUSTED.has((error as NodeJS.ErrnoException)?.code ?? '');
}

/**
 * Chokidar over one folder. Chokidar's own awaitWriteFinish is off on purpose (it fires mid-copy,
 * chokidar#675): the StabilityTracker decides when a file is complete.
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
        return (
          r !== '' && !r.startsWith('..') && !filter.accepts(r, stats ? stats.isDirectory() : true)
        );
      },
    });
    const folder = new FolderWatcher(watcher, root);
    watcher.on('add', (p) => events.file(rel(p)));
    watcher.on('change', (p) => events.file(rel(p)));
    watcher.on('unlink', (p) => events.removed(rel(p), false));
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
