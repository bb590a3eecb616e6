import { randomBytes } from 'node:crypto';
import {
  isFinalState,
  type Transfer,
  type TransferDirection,
  type TransferNoteKey,
  type TransferState,
} from '../../../src-shared/contract/transfers.js';
import type { FerryErrorData } from '../../../src-shared/errors.js';
import { FerryError } from '../errors.js';
import type { DownloadSpec } from './download.js';
import type { TransferOutcome } from './types.js';
import type { UploadSpec } from './upload.js';

/** What a queued transfer does. */
export type Work = { kind: 'upload'; spec: UploadSpec } | { kind: 'download'; spec: DownloadSpec };

/** What a caller holds after queueing: the id, and a promise that settles when the transfer ends. */
export interface TransferHandle {
  id: string;
  /** Resolves when done; rejects with a FerryError when it fails or is cancelled. */
  done: Promise<TransferOutcome>;
}

/** The queue's private record of one transfer. */
export interface Job {
  t: Transfer;
  /**
   * What the queue runs; null for a transfer it only lists: one whose caller moves the bytes (a download to a
   * browser) or one refused before it could start (an unsafe key).
   */
  work: Work | null;
  /** Known size before starting (from the listing or stat), to tell small files from big ones. */
  sizeHint: number | null;
  controller?: AbortController;
  /** Why the running attempt was stopped ('withdraw': taken back unasked, see `TransferQueue.withdraw`). */
  stop?: 'pause' | 'cancel' | 'withdraw';
  done: Promise<TransferOutcome>;
  resolve(outcome: TransferOutcome): void;
  reject(error: Error): void;
  settled: boolean;
  /** The last progress sample, for the speed. */
  sample: { at: number; bytes: number };
  external?: AbortSignal;
  /** A failure is told only once this settles: its caller may take the transfer back meanwhile. */
  failureWaits?: Promise<void>;
  /** The running attempt, settled when it has stopped. */
  run?: Promise<void>;
  /**
   * Set for a transfer that outlives transient failures (a watched folder's upload through an outage): told
   * each time one ends an attempt, after which the job waits, queued and holding no slot, and is tried again.
   */
  keepTrying?: (error: FerryError) => void;
  /** Runs at the start of every attempt of an upload (see TransferQueue.enqueueUpload). */
  before?: (signal: AbortSignal) => Promise<void>;
  /** Attempts ended by a transient failure so far (for the wait before the next). */
  waits: number;
  /** The wait before the next attempt, while there is one. */
  waitTimer?: NodeJS.Timeout;
}

/** Creates the private record for a new transfer. */
export function newJob(t: Transfer, work: Work | null, sizeHint: number | null, now: number): Job {
  let resolve!: (o: TransferOutcome) => void;
  let reject!: (e: Error) => void;
  const done = new Promise<TransferOutcome>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  // Callers that never await a handle must not cause an unhandled rejection.
  done.catch(() => {});
  const job: Job = {
    t,
    work,
    sizeHint,
    done,
    settled: false,
    waits: 0,
    sample: { at: now, bytes: 0 },
    resolve: (o) => {
      if (!job.settled) resolve(o);
      job.settled = true;
    },
    reject: (e) => {
      if (!job.settled) reject(e);
      job.settled = true;
    },
  };
  return job;
}

/** Where a transfer's bytes come from and go, as the list shows them. */
export function placesOf(
  work: Work,
  name?: string,
): {
  localPath: string;
  source: string;
  target: string;
} {
  const { spec } = work;
  const remote = `s3://${spec.bucket}/${spec.key}`;
  if (work.kind === 'upload')
    return { localPath: spec.file, source: name ?? spec.file, target: remote };
  return { localPath: spec.file, source: remote, target: spec.file };
}

/** The public record of a new, queued transfer. */
export function newTransfer(
  direction: TransferDirection,
  where: { profileId: string; bucket: string; key: string },
  places: { localPath: string; source: string; target: string },
  sizeHint: number | null,
  now: number,
): Transfer {
  return {
    id: randomBytes(8).toString('hex'),
    direction,
    profileId: where.profileId,
    bucket: where.bucket,
    key: where.key,
    ...places,
    state: 'queued',
    bytesDone: 0,
    bytesTotal: sizeHint,
    speed: 0,
    etaSeconds: null,
    error: null,
    resumed: false,
    note: null,
    noteKey: null,
    etag: null,
    createdAt: new Date(now).toISOString(),
    finishedAt: null,
  };
}

/** Why a running attempt stops when the user pauses it or cancels it. */
export function stopReason(stop: 'pause' | 'cancel'): FerryError {
  return stop === 'pause'
    ? FerryError.of('Cancelled', 'transfer.paused')
    : FerryError.of('Cancelled', 'transfer.cancelledShort');
}

/** What a cancelled transfer's handle rejects with. */
export function cancelledError(): FerryError {
  return FerryError.of('Cancelled', 'transfer.cancelled');
}

/** The states a transfer may move to from each state; any other move is a bug in the queue. */
const NEXT: Record<TransferState, readonly TransferState[]> = {
  queued: ['running', 'paused', 'cancelled', 'failed'],
  running: ['done', 'failed', 'cancelled', 'paused', 'queued'],
  paused: ['queued', 'cancelled'],
  failed: ['queued'],
  cancelled: ['queued'],
  done: [],
};

/** Something that happened to a transfer: every change to its public record is one of these. */
export type JobEvent =
  /** Resumed after a pause, or queued again after it failed or was cancelled (it starts from zero). */
  | { type: 'queue' }
  | { type: 'start'; now: number }
  | { type: 'pause' }
  /** A transient failure ended the attempt of a job that keeps trying: queued again, the error shown. */
  | { type: 'wait'; error: FerryErrorData }
  | {
      type: 'end';
      state: 'done' | 'failed' | 'cancelled';
      now: number;
      error?: FerryErrorData | null;
      outcome?: TransferOutcome;
    }
  /** Bytes moved (or, after a failed try, taken back). */
  | { type: 'progress'; delta: number }
  | { type: 'total'; bytes: number }
  /** The transfer starts over from its first byte. */
  | { type: 'restart' }
  /** The running attempt's progress starts from zero (it counts what the journal already holds). */
  | { type: 'attempt' }
  | { type: 'resumed'; bytes: number }
  | { type: 'note'; note: TransferNoteKey & { text: string } }
  /** The progress timer: the speed and time left, from the bytes moved since the last tick. */
  | { type: 'tick'; now: number };

/**
 * The one transition function: applies `event` to the job's public record. A state change the model does
 * not have (see NEXT) throws, so a queue bug cannot leave a transfer in a state no face expects.
 */
export function apply(job: Job, event: JobEvent): void {
  const t = job.t;
  const move = (to: TransferState) => {
    if (!NEXT[t.state].includes(to))
      throw new Error(`transfer ${t.id} cannot go from ${t.state} to ${to}`);
    t.state = to;
  };
  switch (event.type) {
    case 'queue':
      if (isFinalState(t.state)) {
        t.error = null;
        t.finishedAt = null;
        t.bytesDone = 0;
      }
      move('queued');
      return;
    case 'start':
      move('running');
      job.stop = undefined;
      t.error = null;
      job.sample = { at: event.now, bytes: t.bytesDone };
      return;
    case 'wait':
      move('queued');
      t.error = event.error;
      t.speed = 0;
      t.etaSeconds = null;
      return;
    case 'pause':
      move('paused');
      t.speed = 0;
      t.etaSeconds = null;
      return;
    case 'end': {
      move(event.state);
      const { outcome } = event;
      if (outcome) {
        t.etag = outcome.etag;
        t.localPath = outcome.file || t.localPath;
        if (t.direction === 'download' && job.work) t.target = outcome.file;
      }
      t.error = event.error ?? null;
      t.speed = 0;
      t.etaSeconds = null;
      t.finishedAt = new Date(event.now).toISOString();
      if (event.state === 'done' && t.bytesTotal === null) t.bytesTotal = t.bytesDone;
      return;
    }
    case 'progress':
      t.bytesDone = Math.max(0, t.bytesDone + event.delta);
      return;
    case 'total':
      t.bytesTotal = event.bytes;
      return;
    case 'restart':
      t.bytesDone = 0;
      job.sample = { at: job.sample.at, bytes: 0 };
      return;
    case 'attempt':
      t.bytesDone = 0;
      return;
    case 'resumed':
      t.resumed = true;
      t.resumedBytes = event.bytes;
      return;
    case 'note':
      t.note = event.note.text;
      t.noteKey = { key: event.note.key, params: event.note.params };
      return;
    case 'tick': {
      const dt = (event.now - job.sample.at) / 1000;
      if (dt <= 0) return;
      const rate = Math.max(0, (t.bytesDone - job.sample.bytes) / dt);
      // Smoothed, so the number a user reads does not jump with every part.
      t.speed = t.speed === 0 ? rate : t.speed * 0.7 + rate * 0.3;
      job.sample = { at: event.now, bytes: t.bytesDone };
      const left = t.bytesTotal === null ? null : t.bytesTotal - t.bytesDone;
      t.etaSeconds = left !== null && t.speed > 0 ? Math.round(left / t.speed) : null;
      return;
    }
  }
}
