/**
 * The transfer queue every face feeds: uploads and downloads of files and folders, a global concurrency limit
 * with per-file part concurrency, pause / resume / cancel / retry / reorder, batched progress events, a live
 * bandwidth limit, a crash-safe journal and a history.
 */
import path from 'node:path';
import type { Settings } from '../../../src-shared/contract/settings.js';
import { isFinalState } from '../../../src-shared/contract/transfers.js';
import type {
  QueueTotals,
  Transfer,
  TransferDirection,
} from '../../../src-shared/contract/transfers.js';
import type { FerryErrorData } from '../../../src-shared/errors.js';
import { translateError } from '../connection/translate.js';
import { FerryError } from '../errors.js';
import { Journal, type JournalLoad } from '../journal/journal.js';
import { downloadObject, type DownloadSpec } from './download.js';
import { liveTransfer, type LiveTransfer } from './live-transfer.js';
import { TransferHistory } from './history.js';
import {
  apply,
  cancelledError,
  newJob,
  newTransfer,
  placesOf,
  stopReason,
  type Job,
  type TransferHandle,
  type Work,
} from './job.js';
import { ProgressBatcher, queueTotals } from './progress.js';
import { identityOf, jobIdentity, type TransferIdentity } from './identity.js';
import { restoredTwin, restorePending, restoreSpooled } from './restore.js';
import { takeStartable } from './schedule.js';
import { notes, type TransferNote } from './notes.js';
import { retryPolicyFor, type QueueOptions } from './queue-options.js';
import { keepTryingMs, passesByItself } from './retry.js';
import { cleanUp, contextFor, type RunnerDeps } from './runner.js';
import { Throttle } from './throttle.js';
import { TransferClients } from './clients.js';
import { Spool } from './spool.js';
import type { JournalEntry, TransferOutcome } from './types.js';
import { uploadFile, type UploadSpec } from './upload.js';

/** The engine's transfer queue. */
export class TransferQueue {
  readonly journal: Journal<JournalEntry>;
  readonly history: TransferHistory;
  readonly #options: QueueOptions;
  readonly #jobs = new Map<string, Job>();
  /** Jobs queued again from the journal at start: asking for the same transfer again joins them. */
  readonly #restored = new Set<string>();
  #pending: Job[] = [];
  readonly #running = new Set<Job>();
  /** Transfers whose caller moves the bytes (browser downloads): listed and measured, never scheduled. */
  readonly #live = new Set<Job>();
  readonly #throttle: Throttle;
  readonly #batcher: ProgressBatcher;
  /** The S3 clients transfers use, one per profile. */
  readonly clients: TransferClients;
  /** Files dropped in a browser, kept on disk until their upload ends (see spool.ts). */
  readonly spool: Spool;
  #closed = false;
  /** Settings for this process only (the CLI's --concurrency, --part-size, --limit-rate); never saved. */
  overrides: Partial<Settings> = {};

  constructor(options: QueueOptions) {
    this.#options = options;
    this.clients = new TransferClients(options.profiles, options.logger);
    this.journal = new Journal(path.join(options.dir, 'journal.jsonl'), options.logger);
    this.history = new TransferHistory(options.dir, options.logger);
    this.spool = new Spool(path.join(options.dir, 'spool'), options.logger);
    this.#throttle = new Throttle(() => this.#settings().bandwidthLimit);
    this.#batcher = new ProgressBatcher(
      options.emit,
      options.clock,
      options.progressIntervalMs ?? 250,
      () => ({ running: [...this.#running, ...this.#live], totals: this.totals() }),
    );
  }

  /** Opens the journal (a damaged one is moved aside: see `backup`) and the history. */
  async open(): Promise<JournalLoad> {
    await this.history.open();
    return this.journal.open(this.#options.clock.now);
  }

  /**
   * Queues one file upload to one key. `name` is what the list shows as its source when the file is not the
   * user's own (a browser's file, spooled). A failure waits for `failureWaits` before it is told (see `withdraw`).
   * With `keepTrying`, a failure that passes by itself (the server down or busy) does not end the upload: it
   * waits, queued and holding no slot (1 s, 2 s … 30 s), and goes again; `keepTrying` is told each time.
   * `before` runs at the start of every attempt (a two-way watch checks that the bucket still holds what its
   * pass saw); what it throws ends the attempt like a failed request.
   */
  enqueueUpload(
    spec: UploadSpec & {
      signal?: AbortSignal;
      size?: number;
      name?: string;
      failureWaits?: Promise<void>;
      keepTrying?: (error: FerryError) => void;
      before?: (signal: AbortSignal) => Promise<void>;
    },
  ): TransferHandle {
    const { signal, size, name, failureWaits, keepTrying, before, ...upload } = spec;
    const work: Work = { kind: 'upload', spec: upload };
    const handle = this.#add('upload', spec, placesOf(work, name), work, size ?? null, signal);
    const job = this.#jobs.get(handle.id);
    if (job && failureWaits) job.failureWaits = failureWaits;
    if (job && keepTrying) job.keepTrying = keepTrying;
    if (job && before) job.before = before;
    return handle;
  }

  /** Queues one object download to one local path (the conflict policy applies when it starts). */
  enqueueDownload(
    spec: DownloadSpec & { signal?: AbortSignal; size?: number; note?: TransferNote | null },
  ): TransferHandle {
    const work: Work = { kind: 'download', spec };
    const places = placesOf(work);
    const handle = this.#add('download', spec, places, work, spec.size ?? null, spec.signal);
    if (spec.note) apply(this.#jobs.get(handle.id)!, { type: 'note', note: spec.note });
    return handle;
  }

  /**
   * Lists a transfer whose bytes the caller moves (a download to a browser through `ferry serve`): it shows
   * as running with its progress, shares the bandwidth limit, can be cancelled (its signal aborts), and ends
   * in the history when the caller calls `end`.
   */
  track(
    direction: TransferDirection,
    where: { profileId: string; bucket: string; key: string },
    places: { source: string; target: string },
    size: number | null,
  ): LiveTransfer {
    const handle = this.#add(
      direction,
      where,
      { localPath: '', ...places },
      null,
      size,
      undefined,
      false,
    );
    const job = this.#jobs.get(handle.id)!;
    const controller = new AbortController();
    job.controller = controller;
    apply(job, { type: 'start', now: this.#options.clock.now() });
    this.#live.add(job);
    this.#batcher.changed(job);
    return liveTransfer(job, controller.signal, where, {
      throttle: this.#throttle,
      onProgress: (j) => this.#batcher.progress(j),
      onChange: (j) => this.#batcher.changed(j),
      finish: (j, state, error) => {
        this.#live.delete(j);
        this.#finish(j, state, error);
      },
    });
  }

  /**
   * Records a transfer that cannot start (an unsafe key, a file the folder walk left out), so the user sees
   * why it was skipped. An upload names its local `file`.
   */
  addFailed(
    direction: TransferDirection,
    where: { profileId: string; bucket: string; key: string; file?: string },
    error: FerryError,
  ): string {
    const remote = `s3://${where.bucket}/${where.key}`;
    const places =
      direction === 'download'
        ? { localPath: '', source: remote, target: '' }
        : { localPath: where.file ?? '', source: where.file ?? '', target: remote };
    const handle = this.#add(direction, where, places, null, 0, undefined, false);
    this.#finish(this.#jobs.get(handle.id)!, 'failed', error.toData());
    return handle.id;
  }

  /**
   * Queues again every transfer the journal holds (a crash or quit interrupted them); each continues from its
   * finished parts. Answers the new ids.
   */
  restorePending(): string[] {
    const ids = restorePending(this, this.journal, this.#options.profiles, (file) =>
      this.spool.keeps(file),
    );
    for (const id of ids) this.#restored.add(id);
    return ids;
  }

  #add(
    direction: TransferDirection,
    where: { profileId: string; bucket: string; key: string },
    places: { localPath: string; source: string; target: string },
    work: Work | null,
    sizeHint: number | null,
    signal?: AbortSignal,
    queue = true,
  ): TransferHandle {
    if (this.#closed) throw FerryError.of('Cancelled', 'transfer.shuttingDown');
    // Two jobs on one journal entry would fetch the same ranges twice and race for the same partial file.
    const twin = work && restoredTwin(this.#restored, this.#jobs, identityOf(direction, work.spec));
    if (twin) return { id: twin.t.id, done: twin.done };
    const now = this.#options.clock.now();
    const t = newTransfer(direction, where, places, sizeHint, now);
    const job = newJob(t, work, sizeHint, now);
    this.#jobs.set(t.id, job);
    if (signal) {
      job.external = signal;
      if (signal.aborted) queueMicrotask(() => this.cancel([t.id]));
      else signal.addEventListener('abort', () => this.cancel([t.id]), { once: true });
    }
    if (queue) {
      this.#pending.push(job);
      this.#batcher.changed(job);
      this.#pump();
    }
    return { id: t.id, done: job.done };
  }

  #settings(): Settings {
    return { ...this.#options.settings(), ...this.overrides };
  }

  /** Starts queued jobs while there are free slots, in queue order. */
  #pump(): void {
    if (this.#closed) return;
    const start = takeStartable(this.#pending, this.#running, this.#settings().concurrency);
    for (const job of start) job.run = this.#start(job);
    // Nothing left to run: the last changes are told now rather than after the batch's 50 ms, which a
    // `ferry cp` had waited out before it could say it was done.
    if (this.#running.size === 0 && this.#pending.length === 0) this.#batcher.flush();
  }

  async #deps(job: Job): Promise<RunnerDeps> {
    const settings = this.#settings();
    return {
      client: await this.clients.get(job.t.profileId),
      journal: this.journal,
      throttle: this.#throttle,
      retry: retryPolicyFor(job, this.#options),
      logger: this.#options.logger,
      partSize: settings.partSize,
      partConcurrency: settings.partConcurrency,
      stallMs: this.#options.stallMs ?? 30_000,
      ...(this.#options.openWriter ? { openWriter: this.#options.openWriter } : {}),
      onProgress: (j) => this.#batcher.progress(j),
      onChange: (j) => this.#batcher.changed(j),
    };
  }

  async #start(job: Job): Promise<void> {
    const controller = new AbortController();
    job.controller = controller;
    apply(job, { type: 'start', now: this.#options.clock.now() });
    this.#running.add(job);
    this.#batcher.changed(job);
    let ctx;
    let refused = false;
    try {
      ctx = contextFor(job, controller.signal, await this.#deps(job));
      apply(job, { type: 'attempt' });
      // Only jobs with work are ever queued (see #add).
      const work = job.work!;
      await job.before?.(controller.signal).catch((error: unknown) => {
        refused = true;
        throw error;
      });
      const outcome =
        work.kind === 'upload'
          ? await uploadFile(ctx, work.spec)
          : await downloadObject(ctx, work.spec);
      if (outcome.skipped) apply(job, { type: 'note', note: notes.skipped(outcome.file) });
      this.#running.delete(job);
      this.#finish(job, 'done', null, outcome);
      job.resolve(outcome);
    } catch (raw) {
      this.#running.delete(job);
      const error = translateError(controller.signal.aborted ? controller.signal.reason : raw, {
        bucket: job.t.bucket,
        key: job.t.key,
      });
      // A failure waits for its caller's word: the transfer may be taken back meanwhile (see withdraw).
      if (job.failureWaits && !job.stop) await job.failureWaits;
      if (job.stop === 'pause') {
        apply(job, { type: 'pause' });
        this.#batcher.changed(job);
      } else if (job.stop === 'withdraw') {
        if (ctx) await cleanUp(job, ctx).catch(() => {});
        job.reject(cancelledError());
      } else if (job.stop === 'cancel') {
        if (ctx) await cleanUp(job, ctx).catch(() => {});
        this.#finish(job, 'cancelled', null);
        job.reject(cancelledError());
      } else if (job.keepTrying && passesByItself(error) && !this.#closed) {
        this.#waitAndRetry(job, error);
      } else {
        // Refused by its `before` check, the upload will not go (a two-way watch keeps the bucket's edit):
        // the multipart upload an earlier attempt began goes too, rather than stay stored on the server.
        if (refused && !passesByItself(error) && ctx) await cleanUp(job, ctx).catch(() => {});
        this.#finish(job, 'failed', error.toData());
        job.reject(error);
      }
    } finally {
      job.controller = undefined;
      this.#pump();
    }
  }

  /** A job that keeps trying, after a transient failure: queued again once its wait is over. */
  #waitAndRetry(job: Job, error: FerryError): void {
    job.waits++;
    apply(job, { type: 'wait', error: error.toData() });
    this.#batcher.changed(job);
    job.waitTimer = setTimeout(() => {
      job.waitTimer = undefined;
      if (job.t.state !== 'queued' || this.#closed || !this.#jobs.has(job.t.id)) return;
      this.#pending.push(job);
      this.#pump();
    }, keepTryingMs(job.waits));
    job.waitTimer.unref?.();
    job.keepTrying!(error);
  }

  /** Ends a job's wait before its next attempt (it is paused, cancelled or taken back meanwhile). */
  #stopWaiting(job: Job): void {
    clearTimeout(job.waitTimer);
    job.waitTimer = undefined;
  }

  /**
   * Queues again the browser files an earlier run left (each continues from the journal when it had begun a
   * multipart upload). Call before `restorePending`. Answers the new ids.
   */
  restoreSpooled(): Promise<string[]> {
    return restoreSpooled(this, this.spool, this.#options.profiles);
  }

  #finish(
    job: Job,
    state: 'done' | 'failed' | 'cancelled',
    error: FerryErrorData | null,
    outcome?: TransferOutcome,
  ): void {
    this.spool.ended(job, state);
    const now = this.#options.clock.now();
    apply(job, { type: 'end', state, now, error, ...(outcome ? { outcome } : {}) });
    this.history.add(job.t);
    this.#batcher.changed(job);
  }

  #select(ids?: string[]): Job[] {
    return ids ? ids.flatMap((id) => this.#jobs.get(id) ?? []) : [...this.#jobs.values()];
  }

  /** Pauses queued and running transfers; a running one stops its requests and keeps its journal. */
  pause(ids?: string[]): void {
    for (const job of this.#select(ids)) {
      if (!job.work) continue;
      if (job.t.state === 'queued') {
        this.#pending = this.#pending.filter((j) => j !== job);
        this.#stopWaiting(job);
        apply(job, { type: 'pause' });
        this.#batcher.changed(job);
      } else if (job.t.state === 'running') {
        job.stop = 'pause';
        job.controller?.abort(stopReason('pause'));
      }
    }
  }

  /** Queues paused transfers again; they continue where they stopped. */
  resume(ids?: string[]): void {
    for (const job of this.#select(ids)) {
      if (job.t.state !== 'paused') continue;
      apply(job, { type: 'queue' });
      this.#pending.push(job);
      this.#batcher.changed(job);
    }
    this.#pump();
  }

  /** Cancels: nothing is left behind (the multipart upload is aborted, a partial download deleted). */
  cancel(ids?: string[]): void {
    for (const job of this.#select(ids)) {
      if (job.t.state === 'running') {
        job.stop = 'cancel';
        job.controller?.abort(stopReason('cancel'));
      } else if (job.t.state === 'queued' || job.t.state === 'paused') {
        this.#pending = this.#pending.filter((j) => j !== job);
        this.#stopWaiting(job);
        this.#finish(job, 'cancelled', null);
        if (job.work) void this.#cleanUp(job).catch(() => {});
        job.reject(cancelledError());
      }
    }
  }

  /**
   * Takes back transfers whose request as a whole was refused after they were queued (a folder's upload
   * into a bucket that turned out missing): they leave the list and never reach the history, as if never
   * asked for; a running one's requests are stopped. A transfer already finished stays where it is.
   */
  withdraw(ids: string[]): void {
    const removed: string[] = [];
    for (const job of this.#select(ids)) {
      if (isFinalState(job.t.state)) continue;
      this.#jobs.delete(job.t.id);
      removed.push(job.t.id);
      if (job.t.state === 'running') {
        job.stop = 'withdraw';
        job.controller?.abort(stopReason('cancel'));
      } else {
        this.#pending = this.#pending.filter((j) => j !== job);
        this.#stopWaiting(job);
        job.reject(cancelledError());
      }
    }
    this.#batcher.removed(removed);
  }

  /** Queues failed or cancelled transfers again (not live ones: their caller is gone). */
  retry(ids?: string[], conflict?: DownloadSpec['conflict']): void {
    for (const job of this.#select(ids)) {
      if ((job.t.state !== 'failed' && job.t.state !== 'cancelled') || !job.work) continue;
      if (!this.spool.retrying(job)) continue;
      if (conflict && job.work.kind === 'download') job.work.spec.conflict = conflict;
      apply(job, { type: 'queue' });
      this.#pending.push(job);
      this.#batcher.changed(job);
    }
    this.#pump();
  }

  /** Moves a queued transfer to `index` among the queued ones. */
  reorder(id: string, index: number): void {
    const job = this.#jobs.get(id);
    const at = job ? this.#pending.indexOf(job) : -1;
    if (!job || at < 0) return;
    this.#pending.splice(at, 1);
    this.#pending.splice(Math.min(index, this.#pending.length), 0, job);
    this.#pump();
  }

  /** Drops finished transfers from the list (the history keeps them). */
  clear(): number {
    const removed: string[] = [];
    for (const [id, job] of this.#jobs) {
      if (isFinalState(job.t.state)) {
        this.#jobs.delete(id);
        this.spool.discarded(job, (j) => this.#cleanUp(j));
        removed.push(id);
      }
    }
    this.#batcher.removed(removed);
    return removed.length;
  }

  /**
   * Drops one finished transfer from the list (the history keeps it). Watched folders send theirs here once
   * done: a first sync of 100,000 files would otherwise keep 100,000 rows in the list and in memory.
   */
  forget(id: string): boolean {
    const job = this.#jobs.get(id);
    if (!job || !isFinalState(job.t.state)) return false;
    this.#jobs.delete(id);
    this.spool.discarded(job, (j) => this.#cleanUp(j));
    this.#batcher.removed([id]);
    return true;
  }

  /** Leaves nothing behind for a job that is not running (see runner.ts `cleanUp`). */
  async #cleanUp(job: Job): Promise<void> {
    await cleanUp(job, contextFor(job, AbortSignal.abort(), await this.#deps(job)));
  }

  /** The identities of the transfers in the list that the queue runs (not the ones their caller moves). */
  identities(): TransferIdentity[] {
    return [...this.#jobs.values()].flatMap((job) => jobIdentity(job) ?? []);
  }

  get(id: string): Transfer | undefined {
    return this.#jobs.get(id)?.t;
  }

  list(): Transfer[] {
    const order = new Map(this.#pending.map((job, i) => [job, i]));
    return [...this.#jobs.values()]
      .sort((a, b) => (order.get(a) ?? -1) - (order.get(b) ?? -1))
      .map((job) => ({ ...job.t }));
  }

  totals(): QueueTotals {
    return queueTotals([...this.#jobs.values()].map((job) => job.t));
  }

  /** Stops everything (running transfers keep their journal and resume next time) and closes files. */
  async close(): Promise<void> {
    this.#closed = true;
    for (const job of this.#jobs.values()) this.#stopWaiting(job);
    const running = [...this.#running];
    // A browser download cannot be continued later: cancel it; pause everything else.
    this.cancel([...this.#live].map((job) => job.t.id));
    this.pause(running.map((job) => job.t.id));
    await Promise.all(running.map((job) => job.run));
    this.#batcher.stop();
    this.clients.destroy();
    await this.journal.close();
    await this.history.close();
  }
}

export type { QueueOptions, TransferHandle, TransferOutcome };
