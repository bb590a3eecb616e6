import { stat } from 'node:fs/promises';
import path from 'node:path';
import type { ConflictPolicy } from '../../../src-shared/contract/transfers.js';
import { missingBucket } from '../browse/buckets.js';
import { translateError } from '../connection/translate.js';
import type { Engine } from '../engine.js';
import { FerryError } from '../errors.js';
import { expandLocal, listPrefix, parentOf, type FoundFile } from './expand.js';
import { localError } from './local-errors.js';
import { safeLocalPath } from './local-path.js';

/**
 * One HeadBucket when many files are queued, so a missing bucket is one clear error rather than one per
 * file. Only a missing bucket stops here: write-only credentials may be refused a HEAD and still upload.
 * It is asked first through the transfer client's lean path, which also makes that client for the jobs
 * ahead; any answer but 200 is asked again through the SDK, which names it.
 */
export async function assertBucketExists(
  engine: Engine,
  profileId: string,
  bucket: string,
): Promise<void> {
  if (await engine.transfers.clients.prepare(profileId, bucket)) return;
  const missing = await missingBucket(await engine.profiles.client(profileId), bucket);
  if (missing) throw missing;
}

/** What to upload: local files and folders under a prefix, as every face asks. */
export interface UploadRequest {
  profileId: string;
  bucket: string;
  /** Key prefix; `photos/` puts `a.jpg` at `photos/a.jpg`. */
  prefix: string;
  paths: string[];
  /** False refuses folders, as `cp` without -r does. */
  recursive?: boolean;
  /** A folder's contents go right under `prefix` (as `aws s3 cp -r` does), not under `prefix/folder/`. */
  contents?: boolean;
  /** Follow symbolic links inside the folders; otherwise each is a failed transfer that says so. */
  followSymlinks?: boolean;
  /** One file to exactly this key (`cp a.txt s3://b/c.txt`), instead of `prefix` and its name. */
  key?: string;
  /** The Content-Type to store instead of the one guessed from each file's name. */
  contentType?: string;
}

/**
 * Expands local files and folders and queues one upload per file as the walk finds it (a folder of
 * 100,000 files is not listed in memory first); answers the transfer ids. What the walk leaves out (an
 * unreadable folder, a symbolic link not followed) becomes a failed transfer that says why.
 */
export async function enqueueUploads(engine: Engine, req: UploadRequest): Promise<string[]> {
  engine.profiles.get(req.profileId);
  const where = { profileId: req.profileId, bucket: req.bucket };
  const ids: string[] = [];
  // One file to a given key needs no check: its PUT names a missing bucket itself.
  const many =
    req.key === undefined &&
    (req.paths.length > 1 || (await Promise.all(req.paths.map(isFolder))).some(Boolean));
  // Many files: the bucket is checked (and the transfer client made) while the walk queues them. Their
  // PUTs do not wait for that answer: over a WAN it costs two round trips, and a PUT into a missing bucket
  // is refused anyway (NoSuchBucket). A missing bucket takes them all back, failures included (a failure
  // waits for this answer before it is told), and its one error is what the caller hears.
  let refusal: { error: unknown } | undefined;
  const settled = (
    many ? assertBucketExists(engine, req.profileId, req.bucket) : Promise.resolve()
  ).catch((error: unknown) => {
    refusal = { error };
    engine.transfers.withdraw(ids);
  });
  const queue = (f: FoundFile) =>
    engine.transfers.enqueueUpload({
      ...where,
      key: f.key,
      file: f.file,
      size: f.size,
      failureWaits: settled,
      ...(req.contentType ? { contentType: req.contentType } : {}),
    }).id;
  if (req.key !== undefined) return [queue(await fileAt(req.paths[0]!, req.key))];
  // What the walk left out is told once the bucket is known to be there, in the walk's order.
  const leftOut: (() => void)[] = [];
  const found = expandLocal(req.paths, req.prefix, {
    recursive: req.recursive ?? true,
    contents: req.contents ?? false,
    followSymlinks: req.followSymlinks ?? false,
  });
  let walkFailed: { error: unknown } | undefined;
  try {
    for await (const next of found) {
      if (refusal) break;
      if ('error' in next) {
        const at = ids.push('') - 1;
        const { key, file, error } = next;
        leftOut.push(
          () => (ids[at] = engine.transfers.addFailed('upload', { ...where, key, file }, error)),
        );
      } else ids.push(queue(next));
    }
  } catch (error) {
    walkFailed = { error };
  }
  await settled;
  // A missing bucket is the error to tell, whether the walk failed or not.
  if (refusal) {
    engine.transfers.withdraw(ids);
    throw refusal.error;
  }
  for (const tell of leftOut) tell();
  if (walkFailed) throw walkFailed.error;
  return ids;
}

/** One local file and the key it goes to. */
async function fileAt(given: string, key: string): Promise<FoundFile> {
  const file = path.resolve(given);
  const info = await stat(file).catch((error: unknown) => {
    throw localError(error, file);
  });
  return { file, key, size: info.size };
}

/** True when `given` is a folder; false when it is a file or cannot be read (the walk then says why). */
export async function isFolder(given: string): Promise<boolean> {
  return (await stat(given).catch(() => undefined))?.isDirectory() ?? false;
}

/**
 * Expands keys (a trailing `/` means a whole prefix, '' the whole bucket) and queues one download per object into `folder`. A key
 * that would land outside the folder becomes a failed transfer that says so; the others go ahead.
 */
export async function enqueueDownloads(
  engine: Engine,
  req: {
    profileId: string;
    bucket: string;
    keys: string[];
    base?: string;
    folder: string;
    conflict: ConflictPolicy;
  },
): Promise<string[]> {
  const client = await engine.profiles.client(req.profileId);
  const ids: string[] = [];
  for (const key of req.keys) {
    const base = req.base ?? parentOf(key);
    let objects: { key: string; size: number | undefined }[];
    try {
      // No object has an empty key: '' is the whole bucket, as `ferry cp -r s3://bucket` means.
      objects =
        key === '' || key.endsWith('/')
          ? await listPrefix(client, req.bucket, key)
          : [{ key, size: undefined }];
    } catch (error) {
      throw translateError(error, { bucket: req.bucket, key });
    }
    for (const object of objects) {
      try {
        const { file, note } = safeLocalPath(req.folder, object.key, base);
        const spec = { profileId: req.profileId, bucket: req.bucket, key: object.key, file };
        ids.push(
          engine.transfers.enqueueDownload({
            ...spec,
            conflict: req.conflict,
            note,
            ...(object.size !== undefined ? { size: object.size } : {}),
          }).id,
        );
      } catch (error) {
        if (!(error instanceof FerryError)) throw error;
        ids.push(engine.transfers.addFailed('download', { ...req, key: object.key }, error));
      }
    }
  }
  return ids;
}
