import { lstat, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import type { S3Client } from '@aws-sdk/client-s3';
import type { SyncAction, WatchRule } from '../../../src-shared/contract/index.js';
import type { FerryErrorData } from '../../../src-shared/errors.js';
import { translateError } from '../connection/translate.js';
import { FerryError } from '../errors.js';
import { untouched } from '../sync/down-plan.js';
import { assertStill } from '../sync/down-sync.js';
import { conflictName, syncedPath } from '../sync/local-name.js';
import { makeFolder } from '../transfer/local-path.js';
import { localFile, type LocalFile } from '../local/walk.js';
import type { ConflictStore } from './conflict-store.js';
import type { IndexStore } from './index-store.js';
import { syncAction } from './reasons.js';
import { deleteRemote } from './remote.js';
import { baseOf, type SeenObject, type TwoWayDownload, type TwoWayPlan } from './two-way-plan.js';
import { moveRemote } from './two-way-moves.js';
import type { DownloadSink } from './upload-sink.js';

/** What carrying out a `download` or `two-way` plan needs from the watch. */
export interface TwoWayApplyInput {
  rule: WatchRule;
  index: IndexStore;
  conflicts: ConflictStore;
  client: S3Client;
  downloads: DownloadSink;
  now(): number;
  /** Paths being written by this pass: the upload side leaves them alone. */
  writing: Set<string>;
  /** Hands a local change to the upload pipeline (two-way only), with the object the pass saw (or null). */
  upload(rel: string, reason: string, seen: SeenObject | null): void;
  /** The pass starts writing into the folder. */
  downloading(): void;
  activity(action: SyncAction, error: FerryErrorData | null): void;
}

/**
 * Carries out a pass's plan: baseline updates, new conflicts and what the pass is about to write are recorded
 * first, so a kill at any point leaves nothing the next pass takes for a conflict or does twice. `local` is
 * the folder as the pass walked it (a conflict's saved copy takes a free name); a delete goes ahead only
 * while `settled` still holds for its path.
 */
export async function carryOut(
  input: TwoWayApplyInput,
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
  input: TwoWayApplyInput,
  plan: TwoWayPlan,
  newConflicts: { d: TwoWayDownload; c: { id: string; conflictPath: string } }[],
  settled: (rel: string) => boolean,
): Promise<void> {
  const { rule, index } = input;
  const done = (a: SyncAction) => input.activity(a, null);
  const failed = (a: SyncAction, error: unknown) => input.activity(a, toData(error));
  for (const m of plan.localMoves) {
    const a = syncAction('move', m.to, m.key, m.size, `renamed in the bucket from ${m.from}`);
    await moveLocal(input, m.from, m.to, m.etag, m.key).then(
      () => done(a),
      (e) => failed(a, e),
    );
  }
  await moveRemote(input, plan.remoteMoves);
  if (plan.downloads.length + newConflicts.length > 0) input.downloading();
  await Promise.all([
    ...plan.downloads.map((d) => {
      const a = syncAction('download', d.rel, d.key, d.size, d.reason);
      return fetch(input, d).then(
        () => done(a),
        (e) =>
          // Deleted in the bucket since the listing (from another machine): the next pass decides.
          isGone(e)
            ? done(syncAction('skip', d.rel, d.key, d.size, 'deleted in the bucket meanwhile'))
            : failed(a, e),
      );
    }),
    ...newConflicts.map(({ d, c }) => {
      const a = syncAction(
        'conflict',
        d.rel,
        d.key,
        d.size,
        `${d.reason}: saved as ${c.conflictPath}`,
      );
      return fetchCopy(input, c.id).then(
        () => done(a),
        (e) => failed(a, e),
      );
    }),
  ]);
  // A delete is carried out only if nothing touched its path since the plan was made (an upload ending
  // meanwhile): the next pass decides again from what is there then.
  for (const d of plan.localDeletes.filter((d) => settled(d.rel))) {
    const a = syncAction('delete-local', d.rel, d.key, d.size, 'deleted in the bucket');
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
      const a = syncAction('delete', d.rel, d.key, d.size, why);
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

function conflictOf(
  input: TwoWayApplyInput,
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
export async function fetchCopy(input: TwoWayApplyInput, id: string): Promise<void> {
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
async function fetch(input: TwoWayApplyInput, d: TwoWayDownload): Promise<void> {
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
  input: TwoWayApplyInput,
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

async function removeLocal(input: TwoWayApplyInput, rel: string): Promise<void> {
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

function isGone(error: unknown): boolean {
  return (error instanceof FerryError ? error : translateError(error)).code === 'NoSuchKey';
}

function toData(error: unknown): FerryErrorData {
  return (error instanceof FerryError ? error : translateError(error)).toData();
}
