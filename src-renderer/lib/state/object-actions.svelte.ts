import type { Entry } from '../../../src-shared/contract/index.js';
import { objectKeyProblem } from '../../../src-shared/s3-names.js';
import { i18n } from '../i18n/i18n.svelte.js';
import type { FerryErrorData } from '../../../src-shared/errors.js';
import { CommandError, type FerryClient } from '../client.js';
import { downloadUrl, saveInBrowser } from '../downloads.js';
import { toErrorData } from '../errors.js';
import type { BrowserState } from './browser.svelte.js';

/** The dialog open over the browser, if any. */
export type ObjectDialog =
  | { kind: 'delete'; entries: Entry[]; folderObjects: number | null }
  | { kind: 'rename'; entry: Entry }
  | { kind: 'newFolder' }
  | { kind: 'properties'; entry: Entry }
  | { kind: 'preview'; entry: Entry }
  | { kind: 'share'; entry: Entry }
  // Versions (issue 19)
  | { kind: 'versions'; entry: Entry };

/** How long a confirmation stays in the status line. */
const NOTICE_MS = 6000;

/** What the browser's toolbar, context menu and keyboard do to objects; each ends in a refresh. */
export class ObjectActions {
  #dialog = $state<ObjectDialog | null>(null);
  busy = $state(false);
  /** A short confirmation for the status line ("Link copied"); it leaves after a few seconds. */
  notice = $state('');
  /** In a browser: the folders or several objects asked about (as a zip, or into a folder by path). */
  downloadAsk = $state<Entry[] | null>(null);
  /** Why the open dialog's action failed; shown inside the dialog, never behind it. */
  dialogError = $state<FerryErrorData | null>(null);
  /** The name a rename would replace, once the user has been told it exists. */
  renameConflict = $state<string | null>(null);
  readonly #client: FerryClient;
  readonly #browser: BrowserState;
  #asked = 0;
  #noticeTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(client: FerryClient, browser: BrowserState) {
    this.#client = client;
    this.#browser = browser;
  }

  /** The dialog open over the browser; a new one starts without the last one's error or question. */
  get dialog(): ObjectDialog | null {
    return this.#dialog;
  }
  set dialog(next: ObjectDialog | null) {
    this.#dialog = next;
    this.dialogError = null;
    this.renameConflict = null;
  }

  /** Puts a confirmation in the status line for a few seconds. */
  say(text: string): void {
    clearTimeout(this.#noticeTimer);
    this.notice = text;
    this.#noticeTimer = setTimeout(() => (this.notice = ''), NOTICE_MS);
  }

  get #where() {
    return { profileId: this.#browser.profileId, bucket: this.#browser.bucket };
  }

  /** Asks before deleting, with counts: folders are measured so the user sees what goes. */
  async askDelete(entries: Entry[]): Promise<void> {
    if (entries.length === 0) return;
    const folders = entries.filter((e) => e.isFolder);
    const asked = ++this.#asked;
    this.dialog = { kind: 'delete', entries, folderObjects: folders.length ? null : 0 };
    let total = 0;
    for (const folder of folders) {
      const size = await this.#client.invoke('objects.folderSize', {
        ...this.#where,
        prefix: folder.key,
      });
      if (size.ok) total += size.value.objects;
    }
    // Only if this is still the question on screen (state proxies its objects, so compare a counter).
    if (this.#dialog?.kind === 'delete' && this.#asked === asked)
      this.#dialog = { ...this.#dialog, folderObjects: total };
  }

  async confirmDelete(): Promise<void> {
    if (this.dialog?.kind !== 'delete') return;
    const { entries } = this.dialog;
    await this.#run(async () => {
      const keys = entries.filter((e) => !e.isFolder).map((e) => e.key);
      const failures = [];
      if (keys.length) {
        const result = await this.#client.call('objects.delete', { ...this.#where, keys });
        failures.push(...result.failures);
      }
      for (const folder of entries.filter((e) => e.isFolder)) {
        const result = await this.#client.call('objects.deletePrefix', {
          ...this.#where,
          prefix: folder.key,
        });
        failures.push(...result.failures);
      }
      const first = failures[0];
      if (first) this.#browser.error = first.error;
    });
  }

  /** The problem with a new name, or null: no slash, and a valid S3 key once joined to the folder. */
  nameProblem(name: string): string | null {
    if (!name.trim()) return null;
    if (name.includes('/')) return 'slash';
    const problem = objectKeyProblem(this.#browser.prefix + name);
    return problem ? i18n.error({ code: 'InvalidKey', ...problem }).message : null;
  }

  /**
   * Renames (a move within the folder). When the new name is taken, the dialog asks first; `replace` is the
   * user's answer.
   */
  async rename(entry: Entry, name: string, replace = false): Promise<void> {
    const key = this.#browser.prefix + name + (entry.isFolder ? '/' : '');
    if (key === entry.key) return void (this.dialog = null);
    if (!replace && (await this.#taken(key))) {
      this.renameConflict = name;
      return;
    }
    await this.#run(async () => {
      const result = await this.#client.call('objects.move', {
        profileId: this.#browser.profileId,
        from: { bucket: this.#browser.bucket, key: entry.key },
        to: { bucket: this.#browser.bucket, key },
        recursive: entry.isFolder,
        overwrite: replace,
      });
      const first = result.failures[0];
      if (first) throw new CommandError(first.error);
    });
  }

  /** True when an object (or, for a folder key, anything under it) already exists at `key`. */
  async #taken(key: string): Promise<boolean> {
    if (key.endsWith('/')) {
      const size = await this.#client.invoke('objects.folderSize', { ...this.#where, prefix: key });
      return size.ok && size.value.objects > 0;
    }
    return (await this.#client.invoke('objects.head', { ...this.#where, key })).ok;
  }

  async createFolder(name: string): Promise<void> {
    await this.#run(() =>
      this.#client.call('objects.createFolder', {
        ...this.#where,
        key: `${this.#browser.prefix}${name}/`,
      }),
    );
  }

  /** Copies a one-hour download link to the clipboard. */
  async copyLink(entry: Entry, copied: string): Promise<void> {
    try {
      const link = await this.#client.call('share.create', {
        ...this.#where,
        key: entry.key,
        method: 'GET',
        expiresInSeconds: 3600,
      });
      await navigator.clipboard.writeText(link.url);
      this.say(copied);
    } catch (error) {
      this.#browser.error = toErrorData(error);
    }
  }

  /**
   * Downloads: in the desktop app into a folder the user picks, through the transfer queue. In a browser,
   * one object is saved as an attachment through `ferry serve`; folders and several objects are asked about
   * first (one zip, or into a folder on the serving machine by path). Every way shows in Transfers.
   */
  async download(entries: Entry[], desktop: boolean): Promise<void> {
    try {
      if (desktop) {
        const { path } = await this.#client.call('desktop.pickFolder', {
          purpose: 'download-target',
        });
        if (!path) return;
        await this.downloadTo(entries, path);
        return;
      }
      const only = entries.length === 1 ? entries[0] : undefined;
      if (only && !only.isFolder) saveInBrowser(downloadUrl(this.#where, [only.key]));
      else if (entries.length) this.downloadAsk = entries;
    } catch (error) {
      this.#browser.error = toErrorData(error);
    }
  }

  /** One zip of `entries` (folders whole), saved by the browser. */
  downloadZip(entries: Entry[]): void {
    this.downloadAsk = null;
    saveInBrowser(
      downloadUrl(
        this.#where,
        entries.map((e) => e.key),
        this.#browser.prefix,
      ),
    );
    this.notice = i18n.t('download.started');
  }

  /** `entries` (folders whole) into a local folder, through the transfer queue. */
  async downloadTo(entries: Entry[], folder: string): Promise<void> {
    this.downloadAsk = null;
    try {
      await this.#client.call('transfers.download', {
        ...this.#where,
        keys: entries.map((e) => e.key),
        base: this.#browser.prefix,
        folder,
      });
      this.notice = i18n.t('download.started');
    } catch (error) {
      this.#browser.error = toErrorData(error);
    }
  }

  /** Desktop only: the engine fetches the object to a temporary file and starts a native drag of it. */
  async dragOut(entry: Entry): Promise<void> {
    try {
      await this.#client.call('desktop.dragOut', { ...this.#where, key: entry.key });
    } catch (error) {
      this.#browser.error = toErrorData(error);
    }
  }

  async #run(work: () => Promise<unknown>): Promise<void> {
    this.busy = true;
    try {
      await work();
      this.dialog = null;
      await this.#browser.refresh();
    } catch (error) {
      // The dialog stays open with the reason in it: the page behind it is dimmed and out of reach.
      this.dialogError = toErrorData(error);
    } finally {
      this.busy = false;
    }
  }
}
