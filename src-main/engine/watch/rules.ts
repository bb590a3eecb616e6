import { realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import picomatch from 'picomatch';
import { DEFAULT_EXCLUDES, type WatchRule } from '../../../src-shared/contract/index.js';
import { FerryError, invalid } from '../errors.js';
import type { WalkOptions } from '../local/walk.js';

/** Decides which paths (relative to the folder, `/`-separated) a watch uploads. */
export interface PathFilter {
  /** False for excluded files and for directories whose whole subtree is excluded. */
  accepts(rel: string, isDirectory: boolean): boolean;
  /**
   * The same rule for a listed key's path, which comes without its folders: false when the path or any
   * folder above it is refused, as the folder walker never enters a refused folder.
   */
  acceptsKey(rel: string): boolean;
}

type Matcher = (rel: string) => boolean;

function compile(globs: readonly string[]): Matcher {
  // A glob without `/` (`*.tmp`) names a file anywhere, as in .gitignore; one with `/` is anchored at the root.
  const bare = globs.filter((g) => !g.includes('/'));
  const anchored = globs.filter((g) => g.includes('/'));
  const byName = bare.length ? picomatch(bare, { dot: true, basename: true }) : () => false;
  const byPath = anchored.length ? picomatch(anchored, { dot: true }) : () => false;
  return (rel) => byName(rel) || byPath(rel);
}

/** Builds the include/exclude filter of a rule (default excludes first). */
export function pathFilter(
  rule: Pick<WatchRule, 'include' | 'exclude' | 'defaultExcludes'>,
): PathFilter {
  const excluded = compile([...(rule.defaultExcludes ? DEFAULT_EXCLUDES : []), ...rule.exclude]);
  const included = rule.include.length ? compile(rule.include) : () => true;
  const accepts = (rel: string, isDirectory: boolean) => {
    if (rel === '') return true;
    if (excluded(rel)) return false;
    // Includes select files; directories stay open so their matching files can be found.
    return isDirectory || included(rel);
  };
  return {
    accepts,
    acceptsKey(rel) {
      for (let slash = rel.indexOf('/'); slash !== -1; slash = rel.indexOf('/', slash + 1)) {
        if (!accepts(rel.slice(0, slash), true)) return false;
      }
      return accepts(rel, false);
    },
  };
}

/**
 * How a watch reads its folder. Links are followed only when the user asked, and only by an upload watch: a
 * watch that writes into the folder (download, two-way) never writes or deletes through a link.
 */
export function walkOptions(
  rule: Pick<WatchRule, 'mode' | 'followSymlinks'>,
  filter: PathFilter,
): WalkOptions & { filter: PathFilter } {
  return { filter, followSymlinks: rule.mode === 'upload' && rule.followSymlinks };
}

/** Normalises a key prefix: no leading slash, one trailing slash unless empty. */
export function normalisePrefix(prefix: string): string {
  const trimmed = prefix.replace(/^\/+/, '');
  if (trimmed === '') return '';
  const problem = keyIssue(trimmed.replace(/\/+$/, ''));
  if (problem) {
    throw invalid(PREFIX_KEYS[problem.kind], { prefix, ...problem.params });
  }
  return trimmed.endsWith('/') ? trimmed : `${trimmed}/`;
}

/** One message key per problem, so the interface says the whole sentence in the user's language. */
const PREFIX_KEYS = {
  tooLong: 'watch.badPrefix.tooLong',
  controlCharacter: 'watch.badPrefix.controlCharacter',
  emptySegment: 'watch.badPrefix.emptySegment',
  dotSegment: 'watch.badPrefix.dotSegment',
} as const;

/** The object key for a relative path. */
export function keyFor(prefix: string, rel: string): string {
  return `${prefix}${rel}`;
}

/** The relative path for a key under the prefix, or undefined when the key is outside it. */
export function relFor(prefix: string, key: string): string | undefined {
  if (!key.startsWith(prefix) || key.length === prefix.length || key.endsWith('/'))
    return undefined;
  return key.slice(prefix.length);
}

/** What is wrong with a key: which problem (for a message key), its English wording and its values. */
export interface KeyIssue {
  kind: keyof typeof PREFIX_KEYS;
  text: string;
  params: Record<string, string>;
}

/**
 * Why S3 or RustFS would refuse (or mangle) a key, or undefined when it is fine. RustFS refuses `.`, `..` and
 * empty segments; S3 limits keys to 1,024 bytes; control characters do not survive XML listings.
 */
export function keyIssue(key: string): KeyIssue | undefined {
  const issue = (kind: KeyIssue['kind'], text: string, params: Record<string, string> = {}) => ({
    kind,
    text,
    params,
  });
  if (Buffer.byteLength(key, 'utf8') > 1024)
    return issue('tooLong', 'object keys are limited to 1,024 bytes');
  if (hasControlCharacter(key))
    return issue('controlCharacter', 'it contains a control character (such as a newline)');
  for (const segment of key.split('/')) {
    if (segment === '') return issue('emptySegment', 'it contains an empty path segment ("//")');
    if (segment === '.' || segment === '..')
      return issue('dotSegment', `it contains a "${segment}" segment`, { segment });
  }
  return undefined;
}

/** keyIssue in English words (the activity log of skipped files). */
export function keyProblem(key: string): string | undefined {
  return keyIssue(key)?.text;
}

function hasControlCharacter(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x20 || c === 0x7f) return true;
  }
  return false;
}

/** Resolves a folder the user chose to its real absolute path, refusing what is not a directory. */
export async function resolveFolder(folder: string): Promise<string> {
  if (!path.isAbsolute(folder)) {
    throw invalid('watch.notAbsolute', { folder });
  }
  let resolved: string;
  try {
    resolved = await realpath(folder);
  } catch (cause) {
    throw FerryError.of('FolderMissing', 'watch.folderMissing', { folder }, { cause });
  }
  await assertNotAFile(folder, resolved);
  return resolved;
}

/**
 * Refuses a path that exists but is not a directory. A missing path passes: a saved watch on an unmounted
 * disk must stay editable, and its runner reports the folder as missing.
 */
export async function assertNotAFile(folder: string, resolved = folder): Promise<void> {
  const stats = await stat(resolved).catch(() => undefined);
  if (stats && !stats.isDirectory()) {
    throw invalid('watch.isFile', { folder });
  }
}

/** True when one folder is the other or contains it. */
export function foldersOverlap(a: string, b: string): boolean {
  const inside = (child: string, parent: string) => {
    const rel = path.relative(parent, child);
    return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
  };
  return inside(a, b) || inside(b, a);
}

/** Refuses a folder that overlaps an existing watch: the same file would be uploaded twice. */
export function assertNoOverlap(
  folder: string,
  others: readonly Pick<WatchRule, 'id' | 'folder'>[],
): void {
  const clash = others.find((o) => foldersOverlap(folder, o.folder));
  if (!clash) return;
  throw clash.folder === folder
    ? FerryError.of('WatchOverlap', 'watch.alreadyWatched', { folder })
    : FerryError.of('WatchOverlap', 'watch.overlap', { folder, other: clash.folder });
}
