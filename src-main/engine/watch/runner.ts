import type {
  ConflictChoice,
  SyncAction,
  SyncPlan,
  WatchConflict,
  WatchRule,
  WatchStatus,
} from '../../../src-shared/contract/index.js';
import type { FerryErrorData } from '../../../src-shared/errors.js';
import { translateError } from '../connection/translate.js';
import type { FerryError } from '../errors.js';
import type { IndexStore } from './index-store.js';
import { WatchStatusBook } from './status.js';
import { runReconciliation } from './reconcile-run.js';
import { FilePipeline, type WatchServices } from './pipeline.js';
import { pathFilter, walkOptions, type PathFilter } from './rules.js';
import { FolderWatcher } from './watcher.js';
import { FolderPresence, folderPresent } from './presence.js';
import { folderMissing, pausedError, retrying, watcherLimit } from './reasons.js';
import { keepTryingMs, passesByItself } from '../transfer/retry.js';
import { SyncLedger } from './sync-ledger.js';
import type { ConflictStore } from './conflict-store.js';
import { resolveConflict } from './conflict-resolve.js';
import { runTwoWay, type TwoWayPass } from './two-way-run.js';
import type { SeenObject } from './two-way-plan.js';
import type { DownloadSink } from './upload-sink.js';

export interface RunnerDeps extends WatchServices {
  status(status: WatchStatus): void;
  /** Where `download` and `two-way` watches get objects from. */
  downloads: DownloadSink;
  /** Open conflicts and the work in flight of a `download` or `two-way` pass. */
  conflicts: ConflictStore;
  /** How often the folder's presence is checked (an unmounted disk sends no event). */
  heartbeatMs?: number;
  /** How often a full reconciliation runs anyway, to catch events the OS dropped (inotify overflow). */
  rescanMs?: number;
}

/**
 * One watch at work: its lifecycle (start, stop, pause, resume, errors, the folder going away) and
 * reconciliations (at start, on resume, on demand) that catch up with what happened while nobody watched.
 * The folder watcher feeds the file pipeline, which takes each file to the bucket.
 */
export class WatchRunner {
  rule: WatchRule;
  readonly #deps: RunnerDeps;
  readonly book: WatchStatusBook;
  #filter: PathFilter;
  readonly #files: FilePipeline;
  #watcher: FolderWatcher | undefined;
  readonly #presence: FolderPresence;
  #rescan: NodeJS.Timeout | undefined;
  #polling = false;
  /** A warning that outlives reconciliations (the polling fallback). */
  #warning: FerryErrorData | null = null;
  #active = false;
  #reconciling: Promise<SyncPlan> | undefined;
  #mirrorTimer: NodeJS.Timeout | undefined;
  /** Set during a one-shot sync: what became of each upload its plan asked for. */
  #ledger: SyncLedger | undefined;
  /** Lists the bucket every `pollSeconds` (`download` and `two-way`). */
  #poll: NodeJS.Timeout | undefined;
  /** A pass after local changes settle (`two-way`): one for a burst of events. */
  #localTimer: NodeJS.Timeout | undefined;
  /** The next pass after one an outage cut short, and how many failed in a row (for the wait). */
  #passRetry: NodeJS.Timeout | undefined;
  #passFailures = 0;
  /** Paths a pass is writing into the folder: the upload side leaves them alone. */
  readonly #writing = new Set<string>();

  constructor(rule: WatchRule, deps: RunnerDeps) {
    this.rule = rule;
    this.#deps = deps;
    this.book = new WatchStatusBook(rule.id, deps.status, deps.clock);
    this.book.counts.indexed = deps.index.size;
    this.book.counts.conflicts = deps.conflicts.list().length;
    this.#filter = pathFilter(rule);
    this.#presence = new FolderPresence(rule.folder, deps.heartbeatMs ?? 2000, (present) => {
      void this.#onPresence(present);
    });
    this.#files = new FilePipeline({
      ...deps,
      rule: () => this.rule,
      book: this.book,
      active: () => this.#active,
      warning: () => this.#warning,
      halt: (error) => this.#halt(error),
      changed: () => this.#refresh(),
      oneShot: () => this.#ledger !== undefined,
      // A file a pass is writing, or that an open conflict holds, is not the user's change to upload.
      held: (rel) => this.#writing.has(rel) || deps.conflicts.holds(rel),
      // The bucket changed since the pass that asked for an upload: another pass decides (a conflict).
      raced: () => this.#localChanged(),
      activity: (action, error) => this.#activity(action, error),
    });
  }

  /** The folder watcher while one runs (tests simulate OS failures through it). */
  get folderWatcher(): FolderWatcher | undefined {
    return this.#watcher;
  }

  get index(): IndexStore {
    return this.#deps.index;
  }

  /** Files settling, queued or uploading (bounded; the rest wait as paths and count as pending). */
  get inHand(): number {
    return this.#files.inHand;
  }

  /** Starts watching (unless paused) and catches up with the bucket. */
  async start(options: { watch?: boolean } = {}): Promise<void> {
    if (this.rule.paused) return this.book.set({ state: 'paused', watcher: 'stopped' });
    this.#active = true;
    this.book.set({ reason: null });
    if (options.watch !== false) {
      this.#presence.start();
      this.#rescan = setInterval(
        () => {
          if (!this.book.halted) void this.syncNow(false).catch(() => {});
        },
        this.#deps.rescanMs ?? 30 * 60_000,
      );
      this.#rescan.unref?.();
      if (this.rule.mode !== 'upload') {
        this.#poll = setInterval(() => {
          if (!this.book.halted) void this.syncNow(false).catch(() => {});
        }, this.rule.pollSeconds * 1000);
        this.#poll.unref?.();
      }
      if (!(await folderPresent(this.rule.folder))) return this.#folderMissing();
      await this.#startWatcher();
    }
    await this.syncNow(false).catch(() => {});
  }

  /**
   * Stops watching; uploads in flight are cancelled (nothing half-written is published), or with
   * `leaveUploads` (Ferry quits) left to the transfer queue, which keeps their journal for the next start.
   */
  async stop(options: { leaveUploads?: boolean } = {}): Promise<void> {
    this.#active = false;
    this.#presence.stop();
    clearInterval(this.#rescan);
    clearInterval(this.#poll);
    clearTimeout(this.#localTimer);
    clearTimeout(this.#mirrorTimer);
    clearTimeout(this.#passRetry);
    this.#files.reset(options.leaveUploads);
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
    // Resuming a watch stopped by an error retries it (after the user fixed the credentials or bucket).
    if (this.#active) return void (await this.syncNow(false).catch(() => {}));
    this.book.set({ state: 'idle' });
    await this.start();
  }

  /** Reconciles folder ↔ index ↔ bucket and queues what changed; resolves with the plan. */
  syncNow(confirmDeletes: boolean, dryRun = false): Promise<SyncPlan> {
    if (this.rule.paused && !dryRun) return Promise.reject(pausedError());
    if (this.#reconciling && !dryRun) return this.#reconciling;
    const run = this.#reconcile(confirmDeletes, dryRun);
    if (!dryRun) {
      this.#reconciling = run;
      void run.finally(() => (this.#reconciling = undefined)).catch(() => {});
    }
    return run;
  }

  /**
   * One reconciliation without watching the folder (`ferry sync`): carries out the whole plan, then answers
   * it with the planned uploads that did not go through, and why. Failures are not retried past the
   * transfer queue's own retries, so the run ends.
   */
  async syncOnce(confirmDeletes: boolean): Promise<{ plan: SyncPlan; left: SyncAction[] }> {
    this.#active = true;
    const ledger = new SyncLedger();
    this.#ledger = ledger;
    try {
      const plan = await this.syncNow(confirmDeletes);
      await this.whenIdle();
      return { plan, left: ledger.left(plan, this.book.status.reason) };
    } finally {
      this.#ledger = undefined;
    }
  }

  /** Open conflicts, oldest first. */
  conflicts(): WatchConflict[] {
    return this.#deps.conflicts.list();
  }

  /** Carries out the user's choice for a conflict (after the pass running, if any), then syncs. */
  async resolve(conflictId: string, keep: ConflictChoice): Promise<WatchConflict[]> {
    await this.#reconciling?.catch(() => {});
    const { index, conflicts, sink } = this.#deps;
    await resolveConflict({ rule: this.rule, index, conflicts, sink }, conflictId, keep);
    this.book.counts.conflicts = conflicts.list().length;
    this.#refresh();
    if (this.#active && !this.rule.paused) void this.syncNow(false).catch(() => {});
    return conflicts.list();
  }

  /** Resolves once nothing is pending: no scan, no file settling, no upload queued or running. */
  whenIdle(): Promise<void> {
    return this.book.whenIdle();
  }

  async #reconcile(confirmDeletes: boolean, dryRun: boolean): Promise<SyncPlan> {
    if (!dryRun) this.book.set({ state: 'scanning' });
    try {
      const { plan, keptLocal } =
        this.rule.mode === 'upload'
          ? { plan: await this.#uploadPass(confirmDeletes, dryRun), keptLocal: 0 }
          : await this.#twoWayPass(confirmDeletes, dryRun);
      if (!dryRun) {
        this.book.counts.skipped = plan.actions.filter((a) => a.action === 'skip').length;
        this.book.counts.indexed = this.#deps.index.size;
        this.book.counts.conflicts = this.#deps.conflicts.list().length;
        this.book.counts.keptLocal = keptLocal;
        this.book.set({
          deletesAwaitingConfirmation: plan.deletesHeldBack,
          deletesAwaitingSample: plan.heldBack,
          reason: this.#warning,
        });
        this.#passFailures = 0;
        this.#refresh(true);
      }
      return plan;
    } catch (error) {
      const ferry = translateError(error, { bucket: this.rule.bucket });
      if (!dryRun) {
        if (ferry.code === 'FolderMissing') this.#folderMissing();
        else if (passesByItself(ferry) && this.#active && !this.#ledger) this.#retryPass(ferry);
        else this.#halt(ferry);
      }
      throw ferry;
    }
  }

  async #uploadPass(confirmDeletes: boolean, dryRun: boolean): Promise<SyncPlan> {
    const plan = await runReconciliation({
      rule: this.rule,
      filter: this.#filter,
      index: this.#deps.index,
      client: await this.#deps.client(),
      confirmDeletes,
      dryRun,
      upload: (rel, reason) => this.#requeue(rel, reason),
      vanished: (rel, entry) => this.#files.vanished(rel, entry),
      activity: (a) => this.#activity(a, null),
    });
    if (!dryRun) {
      this.book.counts.deleted += plan.actions.filter((a) => a.action === 'delete').length;
    }
    return plan;
  }

  /** A `download` or `two-way` pass: see runTwoWay. */
  async #twoWayPass(confirmDeletes: boolean, dryRun: boolean): Promise<TwoWayPass> {
    const { index, conflicts, downloads, clock } = this.#deps;
    return runTwoWay({
      rule: this.rule,
      filter: this.#filter,
      index,
      conflicts,
      downloads,
      client: await this.#deps.client(),
      now: () => clock.now(),
      confirmDeletes,
      dryRun,
      writing: this.#writing,
      uploading: (rel) => this.#files.has(rel),
      upload: (rel, reason, seen) => this.#requeue(rel, reason, seen),
      downloading: () => this.book.set({ state: 'downloading' }),
      activity: (action, error) => {
        if (!error && action.action === 'download') this.book.counts.downloaded++;
        if (!error && action.action === 'delete') this.book.counts.deleted++;
        this.#activity(action, error);
      },
    });
  }

  #activity(action: SyncAction, error: FerryErrorData | null): void {
    this.#ledger?.record(action, error);
    this.#deps.activity(action, error);
  }

  /** A reconciliation found a file to upload: it goes through the tracker so a half-written file waits. */
  #requeue(rel: string, reason: string, seen?: SeenObject | null): void {
    if (reason === 'missing-remotely') this.#deps.index.delete(rel);
    this.#files.touch(rel, seen);
  }

  async #startWatcher(): Promise<void> {
    const polling = this.#polling;
    const watcher = await FolderWatcher.start(
      {
        root: this.rule.folder,
        ...walkOptions(this.rule, this.#filter),
        polling,
      },
      {
        file: (rel) => this.#onFileEvent(rel),
        removed: (rel, isDir) => this.#onRemoved(rel, isDir),
        exhausted: (error) => void this.#fallBackToPolling(error),
        error: (error) => this.#deps.logger.warn('watch: watcher error', { error: error.message }),
      },
    );
    // Stopped meanwhile, or out of watch handles while setting them (the polling watcher replaces this one).
    if (!this.#active || polling !== this.#polling) return void (await watcher.close());
    this.#watcher = watcher;
    this.book.set({ watcher: polling ? 'polling' : 'native' });
  }

  #onFileEvent(rel: string): void {
    // While stopped by an error, changes wait for the reconciliation that follows the fix.
    if (!this.#active || this.book.halted || !this.#filter.accepts(rel, false)) return;
    if (this.rule.mode !== 'upload') return this.#localChanged();
    this.#files.touch(rel);
    this.#refresh();
  }

  #onRemoved(rel: string, isDirectory: boolean): void {
    if (!this.#active) return;
    if (rel === '') return void this.#presence.check();
    if (this.rule.mode !== 'upload') return this.#localChanged();
    this.#files.removed(rel, isDirectory);
    if (isDirectory) return;
    if (this.rule.deletePolicy === 'mirror') {
      // Deletes go through a reconciliation (folder present? within the cap?), batched over a moment.
      clearTimeout(this.#mirrorTimer);
      this.#mirrorTimer = setTimeout(() => void this.syncNow(false).catch(() => {}), 1000);
    }
    this.#refresh();
  }

  /**
   * A local change in a `two-way` watch goes through a pass (which lists the bucket first: a file changed on
   * both sides is a conflict, not an upload), once the burst of events has settled. A `download` watch
   * uploads nothing: the next poll puts back what the bucket has.
   */
  #localChanged(): void {
    if (this.rule.mode !== 'two-way') return;
    clearTimeout(this.#localTimer);
    this.#localTimer = setTimeout(
      () => void this.syncNow(false).catch(() => {}),
      this.rule.stabilityMs,
    );
  }

  /**
   * A pass cut short by a failure that passes by itself (the server down): the watch keeps watching, says it
   * is retrying, and runs the pass again after 1 s, 2 s … 30 s (a watch's uploads wait the same way).
   */
  #retryPass(error: FerryError): void {
    this.book.set({ state: 'error', reason: retrying(error) });
    clearTimeout(this.#passRetry);
    this.#passRetry = setTimeout(() => {
      this.#passRetry = undefined;
      if (this.#active && !this.rule.paused) void this.syncNow(false).catch(() => {});
    }, keepTryingMs(++this.#passFailures));
    this.#passRetry.unref?.();
  }

  /** A failure that retrying will not fix (credentials revoked, bucket deleted): stop and say why. */
  #halt(error: FerryError): void {
    this.#files.reset();
    this.book.set({ state: 'error', reason: error.toData(), uploading: 0, pending: 0 });
    this.book.halted = true;
  }

  #refresh(reconciled = false): void {
    // Uploads abandoned by a stop (pause, quit) leave nothing in hand, which is no sign of being in sync.
    if (!this.#active)
      return this.book.set({ uploading: this.#files.running, pending: this.#files.pending });
    this.book.update(this.#files.running, this.#files.pending, reconciled);
  }

  async #fallBackToPolling(error: Error): Promise<void> {
    if (this.#polling || !this.#active) return;
    this.#polling = true;
    this.#deps.logger.warn('watch: out of OS watch handles, polling instead', {
      error: error.message,
    });
    await this.#watcher?.close();
    this.#warning = watcherLimit();
    this.book.set({ reason: this.#warning });
    await this.#startWatcher();
    await this.syncNow(false).catch(() => {});
  }

  /** Notices the folder going away (unmounted, deleted) and coming back. */
  async #onPresence(present: boolean): Promise<void> {
    if (!this.#active) return;
    const missing = this.book.status.reason?.code === 'FolderMissing';
    if (!present && !missing) this.#folderMissing();
    else if (present && missing) {
      this.book.set({ state: 'idle', reason: this.#warning });
      this.book.halted = false;
      if (!this.#watcher) await this.#startWatcher();
      await this.syncNow(false).catch(() => {});
    }
  }

  /** Source unreachable is not source empty: stop uploading, delete nothing, wait for it to return. */
  #folderMissing(): void {
    this.#files.reset();
    void this.#watcher?.close();
    this.#watcher = undefined;
    this.book.halted = true;
    this.book.set({
      state: 'error',
      watcher: 'stopped',
      uploading: 0,
      pending: 0,
      reason: folderMissing(this.rule.folder),
    });
  }
}
