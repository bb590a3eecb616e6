import { stat } from 'node:fs/promises';

/** True when the folder exists and is a directory. */
export function folderPresent(folder: string): Promise<boolean> {
  return stat(folder).then(
    (s) => s.isDirectory(),
    () => false,
  );
}

/**
 * Looks at the watched folder every few seconds: an unmounted disk or a deleted folder does not always send
 * an event, and its return never does.
 */
export class FolderPresence {
  readonly #folder: string;
  readonly #intervalMs: number;
  readonly #report: (present: boolean) => void;
  #timer: NodeJS.Timeout | undefined;

  constructor(folder: string, intervalMs: number, report: (present: boolean) => void) {
    this.#folder = folder;
    this.#intervalMs = intervalMs;
    this.#report = report;
  }

  start(): void {
    this.stop();
    this.#timer = setInterval(() => void this.check(), this.#intervalMs);
    this.#timer.unref?.();
  }

  /** Checks now and reports. */
  async check(): Promise<void> {
    this.#report(await folderPresent(this.#folder));
  }

  stop(): void {
    clearInterval(this.#timer);
    this.#timer = undefined;
  }
}
