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
      throw FerryError.of('InvalidRequest', 'desktop.notTransferred');
    }
    const resolved = path.resolve(file);
    try {
      await stat(resolved);
    } catch {
      throw FerryError.of('InvalidRequest', 'desktop.fileMoved', { file: path.basename(resolved) });
    }
    return resolved;
  }
}

/** Extensions the OS would run rather than show: programs, scripts, installers and shortcuts. */
const RUNNABLE = new Set(
  (
    'exe msi msp com scr pif bat cmd ps1 psm1 vbs vbe js jse wsf wsh hta cpl lnk url reg jar ' +
    'app command tool sh bash zsh csh fish ksh desktop appimage run bin pkg mpkg dmg deb rpm ' +
    'apk py pyw pl rb php scpt workflow action'
  ).split(' '),
);

/**
 * True when opening the file would run it. The page may ask Ferry to open a download, and a page could
 * have chosen what to download: programs are only ever revealed, for the user to start themselves.
 */
export async function isRunnable(file: string): Promise<boolean> {
  const ext = path.extname(file).slice(1).toLowerCase();
  if (RUNNABLE.has(ext)) return true;
  if (process.platform === 'win32') return false;
  const { mode } = await stat(file);
  return (mode & 0o111) !== 0;
}
