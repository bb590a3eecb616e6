import type { ErrorCode } from '../../../src-shared/errors.js';
import { translateError } from '../connection/translate.js';
import { FerryError } from '../errors.js';
import { backoffMs, isRetryable, type RetryPolicy } from '../transfer/retry.js';
import type { MoveSource } from './moves.js';
import type { LocalFile } from '../local/walk.js';
import { RemoteChangedError, SourceChangedError, type UploadResult } from './upload-sink.js';

/** One file waiting for, or in, its upload. */
interface Job {
  rel: string;
  key: string;
  file: LocalFile;
  /** The object of the file's previous path, when it was moved: copied server-side instead of uploaded. */
  source: MoveSource | undefined;
  controller: AbortController | undefined;
  /** A newer version arrived while this one was uploading: upload it next. */
  next: LocalFile | undefined;
  attempt: number;
  timer: NodeJS.Timeout | undefined;
}

/** How a job ended, for the runner to record. */
export type JobOutcome =
  | { kind: 'uploaded'; rel: string; key: string; file: LocalFile; result: UploadResult }
  | { kind: 'changed'; rel: string }
  | { kind: 'gone'; rel: string; key: string }
  /** The bucket changed since the pass that asked for the upload (two-way): nothing was sent. */
  | { kind: 'raced'; rel: string; key: string }
  | { kind: 'skipped'; rel: string; key: string; error: FerryError }
  | { kind: 'retrying'; rel: string; key: string; error: FerryError }
  /** A transient failure when retrying is off (a one-shot sync): the file is left for the next run. */
  | { kind: 'failed'; rel: string; key: string; error: FerryError }
  | { kind: 'halted'; error: FerryError };

/** A job as the queue hands it to the upload function. */
export interface QueuedJob {
  rel: string;
  key: string;
  file: LocalFile;
  source: MoveSource | undefined;
  signal: AbortSignal;
}

export interface QueueOptions {
  concurrency: () => number;
  /** False when a transient failure must end the job (the transfer queue has already retried it). */
  retry(): boolean;
  upload(job: QueuedJob): Promise<UploadResult>;
  outcome(outcome: JobOutcome): void;
}

/**
 * Failures that pass by themselves: wait and retry (the server is down, busy or unreachable). Those the
 * transfer engine retries, plus a digest mismatch: the watch reads the file again on the next try.
 */
function isTransient(error: FerryError): boolean {
  return isRetryable(error) || error.code === 'IntegrityMismatch';
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
/** The transfer engine's delays without the jitter: 1 s, 2 s, 4 s … up to 30 s between tries of one file. */
const WATCH_BACKOFF: RetryPolicy = { attempts: Infinity, baseMs: 500, maxMs: 30_000 };
const noJitter = () => 1;

/**
 * The watch's uploads: one job per path, at most `concurrency` at once. A newer version of a file replaces
 * the queued one or aborts the running one, so the last complete version is what ends up in the bucket.
 */
export class UploadQueue {
  readonly #options: QueueOptions;
  readonly #jobs = new Map<string, Job>();
  readonly #waiting: string[] = [];
  #running = 0;
  #stopped = false;

  constructor(options: QueueOptions) {
    this.#options = options;
  }

  get running(): number {
    return this.#running;
  }

  /** Jobs not yet running (queued or waiting to retry). */
  get queued(): number {
    return this.#jobs.size - this.#running;
  }

  /** True while a file has a job (queued, running or waiting to retry). */
  has(rel: string): boolean {
    return this.#jobs.has(rel);
  }

  /** Asks for a file to be uploaded (or re-uploaded, when a different version is already in hand). */
  add(rel: string, key: string, file: LocalFile, source?: MoveSource): void {
    this.#stopped = false;
    const job = this.#jobs.get(rel);
    if (!job) {
      this.#jobs.set(rel, {
        rel,
        key,
        file,
        source,
        controller: undefined,
        next: undefined,
        attempt: 0,
        timer: undefined,
      });
      this.#waiting.push(rel);
    } else if (job.controller) {
      if (same(job.file, file)) return;
      job.next = file;
      job.controller.abort(new SourceChangedError(rel));
    } else if (!same(job.file, file)) {
      job.file = file;
      job.source = undefined;
    }
    this.#pump();
  }

  /** Drops a file's job (deleted locally); a running upload is aborted. True when there was one. */
  cancel(rel: string): boolean {
    const job = this.#jobs.get(rel);
    if (!job) return false;
    if (job.timer) clearTimeout(job.timer);
    job.next = undefined;
    job.controller?.abort(new SourceChangedError(rel));
    if (!job.controller) this.#jobs.delete(rel);
    return true;
  }

  /** Drops everything (pause, halt, stop). */
  clear(): void {
    this.#stopped = true;
    for (const rel of [...this.#jobs.keys()]) this.cancel(rel);
    this.#waiting.length = 0;
  }

  #pump(): void {
    while (!this.#stopped && this.#running < this.#options.concurrency() && this.#waiting.length) {
      const job = this.#jobs.get(this.#waiting.shift()!);
      if (job && !job.controller && !job.timer) void this.#run(job);
    }
  }

  async #run(job: Job): Promise<void> {
    this.#running++;
    const controller = new AbortController();
    job.controller = controller;
    const file = job.file;
    let outcome: JobOutcome | undefined;
    try {
      const result = await this.#options.upload({
        rel: job.rel,
        key: job.key,
        file,
        source: job.source,
        signal: controller.signal,
      });
      outcome = { kind: 'uploaded', rel: job.rel, key: job.key, file, result };
    } catch (error) {
      outcome = this.#classify(job, error, controller.signal.aborted);
    } finally {
      this.#running--;
      job.controller = undefined;
    }
    this.#settle(job, outcome);
  }

  #classify(job: Job, error: unknown, aborted: boolean): JobOutcome | undefined {
    if (aborted || error instanceof SourceChangedError) return { kind: 'changed', rel: job.rel };
    if (error instanceof RemoteChangedError) return { kind: 'raced', rel: job.rel, key: job.key };
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR')
      return { kind: 'gone', rel: job.rel, key: job.key };
    if (code === 'EACCES' || code === 'EPERM' || code === 'EISDIR') {
      const unreadable = FerryError.of('FolderUnreadable', 'watch.fileUnreadable', {
        file: job.rel,
        code,
      });
      return { kind: 'skipped', rel: job.rel, key: job.key, error: unreadable };
    }
    const ferry = translateError(error, { key: job.key });
    if (PER_FILE.has(ferry.code))
      return { kind: 'skipped', rel: job.rel, key: job.key, error: ferry };
    if (isTransient(ferry)) {
      const kind = this.#options.retry() ? 'retrying' : 'failed';
      return { kind, rel: job.rel, key: job.key, error: ferry };
    }
    return { kind: 'halted', error: ferry };
  }

  #settle(job: Job, outcome: JobOutcome | undefined): void {
    const stillOurs = this.#jobs.get(job.rel) === job;
    if (outcome?.kind === 'retrying' && stillOurs && !this.#stopped && !job.next) {
      job.attempt++;
      const wait = backoffMs(WATCH_BACKOFF, job.attempt, noJitter);
      job.timer = setTimeout(() => {
        job.timer = undefined;
        this.#waiting.push(job.rel);
        this.#pump();
      }, wait);
      job.timer.unref?.();
    } else if (job.next && stillOurs && !this.#stopped) {
      job.file = job.next;
      job.source = undefined;
      job.next = undefined;
      job.attempt = 0;
      this.#waiting.unshift(job.rel);
      if (outcome && outcome.kind !== 'changed') this.#options.outcome(outcome);
      this.#pump();
      return;
    } else if (stillOurs) {
      this.#jobs.delete(job.rel);
    }
    if (outcome?.kind === 'halted') this.clear();
    if (outcome) this.#options.outcome(outcome);
    this.#pump();
  }
}

function same(a: LocalFile, b: LocalFile): boolean {
  return a.size === b.size && a.mtimeMs === b.mtimeMs;
}
