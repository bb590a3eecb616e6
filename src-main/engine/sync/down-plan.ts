import type { ListedObject } from '../watch/remote.js';
import type { LocalFile } from '../local/walk.js';
import type { FolderBase } from './baseline.js';
import { emptyReconciliation, settleDeletes, toPlan } from './pair-plan.js';
import type { OneWayPlanInput, OneWayReconciliation } from './pair-plan.js';
import type { PairAction, PairPlan } from './types.js';

/** A download (or a conflict's remote copy) the plan asks for. */
export interface PlannedDownload {
  rel: string;
  key: string;
  size: number;
  etag: string;
  reason: 'new' | 'changed' | 'missing-locally' | 'changed on both sides';
  /** The local file as planned: a download replaces it only if it is still exactly this. */
  local?: LocalFile;
}

/** The outcome of comparing a bucket prefix, a folder and the pair's baseline. */
export interface DownReconciliation extends OneWayReconciliation<
  FolderBase,
  { rel: string; size: number }
> {
  downloads: PlannedDownload[];
  conflicts: PlannedDownload[];
}

export interface DownPlanInput extends OneWayPlanInput {
  /** The listing by relative path (keys that map to no safe path are in `skips` already). */
  remote: Map<string, ListedObject>;
  local: Map<string, LocalFile>;
  baseline: { folder(rel: string): FolderBase | undefined; rels(): string[] };
  /**
   * True when the local file holds exactly the object (its MD5 or, for a multipart ETag, its parts' ETag
   * for a common part size); asked only at equal sizes.
   */
  sameContent(rel: string, object: ListedObject): Promise<boolean>;
}

/** The baseline matches the local file: it is the copy the last sync left, untouched since. */
export function untouched(base: FolderBase | undefined, file: LocalFile): boolean {
  return (
    !!base &&
    !base.own &&
    base.size === file.size &&
    base.mtimeMs === file.mtimeMs &&
    (base.ino === undefined || file.ino === undefined || base.ino === file.ino)
  );
}

/**
 * Decides, path by path, what a bucket → folder sync does. The object changed when its size or ETag differs
 * from the baseline's (an ETag is only ever compared with an ETag: a multipart one is no MD5); the local file
 * changed when its size, mtime or inode differs. A local change is never overwritten: if the object changed
 * too, both are kept. Local deletes need `mirror`, touch only files this sync wrote and nobody changed since,
 * and are held back past the cap (or when the prefix lists nothing at all).
 */
export async function planDown(input: DownPlanInput): Promise<DownReconciliation> {
  const out: DownReconciliation = {
    downloads: [],
    conflicts: [],
    ...emptyReconciliation(input.skips),
  };
  for (const [rel, object] of input.remote) await decide(input, out, rel, object);
  // A skipped object is still in the bucket: its local file is not "deleted in the bucket".
  const listedButSkipped = new Set(input.skips.map((s) => s.rel));
  const gone: DownReconciliation['deletes'] = [];
  for (const [rel, file] of input.local) {
    if (input.remote.has(rel) || listedButSkipped.has(rel)) continue;
    const base = input.baseline.folder(rel);
    // A file this sync never wrote is the user's: no delete touches it.
    if (!base) continue;
    if (!untouched(base, file)) {
      out.keeps.push(keep(rel, file.size, 'deleted in the bucket, but changed here: kept'));
    } else if (!input.mirror) {
      out.keeps.push(
        keep(rel, file.size, 'deleted in the bucket (add --delete to delete it here)'),
      );
    } else gone.push({ rel, size: file.size });
  }
  for (const rel of input.baseline.rels()) {
    if (!input.remote.has(rel) && !input.local.has(rel) && !listedButSkipped.has(rel)) {
      out.forget.push(rel);
    }
  }
  settleDeletes(input, out, gone, { source: input.remote.size, target: input.local.size });
  return out;
}

async function decide(
  input: DownPlanInput,
  out: DownReconciliation,
  rel: string,
  object: ListedObject,
): Promise<void> {
  const base = input.baseline.folder(rel);
  const file = input.local.get(rel);
  const planned = { rel, key: object.key, size: object.size, etag: object.etag };
  const remoteSame = !!base && base.etag === object.etag && base.size === object.size;
  if (!file) {
    out.downloads.push({ ...planned, reason: base ? 'missing-locally' : 'new' });
    return;
  }
  if (untouched(base, file)) {
    if (remoteSame) out.unchanged++;
    else out.downloads.push({ ...planned, reason: 'changed', local: file });
    return;
  }
  // The local file is new to this sync or changed since: identical content is simply adopted.
  if (file.size === object.size && (await input.sameContent(rel, object))) {
    out.adopted.push({ rel, base: { ...file, etag: object.etag, own: false } });
    out.unchanged++;
    return;
  }
  if (remoteSame) {
    out.keeps.push(keep(rel, file.size, 'changed here, unchanged in the bucket: kept'));
    return;
  }
  out.conflicts.push({ ...planned, reason: 'changed on both sides', local: file });
}

function keep(rel: string, size: number, reason: string): PairAction {
  return { action: 'keep', rel, key: rel, size, reason };
}

/** The plan as the CLI prints it (and `--json` gives it). */
export function toPairPlan(r: DownReconciliation, excluded: number): PairPlan {
  const actions: PairAction[] = [
    ...r.downloads.map((d) => ({
      action: 'download' as const,
      rel: d.rel,
      key: d.key,
      size: d.size,
      reason: d.reason,
    })),
    ...r.conflicts.map((d) => ({
      action: 'conflict' as const,
      rel: d.rel,
      key: d.key,
      size: d.size,
      reason: d.reason,
    })),
    ...r.deletes.map((d) => ({
      action: 'delete' as const,
      rel: d.rel,
      key: d.rel,
      size: d.size,
      reason: 'deleted in the bucket',
    })),
  ];
  return toPlan(r, actions, excluded);
}
