import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { LocalFiles } from './local-files.js';
import { baseName } from './shell-state.js';

/** Characters Windows, macOS or Linux refuse in file names, and control characters. */
// eslint-disable-next-line no-control-regex
const UNSAFE = /[<>:"/\\|?*\u0000-\u001f\u007f]/g;
const RESERVED = /^(con|prn|aux|nul|com\d|lpt\d)(\..*)?$/i;

/** A file name for an object key that is safe on every platform and never a path. */
export function safeFileName(key: string): string {
  const name = baseName(key)
    .replace(UNSAFE, '_')
    .replace(/[. ]+$/, '')
    .slice(0, 200);
  if (!name || name === '.' || name === '..') return 'object';
  return RESERVED.test(name) ? `_${name}` : name;
}

/** An object to drag out. */
export interface DragSource {
  profileId: string;
  bucket: string;
  key: string;
}

/**
 * Downloads an object to a file the drag folder chose and resolves to its size, reporting progress as
 * `desktop.dragProgress` events: the engine does it (in its worker thread, in the app).
 */
export type FetchToFile = (source: DragSource, file: string) => Promise<number>;

/**
 * Fetches objects into a private temporary folder so they can be dragged to the desktop; the folder is
 * removed when Ferry quits (the drop target has made its own copy by then).
 */
export class DragOut {
  readonly #fetch: FetchToFile;
  readonly #files: LocalFiles;
  #root: Promise<string> | undefined;
  #count = 0;

  constructor(fetch: FetchToFile, files: LocalFiles) {
    this.#fetch = fetch;
    this.#files = files;
  }

  /** Downloads the object to `<tmp>/ferry-drag-*\/<n>/<name>`. */
  async fetch(source: DragSource): Promise<{ path: string; bytes: number }> {
    this.#root ??= mkdtemp(path.join(os.tmpdir(), 'ferry-drag-'));
    // One folder per drag keeps the object's own name even when two objects share it.
    const dir = path.join(await this.#root, String(++this.#count));
    await mkdir(dir, { mode: 0o700 });
    const file = path.join(dir, safeFileName(source.key));
    const bytes = await this.#fetch(source, file);
    this.#files.add(file);
    return { path: file, bytes };
  }

  /** Removes every temporary copy. */
  async dispose(): Promise<void> {
    const root = await this.#root?.catch(() => undefined);
    if (root) await rm(root, { recursive: true, force: true });
  }
}
