import { lstat, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import type { ConflictChoice, WatchRule } from '../../../src-shared/contract/index.js';
import { FerryError } from '../errors.js';
import type { ConflictStore } from './conflict-store.js';
import type { IndexStore } from './index-store.js';
import { localFile } from '../local/walk.js';
import { ownEntry } from './two-way-run.js';
import type { UploadSink } from './upload-sink.js';

export interface ResolveInput {
  rule: WatchRule;
  index: IndexStore;
  conflicts: ConflictStore;
  sink: UploadSink;
}

/**
 * Carries out the user's choice for one open conflict:
 * - `local`: the local file wins; a two-way watch uploads it over the remote version (a download watch
 *   uploads nothing: the file simply stays the user's own), and the saved copy is removed;
 * - `remote`: the saved copy takes the file's place, recorded in the baseline as in sync;
 * - `both`: both files stay; the saved copy becomes an ordinary file (a two-way watch then uploads it,
 *   and the local file at the original name, as the newer version).
 */
export async function resolveConflict(
  input: ResolveInput,
  conflictId: string,
  keep: ConflictChoice,
): Promise<void> {
  const { rule, index, conflicts } = input;
  const c = conflicts.get(conflictId);
  if (!c || !c.ready) throw FerryError.of('ConflictNotFound', 'watch.conflictNotFound');
  const file = path.join(rule.folder, ...c.path.split('/'));
  const copy = path.join(rule.folder, ...c.conflictPath.split('/'));
  if (keep === 'local') {
    const now = await present(file);
    if (rule.mode === 'two-way') {
      const { etag } = await input.sink.upload({
        profileId: rule.profileId,
        bucket: rule.bucket,
        key: c.key,
        file,
        expected: now,
        signal: new AbortController().signal,
      });
      index.set(c.path, { ...now, etag, key: c.key });
    } else index.set(c.path, ownEntry(c));
    await rm(copy, { force: true });
  } else if (keep === 'remote') {
    await present(copy);
    await rename(copy, file);
    index.set(c.path, { ...localFile(await lstat(file)), etag: c.remote.etag, key: c.key });
  } else index.set(c.path, ownEntry(c));
  conflicts.remove(c.id);
  await conflicts.save();
  await index.flush();
}

async function present(file: string) {
  const s = await lstat(file).catch(() => undefined);
  if (!s?.isFile()) throw FerryError.of('LocalFileError', 'watch.conflictFileMissing', { file });
  return localFile(s);
}
