import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { z } from 'zod';
import {
  MigrationCopyReason,
  MigrationStatus,
  WatchOptions,
  type MigrationPlan,
  type MigrationRequest,
  type MigrationState,
  type MigrationStep,
} from '../../../src-shared/contract/index.js';
import { translateError } from '../connection/translate.js';
import type { Engine } from '../engine.js';
import { FerryError } from '../errors.js';
import { readJsonFile, writeFileAtomic } from '../store/atomic.js';
import { normalisePrefix, pathFilter } from '../watch/rules.js';
import { PairBaseline } from './baseline.js';
import { bucketPairId, sidesOverlap } from './bucket-pair.js';
import { syncBuckets, type BucketSide } from './bucket-sync.js';
import type { PairAction, PairOptions, PairPlan } from './types.js';

/** Progress events of one migration at most this often (its start and end are always sent). */
const PROGRESS_INTERVAL_MS = 250;
/** Failures kept per migration, each with its key; the count covers the rest. */
const MAX_FAILURES_KEPT = 100;
/** Actions of a plan shown to the user. */
const SAMPLE_SIZE = 200;
/** Finished migrations kept for `migrations.list`. */
const MAX_KEPT = 50;
/** A running migration's record is saved at most this often (its start, plan and end are always saved). */
const SAVE_INTERVAL_MS = 2000;
/** A migration copies every object: the watch defaults (which skip `*.tmp` and the like) do not apply. */
const EVERYTHING = pathFilter({ include: [], exclude: [], defaultExcludes: false });

interface Running {
  pairId: string;
  controller: AbortController;
  baseline: PairBaseline;
  done: Promise<void>;
}

/**
 * Bucket → bucket migrations in the background, through the sync engine (`syncBuckets`): the same plan,
 * copies, verification and baseline as `ferry sync s3://… s3://…`, so a cancelled or failed migration
 * started again resumes with what is left, from the app or the CLI.
 */
export class Migrations {
  readonly #engine: Engine;
  /** Newest first. */
  #all: MigrationStatus[] = [];
  readonly #running = new Map<string, Running>();
  readonly #emittedAt = new Map<string, number>();
  /** `migrations.json`: the list outlives a restart, so a report stays readable and a cut-off run is shown. */
  readonly #file: string;
  #saving: Promise<void> = Promise.resolve();
  #savedAt = 0;

  constructor(engine: Engine) {
    this.#engine = engine;
    this.#file = path.join(engine.configDir, 'migrations.json');
  }

  /**
   * Reads the migrations of earlier runs. One that was planning or copying when Ferry stopped (closed, killed,
   * power cut) is shown as failed, interrupted: starting it again resumes with what is left.
   */
  async load(): Promise<void> {
    try {
      const parsed = SavedMigrations.safeParse(
        (await readJsonFile(this.#file)) ?? { migrations: [] },
      );
      if (!parsed.success) {
        this.#engine.logger.warn('migrations: invalid file ignored', { file: this.#file });
        return;
      }
      const interrupted = FerryError.of('InvalidRequest', 'migration.interrupted').toData();
      const kept: MigrationStatus[] = [];
      for (const saved of parsed.data.migrations) {
        // One by one: a record an older Ferry wrote in another shape is left out, not the whole list.
        const m = MigrationStatus.safeParse(saved);
        if (m.success) kept.push(m.data);
      }
      if (kept.length < parsed.data.migrations.length) {
        this.#engine.logger.warn('migrations: unreadable records ignored', {
          file: this.#file,
          count: parsed.data.migrations.length - kept.length,
        });
      }
      this.#all = kept.map((m) => {
        if (m.state === 'planning' || m.state === 'copying') {
          return { ...m, state: 'failed', error: interrupted };
        }
        // Before the `heldBack` state, such a run was saved as failed with this error.
        if (m.error?.key === 'migration.deletesHeldBack' && m.done.failed === 0) {
          return { ...m, state: 'heldBack', error: null };
        }
        return m;
      });
    } catch (error) {
      this.#engine.logger.warn('migrations: unreadable file ignored', {
        file: this.#file,
        error: error instanceof Error ? error.message : String(error),
      });
    }
  }

  /** Lists both sides and answers what a migration would do; nothing is written. */
  async plan(request: MigrationRequest): Promise<MigrationPlan> {
    const { source, target, pairId } = this.#sides(request);
    const running = [...this.#running.values()].find((r) => r.pairId === pairId);
    // A running migration of this pair holds its baseline open: read that one, never a second writer.
    const baseline =
      running?.baseline ??
      (await PairBaseline.open(this.#engine.configDir, pairId, this.#engine.logger));
    try {
      const result = await syncBuckets(
        this.#engine,
        { source, target, filter: EVERYTHING },
        baseline,
        this.#options(request, { dryRun: true }),
      );
      return toMigrationPlan(result.plan);
    } finally {
      if (!running) await baseline.close();
    }
  }

  /** Starts a migration; answers at once, its progress follows as `migrations.progress` events. */
  async start(request: MigrationRequest): Promise<MigrationStatus> {
    const { source, target, pairId } = this.#sides(request);
    if ([...this.#running.values()].some((r) => r.pairId === pairId)) {
      throw FerryError.of('InvalidRequest', 'migration.running', {
        source: `s3://${source.bucket}/${source.prefix}`,
        target: `s3://${target.bucket}/${target.prefix}`,
      });
    }
    const baseline = await PairBaseline.open(this.#engine.configDir, pairId, this.#engine.logger);
    const status: MigrationStatus = {
      id: randomUUID(),
      request,
      state: 'planning',
      plan: null,
      done: { copies: 0, bytes: 0, deletes: 0, failed: 0 },
      failures: [],
      error: null,
      startedAt: this.#now(),
      finishedAt: null,
    };
    this.#all.unshift(status);
    this.#all = this.#all.slice(0, MAX_KEPT);
    const controller = new AbortController();
    const done = this.#run(status, { source, target }, baseline, controller.signal);
    this.#running.set(status.id, { pairId, controller, baseline, done });
    this.#emit(status, true);
    return structuredClone(status);
  }

  /** The migrations of this run and earlier ones (the last 50), newest first. */
  list(): MigrationStatus[] {
    return structuredClone(this.#all);
  }

  /** Stops a migration (a finished one is answered as it is); answers its status once it has stopped. */
  async cancel(id: string): Promise<MigrationStatus> {
    const running = this.#running.get(id);
    running?.controller.abort();
    await running?.done;
    const status = this.#all.find((m) => m.id === id);
    if (!status) throw FerryError.of('InvalidRequest', 'migration.notFound');
    return structuredClone(status);
  }

  /** Resolves once a migration has ended (tests, shutdown). */
  async whenDone(id: string): Promise<MigrationStatus | undefined> {
    await this.#running.get(id)?.done;
    return structuredClone(this.#all.find((m) => m.id === id));
  }

  /** Stops every migration and waits for their baselines to be closed and the list to be saved. */
  async stopAll(): Promise<void> {
    const running = [...this.#running.values()];
    for (const r of running) r.controller.abort();
    await Promise.all(running.map((r) => r.done));
    await this.#saving;
  }

  async #run(
    status: MigrationStatus,
    sides: { source: BucketSide; target: BucketSide },
    baseline: PairBaseline,
    signal: AbortSignal,
  ): Promise<void> {
    try {
      const options = this.#options(status.request, { dryRun: false, signal });
      options.onPlan = (plan) => {
        status.plan = toMigrationPlan(plan);
        status.state = 'copying';
        this.#emit(status, true);
      };
      options.onAction = (action, error) => {
        // A skip comes with its error (a key the target cannot hold): left behind, so a failure.
        if (error) {
          status.done.failed += 1;
          if (status.failures.length < MAX_FAILURES_KEPT) {
            status.failures.push({ key: action.key, error });
          }
        } else if (action.action === 'copy') {
          status.done.copies += 1;
          status.done.bytes += action.size ?? 0;
        } else if (action.action === 'delete') status.done.deletes += 1;
        this.#emit(status);
      };
      await syncBuckets(this.#engine, { ...sides, filter: EVERYTHING }, baseline, options);
    } catch (error) {
      if (!signal.aborted) {
        status.error = (error instanceof FerryError ? error : translateError(error)).toData();
      }
    } finally {
      status.state = endState(status, signal.aborted);
      status.finishedAt = this.#now();
      await baseline.close().catch((e: unknown) => {
        this.#engine.logger.warn('could not close a migration baseline', { error: String(e) });
      });
      this.#running.delete(status.id);
      this.#emit(status, true);
      this.#emittedAt.delete(status.id);
      // Saved before the end is answered: Ferry closed right after still lists it as it ended.
      await this.#saving;
    }
  }

  /** Both sides with their prefixes normalised, checked apart, and the pair's baseline id. */
  #sides(request: MigrationRequest): { source: BucketSide; target: BucketSide; pairId: string } {
    const side = (s: MigrationRequest['source']): BucketSide => {
      this.#engine.profiles.get(s.profileId);
      return { profileId: s.profileId, bucket: s.bucket, prefix: normalisePrefix(s.prefix) };
    };
    const source = side(request.source);
    const target = side(request.target);
    if (sidesOverlap(this.#engine, source, target)) {
      throw FerryError.of('InvalidRequest', 'migration.overlap', {
        source: `s3://${source.bucket}/${source.prefix}`,
        target: `s3://${target.bucket}/${target.prefix}`,
      });
    }
    return { source, target, pairId: bucketPairId(this.#engine, source, target) };
  }

  #options(request: MigrationRequest, run: { dryRun: boolean; signal?: AbortSignal }): PairOptions {
    // The caps every sync and watch starts with.
    const { maxDeletes, maxDeletePercent } = WatchOptions.parse({});
    return {
      ...run,
      mirror: request.mirror,
      confirmDeletes: request.confirmDeletes,
      maxDeletes,
      maxDeletePercent,
    };
  }

  #emit(status: MigrationStatus, always = false): void {
    const now = this.#engine.clock.now();
    if (always || now - this.#savedAt >= SAVE_INTERVAL_MS) void this.#save(now);
    if (!always && now - (this.#emittedAt.get(status.id) ?? 0) < PROGRESS_INTERVAL_MS) return;
    this.#emittedAt.set(status.id, now);
    this.#engine.events.emit('migrations.progress', structuredClone(status));
  }

  /** Writes the list as it is now, one write after another; a failed write is logged (the run goes on). */
  #save(now: number): Promise<void> {
    this.#savedAt = now;
    const text = `${JSON.stringify({ migrations: this.#all }, null, 2)}\n`;
    this.#saving = this.#saving
      .then(() => writeFileAtomic(this.#file, text))
      .catch((error: unknown) =>
        this.#engine.logger.warn('migrations: could not save the list', {
          file: this.#file,
          error: error instanceof Error ? error.message : String(error),
        }),
      );
    return this.#saving;
  }

  #now(): string {
    return new Date(this.#engine.clock.now()).toISOString();
  }
}

/**
 * How a migration ended: cancelled; failed (the run stopped, or an object did not go through); held back
 * (the rest went through, but the cap kept deletes back); else done.
 */
function endState(status: MigrationStatus, cancelled: boolean): MigrationState {
  if (cancelled) return 'cancelled';
  if (status.error || status.done.failed > 0) return 'failed';
  return (status.plan?.deletesHeldBack ?? 0) > 0 ? 'heldBack' : 'done';
}

/** The contract's plan: counts, and the first actions. */
export function toMigrationPlan(plan: PairPlan): MigrationPlan {
  const count = (kind: string) => plan.actions.filter((a) => a.action === kind).length;
  const sample: MigrationStep[] = [];
  let copyBytes = 0;
  for (const a of plan.actions) {
    if (a.action === 'copy') copyBytes += a.size ?? 0;
    const step = toStep(a);
    if (step && sample.length < SAMPLE_SIZE) sample.push(step);
  }
  return {
    copies: count('copy'),
    copyBytes,
    deletes: count('delete'),
    deletesHeldBack: plan.deletesHeldBack,
    unchanged: plan.unchanged,
    skips: count('skip'),
    sample,
  };
}

/** One action as the interface words it (a bucket → bucket plan has no downloads nor conflicts). */
function toStep(a: PairAction): MigrationStep | undefined {
  const object = { key: a.key, size: a.size };
  switch (a.action) {
    case 'copy':
      return { ...object, action: 'copy', reason: MigrationCopyReason.parse(a.reason) };
    case 'delete':
    case 'keep':
      return { ...object, action: a.action };
    case 'skip':
      // Every skip into a bucket carries its error (syncBuckets); one without would be a bug here.
      return {
        ...object,
        action: 'skip',
        error:
          a.error ??
          FerryError.of('Internal', 'internal.unexpected', { detail: a.reason }).toData(),
      };
    default:
      return undefined;
  }
}

/** The saved list; each record is checked on its own (see `load`). */
const SavedMigrations = z.object({ migrations: z.array(z.unknown()).max(MAX_KEPT) });
