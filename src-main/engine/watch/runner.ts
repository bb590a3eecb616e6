import { stat } from 'node:fs/promises';
import path from 'node:path';
import type { S3Client } from '@aws-sdk/client-s3';
import type {
  SyncAction,
  SyncPlan,
  WatchRule,
  WatchStatus,
} from '../../../src-shared/contract/index.js';
import type { FerryErrorData } from '../../../src-shared/errors.js';
import { translateError } from '../connection/translate.js';
import { FerryError } from '../errors.js';
import type { Clock, Logger } from '../logger.js';
import type { IndexStore } from './index-store.js';
import { WatchStatusBook } from './status.js';
import { runReconciliation } from './reconcile-run.js';
import { keyFor, keyProblem, pathFilter, type PathFilter } from './rules.js';
import type { LocalFile } from './scan.js';
import { StabilityTracker } from './stability.js';
import { UploadQueue, type JobOutcome } from './upload-queue.js';
import type { UploadSink } from './upload-sink.js';
import { FolderWatcher } from './watcher.js';

export interface RunnerDeps {
  index: IndexStore;
  sink: UploadSink;
  client: () => Promise<S3Client>;
  logger: Logger;
  clock: Clock;
  concurrency: () => number;
  status(status: WatchStatus): void;
  activity(action: SyncAction, error: FerryErrorData | null): void;
  /** How often the folder's presence is checked (an unmounted disk sends no event). */
  heartbeatMs?: number;
}

/**
 * One watch at work: the folder watcher feeds the stability tracker, settled files go to the upload queue,
 * and reconciliations (at start, on resume, on demand) catch up with what happened while nobody watched.
 */
export class WatchRunner {
  rule: WatchRule;
  readonly #deps: RunnerDeps;
  readonly book: WatchStatusBook;
  #filter: PathFilter;
  #tracker: StabilityTracker;
  readonly #queue: UploadQueue;
  #watcher: FolderWatcher | undefined;
  #heartbeat: NodeJS.Timeout | undefined;
  #polling = false;
  #active = false;
  #reconciling: Promise<SyncPlan> | undefined;
  #mirrorTimer: NodeJS.Timeout | undefined;

  constructor(rule: WatchRule, deps: RunnerDeps) {
    this.rule = rule;
    this.#deps = deps;
    this.book = new WatchStatusBook(rule.id, deps.status, deps.clock);
    this.book.counts.indexed = deps.index.size;
    this.#filter = pathFilter(rule);
    this.#tracker = this.#newTracker();
    this.#queue = new UploadQueue({
      concurrency: deps.concurrency,
      upload: (job) =>
        deps.sink.upload({
          profileId: this.rule.profileId,
          bucket: this.rule.bucket,
          key: job.key,
          file: path.join(this.rule.folder, job.rel),
          expected: job.file,
          signal: job.signal,
        }),
      outcome: (o) => this.#onOutcome(o),
    });
  }

  get index(): IndexStore {
    return this.#deps.index;
  }

  /** Starts watching (unless paused) and catches up with the bucket. */
  async start(options: { watch?: boolean } = {}): Promise<void> {
    if (this.rule.paused) return this.book.set({ state: 'paused', watcher: 'stopped' });
    this.#active = true;
    this.book.set({ reason: null });
    if (options.watch !== false) {
      this.#startHeartbeat();
      if (!(await this.#folderPresent())) return this.#folderMissing();
      await this.#startWatcher();
    }
    await this.syncNow(false).catch(() => {});
  }

  /** Stops watching; uploads in flight are abandoned (nothing half-written is published). */
  async stop(): Promise<void> {
    this.#active = false;
    clearInterval(this.#heartbeat);
    clearTimeout(this.#mirrorTimer);
    this.#tracker.close();
    this.#tracker = this.#newTracker();
    this.#queue.clear();
    await this.#watcher?.close();
    this.#watcher = undefined;
    this.book.set({ watcher: 'stopped' });
    await this.#deps.index.flush();
  }

  async pause(): Promise<void> {
    this.rule = { ...this.rule, paused: true };
    await this.stop();
    this.book.set({ state: 'paused', reason: null, uploading: 0, pending: 0 });
  }

  async resume(): Promise<void> {
    this.rule = { ...this.rule, paused: false };
    if (this.#active) return;
    this.book.set({ state: 'idle' });
    await this.start();
  }

  /** Reconciles folder ↔ index ↔ bucket and queues what changed; resolves with the plan. */
  syncNow(confirmDeletes: boolean, dryRun = false): Promise<SyncPlan> {
    if (this.#reconciling && !dryRun) return this.#reconciling;
    const run = this.#reconcile(confirmDeletes, dryRun);
    if (!dryRun) {
      this.#reconciling = run;
      void run.finally(() => (this.#reconciling = undefined)).catch(() => {});
    }
    return run;
  }

  /** Resolves once nothing is pending: no scan, no file settling, no upload queued or running. */
  whenIdle(): Promise<void> {
    return this.book.whenIdle();
  }

  async #reconcile(confirmDeletes: boolean, dryRun: boolean): Promise<SyncPlan> {
    if (!dryRun) this.book.set({ state: 'scanning' });
    try {
      const plan = await runReconciliation({
        rule: this.rule,
        filter: this.#filter,
        index: this.#deps.index,
        client: await this.#deps.client(),
        confirmDeletes,
        dryRun,
        upload: (rel, reason) => this.#requeue(rel, reason),
        activity: (a) => this.#deps.activity(a, null),
      });
      if (!dryRun) {
        this.book.counts.deleted += plan.actions.filter((a) => a.action === 'delete').length;
        this.book.counts.skipped = plan.actions.filter((a) => a.action === 'skip').length;
        this.book.counts.indexed = this.#deps.index.size;
        this.book.set({ deletesAwaitingConfirmation: plan.deletesHeldBack, reason: null });
        this.#refresh(true);
      }
      return plan;
    } catch (error) {
      const ferry = translateError(error, { bucket: this.rule.bucket });
      if (!dryRun) {
        if (ferry.code === 'FolderMissing') this.#folderMissing();
        else this.#halt(ferry);
      }
      throw ferry;
    }
  }

  /** A reconciliation found a file to upload: it goes through the tracker so a half-written file waits. */
  #requeue(rel: string, reason: string): void {
    if (reason === 'missing-remotely') this.#deps.index.delete(rel);
    this.#tracker.touch(rel);
  }

  async #startWatcher(): Promise<void> {
    this.#watcher = await FolderWatcher.start(
      {
        root: this.rule.folder,
        filter: this.#filter,
        followSymlinks: this.rule.followSymlinks,
        polling: this.#polling,
      },
      {
        file: (rel) => this.#onFileEvent(rel),
        removed: (rel, isDir) => this.#onRemoved(rel, isDir),
        exhausted: (error) => void this.#fallBackToPolling(error),
        error: (error) => this.#deps.logger.warn('watch: watcher error', { error: error.message }),
      },
    );
    if (!this.#active) await this.#watcher.close();
    else this.book.set({ watcher: this.#polling ? 'polling' : 'native' });
  }

  #onFileEvent(rel: string): void {
    if (!this.#active || !this.#filter.accepts(rel, false)) return;
    this.#tracker.touch(rel);
    this.#refresh();
  }

  #onRemoved(rel: string, isDirectory: boolean): void {
    if (!this.#active) return;
    if (rel === '') return void this.#checkFolder();
    if (isDirectory) return;
    this.#tracker.cancel(rel);
    this.#queue.cancel(rel);
    if (this.rule.deletePolicy === 'mirror') {
      // Deletes go through a reconciliation (folder present? within the cap?), batched over a moment.
      clearTimeout(this.#mirrorTimer);
      this.#mirrorTimer = setTimeout(() => void this.syncNow(false).catch(() => {}), 1000);
    }
    this.#refresh();
  }

  #onStable(rel: string, file: LocalFile): void {
    const known = this.#deps.index.get(rel);
    // Already uploaded in exactly this version (a second event, or a reconciliation racing the watcher).
    if (known && known.size === file.size && known.mtimeMs === file.mtimeMs) return this.#refresh();
    const key = keyFor(this.rule.prefix, rel);
    const problem = keyProblem(key);
    if (problem) {
      this.book.counts.skipped++;
      this.#deps.activity(skipAction(rel, key, `name not allowed in S3: ${problem}`), null);
      return this.#refresh();
    }
    this.#queue.add(rel, key, file);
    this.#refresh();
  }

  #onOutcome(o: JobOutcome): void {
    const counts = this.book.counts;
    if (o.kind === 'uploaded') {
      this.#deps.index.set(o.rel, { ...o.file, etag: o.result.etag, key: o.key });
      counts.uploaded++;
      counts.indexed = this.#deps.index.size;
      if (this.book.status.state === 'error') this.book.set({ reason: null });
      this.#deps.activity(
        { action: 'upload', path: o.rel, key: o.key, size: o.file.size, reason: 'uploaded' },
        null,
      );
    } else if (o.kind === 'changed') {
      if (this.#active) this.#tracker.touch(o.rel);
    } else if (o.kind === 'gone') {
      this.#deps.activity(skipAction(o.rel, o.key, 'deleted before it could be uploaded'), null);
    } else if (o.kind === 'skipped') {
      counts.skipped++;
      this.#deps.activity(skipAction(o.rel, o.key, o.error.message), o.error.toData());
    } else if (o.kind === 'retrying') {
      counts.failed++;
      this.book.set({ state: 'error', reason: retrying(o.error) });
    } else {
      this.#halt(o.error);
    }
    this.#refresh();
  }

  /** A failure that retrying will not fix (credentials revoked, bucket deleted): stop and say why. */
  #halt(error: FerryError): void {
    this.#queue.clear();
    this.#tracker.close();
    this.#tracker = this.#newTracker();
    this.book.set({ state: 'error', reason: error.toData(), uploading: 0, pending: 0 });
    this.book.halted = true;
  }

  #refresh(reconciled = false): void {
    this.book.update(this.#queue.running, this.#tracker.pending + this.#queue.queued, reconciled);
  }

  #newTracker(): StabilityTracker {
    return new StabilityTracker(
      this.rule.folder,
      this.rule.stabilityMs,
      {
        stable: (rel, file) => this.#onStable(rel, file),
        gone: () => this.#refresh(),
        unreadable: (rel, code) => {
          this.book.counts.skipped++;
          const key = keyFor(this.rule.prefix, rel);
          this.#deps.activity(skipAction(rel, key, `cannot be read (${code})`), null);
          this.#refresh();
        },
      },
      () => this.#deps.clock.now(),
    );
  }

  async #fallBackToPolling(error: Error): Promise<void> {
    if (this.#polling || !this.#active) return;
    this.#polling = true;
    this.#deps.logger.warn('watch: out of OS watch handles, polling instead', {
      error: error.message,
    });
    await this.#watcher?.close();
    this.book.set({
      reason: new FerryError(
        'WatcherLimit',
        'The system ran out of file-watch handles, so Ferry checks this folder by polling (slower).',
        'On Linux raise the limit: sudo sysctl fs.inotify.max_user_watches=524288 (and add it to /etc/sysctl.conf).',
      ).toData(),
    });
    await this.#startWatcher();
    await this.syncNow(false).catch(() => {});
  }

  #startHeartbeat(): void {
    clearInterval(this.#heartbeat);
    this.#heartbeat = setInterval(() => void this.#checkFolder(), this.#deps.heartbeatMs ?? 2000);
    this.#heartbeat.unref?.();
  }

  async #folderPresent(): Promise<boolean> {
    return stat(this.rule.folder).then(
      (s) => s.isDirectory(),
      () => false,
    );
  }

  /** Notices the folder going away (unmounted, deleted) and coming back. */
  async #checkFolder(): Promise<void> {
    if (!this.#active) return;
    const present = await this.#folderPresent();
    const missing = this.book.status.reason?.code === 'FolderMissing';
    if (!present && !missing) this.#folderMissing();
    else if (present && missing) {
      this.book.set({ state: 'idle', reason: null });
      this.book.halted = false;
      if (!this.#watcher) await this.#startWatcher();
      await this.syncNow(false).catch(() => {});
    }
  }

  /** Source unreachable is not source empty: stop uploading, delete nothing, wait for it to return. */
  #folderMissing(): void {
    this.#tracker.close();
    this.#tracker = this.#newTracker();
    this.#queue.clear();
    void this.#watcher?.close();
    this.#watcher = undefined;
    this.book.halted = true;
    this.book.set({
      state: 'error',
      watcher: 'stopped',
      uploading: 0,
      pending: 0,
      reason: new FerryError(
        'FolderMissing',
        `The watched folder ${this.rule.folder} is missing or unmounted.`,
        'Reconnect the disk or restore the folder; Ferry resumes by itself and deletes nothing meanwhile.',
      ).toData(),
    });
  }
}

function skipAction(rel: string, key: string, reason: string): SyncAction {
  return { action: 'skip', path: rel, key, size: null, reason };
}

function retrying(error: FerryError): FerryErrorData {
  return {
    ...error.toData(),
    hint: `${error.hint} Ferry keeps retrying and catches up by itself.`,
  };
}
