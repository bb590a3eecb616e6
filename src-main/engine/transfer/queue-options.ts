import type { Settings } from '../../../src-shared/contract/settings.js';
import type { ProfileStore } from '../connection/profiles.js';
import type { Clock, Logger } from '../logger.js';
import type { Job } from './job.js';
import type { ProgressBatcher } from './progress.js';
import { defaultRetry, type RetryPolicy } from './retry.js';
import type { LocalWriter } from './types.js';

export interface QueueOptions {
  profiles: ProfileStore;
  /** Read live: concurrency, part size and the bandwidth limit apply as soon as they change. */
  settings: () => Settings;
  /** Where the journal and history live (`<configDir>/transfers`). */
  dir: string;
  logger: Logger;
  clock: Clock;
  /** Forwards batched `transfers.changed` / `transfers.progress` events. */
  emit: ProgressBatcher['emit'];
  retry?: RetryPolicy;
  stallMs?: number;
  progressIntervalMs?: number;
  /** The file-system seam for downloads (tests inject a full disk here). */
  openWriter?: (file: string, fresh: boolean, synced?: boolean) => Promise<LocalWriter>;
}

/** Tries of one request in a job that keeps trying (see TransferQueue.enqueueUpload `keepTrying`). */
const KEEP_TRYING_ATTEMPTS = 3;

/**
 * The retry policy for one job: the queue's, with each retry logged. A job that keeps trying waits between
 * its attempts anyway, so its requests get a few tries only: its watch hears of an outage within seconds and
 * says it is retrying, instead of showing it as uploading through two minutes of retries.
 */
export function retryPolicyFor(job: Job, options: QueueOptions): RetryPolicy {
  const policy = options.retry ?? defaultRetry;
  return {
    ...policy,
    ...(job.keepTrying ? { attempts: Math.min(policy.attempts, KEEP_TRYING_ATTEMPTS) } : {}),
    context: { bucket: job.t.bucket, key: job.t.key },
    onRetry: (error, attempt) =>
      options.logger.warn('transfer: retrying', {
        id: job.t.id,
        key: job.t.key,
        code: error.code,
        attempt,
      }),
  };
}
