import { appendFile, mkdir, readFile, rename } from 'node:fs/promises';
import path from 'node:path';
import { Transfer } from '../../../src-shared/contract/transfers.js';
import { writeFileAtomic } from '../store/atomic.js';
import type { Logger } from '../logger.js';
import { localError } from './local-errors.js';

/** How many finished transfers are remembered. */
const KEEP = 1000;

/** Finished, failed and cancelled transfers, newest last in the file, kept across restarts. */
export class TransferHistory {
  readonly file: string;
  readonly #logger: Logger;
  #items: Transfer[] = [];
  #tail: Promise<unknown> = Promise.resolve();
  #pending: string[] = [];
  #timer: NodeJS.Timeout | undefined;

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
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'EISDIR') {
        // A folder where the history belongs: kept aside, and the history starts empty.
        const aside = `${this.file}.damaged-${Date.now()}`;
        await rename(this.file, aside);
        this.#logger.warn('transfers: a folder stood in the history file; moved aside', { aside });
      } else if (code !== 'ENOENT') throw localError(error, this.file);
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
    // Thousands of small files finish within seconds: write their lines together, not one file append each.
    this.#pending.push(`${JSON.stringify(transfer)}\n`);
    this.#timer ??= setTimeout(() => void this.#flush(), 250);
  }

  #flush(): Promise<unknown> {
    clearTimeout(this.#timer);
    this.#timer = undefined;
    const lines = this.#pending.join('');
    this.#pending = [];
    if (!lines) return this.#tail;
    this.#tail = this.#tail
      .then(() => appendFile(this.file, lines, { mode: 0o600 }))
      .catch((error: unknown) =>
        this.#logger.warn('transfers: history not saved', { error: String(error) }),
      );
    return this.#tail;
  }

  /** Newest first. */
  list(limit: number): Transfer[] {
    return this.#items.slice(-limit).reverse();
  }

  async close(): Promise<void> {
    await this.#flush();
  }
}
