import { lstat } from 'node:fs/promises';
import path from 'node:path';
import type { SyncAction, SyncPlan } from '../../../src-shared/contract/index.js';
import { FerryError } from '../errors.js';
import { alsoFolder, folderClashes, syncedPath } from '../sync/local-name.js';
import { isPlainMd5, md5OfFile } from '../transfer/integrity.js';
import type { IndexEntry } from './index-store.js';
import { listRemote, type ListedObject } from './remote.js';
import { keyFor, relFor, walkOptions, type PathFilter } from './rules.js';
import { localFile, unseen, walkFolder, type LocalFile, type WalkIssues } from '../local/walk.js';
import { skipAction, syncAction } from './reasons.js';
import { carryOut, fetchCopy, type TwoWayApplyInput } from './two-way-apply.js';
import { planTwoWay, type TwoWayPlan } from './two-way-plan.js';

/** What one `download` or `two-way` pass needs from the watch: the apply side's, plus what planning reads. */
export interface TwoWayRunInput extends TwoWayApplyInput {
  filter: PathFilter;
  confirmDeletes: boolean;
  dryRun: boolean;
  /** True while the upload side has a file in hand (settling, queued or uploading): the pass leaves it alone. */
  uploading(rel: string): boolean;
}

/** What a pass planned, and how many local edits it kept (see TwoWayPlan's `keptLocal`). */
export interface TwoWayPass {
  plan: SyncPlan;
  keptLocal: number;
}

/**
 * One pass of a `download` or `two-way` watch: walk the folder (a missing folder throws: nothing is deleted)
 * and list the prefix once (a failed listing throws likewise), settle the conflicts the user resolved by
 * hand, plan against the baseline, then carry the plan out. Requests when nothing changed: the LIST pages.
 * What the pass is about to write is recorded first, so a kill at any point leaves nothing the next pass
 * takes for a conflict or does twice.
 */
export async function runTwoWay(input: TwoWayRunInput): Promise<TwoWayPass> {
  const { rule, index, conflicts } = input;
  // The baseline as it is before the folder is walked and the bucket listed. Uploads of an earlier pass go on
  // meanwhile: one that ends while the listing is in flight is in the live index but not in the listing, and
  // must not read as "deleted in the bucket". A path whose entry changed since is left to the next pass.
  const baseline = new Map(index.entries());
  const settled = (rel: string) => !input.uploading(rel) && index.get(rel) === baseline.get(rel);
  const issues: WalkIssues = { unreadable: [], skipped: [] };
  const local = new Map<string, LocalFile>();
  for await (const { rel, file } of walkFolder(
    rule.folder,
    walkOptions(rule, input.filter),
    issues,
  )) {
    local.set(rel, file);
  }
  const remote = new Map<string, ListedObject>();
  const skips: SyncAction[] = [
    ...issues.unreadable.map((dir) => skip(dir, 'folder cannot be read')),
    ...issues.skipped.map((s) => skip(s.rel, s.reason)),
  ];
  // Objects that cannot be files here (unsafe names, a name that is a folder too) are left alone both ways:
  // a local file of that name is neither deleted as "gone from the bucket" nor uploaded again and again.
  const unwritable = new Set<string>();
  const refuse = (rel: string, object: ListedObject, error: FerryError) => {
    unwritable.add(rel);
    skips.push({ ...skip(rel, error.message), key: object.key, size: object.size });
  };
  for await (const object of listRemote(input.client, rule.bucket, rule.prefix)) {
    const rel = relFor(rule.prefix, object.key);
    if (rel === undefined || !input.filter.acceptsKey(rel)) continue;
    try {
      syncedPath(rule.folder, rel, object.key);
      remote.set(rel, object);
    } catch (error) {
      if (!(error instanceof FerryError)) throw error;
      refuse(rel, object, error);
    }
  }
  for (const rel of folderClashes(remote.keys(), local.keys())) {
    const object = remote.get(rel)!;
    remote.delete(rel);
    refuse(rel, object, alsoFolder(object.key));
  }
  // Conflicts closed since the walk began: the next pass decides their files from a fresh walk.
  const closedNow = new Set<string>();
  if (!input.dryRun) {
    // Resolved from another process while this watch ran: the local file is the user's choice now.
    for (const c of await conflicts.resolvedElsewhere()) {
      const file = path.join(rule.folder, ...c.path.split('/'));
      const entry = await closedEntry(c, file, await fileState(file));
      index.set(c.path, entry);
      baseline.set(c.path, entry);
      closedNow.add(c.path);
    }
    await settleConflicts(input, local, baseline);
  }
  const { writing, movedAway } = conflicts.pending;
  const plan = await planTwoWay({
    mode: rule.mode === 'two-way' ? 'two-way' : 'download',
    rule,
    keyOf: (rel) => keyFor(rule.prefix, rel),
    local,
    remote,
    baseline,
    held: (rel) =>
      conflicts.holds(rel) ||
      closedNow.has(rel) ||
      unseen(rel, issues) ||
      unwritable.has(rel) ||
      !settled(rel),
    movedAway: new Set(movedAway),
    confirmDeletes: input.confirmDeletes,
    sameContent: async (rel, object) =>
      // The pass a kill interrupted was writing exactly this: the file is its result.
      writing[rel] === object.size ||
      (isPlainMd5(object.etag) &&
        (await md5OfFile(path.join(rule.folder, rel)).catch(() => '')) ===
          object.etag.toLowerCase()),
    movedIntact: async (rel, object) =>
      !isPlainMd5(object.etag) ||
      (await md5OfFile(path.join(rule.folder, rel)).catch(() => '')) === object.etag.toLowerCase(),
  });
  const view = { plan: toSyncPlan(plan, skips), keptLocal: plan.keptLocal };
  if (input.dryRun) return view;
  await carryOut(input, plan, local, settled);
  for (const s of skips) input.activity(s, null);
  return view;
}

/**
 * Conflicts settled outside Ferry go away: a saved copy the user deleted (or renamed over the file) closes
 * its conflict, the local file staying the user's own version. A copy a kill cut short is fetched again.
 */
async function settleConflicts(
  input: TwoWayRunInput,
  local: Map<string, LocalFile>,
  baseline: Map<string, IndexEntry>,
): Promise<void> {
  const { conflicts, index } = input;
  let changed = false;
  for (const c of [...conflicts.all()]) {
    if (local.has(c.conflictPath)) {
      if (!c.ready) conflicts.setReady(c.id, c.conflictPath);
      changed ||= !c.ready;
      continue;
    }
    if (!c.ready) {
      await fetchCopy(input, c.id).catch(() => {});
      continue;
    }
    conflicts.remove(c.id);
    const file = path.join(input.rule.folder, ...c.path.split('/'));
    const entry = await closedEntry(c, file, local.get(c.path));
    index.set(c.path, entry);
    baseline.set(c.path, entry);
    changed = true;
  }
  if (changed) await conflicts.save();
}

/**
 * The baseline of a path whose conflict was closed outside this pass: in sync with the remote version when
 * the file now holds it (the saved copy renamed over it, by hand or by `ferry watch resolve --keep remote`
 * elsewhere), so it is not sent back; else the user's own version, to be uploaded. A multipart ETag is no
 * MD5, so such a file counts as the user's own (one redundant upload rather than a lost edit).
 */
async function closedEntry(
  c: { key: string; remote: { size: number; etag: string } },
  file: string,
  now: LocalFile | undefined,
): Promise<IndexEntry> {
  const holdsRemote =
    now !== undefined &&
    now.size === c.remote.size &&
    isPlainMd5(c.remote.etag) &&
    (await md5OfFile(file).catch(() => '')) === c.remote.etag.toLowerCase();
  return holdsRemote ? { ...now, etag: c.remote.etag, key: c.key } : ownEntry(c);
}

async function fileState(file: string): Promise<LocalFile | undefined> {
  const s = await lstat(file).catch(() => undefined);
  return s?.isFile() ? localFile(s) : undefined;
}

/** The baseline of a path whose local file is the user's own version beside a known remote one. */
export function ownEntry(c: { key: string; remote: { size: number; etag: string } }) {
  return { size: c.remote.size, mtimeMs: -1, etag: c.remote.etag, key: c.key };
}

function skip(rel: string, reason: string): SyncAction {
  return skipAction(rel, rel, reason);
}

/** The contract's view of a pass. */
function toSyncPlan(p: TwoWayPlan, skips: SyncAction[]): SyncPlan {
  return {
    actions: [
      ...p.uploads.map((u) => syncAction('upload', u.rel, u.key, u.size, u.reason)),
      ...p.downloads.map((d) => syncAction('download', d.rel, d.key, d.size, d.reason)),
      ...p.conflicts.map((d) => syncAction('conflict', d.rel, d.key, d.size, d.reason)),
      ...[...p.localMoves, ...p.remoteMoves].map((m) =>
        syncAction('move', m.to, m.key, m.size, `${m.keep ? 'copy of' : 'from'} ${m.from}`),
      ),
      ...p.localDeletes.map((d) =>
        syncAction('delete-local', d.rel, d.key, d.size, 'deleted-remotely'),
      ),
      ...p.remoteDeletes.map((d) =>
        syncAction(
          'delete',
          d.rel,
          d.key,
          d.size,
          d.movedTo ? `moved to ${d.movedTo}` : 'deleted-locally',
        ),
      ),
      ...skips,
    ],
    unchanged: p.unchanged,
    deletesHeldBack: p.deletesHeldBack,
    heldBack: p.heldBack,
  };
}
