import { formatLocation, mouseHistoryStep, parseLocation, type AppLocation } from '../router.js';
import type { AppState } from './app.svelte.js';
import type { BrowserState } from './browser.svelte.js';

/**
 * Keeps the URL and the screen in step: every move (connection, bucket, folder, view) adds a history entry,
 * and Back, Forward, a reload or a pasted link bring the screen to the location in the URL.
 */
export class AppHistory {
  readonly #app: AppState;
  readonly #browser: BrowserState;
  /** False until the first location was applied, so the default screen does not overwrite a deep link. */
  #ready = false;

  constructor(app: AppState, browser: BrowserState) {
    this.#app = app;
    this.#browser = browser;
  }

  /** Where the screen is now (reactive: read inside an effect, it re-runs on every move). */
  get current(): AppLocation {
    const app = this.#app;
    const objects = app.view === 'buckets' && !!app.bucket;
    return {
      view: objects ? 'objects' : app.view,
      profileId: app.selectedId,
      bucket: objects ? app.bucket : null,
      prefix: objects ? this.#browser.prefix : '',
    };
  }

  /** Loads the app, then opens the location the URL names (a reload, a bookmark, a shared link). */
  async start(): Promise<void> {
    window.addEventListener('popstate', () => void this.#apply(parseLocation(location.hash)));
    await this.#app.load();
    await this.#apply(parseLocation(location.hash));
    this.#ready = true;
    history.replaceState(history.state, '', formatLocation(this.current));
  }

  /** Records the screen's location as a new history entry when it moved. Call from an effect. */
  sync(): void {
    const hash = formatLocation(this.current);
    if (!this.#ready || hash === location.hash) return;
    history.pushState(null, '', hash);
  }

  /** Mouse back/forward buttons in the desktop window. */
  onMouse(event: MouseEvent): void {
    const info = this.#app.info;
    const step = mouseHistoryStep(event.button, info?.face === 'desktop', info?.platform ?? '');
    if (step === 0) return;
    event.preventDefault();
    history.go(step);
  }

  async #apply(target: AppLocation | null): Promise<void> {
    if (!target) return;
    const app = this.#app;
    if (
      target.profileId &&
      target.profileId !== app.selectedId &&
      app.profiles.some((p) => p.id === target.profileId)
    ) {
      app.selectedId = target.profileId;
      void app.refreshBuckets();
    }
    if (target.view !== 'objects') {
      app.view = target.view;
      if (target.view === 'buckets') app.bucket = null;
      return;
    }
    const profileId = app.selectedId;
    if (!profileId || !target.bucket) return;
    app.view = 'buckets';
    app.bucket = target.bucket;
    const b = this.#browser;
    if (b.profileId !== profileId || b.bucket !== target.bucket || b.prefix !== target.prefix)
      await b.open(profileId, target.bucket, target.prefix);
  }
}
