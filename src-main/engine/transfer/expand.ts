import { stat } from 'node:fs/promises';
import path from 'node:path';
import { ListObjectsV2Command, type S3Client } from '@aws-sdk/client-s3';
import { FerryError } from '../errors.js';
import { walkFolder, type WalkIssues } from '../local/walk.js';
import { localError } from './local-errors.js';

/** One file to upload, found by walking what the user picked. */
export interface FoundFile {
  file: string;
  key: string;
  size: number;
}

/** A path of what the user picked that is not uploaded, and why (it becomes a failed transfer). */
export interface LeftOut {
  file: string;
  key: string;
  error: FerryError;
}

/** How to expand what the user picked. */
export interface ExpandOptions {
  /** False refuses folders, as `cp` without -r does. */
  recursive: boolean;
  /** A folder's contents go right under the prefix (as `aws s3 cp -r` does), not under `prefix/folder/`. */
  contents: boolean;
  /** Follow symbolic links inside the folders (the user asked); otherwise each is left out and said. */
  followSymlinks: boolean;
}

/** Joins a key prefix and a relative path the way a user expects (`photos` + `a.jpg` → `photos/a.jpg`). */
export function joinKey(prefix: string, relative: string): string {
  if (!prefix) return relative;
  return prefix.endsWith('/') ? prefix + relative : `${prefix}/${relative}`;
}

/**
 * Expands local paths into files and keys, as they are found: a file lands at `prefix/name`, a folder at
 * `prefix/folder/…` (or its contents right under `prefix`). Every path is checked before the first file is
 * yielded, so a missing one (or a folder without `recursive`) throws with nothing found yet. Folders are
 * read by the one walker (local/walk.ts) and its link rule; what it passes over is yielded as left out.
 */
export async function* expandLocal(
  paths: string[],
  prefix: string,
  options: ExpandOptions,
): AsyncGenerator<FoundFile | LeftOut> {
  const picked: { file: string; size: number; isFolder: boolean }[] = [];
  for (const given of paths) {
    const file = path.resolve(given);
    let info;
    try {
      // A link given by name is what the user picked: it is followed.
      info = await stat(file);
    } catch (error) {
      throw localError(error, file);
    }
    if (info.isDirectory() && !options.recursive) {
      throw FerryError.of('InvalidRequest', 'transfer.folderNeedsRecursive', { file: given });
    }
    picked.push({ file, size: info.size, isFolder: info.isDirectory() });
  }
  for (const { file, size, isFolder } of picked) {
    const name = path.basename(file);
    if (!isFolder) {
      yield { file, key: joinKey(prefix, name), size };
      continue;
    }
    const base = options.contents ? prefix : joinKey(prefix, name);
    const keyOf = (rel: string) => joinKey(base, rel);
    const issues: WalkIssues = { unreadable: [], skipped: [] };
    for await (const { rel, file: found } of walkFolder(file, options, issues)) {
      yield { file: path.join(file, rel), key: keyOf(rel), size: found.size };
    }
    for (const dir of issues.unreadable) {
      const at = path.join(file, dir);
      const key = dir === '' ? base : `${keyOf(dir)}/`;
      yield { file: at, key, error: leftOut('local.folderUnreadable', at) };
    }
    for (const { rel, cause, code } of issues.skipped) {
      const at = path.join(file, rel);
      const error =
        cause === 'link'
          ? leftOut('local.linkNotFollowed', at)
          : cause === 'link-cycle'
            ? leftOut('local.linkCycle', at)
            : cause === 'link-broken'
              ? FerryError.of('LocalFileError', 'local.linkBroken', { file: at, code: code ?? '' })
              : localError({ code }, at);
      yield { file: at, key: keyOf(rel), error };
    }
  }
}

function leftOut(
  key: 'local.folderUnreadable' | 'local.linkNotFollowed' | 'local.linkCycle',
  file: string,
): FerryError {
  return FerryError.of('LocalFileError', key, { file });
}

/** Every object under a prefix (folder markers left out), page by page. */
export async function listPrefix(
  client: S3Client,
  bucket: string,
  prefix: string,
): Promise<{ key: string; size: number }[]> {
  const out: { key: string; size: number }[] = [];
  let token: string | undefined;
  do {
    const page = await client.send(
      new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix, ContinuationToken: token }),
    );
    for (const o of page.Contents ?? []) {
      if (o.Key && !(o.Key.endsWith('/') && !o.Size)) out.push({ key: o.Key, size: o.Size ?? 0 });
    }
    token = page.IsTruncated ? page.NextContinuationToken : undefined;
  } while (token);
  return out;
}

/** The parent of a key or prefix: `a/b/c.txt` → `a/b/`, `a/b/` → `a/`. */
export function parentOf(key: string): string {
  const trimmed = key.endsWith('/') ? key.slice(0, -1) : key;
  const at = trimmed.lastIndexOf('/');
  return at < 0 ? '' : trimmed.slice(0, at + 1);
}
