import type { Engine } from '../engine.js';
import { fetchObjectToFile } from '../objects/fetch-to-file.js';

/** An object to fetch for a drag out. */
export interface DragSource {
  profileId: string;
  bucket: string;
  key: string;
}

/** Minimum bytes between two progress events, so a fast local copy does not flood the window. */
const PROGRESS_STEP = 256 * 1024;

/**
 * Downloads an object to `file` (a path in the desktop's private drag folder) and reports its progress as
 * `desktop.dragProgress` events. The desktop's main thread starts the native drag once this resolves.
 */
export async function fetchForDrag(
  engine: Pick<Engine, 'profiles' | 'events'>,
  source: DragSource,
  file: string,
): Promise<number> {
  const profile = engine.profiles.get(source.profileId);
  const client = await engine.profiles.client(source.profileId);
  let reported = -PROGRESS_STEP;
  const report = (bytes: number, total: number | null) => {
    if (bytes - reported < PROGRESS_STEP && bytes !== total) return;
    reported = bytes;
    engine.events.emit('desktop.dragProgress', {
      bucket: source.bucket,
      key: source.key,
      bytes,
      total,
    });
  };
  return fetchObjectToFile(client, source, file, {
    endpoint: profile.endpoint,
    onProgress: report,
  });
}
