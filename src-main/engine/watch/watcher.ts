import type { EventEmitter } from 'node:events';
import { lstat } from 'node:fs/promises';
import path from 'node:path';
import type { FSWatcher } from 'chokidar';
import { FolderReader } from '../local/walk.js';
import { DirectoryWatcher, isWatchExhaustion, type FolderEvents } from './dir-watcher.js';
import type { PathFilter } from './rules.js';

export { isWatchExhaustion, type FolderEvents } from './dir-watcher.js';

export interface FolderWatcherOptions {
  root: string;
  filter: PathFilter;
  /** Settled by the walker's rule (watch/rules.ts walkOptions): only an upload watch follows links. */
  followSymlinks: boolean;
  /** Poll instead of OS notifications (the fallback when those run out). */
  polling: boolean;
}

/**
 * The watch on one folder. With OS notifications, one watch per folder (DirectoryWatcher); when those run
 * out, chokidar polls the files. Neither decides when a file is complete (chokidar's awaitWriteFinish fires
 * mid-copy, chokidar#675): the StabilityTracker does.
 */
export class FolderWatcher {
  readonly #close: () => Promise<void>;
  readonly #raw: EventEmitter;
  readonly #root: string;

  private constructor(root: string, raw: EventEmitter, close: () => Promise<void>) {
    this.#root = root;
    this.#raw = raw;
    this.#close = close;
  }

  /** Starts watching and resolves once the initial walk is done (changes after that are reported). */
  static async start(options: FolderWatcherOptions, events: FolderEvents): Promise<FolderWatcher> {
    if (!options.polling) {
      const dirs = await DirectoryWatcher.start(options, events);
      return new FolderWatcher(options.root, dirs, () => Promise.resolve(dirs.close()));
    }
    const poller = await startPolling(options, events);
    return new FolderWatcher(options.root, poller, () => poller.close());
  }

  /** The underlying emitter, for tests that simulate OS failures through its `error` event. */
  get raw(): EventEmitter {
    return this.#raw;
  }

  get root(): string {
    return this.#root;
  }

  close(): Promise<void> {
    return this.#close();
  }
}

/** Chokidar polling every file: slower, and needs no OS watch handles. */
async function startPolling(
  options: FolderWatcherOptions,
  events: FolderEvents,
): Promise<FSWatcher> {
  // Loaded on first use: `ferry cp` and the other commands that watch nothing start faster without it.
  const { watch } = await import('chokidar');
  const { root, filter } = options;
  const rel = (p: string) => path.relative(root, p).split(path.sep).join('/');
  const watcher = watch(root, {
    ignoreInitial: true,
    followSymlinks: options.followSymlinks,
    usePolling: true,
    // Polling 100,000 files costs CPU; changes are picked up within these intervals.
    interval: 1000,
    binaryInterval: 1000,
    ignorePermissionErrors: true,
    awaitWriteFinish: false,
    ignored: (p, stats) => {
      const r = rel(p);
      if (r === '' || r.startsWith('..')) return false;
      return !filter.accepts(r, stats ? stats.isDirectory() : true);
    },
  });
  // Chokidar reports a link as a file whether it follows links or not: the walker's rule decides.
  const reader = new FolderReader(root, options);
  const isFile = async (p: string) =>
    !(await lstat(p).catch(() => undefined))?.isSymbolicLink() ||
    (await reader.link(rel(p))) === false;
  const file = (p: string) => void isFile(p).then((yes) => yes && events.file(rel(p)));
  watcher.on('add', file);
  watcher.on('change', file);
  watcher.on('unlink', (p) => events.removed(rel(p), false));
  watcher.on('unlinkDir', (p) => events.removed(rel(p), true));
  watcher.on('error', (error) => {
    const e = error instanceof Error ? error : new Error(String(error));
    if (isWatchExhaustion(e)) events.exhausted(e);
    else events.error(e);
  });
  return new Promise<FSWatcher>((resolve) => watcher.once('ready', () => resolve(watcher)));
}
