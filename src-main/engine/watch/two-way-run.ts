import { lstat, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import type { S3Client } from '@aws-sdk/client-s3';
import type { SyncAction, SyncPlan, WatchRule } from '../../../src-shared/contract/index.js';
import type { FerryErrorData } from '../../../src-shared/errors.js';
import { translateError } from '../connection/translate.js';
import { FerryError } from '../errors.js';
import { untouched } from '../sync/down-plan.js';
import { assertStill } from '../sync/down-sync.js';
import { alsoFolder, conflictName, folderClashes, syncedPath } from '../sync/local-name.js';
import { md5OfFile } from '../transfer/integrity.js';
import { makeFolder } from '../transfer/local-path.js';
import type { ConflictStore } from './conflict-store.js';
import type { IndexEntry, IndexStore } from './index-store.js';
import { deleteRemote, listRemote, type ListedObject } from './remote.js';
import { keyFor, relFor, walkOptions, type PathFilter } from './rules.js';
import { localFile, unseen, walkFolder, type LocalFile, type WalkIssues } from '../local/walk.js';
import {
  baseOf,
  planTwoWay,
  type SeenObject,
  type TwoWayDownload,
  type TwoWayPlan,
} from './two-way-plan.js';
import type { DownloadSink } from './upload-sink.js';
import { moveRemote } from './two-way-moves.js';

export interface TwoWayRunInput {
  rule: WatchRule;
  filter: PathFilter;
  index: IndexStore;
  conflicts: ConflictStore;
  client: S3Client;
  downloads: DownloadSink;
  now(): number;
  confirmDeletes: boolean;
  dryRun: boolean;
  /** Paths being written by this pass: the upload side leaves them alone. */
  writing: Set<string>;
  /** True while the upload side has a file in hand (settling, queued or uploading): the pass leaves it alone. */
  uploading(rel: string): boolean;
  /** Hands a local change to the upload pipeline (two-way only), with the object the pass saw (or null). */
  upload(rel: string, reason: string, seen: SeenObject | null): void;
  /** The pass starts writing into the folder. */
  downloading(): void;
  activity(action: SyncAction, error: FerryErrorData | null): void;
}

const isMd5 = (etag: string) => /^[0-9a-f]{32}$/i.test(etag);

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
      (isMd5(object.etag) &&
        (await md5OfFile(path.join(rule.folder, rel)).catch(() => '')) ===
          object.etag.toLowerCase()),
    movedIntact: async (rel, object) =>
      !isMd5(object.etag) ||
      (await md5OfFile(path.join(rule.folder, rel)).catch(() => '')) === object.etag.toLowerCase(),
  });
  const view = { plan: toSyncPlan(plan, skips), keptLocal: plan.keptLocal };
  if (input.dryRun) return view;
  await carryOut(input, plan, local, settled);
  for (const s of skips) input.activity(s, null);
  return view;
}

async function carryOut(
  input: TwoWayRunInput,
  plan: TwoWayPlan,
  local: Map<string, LocalFile>,
  settled: (rel: string) => boolean,
): Promise<void> {
  const { rule, index, conflicts } = input;
  for (const a of plan.adopted) index.set(a.rel, a.entry);
  for (const rel of plan.forget) index.delete(rel);
  const newConflicts = plan.conflicts.map((d) => {
    const target = syncedPath(rule.folder, d.rel, d.key);
    return { d, c: conflicts.add(conflictOf(input, d, target, local)) };
  });
  // Recorded before anything is written: see runTwoWay.
  const writing: Record<string, number> = {};
  for (const d of plan.downloads) writing[d.rel] = d.size;
  for (const m of plan.remoteMoves) writing[m.to] = m.size;
  const movedAway = plan.remoteMoves.filter((m) => !m.keep).map((m) => m.from);
  conflicts.setPending({ writing, movedAway });
  conflicts.rule = rule;
  await conflicts.save();
  await index.flush();
  try {
    await apply(input, plan, newConflicts, settled);
  } finally {
    // Done, or failed with an error (not killed): nothing is left half-way for the next pass to finish.
    conflicts.clearPending();
    await conflicts.save();
    await index.flush();
  }
}

async function apply(
  input: TwoWayRunInput,
  plan: TwoWayPlan,
  newConflicts: { d: TwoWayDownload; c: { id: string; conflictPath: string } }[],
  settled: (rel: string) => boolean,
): Promise<void> {
  const { rule, index } = input;
  const done = (a: SyncAction) => input.activity(a, null);
  const failed = (a: SyncAction, error: unknown) => input.activity(a, toData(error));
  for (const m of plan.localMoves) {
    const a = act('move', m.to, m.key, m.size, `renamed in the bucket from ${m.from}`);
    await moveLocal(input, m.from, m.to, m.etag, m.key).then(
      () => done(a),
      (e) => failed(a, e),
    );
  }
  await moveRemote(input, plan.remoteMoves);
  if (plan.downloads.length + newConflicts.length > 0) input.downloading();
  await Promise.all([
    ...plan.downloads.map((d) => {
      const a = act('download', d.rel, d.key, d.size, d.reason);
      return fetch(input, d).then(
        () => done(a),
        (e) =>
          // Deleted in the bucket since the listing (from another machine): the next pass decides.
          isGone(e)
            ? done(act('skip', d.rel, d.key, d.size, 'deleted in the bucket meanwhile'))
            : failed(a, e),
      );
    }),
    ...newConflicts.map(({ d, c }) => {
      const a = act('conflict', d.rel, d.key, d.size, `${d.reason}: saved as ${c.conflictPath}`);
      return fetchCopy(input, c.id).then(
        () => done(a),
        (e) => failed(a, e),
      );
    }),
  ]);
  // A delete is carried out only if nothing touched its path since the plan was made (an upload ending
  // meanwhile): the next pass decides again from what is there then.
  for (const d of plan.localDeletes.filter((d) => settled(d.rel))) {
    const a = act('delete-local', d.rel, d.key, d.size, 'deleted in the bucket');
    await removeLocal(input, d.rel).then(
      () => done(a),
      (e) => failed(a, e),
    );
  }
  const remoteDeletes = plan.remoteDeletes.filter((d) => settled(d.rel));
  if (remoteDeletes.length > 0) {
    const keys = remoteDeletes.map((d) => d.key);
    let error: unknown = null;
    const deleted = new Set(
      await deleteRemote(input.client, rule.bucket, keys).catch((e: unknown) => {
        error = e;
        return [];
      }),
    );
    for (const d of remoteDeletes) {
      const why = d.movedTo ? `moved here to ${d.movedTo}` : 'deleted-locally';
      const a = act('delete', d.rel, d.key, d.size, why);
      if (!deleted.has(d.key)) {
        failed(a, error);
        continue;
      }
      index.delete(d.rel);
      done(a);
    }
  }
  for (const u of plan.uploads) input.upload(u.rel, u.reason, u.seen);
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
    isMd5(c.remote.etag) &&
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

function conflictOf(
  input: TwoWayRunInput,
  d: TwoWayDownload,
  target: string,
  local: Map<string, LocalFile>,
) {
  const at = new Date(input.now()).toISOString();
  const named = path.relative(input.rule.folder, conflictName(target, input.now()));
  const base = named.split(path.sep).join('/');
  // The copy's name must be free: a file of the user's there would be written over.
  let conflictPath = base;
  for (let n = 2; local.has(conflictPath) || input.conflicts.holds(conflictPath); n++) {
    const ext = path.posix.extname(base);
    conflictPath = `${base.slice(0, base.length - ext.length)} ${n}${ext}`;
  }
  return {
    watchId: input.rule.id,
    path: d.rel,
    conflictPath,
    key: d.key,
    detectedAt: at,
    local: { size: d.local!.size, mtime: new Date(d.local!.mtimeMs).toISOString() },
    remote: { size: d.size, etag: d.etag, lastModified: d.lastModified ?? null },
  };
}

/** Downloads a conflict's remote version to its saved-copy path, then shows the conflict. */
async function fetchCopy(input: TwoWayRunInput, id: string): Promise<void> {
  const c = input.conflicts.get(id)!;
  const { rule } = input;
  const file = syncedPath(rule.folder, c.conflictPath, c.key);
  input.writing.add(c.conflictPath);
  try {
    // The name is ours (a timestamped one next to the file): a copy there is a previous try of this fetch.
    const written = await input.downloads.download({
      profileId: rule.profileId,
      bucket: rule.bucket,
      key: c.key,
      file,
      conflict: 'overwrite',
      size: c.remote.size,
    });
    input.conflicts.setReady(id, c.conflictPath);
    if (written.etag) Object.assign(c.remote, { etag: written.etag });
    await input.conflicts.save();
  } finally {
    input.writing.delete(c.conflictPath);
  }
}

/** Brings one object into place (over the planned local file only if it is still that file). */
async function fetch(input: TwoWayRunInput, d: TwoWayDownload): Promise<void> {
  const { rule, index } = input;
  const target = syncedPath(rule.folder, d.rel, d.key);
  if (d.local) await assertStill(target, d.local);
  input.writing.add(d.rel);
  try {
    const written = await input.downloads.download({
      profileId: rule.profileId,
      bucket: rule.bucket,
      key: d.key,
      file: target,
      conflict: d.local ? 'overwrite' : 'keep-both',
      size: d.size,
    });
    // Written beside a file that appeared meanwhile: that file is the user's; the next pass decides.
    if (written.file !== target) return;
    const now = localFile(await lstat(target));
    index.set(d.rel, { ...now, etag: written.etag || d.etag, key: d.key });
  } finally {
    input.writing.delete(d.rel);
  }
}

async function moveLocal(
  input: TwoWayRunInput,
  from: string,
  to: string,
  etag: string,
  key: string,
): Promise<void> {
  const { rule, index } = input;
  const source = path.join(rule.folder, ...from.split('/'));
  const target = syncedPath(rule.folder, to, key);
  if (await stat(target).catch(() => undefined)) throw localChanged(target);
  await makeFolder(path.dirname(target));
  await rename(source, target);
  index.delete(from);
  index.set(to, { ...localFile(await lstat(target)), etag, key });
}

async function removeLocal(input: TwoWayRunInput, rel: string): Promise<void> {
  const file = path.join(input.rule.folder, ...rel.split('/'));
  if (!untouched(baseOf(input.index.get(rel)), localFile(await lstat(file)))) {
    throw localChanged(file);
  }
  await rm(file);
  input.index.delete(rel);
}

function localChanged(file: string): FerryError {
  return FerryError.of('LocalFileExists', 'sync.localChanged', { file });
}

function act(
  action: SyncAction['action'],
  rel: string,
  key: string,
  size: number | null,
  reason: string,
): SyncAction {
  return { action, path: rel, key, size, reason };
}

function skip(rel: string, reason: string): SyncAction {
  return act('skip', rel, rel, null, reason);
}

function isGone(error: unknown): boolean {
  return (error instanceof FerryError ? error : translateError(error)).code === 'NoSuchKey';
}

function toData(error: unknown): FerryErrorData {
  return (error instanceof FerryError ? error : translateError(error)).toData();
}

/** The contract's view of a pass. */
function toSyncPlan(p: TwoWayPlan, skips: SyncAction[]): SyncPlan {
  return {
    actions: [
      ...p.uploads.map((u) => act('upload', u.rel, u.key, u.size, u.reason)),
      ...p.downloads.map((d) => act('download', d.rel, d.key, d.size, d.reason)),
      ...p.conflicts.map((d) => act('conflict', d.rel, d.key, d.size, d.reason)),
      ...[...p.localMoves, ...p.remoteMoves].map((m) =>
        act('move', m.to, m.key, m.size, `${m.keep ? 'copy of' : 'from'} ${m.from}`),
      ),
      ...p.localDeletes.map((d) => act('delete-local', d.rel, d.key, d.size, 'deleted-remotely')),
      ...p.remoteDeletes.map((d) =>
        act(
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
