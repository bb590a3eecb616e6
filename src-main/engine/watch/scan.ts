import type { Dirent } from 'node:fs';
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

/** What is in the folder, and what could not be looked at. */
export interface FolderScan {
  files: Map<string, LocalFile>;
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
 * Walks a folder, statting the files the filter accepts. A missing root throws FolderMissing (an unmounted disk
 * is not an empty folder); an unreadable subfolder is recorded and skipped.
 */
export async function scanFolder(
  root: string,
  filter: PathFilter,
  followSymlinks: boolean,
): Promise<FolderScan> {
  const result: FolderScan = { files: new Map(), unreadable: [], skipped: [] };
  try {
    if (!(await stat(root)).isDirectory()) throw new Error('not a directory');
  } catch (cause) {
    throw new FerryError(
      'FolderMissing',
      `The watched folder ${root} is missing or not a folder.`,
      'Reconnect the disk or restore the folder; Ferry deletes nothing while it is gone.',
      { cause },
    );
  }
  const queue = [''];
  const seen = new Set<string>();
  while (queue.length > 0) {
    const dir = queue.pop()!;
    let entries: Dirent[];
    try {
      entries = [];
      for await (const entry of await opendir(path.join(root, dir))) entries.push(entry);
    } catch {
      result.unreadable.push(dir);
      continue;
    }
    const files: string[] = [];
    for (const entry of entries) {
      const rel = joinRel(dir, entry.name);
      if (entry.isDirectory()) {
        if (filter.accepts(rel, true)) queue.push(rel);
      } else if (entry.isFile()) {
        if (filter.accepts(rel, false)) files.push(rel);
      } else if (entry.isSymbolicLink()) {
        if (!followSymlinks) result.skipped.push({ rel, reason: 'symbolic link (not followed)' });
        else await followLink(root, rel, filter, seen, queue, files);
      }
    }
    await statAll(root, files, result);
  }
  return result;
}

async function followLink(
  root: string,
  rel: string,
  filter: PathFilter,
  seen: Set<string>,
  queue: string[],
  files: string[],
): Promise<void> {
  try {
    const target = await stat(path.join(root, rel));
    // Directory links can form cycles; each real directory is walked once.
    const id = `${target.dev}:${target.ino}`;
    if (target.isDirectory() && !seen.has(id) && filter.accepts(rel, true)) {
      seen.add(id);
      queue.push(rel);
    } else if (target.isFile() && filter.accepts(rel, false)) files.push(rel);
  } catch {
    // A dangling link is not a file to upload.
  }
}

async function statAll(root: string, rels: string[], into: FolderScan): Promise<void> {
  const BATCH = 64;
  for (let i = 0; i < rels.length; i += BATCH) {
    const batch = rels.slice(i, i + BATCH);
    const stats = await Promise.allSettled(batch.map((rel) => lstatOrStat(path.join(root, rel))));
    stats.forEach((s, j) => {
      const rel = batch[j]!;
      if (s.status === 'fulfilled') into.files.set(rel, localFile(s.value));
      else if ((s.reason as NodeJS.ErrnoException).code !== 'ENOENT') {
        into.skipped.push({ rel, reason: 'cannot be read' });
      }
    });
  }
}

/** What the watch keeps of a stat. */
export function localFile(s: { size: number; mtimeMs: number; ino: number }): LocalFile {
  return { size: s.size, mtimeMs: s.mtimeMs, ino: s.ino };
}

function lstatOrStat(file: string) {
  return stat(file).catch(() => lstat(file));
}
