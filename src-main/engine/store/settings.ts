import path from 'node:path';
import { Settings } from '../../../src-shared/contract/settings.js';
import type { Logger } from '../logger.js';
import { readJsonFile, writeFileAtomic } from './atomic.js';

/** Settings persisted as `settings.json` in the config dir, written atomically. */
export class SettingsStore {
  readonly file: string;
  #current: Settings = Settings.parse({});
  readonly #logger: Logger;

  constructor(configDir: string, logger: Logger) {
    this.file = path.join(configDir, 'settings.json');
    this.#logger = logger;
  }

  /** Loads the file; a missing file means defaults, a damaged one is kept aside and reported. */
  async load(): Promise<Settings> {
    try {
      const raw = await readJsonFile(this.file);
      const parsed = Settings.safeParse(raw ?? {});
      if (parsed.success) this.#current = parsed.data;
      else
        this.#logger.warn('settings: invalid values ignored, using defaults', { file: this.file });
    } catch (error) {
      this.#logger.warn('settings: unreadable file, using defaults', {
        file: this.file,
        error: error instanceof Error ? error.message : String(error),
      });
    }
    return this.#current;
  }

  get(): Settings {
    return this.#current;
  }

  /** Applies a validated change and saves it. */
  async update(change: Partial<Settings>): Promise<Settings> {
    const next = Settings.parse({ ...this.#current, ...change });
    await writeFileAtomic(this.file, `${JSON.stringify(next, null, 2)}\n`);
    this.#current = next;
    return next;
  }
}
