import type { ProfileStore } from '../connection/profiles.js';
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
): string[] {
  const known = new Set(profiles.list().map((p) => p.id));
  const active = new Set(queue.list().map((t) => `${t.direction}:${t.key}:${t.localPath}`));
  const ids: string[] = [];
  for (const [, e] of journal.entries()) {
    if (e.kind === 'chunk' || !known.has(e.profileId)) continue;
    const where = { profileId: e.profileId, bucket: e.bucket, key: e.key, file: e.file };
    if (e.kind === 'upload' && !active.has(`upload:${e.key}:${e.file}`)) {
      ids.push(queue.enqueueUpload({ ...where, size: e.size }).id);
    } else if (e.kind === 'download' && !active.has(`download:${e.key}:${e.file}`)) {
      ids.push(queue.enqueueDownload({ ...where, conflict: 'keep-both', size: e.size }).id);
    }
  }
  return ids;
}
