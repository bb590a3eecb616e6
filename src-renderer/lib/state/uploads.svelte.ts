import type { FerryClient } from '../client.js';
import { collectDrop, droppedPaths, uploadUrl, type DroppedFile } from '../drop-files.js';
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

/** Dropped files in flight at once in a browser; the engine's queue schedules the rest. */
const PARALLEL = 4;

/**
 * Files and folders dropped on the browser upload into the current folder, keeping their tree. The desktop
 * app hands the engine local paths; in a browser each file is streamed to `ferry serve`'s upload endpoint.
 */
export class DropUploads {
  summary = $state<DropSummary | null>(null);
  readonly #client: FerryClient;
  readonly #browser: BrowserState;

  constructor(client: FerryClient, browser: BrowserState) {
    this.#client = client;
    this.#browser = browser;
  }

  async drop(data: DataTransfer): Promise<void> {
    const { profileId, bucket, prefix } = this.#browser;
    const paths = droppedPaths(data);
    const files = paths.length ? [] : collectDrop(data);
    try {
      if (paths.length) {
        await this.#client.call('transfers.upload', { profileId, bucket, prefix, paths });
        this.summary = { files: paths.length, bytes: 0, prefix, done: 0, failed: 0 };
        return;
      }
      const dropped = await files;
      if (dropped.length === 0) return;
      const bytes = dropped.reduce((sum, d) => sum + d.file.size, 0);
      this.summary = { files: dropped.length, bytes, prefix, done: 0, failed: 0 };
      await this.#stream(dropped, { profileId, bucket, prefix });
    } catch (error) {
      this.#browser.error = toErrorData(error);
    }
    if (this.#browser.bucket === bucket && this.#browser.prefix === prefix)
      await this.#browser.refresh();
  }

  async #stream(
    dropped: DroppedFile[],
    where: { profileId: string; bucket: string; prefix: string },
  ): Promise<void> {
    let next = 0;
    const worker = async () => {
      while (next < dropped.length) {
        const item = dropped[next++]!;
        const response = await fetch(uploadUrl(where, where.prefix + item.path), {
          method: 'PUT',
          body: item.file,
          headers: item.file.type ? { 'content-type': item.file.type } : {},
        });
        if (this.summary) {
          if (response.ok) this.summary.done++;
          else this.summary.failed++;
        }
        if (!response.ok) {
          const body = (await response.json().catch(() => null)) as {
            error?: ReturnType<typeof toErrorData>;
          } | null;
          if (body?.error) this.#browser.error = body.error;
        }
      }
    };
    await Promise.all(Array.from({ length: PARALLEL }, worker));
  }
}
