import type { ProfileStore } from '../connection/profiles.js';
import {
  identityKey,
  identityOf,
  jobIdentity,
  sameTransfer,
  type TransferIdentity,
} from './identity.js';
import type { Job } from './job.js';
import type { TransferQueue } from './queue.js';
import type { Spool } from './spool.js';
import type { TransferJournal } from './types.js';

/**
 * Queues again every transfer the journal holds that is not already in the queue; each continues from its
 * finished parts. Entries whose profile no longer exists are left for later.
 */
export function restorePending(
  queue: TransferQueue,
  journal: TransferJournal,
  profiles: ProfileStore,
  keep: (file: string) => boolean = () => true,
): string[] {
  const known = new Set(profiles.list().map((p) => p.id));
  const listed = new Set(queue.identities().map(identityKey));
  const ids: string[] = [];
  for (const [, e] of journal.entries()) {
    if (e.kind === 'chunk' || !known.has(e.profileId) || !keep(e.file)) continue;
    if (listed.has(identityKey(identityOf(e.kind, e)))) continue;
    const where = { profileId: e.profileId, bucket: e.bucket, key: e.key, file: e.file };
    if (e.kind === 'upload') {
      const type = e.contentType ? { contentType: e.contentType } : {};
      ids.push(queue.enqueueUpload({ ...where, ...type, size: e.size }).id);
    } else {
      ids.push(queue.enqueueDownload({ ...where, conflict: 'keep-both', size: e.size }).id);
    }
  }
  return ids;
}

/**
 * Queues again the browser files an earlier run left in the spool; each continues from the journal when it
 * had begun a multipart upload. Files whose profile no longer exists are left for later.
 */
export async function restoreSpooled(
  queue: TransferQueue,
  spool: Spool,
  profiles: ProfileStore,
): Promise<string[]> {
  const ids: string[] = [];
  for (const s of await spool.restore()) {
    if (!profiles.list().some((p) => p.id === s.profileId)) continue;
    const { name, size, ...spec } = s;
    ids.push(queue.enqueueUpload({ ...spec, size, name }).id);
  }
  return ids;
}

/**
 * The restored job that already does this transfer, if any: asking for it again joins that job, since two
 * jobs on one journal entry would fetch the same ranges twice and race for the same partial file. Restored
 * jobs that have ended are forgotten on the way.
 */
export function restoredTwin(
  restored: Set<string>,
  jobs: ReadonlyMap<string, Job>,
  wanted: TransferIdentity,
): Job | undefined {
  for (const id of restored) {
    const job = jobs.get(id);
    if (!job || !['queued', 'running', 'paused'].includes(job.t.state)) {
      restored.delete(id);
      continue;
    }
    const mine = jobIdentity(job);
    if (mine && sameTransfer(mine, wanted)) return job;
  }
  return undefined;
}
