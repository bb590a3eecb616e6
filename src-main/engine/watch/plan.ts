import type { SyncAction, SyncPlan, WatchRule } from '../../../src-shared/contract/index.js';
import type { IndexEntry } from './index-store.js';
import type { RemoteObject } from './remote.js';
import { keyFor, keyProblem, relFor, type PathFilter } from './rules.js';
import type { FolderScan, LocalFile } from './scan.js';

/** An upload the plan asks for. */
export interface PlannedUpload {
  rel: string;
  key: string;
  file: LocalFile;
  reason: 'new' | 'changed' | 'missing-remotely';
  /** The remote copy has the same size: if its ETag is the file's MD5, adopt it instead of uploading. */
  sameSizeRemote?: RemoteObject;
}

/** The full outcome of comparing folder, index and bucket. */
export interface Reconciliation {
  uploads: PlannedUpload[];
  /** Index entries to drop: the local file is gone (kept remotely unless mirrored). */
  forget: string[];
  /** Remote keys to delete (mirror policy, within the cap or confirmed). */
  deletes: { key: string; rel: string; size: number }[];
  deletesHeldBack: number;
  skips: SyncAction[];
  unchanged: number;
}

export interface PlanInput {
  rule: Pick<WatchRule, 'deletePolicy' | 'maxDeletes' | 'maxDeletePercent'>;
  prefix: string;
  filter: PathFilter;
  scan: FolderScan;
  index: { get(rel: string): IndexEntry | undefined; entries(): Iterable<[string, IndexEntry]> };
  remote: Map<string, RemoteObject>;
  confirmDeletes: boolean;
}

/** True when rel lies under one of the folders the scan could not read. */
function underUnreadable(rel: string, unreadable: string[]): boolean {
  return unreadable.some((dir) => dir === '' || rel === dir || rel.startsWith(`${dir}/`));
}

/**
 * Compares the folder, the index and the remote listing. A file whose size and mtime match the index, and
 * whose object is still listed, is unchanged: no request is made for it.
 */
export function reconcile(input: PlanInput): Reconciliation {
  const { scan, index, remote, prefix } = input;
  const out: Reconciliation = {
    uploads: [],
    forget: [],
    deletes: [],
    deletesHeldBack: 0,
    skips: scan.skipped.map((s) => skip(s.rel, keyFor(prefix, s.rel), s.reason)),
    unchanged: 0,
  };
  for (const [rel, file] of scan.files) {
    const key = keyFor(prefix, rel);
    const problem = keyProblem(key);
    if (problem) {
      out.skips.push(skip(rel, key, `name not allowed in S3: ${problem}`));
      continue;
    }
    const known = index.get(rel);
    const listed = remote.get(key);
    const same = known && known.size === file.size && known.mtimeMs === file.mtimeMs;
    if (same && listed) {
      out.unchanged++;
      continue;
    }
    const reason = !known ? 'new' : same ? 'missing-remotely' : 'changed';
    const upload: PlannedUpload = { rel, key, file, reason };
    if (listed && listed.size === file.size) upload.sameSizeRemote = listed;
    out.uploads.push(upload);
  }
  for (const [rel] of index.entries()) {
    if (!scan.files.has(rel) && !underUnreadable(rel, scan.unreadable)) out.forget.push(rel);
  }
  if (input.rule.deletePolicy === 'mirror') planDeletes(input, out);
  return out;
}

function planDeletes(input: PlanInput, out: Reconciliation): void {
  const { scan, remote, prefix, filter, rule } = input;
  const candidates: Reconciliation['deletes'] = [];
  for (const [key, object] of remote) {
    const rel = relFor(prefix, key);
    // Only objects that map to a path this watch owns: excluded or unreadable paths are not "deleted".
    if (rel === undefined || scan.files.has(rel) || !filter.accepts(rel, false)) continue;
    if (underUnreadable(rel, scan.unreadable)) continue;
    candidates.push({ key, rel, size: object.size });
  }
  const cap = Math.min(rule.maxDeletes, Math.floor((remote.size * rule.maxDeletePercent) / 100));
  if (candidates.length > cap && !input.confirmDeletes) out.deletesHeldBack = candidates.length;
  else out.deletes = candidates;
}

function skip(rel: string, key: string, reason: string): SyncAction {
  return { action: 'skip', path: rel, key, size: null, reason };
}

/** The contract's view of a reconciliation (what `--dry-run` prints). */
export function toSyncPlan(r: Reconciliation): SyncPlan {
  const actions: SyncAction[] = [
    ...r.uploads.map((u) => ({
      action: 'upload' as const,
      path: u.rel,
      key: u.key,
      size: u.file.size,
      reason: u.reason,
    })),
    ...r.deletes.map((d) => ({
      action: 'delete' as const,
      path: d.rel,
      key: d.key,
      size: d.size,
      reason: 'deleted-locally',
    })),
    ...r.skips,
  ];
  return { actions, unchanged: r.unchanged, deletesHeldBack: r.deletesHeldBack };
}
