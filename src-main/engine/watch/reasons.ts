import type { SyncAction } from '../../../src-shared/contract/index.js';
import type { FerryErrorData } from '../../../src-shared/errors.js';
import { FerryError } from '../errors.js';

/** The statuses and activity a watch reports, worded in one place. */

/** An activity entry for a file passed over. */
export function skipAction(rel: string, key: string, reason: string): SyncAction {
  return { action: 'skip', path: rel, key, size: null, reason };
}

/** A transient failure, with the reassurance that Ferry keeps trying. */
export function retrying(error: FerryError): FerryErrorData {
  return {
    ...error.toData(),
    hint: `${error.hint} Ferry keeps retrying and catches up by itself.`,
  };
}

export function folderMissing(folder: string): FerryErrorData {
  return new FerryError(
    'FolderMissing',
    `The watched folder ${folder} is missing or unmounted.`,
    'Reconnect the disk or restore the folder; Ferry resumes by itself and deletes nothing meanwhile.',
    { key: 'watch.folderGone', params: { folder } },
  ).toData();
}

export function watcherLimit(): FerryErrorData {
  return new FerryError(
    'WatcherLimit',
    'The system ran out of file-watch handles, so Ferry checks this folder by polling (slower).',
    'On Linux raise the limit: sudo sysctl fs.inotify.max_user_watches=524288 (and add it to /etc/sysctl.conf).',
    { key: 'watch.watcherLimit' },
  ).toData();
}

export function pausedError(): FerryError {
  return new FerryError(
    'InvalidRequest',
    'This watch is paused.',
    'Resume it to sync; it catches up by itself.',
    { key: 'watch.paused' },
  );
}
