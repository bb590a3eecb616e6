import { access, mkdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { FerryError } from '../errors.js';
import { notes, type TransferNote } from './notes.js';

/** A key mapped to a local path, with a note when Ferry had to change it to keep it inside the folder. */
export interface SafePath {
  file: string;
  note: TransferNote | null;
}

/**
 * Maps an object key (relative to `base`) to a path inside `folder`, never outside it. Keys are written by
 * whoever filled the bucket, so they may try `../x`, `/etc/x`, `a/../../b` or `C:\x`: absolute forms are made
 * relative and said so; a `..` segment is refused, because no renaming of it is what the user meant.
 */
export function safeLocalPath(folder: string, key: string, base = ''): SafePath {
  const root = path.resolve(folder);
  const relative = key.startsWith(base) ? key.slice(base.length) : key;
  // Both separators count: a key made on Windows, or aimed at it, uses backslashes.
  const raw = relative.split(/[/\\]+/);
  const segments: string[] = [];
  for (const [i, segment] of raw.entries()) {
    if (segment === '' || segment === '.') continue;
    if (segment === '..') throw unsafeKey(key);
    if (i === 0 && /^[A-Za-z]:$/.test(segment)) continue;
    // Characters Windows forbids in names (and NUL everywhere) become `_`.
    segments.push([...segment].map((c) => (c < ' ' || '<>:"|?*'.includes(c) ? '_' : c)).join(''));
  }
  if (segments.length === 0) throw unsafeKey(key);
  const file = path.join(root, ...segments);
  if (file !== root && !file.startsWith(root + path.sep)) throw unsafeKey(key);
  // Whatever was dropped or replaced (a leading `/`, a drive, `//`, `.`, a backslash), the note says so.
  const shown = segments.join('/');
  return {
    file,
    note: shown !== relative ? notes.keyRenamed(key, shown) : null,
  };
}

function unsafeKey(key: string): FerryError {
  return FerryError.of('UnsafeKey', 'download.unsafeKey', { key: key.slice(0, 200) });
}

async function exists(file: string): Promise<boolean> {
  try {
    await access(file);
    return true;
  } catch {
    return false;
  }
}

/**
 * `report.pdf` → `report (1).pdf`, `report (2).pdf`, … : the first name not taken, on disk or by `taken`
 * (files another download is writing).
 */
export async function keepBothName(
  file: string,
  taken: (file: string) => boolean = () => false,
): Promise<string> {
  if (!taken(file) && !(await exists(file))) return file;
  const ext = path.extname(file);
  const stem = file.slice(0, file.length - ext.length);
  for (let n = 1; ; n++) {
    const candidate = `${stem} (${n})${ext}`;
    if (
      !taken(candidate) &&
      !(await exists(candidate)) &&
      !(await exists(`${candidate}${PARTIAL_SUFFIX}`))
    ) {
      return candidate;
    }
  }
}

/** Where a download is written until it is complete and verified. */
export const PARTIAL_SUFFIX = '.ferry-partial';

export { exists as pathExists };

/**
 * Creates `folder` and its missing parents one level at a time. Node's recursive mkdir spins forever where
 * mkdir answers ENOENT for a child of a folder that exists (procfs); one level at a time, that is an error.
 */
export async function makeFolder(folder: string): Promise<void> {
  const missing: string[] = [];
  let at = path.resolve(folder);
  for (;;) {
    try {
      if (!(await stat(at)).isDirectory()) {
        // Say which file is in the way: a key `a/b` after a key `a`, or a folder picked under a file.
        throw FerryError.of('LocalFileError', 'local.notFolder', { file: at });
      }
      break;
    } catch (error) {
      // ENOTDIR: something above is a file; walking up finds it and names it.
      const code = (error as NodeJS.ErrnoException).code;
      if (code !== 'ENOENT' && code !== 'ENOTDIR') throw error;
      const parent = path.dirname(at);
      if (parent === at) throw error;
      missing.push(at);
      at = parent;
    }
  }
  for (const dir of missing.reverse()) {
    try {
      await mkdir(dir);
    } catch (error) {
      // Made meanwhile by another download into the same folder: fine.
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
  }
}
