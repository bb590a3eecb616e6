import { randomBytes } from 'node:crypto';
import { mkdir, open, readFile, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { localError } from '../transfer/local-errors.js';

/**
 * Replaces a file atomically and durably: write a temporary sibling, fsync it, rename it over the target,
 * fsync the directory. A crash leaves either the old content or the new, never a mix.
 */
export async function writeFileAtomic(
  file: string,
  data: string | Uint8Array,
  mode = 0o600,
): Promise<void> {
  const dir = path.dirname(file);
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const temp = path.join(dir, `.${path.basename(file)}.${randomBytes(6).toString('hex')}.tmp`);
  const handle = await open(temp, 'w', mode);
  try {
    await handle.writeFile(data);
    await handle.sync();
  } catch (error) {
    await handle.close();
    await rm(temp, { force: true });
    throw error;
  }
  await handle.close();
  try {
    await rename(temp, file);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
  await syncDir(dir);
}

/** Flushes a directory entry (the rename) to disk; not supported everywhere, so best effort. */
async function syncDir(dir: string): Promise<void> {
  let handle;
  try {
    handle = await open(dir, 'r');
    await handle.sync();
  } catch {
    // Windows cannot open directories; the rename is still atomic there.
  } finally {
    await handle?.close();
  }
}

/** Reads a JSON file, or returns undefined when it does not exist. Parse errors are thrown. */
export async function readJsonFile(file: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  return JSON.parse(text) as unknown;
}

/** Where a damaged file Ferry keeps (or a folder standing in its place) is set aside. */
export function asideName(file: string, now: number): string {
  return `${file}.damaged-${now}`;
}

/** Reads a file Ferry keeps: null when it is missing or a folder stood in its place (renamed to `aside`). */
export async function readKeptFile(
  file: string,
  now: () => number = Date.now,
): Promise<{ text: string | null; aside?: string }> {
  try {
    return { text: await readFile(file, 'utf8') };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EISDIR') {
      const aside = asideName(file, now());
      await rename(file, aside);
      return { text: null, aside };
    }
    if (code !== 'ENOENT') throw localError(error, file);
    return { text: null };
  }
}
