import { randomBytes } from 'node:crypto';
import type { Transfer, TransferDirection } from '../../../src-shared/contract/transfers.js';
import { FerryError } from '../errors.js';
import type { DownloadSpec } from './download.js';
import type { TransferOutcome } from './types.js';
import type { UploadSpec } from './upload.js';

/**
 * A transfer whose bytes its caller moves (a download to a browser through `ferry serve`), or one that never
 * started (an unsafe key): the queue lists it, reports its progress and lets it be cancelled, but never runs it.
 */
export interface LiveSpec {
  profileId: string;
  bucket: string;
  key: string;
}

/** What a queued transfer does. */
export type Work =
  | { kind: 'upload'; spec: UploadSpec }
  | { kind: 'download'; spec: DownloadSpec }
  | { kind: 'live'; spec: LiveSpec };

/** What a caller holds after queueing: the id, and a promise that settles when the transfer ends. */
export interface TransferHandle {
  id: string;
  /** Resolves when done; rejects with a FerryError when it fails or is cancelled. */
  done: Promise<TransferOutcome>;
}

/** The queue's private record of one transfer. */
export interface Job {
  t: Transfer;
  work: Work;
  /** Known size before starting (from the listing or stat), to tell small files from big ones. */
  sizeHint: number | null;
  controller?: AbortController;
  /** Why the running attempt was stopped. */
  stop?: 'pause' | 'cancel';
  done: Promise<TransferOutcome>;
  resolve(outcome: TransferOutcome): void;
  reject(error: Error): void;
  settled: boolean;
  /** The last progress sample, for the speed. */
  sample: { at: number; bytes: number };
  external?: AbortSignal;
  /** The running attempt, settled when it has stopped. */
  run?: Promise<void>;
}

/** Creates the private record for a new transfer. */
export function newJob(t: Transfer, work: Work, sizeHint: number | null, now: number): Job {
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
    return { localPath: work.spec.file, source: name ?? work.spec.file, target: remote };
  if (work.kind === 'download')
    return { localPath: work.spec.file, source: remote, target: work.spec.file };
  return { localPath: '', source: name ?? spec.key, target: remote };
}

/** Random bytes for ids, drawn 128 ids at a time: one call per id cost 5 µs, a fifth of queueing a file. */
const ID_BYTES = 8;
let idPool = Buffer.alloc(0);
let idAt = 0;

function newId(): string {
  if (idAt + ID_BYTES > idPool.length) {
    idPool = randomBytes(ID_BYTES * 128);
    idAt = 0;
  }
  idAt += ID_BYTES;
  return idPool.toString('hex', idAt - ID_BYTES, idAt);
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
    id: newId(),
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
    ? new FerryError('Cancelled', 'Paused.', 'Resume it to continue.', { key: 'transfer.paused' })
    : new FerryError('Cancelled', 'Cancelled.', 'Start it again when you are ready.', {
        key: 'transfer.cancelledShort',
      });
}

/** What a cancelled transfer's handle rejects with. */
export function cancelledError(): FerryError {
  return new FerryError(
    'Cancelled',
    'The transfer was cancelled.',
    'Start it again when you are ready.',
    { key: 'transfer.cancelled' },
  );
}
