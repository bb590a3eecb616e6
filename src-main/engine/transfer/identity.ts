/**
 * What makes two transfers the same transfer: the same direction between the same local file and the same key
 * of the same bucket, through the same profile. The queue (restored jobs joined, not doubled), the journal (an
 * interrupted upload or download found again) and restore (what is already queued) all ask it here, so none
 * of them can forget a field.
 */
import type { TransferDirection } from '../../../src-shared/contract/transfers.js';
import type { Job } from './job.js';
import type { DownloadEntry, TransferJournal, UploadEntry } from './types.js';

/** A transfer's identity. `file` is the local file: the source of an upload, the path asked for by a download. */
export interface TransferIdentity {
  direction: TransferDirection;
  profileId: string;
  bucket: string;
  key: string;
  file: string;
}

/** The identity of a transfer in `direction` described by `spec` (an upload or download spec, or journal entry). */
export function identityOf(
  direction: TransferDirection,
  spec: { profileId: string; bucket: string; key: string; file: string },
): TransferIdentity {
  return {
    direction,
    profileId: spec.profileId,
    bucket: spec.bucket,
    key: spec.key,
    file: spec.file,
  };
}

/** A queued job's identity; one the queue only lists (its caller moves the bytes) has none: it is never restored. */
export function jobIdentity(job: Job): TransferIdentity | undefined {
  return job.work ? identityOf(job.t.direction, job.work.spec) : undefined;
}

/** A string that is equal for two identities exactly when they are the same transfer (for sets and maps). */
export function identityKey(id: TransferIdentity): string {
  // NUL cannot occur in a path, a key Ferry sends, a bucket name or a profile id: fields cannot run together.
  return [id.direction, id.profileId, id.bucket, id.key, id.file].join('\0');
}

/** True when `a` and `b` are the same transfer. */
export function sameTransfer(a: TransferIdentity, b: TransferIdentity): boolean {
  return identityKey(a) === identityKey(b);
}

/** The journal's entry for the transfer in `direction` that `spec` describes, if an earlier run left one. */
export function findJournaled<D extends TransferDirection>(
  journal: TransferJournal,
  direction: D,
  spec: { profileId: string; bucket: string; key: string; file: string },
): [string, { upload: UploadEntry; download: DownloadEntry }[D]] | undefined {
  const wanted = identityKey(identityOf(direction, spec));
  for (const [id, entry] of journal.entries()) {
    if (entry.kind === direction && identityKey(identityOf(entry.kind, entry)) === wanted)
      return [id, entry as { upload: UploadEntry; download: DownloadEntry }[D]];
  }
  return undefined;
}
