/* eslint-disable svelte/prefer-svelte-reactivity -- the id maps are private bookkeeping, never rendered. */
import type { Transfer } from '../../../src-shared/contract/index.js';
import type { FerryClient } from '../client.js';
import {
  collectDrop,
  droppedPaths,
  keepBothName,
  pickedPaths,
  uploadUrl,
  type DroppedFile,
} from '../drop-files.js';
import { toErrorData } from '../errors.js';
import type { BrowserState } from './browser.svelte.js';

/** What a drop is doing, for the summary line: "32 files, 1.2 GB → photos/2026/". */
export interface DropSummary {
  files: number;
  bytes: number;
  prefix: string;
  done: number;
  failed: number;
}

/** What to do with a file whose key already exists. */
export type ConflictChoice = 'replace' | 'keep-both' | 'skip';

/** The question on screen: `key` exists; `others` more conflicts wait after it. */
export interface ConflictQuestion {
  key: string;
  others: number;
}

type Where = { profileId: string; bucket: string; prefix: string };

/** Files sent to `ferry serve` at once; the engine's queue schedules their uploads. */
const PARALLEL = 4;
/** Existence checks in flight at once. */
const CHECKS = 8;

/**
 * Files and folders dropped on the browser, or picked with the Upload button, upload into the current folder,
 * keeping their tree. An existing key is asked about first (replace, keep both, skip; optionally for all).
 * The desktop app hands the engine local paths; in a browser each file goes to `ferry serve`, which spools
 * it and queues it like any upload, so it obeys pause, the bandwidth limit and retries.
 */
export class DropUploads {
  summary = $state<DropSummary | null>(null);
  question = $state<ConflictQuestion | null>(null);
  readonly #client: FerryClient;
  readonly #browser: BrowserState;
  #answer: ((choice: ConflictChoice, forAll: boolean) => void) | undefined;
  /** This page's uploads still running, and the drop they belong to. */
  readonly #tracked = new Map<string, DropSummary>();
  /** Final states seen before the upload's id came back from the server. */
  readonly #early = new Map<string, Transfer['state']>();
  /** The plain counts of the drop the summary line shows (the state holds a copy). */
  #current: DropSummary | null = null;
  #refreshAfter: Where | null = null;

  constructor(client: FerryClient, browser: BrowserState) {
    this.#client = client;
    this.#browser = browser;
    client.on('transfers.changed', ({ transfers }) => {
      for (const t of transfers) {
        if (t.state === 'done' || t.state === 'failed' || t.state === 'cancelled')
          this.#ended(t.id, t.state);
      }
    });
  }

  /** Uploads what was dropped on the page. */
  async drop(data: DataTransfer): Promise<void> {
    const paths = droppedPaths(data);
    if (paths.length) return this.#uploadPaths(paths);
    const files = collectDrop(data);
    await this.upload(await files);
  }

  /** Uploads what a file or folder picker gave. */
  async pick(list: FileList | File[]): Promise<void> {
    const files = Array.from(list);
    const paths = pickedPaths(files);
    if (paths.length) return this.#uploadPaths(paths);
    await this.upload(files.map((file) => ({ file, path: file.webkitRelativePath || file.name })));
  }

  /** Answers the conflict question on screen. */
  answer(choice: ConflictChoice, forAll: boolean): void {
    const answer = this.#answer;
    this.#answer = undefined;
    this.question = null;
    answer?.(choice, forAll);
  }

  /** Streams browser files to `ferry serve`, after asking about the keys that exist. */
  async upload(items: DroppedFile[]): Promise<void> {
    const where = this.#where();
    try {
      if (items.length === 0) return;
      const planned = await this.#plan(items, where);
      if (planned.length === 0) return;
      const bytes = planned.reduce((sum, p) => sum + p.item.file.size, 0);
      const summary: DropSummary = {
        files: planned.length,
        bytes,
        prefix: where.prefix,
        done: 0,
        failed: 0,
      };
      this.#current = summary;
      this.summary = { ...summary };
      await this.#send(planned, where, summary);
      // Armed once every file is handed over: the first files can end while later ones are still sent,
      // and a refresh then would miss them.
      this.#refreshAfter = where;
    } catch (error) {
      this.#browser.error = toErrorData(error);
    }
    this.#maybeRefresh();
  }

  async #uploadPaths(paths: string[]): Promise<void> {
    const where = this.#where();
    try {
      await this.#client.call('transfers.upload', { ...where, paths });
      this.#current = null;
      this.summary = { files: paths.length, bytes: 0, prefix: where.prefix, done: 0, failed: 0 };
    } catch (error) {
      this.#browser.error = toErrorData(error);
    }
    if (this.#browser.bucket === where.bucket && this.#browser.prefix === where.prefix)
      await this.#browser.refresh();
  }

  #where(): Where {
    const { profileId, bucket, prefix } = this.#browser;
    return { profileId, bucket, prefix };
  }

  /** The key of each file, after the user said what to do with those that exist. */
  async #plan(items: DroppedFile[], where: Where): Promise<{ item: DroppedFile; key: string }[]> {
    const keys = items.map((item) => where.prefix + item.path);
    const exists = await this.#existing(keys, where);
    const taken = new Set(keys);
    const planned: { item: DroppedFile; key: string }[] = [];
    let always: { choice: ConflictChoice; forAll: boolean } | undefined;
    const conflicts = keys.filter((key) => exists.has(key)).length;
    let asked = 0;
    for (const [i, item] of items.entries()) {
      const key = keys[i]!;
      if (!exists.has(key)) {
        planned.push({ item, key });
        continue;
      }
      asked++;
      const choice = always ?? (await this.#ask(key, conflicts - asked));
      if (choice.forAll) always = choice;
      if (choice.choice === 'skip') continue;
      if (choice.choice === 'replace') planned.push({ item, key });
      else planned.push({ item, key: await this.#freeName(key, taken, where) });
    }
    return planned;
  }

  #ask(key: string, others: number): Promise<{ choice: ConflictChoice; forAll: boolean }> {
    return new Promise((resolve) => {
      this.#answer = (choice, forAll) => resolve({ choice, forAll });
      this.question = { key, others };
    });
  }

  /** Which of `keys` exist. Keys whose first folder is not in the loaded listing cannot: no request. */
  async #existing(keys: string[], where: Where): Promise<Set<string>> {
    const listed = new Set([...this.#browser.folders, ...this.#browser.files].map((e) => e.key));
    const known = this.#browser.complete && this.#browser.prefix === where.prefix;
    const check = keys.filter((key) => {
      const top = key.slice(where.prefix.length).split('/');
      const first = where.prefix + top[0] + (top.length > 1 ? '/' : '');
      return !known || listed.has(first);
    });
    const found = new Set<string>();
    let next = 0;
    const worker = async () => {
      while (next < check.length) {
        const key = check[next++]!;
        if (await this.#exists(key, where)) found.add(key);
      }
    };
    await Promise.all(Array.from({ length: CHECKS }, worker));
    return found;
  }

  async #exists(key: string, where: Where): Promise<boolean> {
    const { profileId, bucket } = where;
    return (await this.#client.invoke('objects.head', { profileId, bucket, key })).ok;
  }

  /** `name (1).ext`, `name (2).ext`, … the first that neither exists nor is taken by this upload. */
  async #freeName(key: string, taken: Set<string>, where: Where): Promise<string> {
    for (let n = 1; ; n++) {
      const candidate = keepBothName(key, n);
      if (taken.has(candidate) || (await this.#exists(candidate, where))) continue;
      taken.add(candidate);
      return candidate;
    }
  }

  async #send(
    planned: { item: DroppedFile; key: string }[],
    where: Where,
    summary: DropSummary,
  ): Promise<void> {
    let next = 0;
    const worker = async () => {
      while (next < planned.length) {
        const { item, key } = planned[next++]!;
        const response = await fetch(uploadUrl(where, key, item.path), {
          method: 'PUT',
          body: item.file,
          headers: item.file.type ? { 'content-type': item.file.type } : {},
        });
        const body = (await response.json().catch(() => null)) as {
          id?: string;
          error?: ReturnType<typeof toErrorData>;
        } | null;
        if (response.ok && body?.id) {
          this.#tracked.set(body.id, summary);
          const ended = this.#early.get(body.id);
          if (ended) this.#ended(body.id, ended);
        } else {
          summary.failed++;
          this.#show(summary);
          if (body?.error) this.#browser.error = body.error;
        }
      }
    };
    await Promise.all(Array.from({ length: PARALLEL }, worker));
  }

  /** Counts an upload of this page as done or failed once the queue says it ended. */
  #ended(id: string, state: Transfer['state']): void {
    const summary = this.#tracked.get(id);
    if (!summary) {
      // Its id has not come back yet (or it is not ours): remember briefly.
      this.#early.set(id, state);
      if (this.#early.size > 1000) this.#early.delete(this.#early.keys().next().value!);
      return;
    }
    this.#tracked.delete(id);
    this.#early.delete(id);
    if (state === 'done') summary.done++;
    else if (state === 'failed') summary.failed++;
    this.#show(summary);
    this.#maybeRefresh();
  }

  #show(summary: DropSummary): void {
    if (this.#current === summary) this.summary = { ...summary };
  }

  /** Lists the folder again once this page's uploads into it have all ended. */
  #maybeRefresh(): void {
    const where = this.#refreshAfter;
    if (!where || this.#tracked.size > 0) return;
    this.#refreshAfter = null;
    if (this.#browser.bucket === where.bucket && this.#browser.prefix === where.prefix)
      void this.#browser.refresh();
  }
}
