import type { SyncAction, SyncPlan, WatchRule } from '../../../src-shared/contract/index.js';
import type { IndexEntry } from './index-store.js';
import type { ListedObject, RemoteObject } from './remote.js';
import { keyFor, keyProblem, relFor, type PathFilter } from './rules.js';
import {
  compareKeys,
  unseen,
  type LocalEntry,
  type LocalFile,
  type WalkIssues,
} from '../local/walk.js';

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
  /** The first held-back deletes, for the user to see what they are. */
  heldBack: SyncAction[];
  skips: SyncAction[];
  unchanged: number;
}

export interface PlanInput {
  rule: Pick<WatchRule, 'deletePolicy' | 'maxDeletes' | 'maxDeletePercent'>;
  prefix: string;
  filter: PathFilter;
  /** The folder's files in key order (see walkFolder), and what the walk could not read. */
  local: AsyncIterable<LocalEntry>;
  issues: WalkIssues;
  /** The listing under the prefix, in key order. */
  remote: AsyncIterable<ListedObject>;
  index: { get(rel: string): IndexEntry | undefined; entries(): Iterable<[string, IndexEntry]> };
  confirmDeletes: boolean;
  /**
   * Asked about each upload as it is found: true when it needs no upload after all (the object already
   * holds the file: adopted). Uploads not adopted are added to the plan.
   */
  adopt?(upload: PlannedUpload): Promise<boolean>;
}

/**
 * Compares the folder, the index and the remote listing. A file whose size and mtime match the index, and
 * whose object is still listed, is unchanged: no request is made for it.
 *
 * Both sides arrive in key order and are merged as they come, so memory holds one listing page and one
 * folder at a time, not two copies of a 100,000-file tree. Listed objects with no local file so far wait in
 * a side table (usually empty: they are the objects a mirror would delete); a server that lists in another
 * order only makes that table bigger, never a file look unlisted.
 */
export async function reconcile(input: PlanInput): Promise<Reconciliation> {
  const { index, prefix, filter } = input;
  const out: Reconciliation = {
    uploads: [],
    forget: [],
    deletes: [],
    deletesHeldBack: 0,
    heldBack: [],
    skips: [],
    unchanged: 0,
  };
  const remote = input.remote[Symbol.asyncIterator]();
  /** Listed objects not (yet) matched by a local file, by key: those the watch owns. */
  const unmatched = new Map<string, ListedObject>();
  const seen = new Set<string>();
  let listed = 0;
  let next = await remote.next();
  const setAside = (o: ListedObject) => {
    listed++;
    const rel = relFor(prefix, o.key);
    if (rel !== undefined && filter.acceptsKey(rel)) unmatched.set(o.key, o);
  };

  for await (const { rel, file } of input.local) {
    seen.add(rel);
    const key = keyFor(prefix, rel);
    while (!next.done && compareKeys(next.value.key, key) < 0) {
      setAside(next.value);
      next = await remote.next();
    }
    let object: ListedObject | undefined;
    if (!next.done && next.value.key === key) {
      listed++;
      object = next.value;
      next = await remote.next();
    } else {
      object = unmatched.get(key);
      unmatched.delete(key);
    }
    await decide(input, out, rel, key, file, object);
  }
  for (; !next.done; next = await remote.next()) setAside(next.value);

  const { unreadable, skipped } = input.issues;
  out.skips.unshift(
    ...unreadable.map((dir) =>
      skip(dir, keyFor(prefix, dir), 'folder cannot be read: nothing in it is uploaded or deleted'),
    ),
    ...skipped.map((s) => skip(s.rel, keyFor(prefix, s.rel), s.reason)),
  );
  for (const [rel] of index.entries()) {
    if (!seen.has(rel) && !unseen(rel, input.issues)) out.forget.push(rel);
  }
  if (input.rule.deletePolicy === 'mirror') {
    planDeletes(input, out, unmatched, seen, listed);
  }
  return out;
}

/** What to do with one local file, given its index entry and its listed object. */
async function decide(
  input: PlanInput,
  out: Reconciliation,
  rel: string,
  key: string,
  file: LocalFile,
  listed: ListedObject | undefined,
): Promise<void> {
  const problem = keyProblem(key);
  if (problem) {
    out.skips.push(skip(rel, key, `name not allowed in S3: ${problem}`));
    return;
  }
  const known = input.index.get(rel);
  const same = known && known.size === file.size && known.mtimeMs === file.mtimeMs;
  if (same && listed) {
    out.unchanged++;
    return;
  }
  const reason = !known ? 'new' : same ? 'missing-remotely' : 'changed';
  const upload: PlannedUpload = { rel, key, file, reason };
  if (listed && listed.size === file.size) {
    upload.sameSizeRemote = { size: listed.size, etag: listed.etag };
    if (await input.adopt?.(upload)) {
      out.unchanged++;
      return;
    }
  }
  out.uploads.push(upload);
}

function planDeletes(
  input: PlanInput,
  out: Reconciliation,
  unmatched: Map<string, ListedObject>,
  local: Set<string>,
  listed: number,
): void {
  const { prefix, rule } = input;
  const candidates: Reconciliation['deletes'] = [];
  for (const [key, object] of unmatched) {
    const rel = relFor(prefix, key)!;
    // Only objects that map to a path this watch owns: excluded or unseen paths are not "deleted".
    if (local.has(rel) || unseen(rel, input.issues)) continue;
    candidates.push({ key, rel, size: object.size });
  }
  // An empty folder facing a full bucket is more likely an unmounted disk's mount point than a wish.
  if (holdDeletes(candidates.length, listed, local.size === 0, input.confirmDeletes, rule)) {
    out.deletesHeldBack = candidates.length;
    out.heldBack = heldBackSample(
      candidates.map((c) => ({ ...c, action: 'delete' as const, reason: 'deleted-locally' })),
    );
  } else out.deletes = candidates;
}

/** How many held-back deletes a plan names: enough to recognise them, never the whole list. */
export const HELD_BACK_SAMPLE = 5;

/** The first held-back deletes as actions (a plan names a few; the count says how many in all). */
export function heldBackSample(
  deletes: {
    rel: string;
    key: string;
    size: number;
    action: 'delete' | 'delete-local';
    reason: string;
  }[],
): SyncAction[] {
  return deletes.slice(0, HELD_BACK_SAMPLE).map((d) => ({
    action: d.action,
    path: d.rel,
    key: d.key,
    size: d.size,
    reason: d.reason,
  }));
}

/**
 * True when a run's deletes need confirmation: more than `maxDeletes` objects, or (beyond a handful, so small
 * folders stay usable) more than `maxDeletePercent` of the objects under the prefix.
 */
export function deleteCapExceeded(
  count: number,
  total: number,
  rule: Pick<WatchRule, 'maxDeletes' | 'maxDeletePercent'>,
): boolean {
  return count > rule.maxDeletes || (count > 10 && count > (total * rule.maxDeletePercent) / 100);
}

/** True when a run's deletes wait for the user: unconfirmed, and past the cap or following an empty side. */
export function holdDeletes(
  count: number,
  total: number,
  sourceEmpty: boolean,
  confirmed: boolean,
  caps: Pick<WatchRule, 'maxDeletes' | 'maxDeletePercent'>,
): boolean {
  return !confirmed && ((sourceEmpty && count > 0) || deleteCapExceeded(count, total, caps));
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
  return {
    actions,
    unchanged: r.unchanged,
    deletesHeldBack: r.deletesHeldBack,
    heldBack: r.heldBack,
  };
}
