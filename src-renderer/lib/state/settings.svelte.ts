import type { Settings } from '../../../src-shared/contract/index.js';
import type { FerryErrorData } from '../../../src-shared/errors.js';
import type { FerryClient } from '../client.js';
import { toErrorData } from '../errors.js';
import { i18n } from '../i18n/i18n.svelte.js';

/** Shows a theme choice: `system` leaves it to the OS (prefers-color-scheme), the others pin it. */
export function applyTheme(theme: Settings['theme']): void {
  document.documentElement.dataset['theme'] = theme;
}

/** The user's preferences: loaded from the engine, applied to the page (theme, language), saved on change. */
export class SettingsState {
  value = $state<Settings | null>(null);
  error = $state<FerryErrorData | null>(null);
  /** The field last saved, to say "Saved" next to it. */
  savedField = $state<keyof Settings | null>(null);
  readonly #client: FerryClient;

  constructor(client: FerryClient) {
    this.#client = client;
    client.on('settings.changed', (settings) => this.#apply(settings));
  }

  async load(): Promise<void> {
    try {
      this.#apply(await this.#client.call('settings.get', {}));
    } catch (error) {
      this.error = toErrorData(error);
    }
  }

  /** Saves one setting; the engine validates it and answers with all of them. */
  async set<K extends keyof Settings>(field: K, value: Settings[K]): Promise<void> {
    this.error = null;
    try {
      this.#apply(await this.#client.call('settings.set', { [field]: value }));
      this.savedField = field;
    } catch (error) {
      this.error = toErrorData(error);
    }
  }

  #apply(settings: Settings): void {
    this.value = settings;
    applyTheme(settings.theme);
    i18n.set(settings.language);
  }
}
