import { randomUUID } from 'node:crypto';
import type { S3Client } from '@aws-sdk/client-s3';
import type { CopyJob, PasteAction, PasteConflict } from '../../../src-shared/contract/index.js';
import { listObjects } from '../browse/list.js';
import { translateError } from '../connection/translate.js';
import { FerryError } from '../errors.js';
import type { Clock } from '../logger.js';
import { copyOne } from './copy-object.js';
import { deleteBatch, DELETE_BATCH } from './delete.js';
import { headOrNull } from './object-ops.js';
import {
  conflictsOf,
  decide,
  freeTarget,
  makePlan,
  type ItemAction,
  type PastePlan,
} from './paste-plan.js';
import { runPool } from './pool.js';

export interface CopyJobsDeps {
  client(profileId: string): Promise<S3Client>;
  /** The endpoint to name in messages. */
  endpoint(profileId: string): string;
  clock: Clock;
  emit(job: CopyJob): void;
}

/** Objects copied at once within a job. */
const COPY_CONCURRENCY = 8;
/** Plans waiting for an answer; an abandoned prompt must not pile them up. */
const MAX_PLANS = 50;
/** Finished jobs kept for the Transfers screen. */
const MAX_JOBS = 200;
const MAX_FAILURES_KEPT = 100;
/** Progress events of one job at most this often. */
const PROGRESS_INTERVAL_MS = 200;

/** One object of a paste. */
interface CopyTask {
  from: { bucket: string; key: string };
  to: { bucket: string; key: string };
  size: number;
  etag: string | undefined;
}

const plainEtag = (etag: string | undefined) =>
  etag && !etag.includes('-') ? etag.replaceAll('"', '') : undefined;

/**
 * Pastes (copy or move) of objects and folders between folders and buckets of one connection, server-side,
 * as jobs with progress. A paste is planned first (refusals and conflicts), then started with the user's
 * answers. A move deletes each source only after its copy was checked.
 */
export class CopyJobs {
  readonly #deps: CopyJobsDeps;
  readonly #plans = new Map<string, PastePlan>();
  /** Newest first. */
  #jobs: CopyJob[] = [];
  readonly #running = new Map<string, { controller: AbortController; done: Promise<void> }>();
  readonly #emittedAt = new Map<string, number>();

  constructor(deps: CopyJobsDeps) {
    this.#deps = deps;
  }

  /** Checks a paste and keeps it for `start`. */
  async plan(request: {
    profileId: string;
    sources: { bucket: string; key: string }[];
    to: { bucket: string; prefix: string };
    move: boolean;
  }): Promise<{ planId: string; items: number; conflicts: PasteConflict[] }> {
    const client = await this.#deps.client(request.profileId);
    const plan = await makePlan(
      client,
      { ...request, id: randomUUID() },
      this.#deps.endpoint(request.profileId),
    );
    this.#plans.set(plan.id, plan);
    for (const id of this.#plans.keys()) {
      if (this.#plans.size <= MAX_PLANS) break;
      this.#plans.delete(id);
    }
    return { planId: plan.id, items: plan.items.length, conflicts: conflictsOf(plan) };
  }

  /** Starts a planned paste; answers at once with the job, whose progress follows as events. */
  async start(
    planId: string,
    actions: { index: number; action: PasteAction }[],
    otherwise: PasteAction,
  ): Promise<CopyJob> {
    const plan = this.#plans.get(planId);
    if (!plan) throw FerryError.of('InvalidRequest', 'copy.planGone');
    this.#plans.delete(planId);
    const client = await this.#deps.client(plan.profileId);
    const decisions = decide(plan, new Map(actions.map((a) => [a.index, a.action])), otherwise);
    const first = plan.items[0]!.source;
    const job: CopyJob = {
      id: randomUUID(),
      profileId: plan.profileId,
      move: plan.move,
      source:
        `s3://${first.bucket}/${first.key}` +
        (plan.items.length > 1 ? ` (+${plan.items.length - 1})` : ''),
      target: `s3://${plan.to.bucket}/${plan.to.prefix}`,
      state: 'running',
      objectsDone: 0,
      objectsTotal: 0,
      bytesDone: 0,
      bytesTotal: 0,
      listed: false,
      skipped: 0,
      deleted: 0,
      failures: [],
      failed: 0,
      createdAt: new Date(this.#deps.clock.now()).toISOString(),
      finishedAt: null,
    };
    this.#jobs.unshift(job);
    this.#jobs = this.#jobs.slice(0, MAX_JOBS);
    const controller = new AbortController();
    const done = this.#run(job, plan, decisions, client, controller.signal);
    this.#running.set(job.id, { controller, done });
    this.#emit(job, true);
    return structuredClone(job);
  }

  list(): CopyJob[] {
    return structuredClone(this.#jobs);
  }

  cancel(id: string): void {
    this.#running.get(id)?.controller.abort();
  }

  /** Forgets finished jobs. */
  clear(): void {
    this.#jobs = this.#jobs.filter((j) => j.state === 'running');
  }

  /** Resolves once a job has ended (tests, shutdown). */
  async whenDone(id: string): Promise<CopyJob | undefined> {
    await this.#running.get(id)?.done;
    return structuredClone(this.#jobs.find((j) => j.id === id));
  }

  cancelAll(): void {
    for (const { controller } of this.#running.values()) controller.abort();
  }

  async #run(
    job: CopyJob,
    plan: PastePlan,
    decisions: ItemAction[],
    client: S3Client,
    signal: AbortSignal,
  ): Promise<void> {
    const deletes = new Map<string, string[]>();
    try {
      for (const [index, item] of plan.items.entries()) {
        if (signal.aborted) break;
        const action = decisions[index]!;
        if (action === 'skip') {
          job.skipped += 1;
          continue;
        }
        const target =
          action === 'rename'
            ? await freeTarget(client, plan.to.bucket, item, plan.to.prefix)
            : item.target;
        if (target === null) {
          this.#fail(job, item.source.key, noFreeName(item.source.key));
          continue;
        }
        const tasks = item.isFolder
          ? this.#folderTasks(client, item.source, { bucket: plan.to.bucket, key: target }, signal)
          : oneTask({
              from: item.source,
              to: { bucket: plan.to.bucket, key: target },
              size: item.size,
              etag: item.etag,
            });
        for await (const page of tasks) {
          job.objectsTotal += page.length;
          for (const task of page) job.bytesTotal += task.size;
          this.#emit(job);
          await runPool(page.length, COPY_CONCURRENCY, (i) =>
            this.#copy(client, job, page[i]!, plan.move, deletes, signal),
          );
          await this.#flushDeletes(client, job, deletes, DELETE_BATCH);
        }
      }
      job.listed = !signal.aborted;
      // Even after a cancel: a source whose copy was checked goes, or a move would leave it twice.
      await this.#flushDeletes(client, job, deletes, 1);
    } catch (error) {
      if (!signal.aborted) this.#fail(job, '', translateError(error));
    } finally {
      job.state = signal.aborted ? 'cancelled' : job.failed > 0 ? 'failed' : 'done';
      job.finishedAt = new Date(this.#deps.clock.now()).toISOString();
      this.#running.delete(job.id);
      this.#emit(job, true);
      this.#emittedAt.delete(job.id);
    }
  }

  /** Every object under a source folder, page by page, mapped under the target folder. */
  async *#folderTasks(
    client: S3Client,
    from: { bucket: string; key: string },
    to: { bucket: string; key: string },
    signal: AbortSignal,
  ): AsyncGenerator<CopyTask[]> {
    for await (const page of listObjects(client, { bucket: from.bucket, prefix: from.key, signal }))
      yield page.map((o) => ({
        from: { bucket: from.bucket, key: o.key },
        to: { bucket: to.bucket, key: to.key + o.key.slice(from.key.length) },
        size: o.size,
        etag: o.etag ?? undefined,
      }));
  }

  /** Copies one object; for a move, checks the copy and queues the source for deletion. Never throws. */
  async #copy(
    client: S3Client,
    job: CopyJob,
    task: CopyTask,
    move: boolean,
    deletes: Map<string, string[]>,
    signal: AbortSignal,
  ): Promise<void> {
    if (signal.aborted) return;
    try {
      await copyOne(client, { ...task, ifMatch: task.etag, signal });
      if (move) {
        await verifyCopy(client, task);
        const keys = deletes.get(task.from.bucket) ?? [];
        keys.push(task.from.key);
        deletes.set(task.from.bucket, keys);
      }
      job.objectsDone += 1;
      job.bytesDone += task.size;
      this.#emit(job);
    } catch (error) {
      if (signal.aborted) return;
      this.#fail(job, task.from.key, translateError(error, task.from));
    }
  }

  async #flushDeletes(
    client: S3Client,
    job: CopyJob,
    deletes: Map<string, string[]>,
    atLeast: number,
  ): Promise<void> {
    for (const [bucket, keys] of deletes) {
      while (keys.length >= atLeast && keys.length > 0) {
        const batch = keys.splice(0, DELETE_BATCH);
        const out = await deleteBatch(
          client,
          bucket,
          batch.map((key) => ({ key })),
        );
        job.deleted += out.deleted;
        for (const f of out.failures) this.#fail(job, f.key, FerryError.fromData(f.error));
      }
    }
  }

  #fail(job: CopyJob, key: string, error: FerryError): void {
    job.failed += 1;
    if (job.failures.length < MAX_FAILURES_KEPT) job.failures.push({ key, error: error.toData() });
    this.#emit(job, true);
  }

  #emit(job: CopyJob, force = false): void {
    const now = this.#deps.clock.now();
    const last = this.#emittedAt.get(job.id) ?? -Infinity;
    if (!force && now - last < PROGRESS_INTERVAL_MS) return;
    this.#emittedAt.set(job.id, now);
    this.#deps.emit(structuredClone(job));
  }
}

async function* oneTask(task: CopyTask): AsyncGenerator<CopyTask[]> {
  yield [task];
}

/** A move deletes its source only when the copy has the source's size (and MD5 ETag, where both have one). */
async function verifyCopy(client: S3Client, task: CopyTask): Promise<void> {
  const head = await headOrNull(client, task.to.bucket, task.to.key);
  const source = plainEtag(task.etag);
  const copy = plainEtag(head?.ETag);
  if (head && head.ContentLength === task.size && (!source || !copy || source === copy)) return;
  throw FerryError.of('UnexpectedResponse', 'copy.notVerified', { key: task.from.key });
}

function noFreeName(key: string): FerryError {
  return FerryError.of('ObjectExists', 'copy.noFreeName', { key });
}
