import { EventEmitter } from 'node:events';
import { watch, type FSWatcher } from 'node:fs';
import { lstat, stat } from 'node:fs/promises';
import path from 'node:path';
import { FolderReader, joinRel, type WalkOptions } from '../local/walk.js';

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

const EXHAUSTED = new Set(['ENOSPC', 'EMFILE', 'ENFILE']);
/** A folder that vanished or cannot be read: the reconciliation reports it, the watch goes on. */
const UNWATCHABLE = new Set(['ENOENT', 'ENOTDIR', 'EACCES', 'EPERM']);

/** True for the errors that mean "no more watch handles", not "something is wrong with a file". */
export function isWatchExhaustion(error: unknown): boolean {
  return EXHAUSTED.has((error as NodeJS.ErrnoException)?.code ?? '');
}

type Options = WalkOptions & { root: string };

/**
 * OS notifications with one watch per folder (inotify, FSEvents and ReadDirectoryChanges all report the
 * children of a watched folder): a watch per file would cost half a gigabyte and most of Linux's inotify
 * budget at 100,000 files. The walk that sets the watches reads folders only; it stats nothing (chokidar's
 * walk stats every file before its filter drops it, which alone left ~160 MiB of RSS at 100,000 files).
 * An event names a child; a stat tells a new or changed file from a folder or a deletion. Folders and links
 * are read by the one walker's rule (local/walk.ts), so the watch sees what its reconciliation sees.
 * Errors are emitted as `error` events (tests simulate an exhausted system through them).
 */
export class DirectoryWatcher extends EventEmitter<{ error: [Error] }> {
  readonly #options: Options;
  readonly #reader: FolderReader;
  readonly #events: FolderEvents;
  /** Watched folders: relative path → watch, and the inode watched (a folder recreated is another one). */
  readonly #watches = new Map<string, { watch: FSWatcher; ino: number }>();
  #closed = false;

  private constructor(options: Options, events: FolderEvents) {
    super();
    this.#options = options;
    this.#reader = new FolderReader(options.root, options);
    this.#events = events;
    this.on('error', (error) => {
      if (isWatchExhaustion(error)) events.exhausted(error);
      else events.error(error);
    });
  }

  /** Watches the folder and its subfolders; resolves once every watch is in place. */
  static async start(options: Options, events: FolderEvents): Promise<DirectoryWatcher> {
    const watcher = new DirectoryWatcher(options, events);
    await watcher.#watchTree('');
    return watcher;
  }

  close(): void {
    this.#closed = true;
    for (const { watch } of this.#watches.values()) watch.close();
    this.#watches.clear();
  }

  /** Sets a watch on a folder and on every folder under it, one folder at a time. */
  async #watchTree(top: string, found?: (rel: string) => void): Promise<void> {
    const pending = [top];
    while (pending.length > 0 && !this.#closed) {
      const dir = pending.pop()!;
      if (!(await this.#watch(dir))) return;
      // Read after its watch is set: a file written meanwhile is seen by one or the other. A folder gone or
      // unreadable meanwhile reads as undefined: the reconciliation reports it.
      for (const child of (await this.#reader.children(dir)) ?? []) {
        if (child.isDirectory) pending.push(child.rel);
        else found?.(child.rel);
      }
    }
  }

  /** Watches one folder; false when the system has no watch left (reported as an error event). */
  async #watch(dir: string): Promise<boolean> {
    if (this.#watches.has(dir)) return true;
    try {
      const full = path.join(this.#options.root, dir);
      const { ino } = await stat(full);
      if (this.#closed || this.#watches.has(dir)) return true;
      const w = watch(full, (_event, name) => {
        if (name) void this.#onChild(dir, name.toString());
      });
      const entry = { watch: w, ino };
      w.on('error', (error) => {
        w.close();
        if (this.#watches.get(dir) === entry) this.#watches.delete(dir);
        if (!UNWATCHABLE.has((error as NodeJS.ErrnoException).code ?? ''))
          this.emit('error', error);
      });
      this.#watches.set(dir, entry);
      return true;
    } catch (error) {
      if (UNWATCHABLE.has((error as NodeJS.ErrnoException).code ?? '')) return true;
      this.emit('error', error as Error);
      return false;
    }
  }

  async #onChild(dir: string, name: string): Promise<void> {
    if (this.#closed) return;
    const rel = joinRel(dir, name);
    let s;
    try {
      s = await lstat(path.join(this.#options.root, rel));
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code !== 'ENOENT' && code !== 'ENOTDIR') return;
      // A watch reports its own folder going away as an event naming that folder.
      if (dir !== '' && name === path.posix.basename(dir)) await this.#selfGone(dir);
      else await this.#gone(rel);
      return;
    }
    if (this.#closed) return;
    if (s.isDirectory()) await this.#newFolder(rel, s.ino);
    else if (s.isFile()) this.#events.file(rel);
    else if (s.isSymbolicLink()) {
      const isDirectory = await this.#reader.link(rel);
      if (isDirectory) await this.#newFolder(rel, undefined);
      else if (isDirectory === false) this.#events.file(rel);
    }
  }

  /** A folder appeared (created, or moved in whole): watch it, then list its files. */
  async #newFolder(rel: string, ino: number | undefined): Promise<void> {
    if (!this.#reader.accepts(rel, true)) return;
    const known = this.#watches.get(rel);
    if (known && (ino === undefined || known.ino === ino)) return;
    // Deleted and created again before we heard of the delete: the old watch sees nothing of the new one.
    if (known) this.#unwatch(rel);
    // Its files are announced as its folders are read (an excluded subfolder is neither watched nor read).
    await this.#watchTree(rel, (file) => this.#events.file(file));
  }

  /** A child vanished: a watched folder (and everything under it), or a file. */
  async #gone(rel: string): Promise<void> {
    if (
      !(await stat(this.#options.root).then(
        (s) => s.isDirectory(),
        () => false,
      ))
    ) {
      return this.#events.removed('', true);
    }
    this.#events.removed(rel, this.#unwatch(rel));
  }

  /**
   * A watched folder was deleted or moved away: its watch is dead. A folder created again in its place
   * (often with the same inode number) is watched afresh and listed.
   */
  async #selfGone(dir: string): Promise<void> {
    if (!this.#unwatch(dir)) return;
    this.#events.removed(dir, true);
    const now = await stat(path.join(this.#options.root, dir)).catch(() => undefined);
    if (now?.isDirectory()) await this.#newFolder(dir, now.ino);
  }

  /** Drops the watches of a folder and everything under it; true when there were some. */
  #unwatch(rel: string): boolean {
    const under = `${rel}/`;
    let found = false;
    for (const [dir, { watch }] of this.#watches) {
      if (dir !== rel && !dir.startsWith(under)) continue;
      found = true;
      watch.close();
      this.#watches.delete(dir);
    }
    return found;
  }
}
