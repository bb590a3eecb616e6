import path from 'node:path';
import type { S3Client } from '@aws-sdk/client-s3';
import type { SyncAction, WatchRule } from '../../../src-shared/contract/index.js';
import type { FerryErrorData } from '../../../src-shared/errors.js';
import { FerryError } from '../errors.js';
import type { Clock, Logger } from '../logger.js';
import { copyOne } from '../objects/copy-object.js';
import { headOrNull } from '../objects/object-ops.js';
import type { IndexEntry, IndexStore } from './index-store.js';
import { MoveFinder, type MoveSource } from './moves.js';
import { retrying, skipAction } from './reasons.js';
import { keyFor, keyProblem } from './rules.js';
import type { LocalFile } from '../local/walk.js';
import { StabilityTracker } from './stability.js';
import type { WatchStatusBook } from './status.js';
import { LatestUploads, type UploadJob, type UploadOutcome } from './latest-uploads.js';
import type { SeenObject } from './two-way-plan.js';
import { RemoteChangedError, type UploadResult, type UploadSink } from './upload-sink.js';

/**
 * Files a watch holds at once between detection and the end of their upload (settling, queued, uploading).
 * The rest wait as bare paths: a first sync of 100,000 files would otherwise stat and open them all at once
 * (running out of file descriptors) and hold a tracker entry, a timer and a job for each.
 */
export const MAX_IN_HAND = 256;

/** What a watch needs from the engine, shared by the runner and its file pipeline. */
export interface WatchServices {
  index: IndexStore;
  sink: UploadSink;
  client: () => Promise<S3Client>;
  logger: Logger;
  clock: Clock;
  activity(action: SyncAction, error: FerryErrorData | null): void;
}

export interface PipelineDeps extends WatchServices {
  rule: () => WatchRule;
  book: WatchStatusBook;
  /** False while the watch is stopped: late outcomes are recorded, nothing new is started. */
  active(): boolean;
  /** The warning that outlives failures (the polling fallback), shown again once uploads work. */
  warning(): FerryErrorData | null;
  /** A failure that retrying will not fix: the runner stops the watch and says why. */
  halt(error: FerryError): void;
  /** The work in hand changed: the runner refreshes the status. */
  changed(): void;
  /**
   * True during a one-shot sync (`ferry sync`): a failed upload is reported, not retried until it works,
   * and a planned file that vanished says so.
   */
  oneShot(): boolean;
  /** Paths not to upload for now (a download is writing them; an open conflict holds them). */
  held(rel: string): boolean;
  /** An upload was dropped because the bucket no longer held what its pass saw: time for another pass. */
  raced(): void;
}

/**
 * The way of one file from detection to the bucket: the stability tracker waits for it to settle, the move
 * finder recognises a renamed file, the newest version goes to the transfer queue (or is copied server-side
 * from its old key), the index records it.
 */
export class FilePipeline {
  readonly #deps: PipelineDeps;
  #tracker: StabilityTracker;
  readonly #uploads: LatestUploads;
  readonly #moves: MoveFinder;
  /** Files whose names S3 cannot hold, already reported. */
  readonly #refused = new Set<string>();
  /** Files detected while MAX_IN_HAND were in hand, in the order they came: only their paths are kept. */
  readonly #backlog = new Set<string>();
  /**
   * Two-way uploads: the object each one's pass saw at its key (null for none). Checked when the upload
   * starts, so an edit made in the bucket since (from another machine) is never silently replaced.
   */
  readonly #seenRemotely = new Map<string, SeenObject | null>();

  constructor(deps: PipelineDeps) {
    this.#deps = deps;
    this.#tracker = this.#newTracker();
    this.#moves = new MoveFinder(() => deps.clock.now());
    this.#uploads = new LatestUploads({
      upload: (job) => this.#send(job),
      outcome: (o) => this.#onOutcome(o),
    });
  }

  /** Files handed to the transfer queue (queued there, uploading, or waiting out an outage). */
  get running(): number {
    return this.#uploads.size;
  }

  /** Files settling (or waiting for room to be taken in hand). */
  get pending(): number {
    return this.#tracker.pending + this.#backlog.size;
  }

  /** Files settling or on their way up: never more than MAX_IN_HAND. */
  get inHand(): number {
    return this.#tracker.pending + this.#uploads.size;
  }

  /** True while a file is in the pipeline's hands (waiting, settling or on its way up). */
  has(rel: string): boolean {
    return this.#backlog.has(rel) || this.#tracker.has(rel) || this.#uploads.has(rel);
  }

  /**
   * Something happened to a file: wait for it to settle, then upload it if it changed. A two-way pass says
   * what it saw in the bucket (`seen`): the upload is dropped if the bucket holds something else by then.
   */
  touch(rel: string, seen?: SeenObject | null): void {
    if (seen !== undefined) this.#seenRemotely.set(rel, seen);
    if (this.#tracker.has(rel)) return;
    if (this.#backlog.size === 0 && this.inHand < MAX_IN_HAND) this.#tracker.touch(rel);
    else this.#backlog.add(rel);
  }

  /**
   * A file is gone from the folder: stop tracking it, drop its upload, remember its object as the source of
   * a possible move. A folder gone takes its files with it (they send no events of their own).
   */
  removed(rel: string, isDirectory: boolean): void {
    const index = this.#deps.index;
    if (isDirectory) {
      const under = `${rel}/`;
      for (const [r, entry] of index.entries()) if (r.startsWith(under)) this.vanished(r, entry);
      return;
    }
    const known = index.get(rel);
    if (known) this.vanished(rel, known);
    this.#tracker.cancel(rel);
    this.#backlog.delete(rel);
    if (this.#uploads.cancel(rel)) {
      const key = keyFor(this.#deps.rule().prefix, rel);
      this.#deps.activity(skipAction(rel, key, 'deleted before it could be uploaded'), null);
    }
  }

  /** An uploaded file is no longer in the folder (seen by the watcher or by a reconciliation). */
  vanished(rel: string, entry: IndexEntry): void {
    this.#moves.vanished(rel, entry);
  }

  /**
   * Drops everything in hand (stop, halt, folder gone). With `leaveUploads` (Ferry quits), uploads on their
   * way are left to the transfer queue, which keeps their journal, instead of being cancelled.
   */
  reset(leaveUploads = false): void {
    this.#tracker.close();
    this.#tracker = this.#newTracker();
    if (leaveUploads) this.#uploads.abandon();
    else this.#uploads.clear();
    this.#moves.clear();
    this.#backlog.clear();
    this.#seenRemotely.clear();
  }

  /** Room was made: take waiting files in hand, oldest first, then tell the runner. */
  #changed(): void {
    for (const rel of this.#backlog) {
      if (this.inHand >= MAX_IN_HAND) break;
      this.#backlog.delete(rel);
      if (this.#deps.active()) this.#tracker.touch(rel);
    }
    this.#deps.changed();
  }

  #onStable(rel: string, file: LocalFile): void {
    const { index, rule } = this.#deps;
    const known = index.get(rel);
    // Already uploaded in exactly this version (a second event, or a reconciliation racing the watcher).
    if (known && known.size === file.size && known.mtimeMs === file.mtimeMs) {
      return this.#changed();
    }
    if (this.#deps.held(rel)) return this.#changed();
    const key = keyFor(rule().prefix, rel);
    const problem = keyProblem(key);
    if (problem) {
      // Reported once: the same file may be announced again (a raw event, then its new folder's listing).
      if (!this.#refused.has(rel)) {
        this.#refused.add(rel);
        this.#deps.book.counts.skipped++;
        this.#deps.activity(skipAction(rel, key, `name not allowed in S3: ${problem}`), null);
      }
      return this.#changed();
    }
    this.#uploads.add(rel, key, file, known ? undefined : this.#moves.take(file));
    this.#changed();
  }

  /**
   * Uploads a file through the transfer queue, or copies its object from where it was before a move
   * (uploading if that fails). A watch's upload outlives an outage there (`keepTrying`); a one-shot sync's
   * ends. A two-way upload checks the bucket before each attempt (see #unchanged).
   */
  async #send(job: UploadJob): Promise<UploadResult> {
    const { rule, sink } = this.#deps;
    const { bucket, folder, profileId } = rule();
    if (job.source && !job.signal.aborted) {
      const copied = await this.#copy(job, job.source).catch((error: unknown) => {
        if (job.signal.aborted) throw error;
        this.#deps.logger.info('watch: server-side copy failed, uploading instead', {
          from: job.source?.key,
          to: job.key,
          error: error instanceof Error ? error.message : String(error),
        });
        return undefined;
      });
      if (copied) return copied;
    }
    let raced = false;
    const before = async () => {
      if (await this.#unchanged(job)) return;
      raced = true;
      throw FerryError.of('PreconditionFailed', 'object.changed', { key: job.key });
    };
    try {
      return await sink.upload({
        profileId,
        bucket,
        key: job.key,
        file: path.join(folder, job.rel),
        expected: job.file,
        signal: job.signal,
        ...(this.#seenRemotely.has(job.rel) ? { before } : {}),
        ...(this.#deps.oneShot() ? {} : { keepTrying: (e: FerryError) => this.#retrying(e) }),
      });
    } catch (error) {
      if (raced) throw new RemoteChangedError(job.rel);
      throw error;
    }
  }

  /**
   * One HEAD: the object at the key is still what the pass saw. Every server answers it (conditional PUTs
   * are refused by some, and mis-compare ETags on others); what is left is the upload's own duration.
   */
  async #unchanged(job: UploadJob): Promise<boolean> {
    const seen = this.#seenRemotely.get(job.rel);
    const head = await headOrNull(await this.#deps.client(), this.#deps.rule().bucket, job.key);
    // Gone since is no edit to keep: the local change goes up (as the plan would have had it).
    if (!head) return true;
    return !!seen && sameObject(seen, head);
  }

  /** An upload waits out a failure that passes by itself (the server down): the watch says it is retrying. */
  #retrying(error: FerryError): void {
    this.#deps.book.counts.failed++;
    this.#deps.book.set({ state: 'error', reason: retrying(error) });
    this.#changed();
  }

  async #copy(job: UploadJob, source: MoveSource): Promise<UploadResult> {
    const { bucket } = this.#deps.rule();
    await copyOne(await this.#deps.client(), {
      from: { bucket, key: source.key },
      to: { bucket, key: job.key },
      size: job.file.size,
      // The object must still hold what was uploaded from the old path (no one replaced it meanwhile).
      ifMatch: source.etag ? `"${source.etag}"` : undefined,
      signal: job.signal,
    });
    return { etag: source.etag, copiedFrom: source.key };
  }

  #onOutcome(o: UploadOutcome): void {
    const { book, index, activity } = this.#deps;
    const counts = book.counts;
    if (o.kind !== 'changed' && o.kind !== 'halted') {
      this.#seenRemotely.delete(o.rel);
    }
    if (o.kind === 'uploaded') {
      index.set(o.rel, { ...o.file, etag: o.result.etag, key: o.key });
      counts.uploaded++;
      counts.indexed = index.size;
      if (book.status.state === 'error') book.set({ reason: this.#deps.warning() });
      const reason = o.result.copiedFrom ? `copied from ${o.result.copiedFrom}` : 'uploaded';
      activity({ action: 'upload', path: o.rel, key: o.key, size: o.file.size, reason }, null);
    } else if (o.kind === 'changed') {
      if (this.#deps.active()) this.#tracker.touch(o.rel);
    } else if (o.kind === 'raced') {
      activity(skipAction(o.rel, o.key, 'changed in the bucket meanwhile: not replaced'), null);
      this.#deps.raced();
    } else if (o.kind === 'gone') {
      activity(skipAction(o.rel, o.key, 'deleted before it could be uploaded'), null);
    } else if (o.kind === 'skipped') {
      counts.skipped++;
      activity(skipAction(o.rel, o.key, o.error.message), o.error.toData());
    } else if (o.kind === 'failed') {
      counts.failed++;
      activity(skipAction(o.rel, o.key, o.error.message), o.error.toData());
    } else {
      this.#deps.halt(o.error);
    }
    this.#changed();
  }

  #newTracker(): StabilityTracker {
    const { rule, clock } = this.#deps;
    return new StabilityTracker(
      rule().folder,
      rule().stabilityMs,
      {
        stable: (rel, file) => this.#onStable(rel, file),
        gone: (rel) => {
          if (this.#deps.oneShot()) {
            const key = keyFor(rule().prefix, rel);
            this.#deps.activity(skipAction(rel, key, 'deleted before it could be uploaded'), null);
          }
          this.#changed();
        },
        unreadable: (rel, code) => {
          this.#deps.book.counts.skipped++;
          const key = keyFor(rule().prefix, rel);
          this.#deps.activity(skipAction(rel, key, `cannot be read (${code})`), null);
          this.#changed();
        },
      },
      () => clock.now(),
    );
  }
}

/**
 * The object a HEAD answers is the one a listing showed: the same ETag, or (a server writing one ETag two
 * ways) the same size and the same second of last modification.
 */
function sameObject(
  seen: SeenObject,
  head: {
    ETag?: string | undefined;
    ContentLength?: number | undefined;
    LastModified?: Date | undefined;
  },
): boolean {
  const etag = (head.ETag ?? '').replaceAll('"', '').toLowerCase();
  if (etag && etag === seen.etag.toLowerCase()) return true;
  const second = (t: number) => Math.floor(t / 1000);
  return (
    head.ContentLength === seen.size &&
    !!head.LastModified &&
    !!seen.lastModified &&
    second(head.LastModified.getTime()) === second(Date.parse(seen.lastModified))
  );
}
