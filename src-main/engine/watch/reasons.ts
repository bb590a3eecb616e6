import type { SyncAction } from '../../../src-shared/contract/index.js';
import type { FerryErrorData } from '../../../src-shared/errors.js';
import { englishText } from '../../../src-shared/i18n/error-text.js';
import { FerryError } from '../errors.js';

/** The statuses and activity a watch reports, worded in one place. */

/** An activity entry (or a planned action) for one path. */
export function syncAction(
  action: SyncAction['action'],
  rel: string,
  key: string,
  size: number | null,
  reason: string,
): SyncAction {
  return { action, path: rel, key, size, reason };
}

/** An activity entry for a file passed over. */
export function skipAction(rel: string, key: string, reason: string): SyncAction {
  return syncAction('skip', rel, key, null, reason);
}

/** A transient failure, with the reassurance that Ferry keeps trying (`watch.retrying`). */
export function retrying(error: FerryError): FerryErrorData {
  return { ...error.toData(), hint: `${error.hint} ${englishText('watch.retrying').hint}` };
}

export function folderMissing(folder: string): FerryErrorData {
  return FerryError.of('FolderMissing', 'watch.folderGone', { folder }).toData();
}

export function watcherLimit(): FerryErrorData {
  return FerryError.of('WatcherLimit', 'watch.watcherLimit').toData();
}

export function pausedError(): FerryError {
  return FerryError.of('InvalidRequest', 'watch.paused');
}
