import path from 'node:path';
import { FerryError } from '../errors.js';
import type { ErrorKey } from '../../../src-shared/error-keys.js';

/** Why a key cannot be a file name in the synced folder. */
type Unsafe = 'dotSegment' | 'absolute' | 'backslash' | 'emptySegment' | 'controlCharacter';

/** Why a key cannot be a file, as its catalogue key (spelled out, so each key is found in the source). */
const WHY: Record<Unsafe, ErrorKey> = {
  dotSegment: 'sync.unsafeKey.dotSegment',
  absolute: 'sync.unsafeKey.absolute',
  backslash: 'sync.unsafeKey.backslash',
  emptySegment: 'sync.unsafeKey.emptySegment',
  controlCharacter: 'sync.unsafeKey.controlCharacter',
};

/**
 * The local path of a relative key inside `root`, or a FerryError saying why there is none. A sync maps keys
 * and files both ways, so unlike a one-off download it never renames a key to make it fit: a key that is not a
 * plain relative path (`..`, `/etc/x`, `C:\x`, `a\b`, `a//b`) is refused, and the file is never written.
 */
export function syncedPath(root: string, rel: string, key: string): string {
  const why = unsafeRel(rel);
  if (why) throw unsafeKey(key, why);
  const file = path.join(root, ...rel.split('/'));
  // Belt and braces: whatever the checks above miss must still land inside the folder.
  if (!file.startsWith(root + path.sep)) throw unsafeKey(key, 'dotSegment');
  return file;
}

function unsafeRel(rel: string): Unsafe | undefined {
  if (rel.startsWith('/') || /^[A-Za-z]:/.test(rel)) return 'absolute';
  if (rel.includes('\\')) return 'backslash';
  for (let i = 0; i < rel.length; i++) {
    const c = rel.charCodeAt(i);
    if (c < 0x20 || c === 0x7f) return 'controlCharacter';
  }
  for (const segment of rel.split('/')) {
    if (segment === '') return 'emptySegment';
    if (segment === '.' || segment === '..') return 'dotSegment';
  }
  return undefined;
}

function unsafeKey(key: string, why: Unsafe): FerryError {
  const shown = key.slice(0, 200);
  return FerryError.of('UnsafeKey', WHY[why], { key: shown });
}

/** `report.pdf` → `report (conflict 2026-12-02 1420).pdf`, in local time: where a conflict's remote copy goes. */
export function conflictName(file: string, now: number): string {
  const d = new Date(now);
  const two = (n: number) => String(n).padStart(2, '0');
  const stamp = `${d.getFullYear()}-${two(d.getMonth() + 1)}-${two(d.getDate())} ${two(d.getHours())}${two(d.getMinutes())}`;
  const ext = path.extname(file);
  return `${file.slice(0, file.length - ext.length)} (conflict ${stamp})${ext}`;
}
