import type { FerryErrorData } from '../../../src-shared/errors.js';
import { translateError } from '../connection/translate.js';
import { apply, cancelledError, type Job } from './job.js';
import type { RunnerDeps } from './runner.js';

/** What the caller of `TransferQueue.track` holds: it moves the bytes and reports them. */
export interface LiveTransfer {
  id: string;
  /** Aborts when the user cancels the transfer (or Ferry shuts down). */
  signal: AbortSignal;
  /** Waits until `bytes` may move under the bandwidth limit. */
  take(bytes: number): Promise<void>;
  progress(delta: number): void;
  setTotal(bytes: number): void;
  /** Ends the transfer: done without an error, else failed (or cancelled, when the user cancelled it). */
  end(error?: unknown): void;
}

/** What the queue lends a live transfer: what it lends a running job, and how a transfer ends. */
export interface LiveDeps extends Pick<RunnerDeps, 'throttle' | 'onProgress' | 'onChange'> {
  /** Ends the job in the list and the history; called once, before its caller's promise settles. */
  finish(job: Job, state: 'done' | 'failed' | 'cancelled', error: FerryErrorData | null): void;
}

/**
 * The handle for a started job whose caller moves the bytes: its reports become the job's events, as
 * `contextFor` (runner.ts) does for a job the queue runs. `signal` is the job's own, aborted by a cancel.
 */
export function liveTransfer(
  job: Job,
  signal: AbortSignal,
  where: { profileId: string; bucket: string; key: string },
  deps: LiveDeps,
): LiveTransfer {
  let ended = false;
  return {
    id: job.t.id,
    signal,
    take: (bytes) => deps.throttle.take(bytes, signal),
    progress: (delta) => {
      apply(job, { type: 'progress', delta });
      deps.onProgress(job);
    },
    setTotal: (bytes) => {
      apply(job, { type: 'total', bytes });
      deps.onChange(job);
    },
    end: (error) => {
      // Only the first end counts: a second would end a finished job again.
      if (ended) return;
      ended = true;
      job.controller = undefined;
      if (error === undefined) {
        deps.finish(job, 'done', null);
        job.resolve({ ...where, file: '', size: job.t.bytesDone, etag: '', md5: null });
      } else if (job.stop === 'cancel') {
        deps.finish(job, 'cancelled', null);
        job.reject(cancelledError());
      } else {
        const failure = translateError(error, where);
        deps.finish(job, 'failed', failure.toData());
        job.reject(failure);
      }
    },
  };
}
