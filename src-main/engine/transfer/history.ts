import { appendFile, mkdir } from 'node:fs/promises';
import path from 'node:path';
import { Transfer } from '../../../src-shared/contract/transfers.js';
import { readKeptFile, writeFileAtomic } from '../store/atomic.js';
import type { Logger } from '../logger.js';

/** How many finished transfers are remembered. */
const KEEP = 1000;

/**
 * Finished, failed and cancelled transfers, newest last in the file, kept across restarts. The file is read
 * at start but its lines are parsed only when someone asks for the list: a full history took every `ferry`
 * command 20 ms to validate, and most never look at it.
 */
export class TransferHistory {
  readonly file: string;
  readonly #logger: Logger;
  /** The file's lines until someone asks for the list; then they are parsed into the front of #items. */
  #lines: string[] | undefined = [];
  /** Transfers added since start, and the file's entries once parsed; newest last. */
  #items: Transfer[] = [];
  #tail: Promise<unknown> = Promise.resolve();
  #pending: string[] = [];
  #timer: NodeJS.Timeout | undefined;

  constructor(dir: string, logger: Logger) {
    this.file = path.join(dir, 'history.jsonl');
    this.#logger = logger;
  }

  /** Reads the file and trims it to the last KEEP entries once it holds twice that. */
  async open(): Promise<void> {
    const { text, aside } = await readKeptFile(this.file);
    // A folder where the history belongs: kept aside, and the history starts empty.
    if (aside) {
      this.#logger.warn('transfers: a folder stood in the history file; moved aside', { aside });
    }
    if (text === null) await mkdir(path.dirname(this.file), { recursive: true, mode: 0o700 });
    this.#lines = (text ?? '').split('\n').filter((line) => line.trim());
    if (this.#lines.length > KEEP * 2) {
      this.#lines = this.#lines.slice(-KEEP);
      await writeFileAtomic(this.file, `${this.#lines.join('\n')}\n`);
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
    return this.#parsed().slice(-limit).reverse();
  }

  /** The file's entries (damaged lines skipped) followed by those added since, the last KEEP of them. */
  #parsed(): Transfer[] {
    if (this.#lines) {
      const items: Transfer[] = [];
      let damaged = 0;
      for (const line of this.#lines.slice(-KEEP)) {
        try {
          const parsed = Transfer.safeParse(JSON.parse(line));
          if (parsed.success) items.push(parsed.data);
          else damaged++;
        } catch {
          damaged++;
        }
      }
      if (damaged > 0)
        this.#logger.warn('transfers: damaged history lines were skipped', {
          file: this.file,
          lines: damaged,
        });
      this.#items = [...items, ...this.#items].slice(-KEEP);
      this.#lines = undefined;
    }
    return this.#items;
  }

  async close(): Promise<void> {
    await this.#flush();
  }
}
