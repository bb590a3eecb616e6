import { lstat, opendir, stat } from 'node:fs/promises';
import path from 'node:path';
import { FerryError } from '../errors.js';
import type { PathFilter } from './rules.js';

/** A local file as the scan saw it. */
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

/** What a walk could not look at, filled in as it goes. */
export interface ScanIssues {
  /** Relative folders that could not be read: nothing under them may be treated as deleted. */
  unreadable: string[];
  /** Files passed over (symlinks not followed, unreadable entries), with why. */
  skipped: { rel: string; reason: string }[];
}

/** Joins a relative path with `/` whatever the platform. */
export function joinRel(dir: string, name: string): string {
  return dir === '' ? name : `${dir}/${name}`;
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

interface Walk {
  root: string;
  filter: PathFilter;
  followSymlinks: boolean;
  issues: ScanIssues;
  /** Real directories reached through links, walked once each (links can form cycles). */
  linked: Set<string>;
}

interface Child {
  rel: string;
  isDirectory: boolean;
}

/**
 * Walks a folder in the order S3 lists its keys, statting the files the filter accepts, one folder at a time:
 * memory holds the folder being read, not the tree. A missing root throws FolderMissing; an unreadable
 * subfolder is recorded in `issues` and skipped.
 */
export async function* walkFolder(
  root: string,
  filter: PathFilter,
  followSymlinks: boolean,
  issues: ScanIssues,
): AsyncGenerator<LocalEntry> {
  await assertFolder(root);
  yield* walkDir({ root, filter, followSymlinks, issues, linked: new Set() }, '');
}

async function* walkDir(walk: Walk, dir: string): AsyncGenerator<LocalEntry> {
  const children = await readChildren(walk, dir);
  if (!children) return;
  // A folder's keys continue with `/`: it sorts as its name plus `/` among its siblings.
  const sortKey = (c: Child) => (c.isDirectory ? `${c.rel}/` : c.rel);
  children.sort((a, b) => compareKeys(sortKey(a), sortKey(b)));
  const BATCH = 64;
  for (let i = 0; i < children.length;) {
    if (children[i]!.isDirectory) {
      yield* walkDir(walk, children[i++]!.rel);
      continue;
    }
    let end = i;
    while (end < children.length && end - i < BATCH && !children[end]!.isDirectory) end++;
    const batch = children.slice(i, end);
    i = end;
    const stats = await Promise.allSettled(
      batch.map((c) => lstatOrStat(path.join(walk.root, c.rel))),
    );
    for (let j = 0; j < batch.length; j++) {
      const s = stats[j]!;
      const rel = batch[j]!.rel;
      if (s.status === 'fulfilled') yield { rel, file: localFile(s.value) };
      else if ((s.reason as NodeJS.ErrnoException).code !== 'ENOENT') {
        walk.issues.skipped.push({ rel, reason: 'cannot be read' });
      }
    }
  }
}

/** The children of a folder the watch cares about, or undefined when it cannot be read. */
async function readChildren(walk: Walk, dir: string): Promise<Child[] | undefined> {
  const { filter, issues } = walk;
  const children: Child[] = [];
  try {
    for await (const entry of await opendir(path.join(walk.root, dir))) {
      const rel = joinRel(dir, entry.name);
      if (entry.isDirectory()) {
        if (filter.accepts(rel, true)) children.push({ rel, isDirectory: true });
      } else if (entry.isFile()) {
        if (filter.accepts(rel, false)) children.push({ rel, isDirectory: false });
      } else if (entry.isSymbolicLink()) {
        if (!walk.followSymlinks)
          issues.skipped.push({ rel, reason: 'symbolic link (not followed)' });
        else children.push(...(await followLink(walk, rel)));
      }
    }
  } catch {
    issues.unreadable.push(dir);
    return undefined;
  }
  return children;
}

async function followLink(walk: Walk, rel: string): Promise<Child[]> {
  try {
    const target = await stat(path.join(walk.root, rel));
    const id = `${target.dev}:${target.ino}`;
    if (target.isDirectory() && !walk.linked.has(id) && walk.filter.accepts(rel, true)) {
      walk.linked.add(id);
      return [{ rel, isDirectory: true }];
    }
    if (target.isFile() && walk.filter.accepts(rel, false)) return [{ rel, isDirectory: false }];
  } catch {
    // A dangling link is not a file to upload.
  }
  return [];
}

/** What the watch keeps of a stat. */
export function localFile(s: { size: number; mtimeMs: number; ino: number }): LocalFile {
  return { size: s.size, mtimeMs: s.mtimeMs, ino: s.ino };
}

function lstatOrStat(file: string) {
  return stat(file).catch(() => lstat(file));
}
