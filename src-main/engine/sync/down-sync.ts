import { lstat, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import type { FerryErrorData } from '../../../src-shared/errors.js';
import type { Engine } from '../engine.js';
import { translateError } from '../connection/translate.js';
import { FerryError } from '../errors.js';
import { makeFolder } from '../transfer/local-path.js';
import { listRemote, type ListedObject } from '../watch/remote.js';
import type { PathFilter } from '../watch/rules.js';
import { localFile, unseen, walkFolder, type LocalFile, type WalkIssues } from '../local/walk.js';
import type { PairBaseline } from './baseline.js';
import { planDown, toPairPlan, untouched, type PlannedDownload } from './down-plan.js';
import {
  alsoFolder,
  conflictName,
  folderClashes,
  markerWithContent,
  syncedPath,
} from './local-name.js';
import { fileMatchesEtag } from './same-content.js';
import type { PairAction, PairFailure, PairOptions, PairResult } from './types.js';

/** A bucket → folder sync: the source, the folder, and what to leave out. */
export interface DownSync {
  profileId: string;
  bucket: string;
  /** Normalised: '' or ending with `/`. */
  prefix: string;
  /** Absolute. */
  folder: string;
  filter: PathFilter;
  /** The pair never synced: a missing folder is made rather than refused. */
  mayCreate: boolean;
}

/**
 * One bucket → folder sync: list the prefix and walk the folder once (side by side), plan against the baseline, then
 * download through the transfer queue (partial file, verified, renamed into place) and delete what the plan
 * allows. Requests: the LIST pages, and a GET per download (asking for the listed ETag, so no HEAD);
 * nothing for unchanged paths.
 */
export async function syncDown(
  engine: Engine,
  sync: DownSync,
  baseline: PairBaseline,
  options: PairOptions,
): Promise<PairResult> {
  const issues: WalkIssues = { unreadable: [], skipped: [] };
  const local = new Map<string, LocalFile>();
  const present = await isFolder(sync.folder);
  // A pair's first sync makes its folder once the bucket answered; any other sync needs it there.
  const missing = sync.mayCreate && !present;
  const walked = (async () => {
    if (missing) return;
    // Writing into the folder never goes through a link: it could lead outside the folder.
    const options = { filter: sync.filter, followSymlinks: false };
    for await (const { rel, file } of walkFolder(sync.folder, options, issues)) {
      local.set(rel, file);
    }
  })();
  // Awaited below; a walk failing while the listing runs must not count as unhandled meanwhile.
  walked.catch(() => {});
  // A folder gone after a sync fails before any request (an unmounted disk is not an empty folder).
  if (!present && !missing)
    throw FerryError.of('FolderMissing', 'sync.folderGone', { folder: sync.folder });
  const client = await engine.profiles.client(sync.profileId);
  // The walk and the listing run side by side: on an unchanged prefix they are nearly all of the time.
  const listed: ListedObject[] = [];
  await Promise.all([
    walked,
    (async () => {
      for await (const object of listRemote(client, sync.bucket, sync.prefix)) listed.push(object);
    })(),
  ]);
  const remote = new Map<string, ListedObject>();
  const skips: PairAction[] = [];
  let excluded = 0;
  for (const object of listed) {
    const rel = object.key.slice(sync.prefix.length);
    const marker = rel === '' || rel.endsWith('/');
    // An empty folder marker (the prefix's own among them) is a folder, not a file to write.
    if (marker && object.size === 0) continue;
    if (!sync.filter.acceptsKey(rel)) {
      excluded++;
      continue;
    }
    try {
      if (marker) throw markerWithContent(object.key, object.size);
      syncedPath(sync.folder, rel, object.key);
      if (!unseen(rel, issues)) remote.set(rel, object);
    } catch (error) {
      if (!(error instanceof FerryError)) throw error;
      skips.push({
        action: 'skip',
        rel,
        key: object.key,
        size: object.size,
        reason: error.message,
      });
    }
  }
  for (const rel of folderClashes(remote.keys(), local.keys())) {
    const object = remote.get(rel)!;
    remote.delete(rel);
    const reason = alsoFolder(object.key).message;
    skips.push({ action: 'skip', rel, key: object.key, size: object.size, reason });
  }
  for (const dir of issues.unreadable) {
    skips.push({ action: 'skip', rel: dir, key: dir, size: null, reason: 'folder cannot be read' });
  }
  for (const { rel, reason } of issues.skipped) {
    skips.push({ action: 'skip', rel, key: rel, size: null, reason });
  }
  const r = await planDown({
    remote,
    local,
    baseline,
    skips,
    mirror: options.mirror,
    confirmDeletes: options.confirmDeletes,
    caps: options,
    sameContent: (rel, object) =>
      fileMatchesEtag(path.join(sync.folder, rel), object).catch(() => false),
  });
  const plan = toPairPlan(r, excluded);
  if (options.dryRun) return { plan, failed: [] };
  if (missing) await makeFolder(sync.folder);
  await makeFolders(sync, r.downloads);

  for (const a of r.adopted) baseline.setFolder(a.rel, a.base);
  for (const rel of r.forget) baseline.delete(rel);
  for (const a of [...r.keeps, ...r.skips]) options.onAction?.(a, null);
  const failed: PairFailure[] = [];
  const report = (action: PairAction, error: unknown) => {
    const data = error === null ? null : toData(error);
    if (data) failed.push({ ...action, error: data });
    options.onAction?.(action, data);
  };
  // Every download is queued at once (the queue runs them a few at a time); each is told as it ends.
  const actions = plan.actions.filter((a) => a.action === 'download' || a.action === 'conflict');
  await Promise.all(
    [...r.downloads, ...r.conflicts].map((d, i) =>
      fetch(engine, sync, baseline, d, i >= r.downloads.length).then(
        () => report(actions[i]!, null),
        (error: unknown) => report(actions[i]!, error),
      ),
    ),
  );
  for (const d of r.deletes) {
    const action = plan.actions.find((a) => a.action === 'delete' && a.rel === d.rel)!;
    try {
      await removeIfUntouched(sync.folder, d.rel, baseline);
      baseline.delete(d.rel);
      report(action, null);
    } catch (error) {
      report(action, error);
    }
  }
  return { plan, failed };
}

/**
 * Downloads one object: over the local file (which must still be the one planned), or for a conflict to
 * `name (conflict …).ext` beside it. Records the new baseline once the file is in place.
 */
async function fetch(
  engine: Engine,
  sync: DownSync,
  baseline: PairBaseline,
  d: PlannedDownload,
  conflict: boolean,
): Promise<void> {
  const target = syncedPath(sync.folder, d.rel, d.key);
  if (!conflict && d.local) await assertStill(target, d.local);
  const { id, done } = engine.transfers.enqueueDownload({
    profileId: sync.profileId,
    bucket: sync.bucket,
    key: d.key,
    file: conflict ? conflictName(target, engine.clock.now()) : target,
    // Only a file the plan saw untouched is replaced; a file that appeared meanwhile is kept beside it.
    conflict: d.local && !conflict ? 'overwrite' : 'keep-both',
    size: d.size,
    listed: { size: d.size, etag: d.etag },
  });
  // The sync tells each download's outcome itself; a first sync of 100,000 files would otherwise keep
  // 100,000 finished rows in the transfers list (the history keeps them), as a watch's would.
  const outcome = await done.finally(() => engine.transfers.forget(id));
  if (conflict) {
    // The local file stays the user's own; the object's ETag is remembered so the same change is not
    // saved again by the next sync.
    baseline.setFolder(d.rel, { size: d.size, mtimeMs: 0, etag: d.etag, own: true });
    return;
  }
  // Written beside a file that appeared meanwhile: that file is the user's, and the next sync says so.
  if (outcome.file !== target) return;
  const written = localFile(await lstat(outcome.file));
  baseline.setFolder(d.rel, { ...written, etag: d.etag, own: false });
}

/**
 * Makes the folders the downloads land in, each once, before they start: a first sync of thousands of files
 * would otherwise have each download find its folder missing and make it, many at once. A folder that
 * cannot be made is left to its downloads, which fail with the reason.
 */
async function makeFolders(sync: DownSync, downloads: PlannedDownload[]): Promise<void> {
  const folders = new Set(
    downloads.map((d) => path.dirname(syncedPath(sync.folder, d.rel, d.key))),
  );
  await Promise.all([...folders].map((folder) => makeFolder(folder).catch(() => {})));
}

/** Fails when the file changed since the plan looked at it (it is then the user's, not to be replaced). */
export async function assertStill(file: string, planned: LocalFile): Promise<void> {
  const now = await lstat(file).catch(() => undefined);
  if (now && now.size === planned.size && now.mtimeMs === planned.mtimeMs) return;
  throw FerryError.of('LocalFileExists', 'sync.localChanged', { file });
}

async function removeIfUntouched(root: string, rel: string, baseline: PairBaseline): Promise<void> {
  const file = path.join(root, ...rel.split('/'));
  const now = localFile(await lstat(file));
  if (!untouched(baseline.folder(rel), now)) {
    throw FerryError.of('LocalFileExists', 'sync.localChangedNotDeleted', { file });
  }
  await rm(file);
}

function toData(error: unknown): FerryErrorData {
  return (error instanceof FerryError ? error : translateError(error)).toData();
}

async function isFolder(folder: string): Promise<boolean> {
  return (await stat(folder).catch(() => undefined))?.isDirectory() ?? false;
}
