import { statSync, type Stats } from 'node:fs';
import { readdir, realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import { FerryError } from '../errors.js';

/**
 * The one walk of a local folder: `ferry cp -r` (and a folder dropped on the app), `ferry sync` in both
 * directions, and every watch (its reconciliation, its two-way passes and the folder watcher's own tree of
 * watches) read folders through this module, so they all see the same files.
 *
 * The symbolic-link rule (README, "Symbolic links"): a link is not followed unless the user asked
 * (`--follow-symlinks`, a watch's `followSymlinks`); each link passed over is reported, never dropped in
 * silence. When asked, a link is followed wherever it leads, except one that leads back to a folder holding
 * it (a cycle: it would never end); a link that leads nowhere is reported.
 */

/** A local file as the walk saw it. */
export interface LocalFile {
  size: number;
  mtimeMs: number;
  /** The file's inode: with size and mtime, it tells a moved file from a new one with the same stats. */
  ino?: number;
}

/** A file the walk found, with its path relative to the folder (`/`-separated). */
export interface LocalEntry {
  rel: string;
  file: LocalFile;
}

/** Why a path was passed over: a link not followed, a link cycle, a link to nothing, a file unreadable. */
export type SkipCause = 'link' | 'link-cycle' | 'link-broken' | 'unreadable';

/** What a walk could not look at, filled in as it goes. */
export interface WalkIssues {
  /** Relative folders that could not be read: nothing under them may be treated as deleted. */
  unreadable: string[];
  /** Paths passed over, with why (`reason` in words for the activity log; `cause` and `code` for errors). */
  skipped: { rel: string; reason: string; cause?: SkipCause; code?: string }[];
}

/** How a walk reads: which paths it takes, and whether the user asked for links to be followed. */
export interface WalkOptions {
  /** False for paths to leave out (and for folders whose whole subtree is left out); all when absent. */
  filter?: { accepts(rel: string, isDirectory: boolean): boolean };
  followSymlinks: boolean;
}

/** One child of a folder, as the rule sees it: a followed link is the file or folder it leads to. */
export interface Child {
  rel: string;
  isDirectory: boolean;
}

const REASONS: Record<SkipCause, (code: string) => string> = {
  link: () => 'symbolic link (not followed)',
  'link-cycle': () => 'symbolic link back to a folder that holds it (not followed)',
  'link-broken': (code) => `symbolic link that leads nowhere (${code})`,
  unreadable: (code) => `cannot be read (${code})`,
};

/** Joins a relative path with `/` whatever the platform. */
export function joinRel(dir: string, name: string): string {
  return dir === '' ? name : `${dir}/${name}`;
}

/**
 * True when the walk could not see rel: it is, or lies under, a folder it could not read or a path it passed
 * over (a link not followed leads somewhere else). Nothing there may be taken as deleted, nor written to.
 */
export function unseen(rel: string, issues: WalkIssues): boolean {
  const under = (dir: string) => dir === '' || rel === dir || rel.startsWith(`${dir}/`);
  return issues.unreadable.some(under) || issues.skipped.some((s) => under(s.rel));
}

/**
 * Orders keys as S3 lists them: by the bytes of their UTF-8 encoding, that is by code point. UTF-16 order
 * (JavaScript's `<`) differs only where a surrogate (a code point above U+FFFF) meets U+E000–U+FFFF.
 */
export function compareKeys(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x === y) continue;
    const xs = x >= 0xd800 && x <= 0xdfff;
    const ys = y >= 0xd800 && y <= 0xdfff;
    if (xs !== ys) return xs ? 1 : -1;
    return x - y;
  }
  return a.length - b.length;
}

/** Throws FolderMissing unless the root is a folder (an unmounted disk is not an empty folder). */
export async function assertFolder(root: string): Promise<void> {
  try {
    if (!(await stat(root)).isDirectory()) throw new Error('not a directory');
  } catch (cause) {
    throw FerryError.of('FolderMissing', 'watch.rootMissing', { folder: root }, { cause });
  }
}

/** What the walk keeps of a stat. */
export function localFile(s: { size: number; mtimeMs: number; ino: number }): LocalFile {
  return { size: s.size, mtimeMs: s.mtimeMs, ino: s.ino };
}

/**
 * Reads one folder at a time under the rule. Without `issues` nothing is recorded: the folder watcher reads
 * the same way and leaves the reporting to the reconciliation's walk.
 */
export class FolderReader {
  constructor(
    readonly root: string,
    readonly options: WalkOptions,
    readonly issues?: WalkIssues,
  ) {}

  /** The children of a folder the filter takes, links settled by the rule; undefined when it cannot be read. */
  async children(dir: string): Promise<Child[] | undefined> {
    const children: Child[] = [];
    let entries;
    try {
      // One call per folder: reading it a few entries at a time (opendir) made the walk twice as slow.
      entries = await readdir(path.join(this.root, dir), { withFileTypes: true });
    } catch {
      this.issues?.unreadable.push(dir);
      return undefined;
    }
    for (const entry of entries) {
      const rel = joinRel(dir, entry.name);
      let isDirectory: boolean | undefined;
      if (entry.isDirectory()) isDirectory = true;
      else if (entry.isFile()) isDirectory = false;
      else if (entry.isSymbolicLink()) isDirectory = await this.link(rel);
      // Sockets, pipes and devices hold no file to copy.
      if (isDirectory !== undefined && this.accepts(rel, isDirectory)) {
        children.push({ rel, isDirectory });
      }
    }
    return children;
  }

  /**
   * What a symbolic link counts as under the rule: true for a folder to walk, false for a file to take,
   * undefined when it is passed over (reported unless the filter leaves it out anyway).
   */
  async link(rel: string): Promise<boolean | undefined> {
    if (!this.options.followSymlinks) return this.#skip(rel, 'link');
    const full = path.join(this.root, rel);
    let target: Stats;
    let real: string;
    try {
      [target, real] = await Promise.all([stat(full), realpath(full)]);
    } catch (error) {
      return this.#skip(rel, 'link-broken', (error as NodeJS.ErrnoException).code ?? 'EIO');
    }
    if (target.isFile()) return false;
    if (!target.isDirectory()) return undefined;
    // A folder above the link (or the folder holding it) would be walked again and again.
    const holder = await realpath(path.dirname(full)).catch(() => real);
    const up = path.relative(real, holder);
    if (up === '' || (up.split(path.sep)[0] !== '..' && !path.isAbsolute(up))) {
      return this.#skip(rel, 'link-cycle');
    }
    return true;
  }

  /** True when the filter takes the path (every path, without a filter). */
  accepts(rel: string, isDirectory: boolean): boolean {
    return this.options.filter?.accepts(rel, isDirectory) ?? true;
  }

  #skip(rel: string, cause: SkipCause, code = ''): undefined {
    // A link the filter leaves out, as a file and as a folder, is not the user's concern.
    if (this.accepts(rel, false) || this.accepts(rel, true)) {
      this.issues?.skipped.push({ rel, reason: REASONS[cause](code), cause, code });
    }
    return undefined;
  }
}

/**
 * Walks a folder in the order S3 lists its keys, statting the files the filter accepts, one folder at a time:
 * memory holds the folders on the way down, not the tree. A missing root throws FolderMissing; an unreadable
 * subfolder is recorded in `issues` and skipped, as is each link the rule passes over.
 */
export async function* walkFolder(
  root: string,
  options: WalkOptions,
  issues: WalkIssues,
): AsyncGenerator<LocalEntry> {
  await assertFolder(root);
  const reader = new FolderReader(root, options, issues);
  // The folders on the way down, each with the next child to visit (a stack, not nested generators: each
  // level of `yield*` costs every file of the tree one more hop).
  const stack: { children: Child[]; next: number }[] = [];
  const enter = async (dir: string) => {
    const children = await reader.children(dir);
    if (!children) return;
    // A folder's keys continue with `/`: it sorts as its name plus `/` among its siblings.
    const sortKey = (c: Child) => (c.isDirectory ? `${c.rel}/` : c.rel);
    children.sort((a, b) => compareKeys(sortKey(a), sortKey(b)));
    stack.push({ children, next: 0 });
  };
  await enter('');
  let statted = 0;
  while (stack.length > 0) {
    const top = stack.at(-1)!;
    const child = top.children[top.next++];
    if (!child) stack.pop();
    else if (child.isDirectory) await enter(child.rel);
    else {
      const found = statFile(reader, child.rel);
      if (found) yield found;
      // Now and then, let the rest of the process run: one folder may hold 100,000 files.
      if (++statted % 1024 === 0) await new Promise(setImmediate);
    }
  }
}

/**
 * Stats one file (a followed link: what it leads to). Synchronous: a stat is a few microseconds when made
 * directly, 30-40 µs of round trip through the thread pool.
 * A file gone since its folder was read is no file; one that cannot be statted is reported.
 */
function statFile(reader: FolderReader, rel: string): LocalEntry | undefined {
  try {
    const s = statSync(path.join(reader.root, rel), { throwIfNoEntry: false });
    return s?.isFile() ? { rel, file: localFile(s) } : undefined;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'EIO';
    reader.issues?.skipped.push({
      rel,
      reason: REASONS.unreadable(code),
      cause: 'unreadable',
      code,
    });
    return undefined;
  }
}
