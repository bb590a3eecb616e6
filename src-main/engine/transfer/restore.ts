import type { ProfileStore } from '../connection/profiles.js';
import type { TransferDirection } from '../../../src-shared/contract/transfers.js';
import type { Job } from './job.js';
import type { TransferQueue } from './queue.js';
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
  const active = new Set(queue.list().map((t) => `${t.direction}:${t.key}:${t.localPath}`));
  const ids: string[] = [];
  for (const [, e] of journal.entries()) {
    if (e.kind === 'chunk' || !known.has(e.profileId) || !keep(e.file)) continue;
    const where = { profileId: e.profileId, bucket: e.bucket, key: e.key, file: e.file };
    if (e.kind === 'upload' && !active.has(`upload:${e.key}:${e.file}`)) {
      const type = e.contentType ? { contentType: e.contentType } : {};
      ids.push(queue.enqueueUpload({ ...where, ...type, size: e.size }).id);
    } else if (e.kind === 'download' && !active.has(`download:${e.key}:${e.file}`)) {
      ids.push(queue.enqueueDownload({ ...where, conflict: 'keep-both', size: e.size }).id);
    }
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
  direction: TransferDirection,
  s: { profileId: string; bucket: string; key: string; file: string },
): Job | undefined {
  for (const id of restored) {
    const job = jobs.get(id);
    if (!job || !['queued', 'running', 'paused'].includes(job.t.state)) {
      restored.delete(id);
      continue;
    }
    const w = job.work;
    if (w.kind === 'live' || job.t.direction !== direction) continue;
    const o = w.spec;
    if (
      o.profileId === s.profileId &&
      o.bucket === s.bucket &&
      o.key === s.key &&
      o.file === s.file
    )
      return job;
  }
  return undefined;
}
