import path from 'node:path';
import { FerryError } from '../errors.js';
import type { ErrorKey } from '../../../src-shared/error-keys.js';

/** Why a key cannot be a file name in the synced folder. */
type Unsafe =
  'dotSegment' | 'absolute' | 'backslash' | 'emptySegment' | 'controlCharacter' | 'longSegment';

/** The longest file or folder name most file systems take (ext4, APFS, NTFS: 255). */
const NAME_MAX_BYTES = 255;

/** Why a key cannot be a file, as its catalogue key (spelled out, so each key is found in the source). */
const WHY: Record<Unsafe, ErrorKey> = {
  dotSegment: 'sync.unsafeKey.dotSegment',
  absolute: 'sync.unsafeKey.absolute',
  backslash: 'sync.unsafeKey.backslash',
  emptySegment: 'sync.unsafeKey.emptySegment',
  controlCharacter: 'sync.unsafeKey.controlCharacter',
  longSegment: 'sync.unsafeKey.longSegment',
};

/**
 * The local path of a relative key inside `root`, or a FerryError saying why there is none. A sync maps keys
 * and files both ways, so unlike a one-off download it never renames a key to make it fit: a key that is not a
 * plain relative path (`..`, `/etc/x`, `C:\x`, `a\b`, `a//b`) is refused, and the file is never written.
 */
export function syncedPath(root: string, rel: string, key: string): string {
  const why = unsafeRel(rel, key);
  if (why) throw unsafeKey(key, why);
  const file = path.join(root, ...rel.split('/'));
  // Belt and braces: whatever the checks above miss must still land inside the folder.
  if (!file.startsWith(root + path.sep)) throw unsafeKey(key, 'dotSegment');
  return file;
}

function unsafeRel(rel: string, key: string): Unsafe | undefined {
  if (/^[A-Za-z]:/.test(rel)) return 'absolute';
  // A prefix ends in '/', so a path starting with '/' under one comes from '//' in the key
  // (`big//dbl.txt` under `big/`); only a key that itself starts with '/' is an absolute path.
  if (rel.startsWith('/')) return key === rel ? 'absolute' : 'emptySegment';
  if (rel.includes('\\')) return 'backslash';
  for (let i = 0; i < rel.length; i++) {
    const c = rel.charCodeAt(i);
    if (c < 0x20 || c === 0x7f) return 'controlCharacter';
  }
  for (const segment of rel.split('/')) {
    if (segment === '') return 'emptySegment';
    if (segment === '.' || segment === '..') return 'dotSegment';
    if (Buffer.byteLength(segment) > NAME_MAX_BYTES) return 'longSegment';
  }
  return undefined;
}

function unsafeKey(key: string, why: Unsafe): FerryError {
  const shown = key.slice(0, 200);
  return FerryError.of('UnsafeKey', WHY[why], { key: shown });
}

/**
 * The listed paths that cannot be files here because they are folders too: `a` beside `a/b` in the bucket
 * (S3 has no folders; a file system cannot hold both), or beside a local folder `a`. Downloading one would
 * make `a (1)`, which the next run would see as new: such objects are skipped, and left alone.
 */
export function folderClashes(listed: Iterable<string>, local: Iterable<string>): Set<string> {
  const paths = [...listed];
  const folders = new Set<string>();
  for (const rels of [paths, local]) {
    for (const rel of rels) {
      for (let i = rel.indexOf('/'); i !== -1; i = rel.indexOf('/', i + 1)) {
        folders.add(rel.slice(0, i));
      }
    }
  }
  return new Set(paths.filter((rel) => folders.has(rel)));
}

/** Why an object whose path is also a folder is not downloaded. */
export function alsoFolder(key: string): FerryError {
  return FerryError.of('UnsafeKey', 'sync.unsafeKey.alsoFolder', { key: key.slice(0, 200) });
}

/** A folder marker (`name/`) holding bytes: the folder is made, its content has no file to go to. */
export function markerWithContent(key: string, size: number): FerryError {
  return FerryError.of('UnsafeKey', 'sync.unsafeKey.markerWithContent', {
    key: key.slice(0, 200),
    size,
  });
}

/** `report.pdf` → `report (conflict 2026-12-02 1420).pdf`, in local time: where a conflict's remote copy goes. */
export function conflictName(file: string, now: number): string {
  const d = new Date(now);
  const two = (n: number) => String(n).padStart(2, '0');
  const stamp = `${d.getFullYear()}-${two(d.getMonth() + 1)}-${two(d.getDate())} ${two(d.getHours())}${two(d.getMinutes())}`;
  const ext = path.extname(file);
  return `${file.slice(0, file.length - ext.length)} (conflict ${stamp})${ext}`;
}
