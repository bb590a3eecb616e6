import type { Engine } from '../engine/engine.js';
import { FerryError } from '../engine/errors.js';
import { walkFolder, type WalkIssues } from '../engine/local/walk.js';
import type { PathFilter } from '../engine/watch/rules.js';
import type { FerryErrorData } from '../../src-shared/errors.js';
import type { WatchMode } from '../../src-shared/contract/index.js';
import { invoke } from './invoke.js';

/**
 * Deletes are held back for one of two reasons, which the plan does not tell apart: the safety cap, or the
 * guard that never reads a side found empty where files were synced (an unmounted disk, a wrong prefix) as
 * "delete everything". The guard holds whatever `--max-delete` says, so the advice differs: the caller looks
 * at the side the deletes come from.
 */

/**
 * True when the folder holds no file the filter accepts (the guard's "empty folder"), read by the one folder
 * walker with the same rules as the sync or watch (excluded folders pruned, links as chosen); it stops at the
 * first file. A folder that cannot be read counts as empty, as the guard treats it.
 */
export async function folderEmpty(
  folder: string,
  filter: PathFilter,
  followSymlinks: boolean,
): Promise<boolean> {
  const issues: WalkIssues = { unreadable: [], skipped: [] };
  try {
    for await (const _ of walkFolder(folder, { filter, followSymlinks }, issues)) return false;
  } catch {
    // Missing or unreadable: nothing in it to keep.
  }
  return true;
}

/** True when the prefix lists no object the filter accepts (one page: past it, the side is not empty). */
export async function prefixEmpty(
  engine: Engine,
  side: { profileId: string; bucket: string; prefix: string },
  filter: PathFilter,
): Promise<boolean> {
  const page = await invoke(engine, 'objects.listPage', { ...side, recursive: true });
  if (page.nextToken !== null) return false;
  return !page.entries.some(
    (e) => !e.isFolder && filter.accepts(e.key.slice(side.prefix.length), false),
  );
}

/** Why a sync held deletes back, worded with the way forward. */
export function syncHeldBack(
  direction: 'up' | 'down' | 'buckets',
  emptied: boolean,
  params: { count: number; folder?: string; source?: string },
): FerryErrorData {
  if (!emptied) {
    const key =
      direction === 'up' ? 'cli.sync.deletesHeldBack.remote' : 'cli.sync.deletesHeldBack.local';
    return FerryError.of('InvalidRequest', key, { count: params.count }).toData();
  }
  const key =
    direction === 'up'
      ? 'cli.sync.emptiedHeldBack.folder'
      : direction === 'down'
        ? 'cli.sync.emptiedHeldBack.toFolder'
        : 'cli.sync.emptiedHeldBack.toBucket';
  return FerryError.of('InvalidRequest', key, params).toData();
}

/** Why a watch holds deletes back when a side came back empty; null when it is the cap. */
export async function watchEmptied(
  engine: Engine,
  watch: {
    mode: WatchMode;
    folder: string;
    side: { profileId: string; bucket: string; prefix: string };
    filter: PathFilter;
    followSymlinks: boolean;
  },
  count: number,
): Promise<FerryErrorData | null> {
  const { mode, folder, side, filter, followSymlinks } = watch;
  const params = { count, folder, url: `s3://${side.bucket}/${side.prefix}` };
  // Only a watch that uploads deletes in the bucket, and only one that downloads deletes in the folder.
  if (mode !== 'download' && (await folderEmpty(folder, filter, followSymlinks))) {
    return FerryError.of('InvalidRequest', 'cli.watch.emptiedFolder', params).toData();
  }
  if (mode !== 'upload' && (await prefixEmpty(engine, side, filter))) {
    return FerryError.of('InvalidRequest', 'cli.watch.emptiedBucket', params).toData();
  }
  return null;
}
