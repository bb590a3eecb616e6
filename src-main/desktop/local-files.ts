import { stat } from 'node:fs/promises';
import path from 'node:path';
import { FerryError } from '../engine/errors.js';

/**
 * The local files Ferry itself wrote or sent (downloads, drag-out copies, upload sources). The page may
 * ask to reveal or open only these: a compromised page must not be able to launch arbitrary programs.
 */
export class LocalFiles {
  readonly #known = new Set<string>();

  add(file: string): void {
    this.#known.add(path.resolve(file));
  }

  has(file: string): boolean {
    return path.isAbsolute(file) && this.#known.has(path.resolve(file));
  }

  /** The file's resolved path when Ferry knows it and it still exists; a FerryError otherwise. */
  async require(file: string): Promise<string> {
    if (!this.has(file)) {
      throw new FerryError(
        'InvalidRequest',
        'Ferry only shows and opens files it transferred itself.',
        'Open the file from your file manager instead.',
      );
    }
    const resolved = path.resolve(file);
    try {
      await stat(resolved);
    } catch {
      throw new FerryError(
        'InvalidRequest',
        `${path.basename(resolved)} is no longer where Ferry saved it.`,
        'It may have been moved or deleted; download it again if you need it.',
      );
    }
    return resolved;
  }
}
