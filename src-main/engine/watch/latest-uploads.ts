import type { ErrorCode } from '../../../src-shared/errors.js';
import { translateError } from '../connection/translate.js';
import { FerryError } from '../errors.js';
import type { LocalFile } from '../local/walk.js';
import { passesByItself } from '../transfer/retry.js';
import type { MoveSource } from './moves.js';
import { RemoteChangedError, SourceChangedError, type UploadResult } from './upload-sink.js';

/** One path on its way to the bucket. */
interface Entry {
  rel: string;
  key: string;
  file: LocalFile;
  /** The object of the file's previous path, when it was moved: copied server-side instead of uploaded. */
  source: MoveSource | undefined;
  controller: AbortController;
  /** A newer version arrived while this one was on its way: it goes next. */
  next: LocalFile | undefined;
}

/** How one path's upload ended, for the pipeline to record. */
export type UploadOutcome =
  | { kind: 'uploaded'; rel: string; key: string; file: LocalFile; result: UploadResult }
  | { kind: 'changed'; rel: string }
  | { kind: 'gone'; rel: string; key: string }
  /** The bucket changed since the pass that asked for the upload (two-way): nothing was sent. */
  | { kind: 'raced'; rel: string; key: string }
  | { kind: 'skipped'; rel: string; key: string; error: FerryError }
  /**
   * A failure that passes by itself, in a one-shot sync (a watch's upload waits it out in the transfer
   * queue instead): the file is left for the next run.
   */
  | { kind: 'failed'; rel: string; key: string; error: FerryError }
  | { kind: 'halted'; error: FerryError };

/** One path's upload as the pipeline sends it. */
export interface UploadJob {
  rel: string;
  key: string;
  file: LocalFile;
  source: MoveSource | undefined;
  signal: AbortSignal;
}

export interface LatestUploadsOptions {
  /** Sends one version of one path (through the transfer queue, which schedules and retries it). */
  upload(job: UploadJob): Promise<UploadResult>;
  outcome(outcome: UploadOutcome): void;
}

/** Failures of one file only: skip it, keep going. */
const PER_FILE = new Set<ErrorCode>([
  'InvalidKey',
  'EntityTooLarge',
  'FolderUnreadable',
  'UnsafeKey',
  'FileTooLarge',
  'LocalFileError',
]);

/**
 * The newest version of each path on its way up: at most one upload per path, a newer version aborting the
 * one in flight (nothing of it is published) and going next, so the last complete version is what ends up in
 * the bucket. It neither schedules nor retries: the engine's transfer queue does both, for every face, and
 * the pipeline's MAX_IN_HAND bounds how many paths are here at once.
 */
export class LatestUploads {
  readonly #options: LatestUploadsOptions;
  readonly #entries = new Map<string, Entry>();
  #stopped = false;
  /** Left to the transfer queue (Ferry quits): their outcomes are no longer this watch's to record. */
  #abandoned = false;

  constructor(options: LatestUploadsOptions) {
    this.#options = options;
  }

  /** Paths on their way (queued, waiting out an outage, or sending). */
  get size(): number {
    return this.#entries.size;
  }

  has(rel: string): boolean {
    return this.#entries.has(rel);
  }

  /** Sends a version of a file, unless that same version is already on its way. */
  add(rel: string, key: string, file: LocalFile, source?: MoveSource): void {
    this.#stopped = false;
    const entry = this.#entries.get(rel);
    if (!entry) {
      const fresh = { rel, key, file, source, controller: new AbortController(), next: undefined };
      this.#entries.set(rel, fresh);
      void this.#send(fresh);
    } else if (!same(entry.next ?? entry.file, file)) {
      entry.next = file;
      entry.controller.abort(new SourceChangedError(rel));
    }
  }

  /** Drops a file's upload (deleted locally). True when there was one. */
  cancel(rel: string): boolean {
    const entry = this.#entries.get(rel);
    if (!entry) return false;
    entry.next = undefined;
    entry.controller.abort(new SourceChangedError(rel));
    return true;
  }

  /** Drops everything (pause, halt, stop). */
  clear(): void {
    this.#stopped = true;
    for (const rel of [...this.#entries.keys()]) this.cancel(rel);
  }

  /**
   * Lets go of every path without aborting its upload (Ferry quits): the transfer queue, closed next, pauses
   * them and keeps their journal, so the next start goes on from the parts already stored.
   */
  abandon(): void {
    this.#abandoned = true;
    this.#entries.clear();
  }

  async #send(entry: Entry): Promise<void> {
    const { controller, file } = entry;
    let outcome: UploadOutcome;
    try {
      const result = await this.#options.upload({
        rel: entry.rel,
        key: entry.key,
        file,
        source: entry.source,
        signal: controller.signal,
      });
      outcome = { kind: 'uploaded', rel: entry.rel, key: entry.key, file, result };
    } catch (error) {
      outcome = classify(entry, error, controller.signal.aborted);
    }
    this.#settle(entry, outcome);
  }

  #settle(entry: Entry, outcome: UploadOutcome): void {
    if (this.#abandoned) return;
    const ours = this.#entries.get(entry.rel) === entry;
    if (ours && entry.next && !this.#stopped) {
      // The newer version goes now; a finished older one is still recorded (it did reach the bucket).
      entry.file = entry.next;
      entry.source = undefined;
      entry.next = undefined;
      entry.controller = new AbortController();
      void this.#send(entry);
      if (outcome.kind !== 'changed') this.#options.outcome(outcome);
      return;
    }
    if (ours) this.#entries.delete(entry.rel);
    if (outcome.kind === 'halted') this.clear();
    this.#options.outcome(outcome);
  }
}

function classify(entry: Entry, error: unknown, aborted: boolean): UploadOutcome {
  const { rel, key } = entry;
  if (aborted || error instanceof SourceChangedError) return { kind: 'changed', rel };
  if (error instanceof RemoteChangedError) return { kind: 'raced', rel, key };
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOENT' || code === 'ENOTDIR') return { kind: 'gone', rel, key };
  if (code === 'EACCES' || code === 'EPERM' || code === 'EISDIR') {
    const unreadable = FerryError.of('FolderUnreadable', 'watch.fileUnreadable', {
      file: rel,
      code,
    });
    return { kind: 'skipped', rel, key, error: unreadable };
  }
  const ferry = translateError(error, { key });
  if (PER_FILE.has(ferry.code)) return { kind: 'skipped', rel, key, error: ferry };
  // What passes by itself reaches here only when the upload was not kept trying (a one-shot sync).
  if (passesByItself(ferry)) return { kind: 'failed', rel, key, error: ferry };
  return { kind: 'halted', error: ferry };
}

function same(a: LocalFile, b: LocalFile): boolean {
  return a.size === b.size && a.mtimeMs === b.mtimeMs;
}
