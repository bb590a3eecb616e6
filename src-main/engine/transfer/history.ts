import { appendFile, mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { Transfer } from '../../../src-shared/contract/transfers.js';
import { writeFileAtomic } from '../store/atomic.js';
import type { Logger } from '../logger.js';

/** How many finished transfers are remembered. */
const KEEP = 1000;

/** Finished, failed and cancelled transfers, newest last in the file, kept across restarts. */
export class TransferHistory {
  readonly file: string;
  readonly #logger: Logger;
  #items: Transfer[] = [];
  #tail: Promise<unknown> = Promise.resolve();

  constructor(dir: string, logger: Logger) {
    this.file = path.join(dir, 'history.jsonl');
    this.#logger = logger;
  }

  /** Loads the file, skipping damaged lines, and trims it to the last KEEP entries. */
  async open(): Promise<void> {
    let text = '';
    try {
      text = await readFile(this.file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      await mkdir(path.dirname(this.file), { recursive: true, mode: 0o700 });
    }
    const lines = text.split('\n').filter((line) => line.trim());
    for (const line of lines) {
      try {
        const parsed = Transfer.safeParse(JSON.parse(line));
        if (parsed.success) this.#items.push(parsed.data);
      } catch {
        this.#logger.warn('transfers: a damaged history line was skipped', { file: this.file });
      }
    }
    this.#items = this.#items.slice(-KEEP);
    if (lines.length > KEEP * 2 || lines.length !== this.#items.length) {
      const body = this.#items.map((t) => JSON.stringify(t)).join('\n');
      await writeFileAtomic(this.file, body ? `${body}\n` : '');
    }
  }

  add(transfer: Transfer): void {
    this.#items.push({ ...transfer, speed: 0, etaSeconds: null });
    if (this.#items.length > KEEP) this.#items.splice(0, this.#items.length - KEEP);
    const line = `${JSON.stringify(transfer)}\n`;
    this.#tail = this.#tail
      .then(() => appendFile(this.file, line, { mode: 0o600 }))
      .catch((error: unknown) =>
        this.#logger.warn('transfers: history not saved', { error: String(error) }),
      );
  }

  /** Newest first. */
  list(limit: number): Transfer[] {
    return this.#items.slice(-limit).reverse();
  }

  async close(): Promise<void> {
    await this.#tail;
  }
}
