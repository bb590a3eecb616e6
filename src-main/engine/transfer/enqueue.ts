import type { ConflictPolicy } from '../../../src-shared/contract/transfers.js';
import { missingBucket } from '../browse/buckets.js';
import { translateError } from '../connection/translate.js';
import type { Engine } from '../engine.js';
import { FerryError } from '../errors.js';
import { expandLocal, listPrefix, parentOf } from './expand.js';
import { safeLocalPath } from './local-path.js';

/**
 * One HeadBucket before many files are queued, so a missing bucket is one clear error rather than one per
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

/** Expands local files and folders and queues one upload per file; answers the transfer ids. */
export async function enqueueUploads(
  engine: Engine,
  req: { profileId: string; bucket: string; prefix: string; paths: string[]; recursive?: boolean },
): Promise<string[]> {
  engine.profiles.get(req.profileId);
  const files = await expandLocal(req.paths, req.prefix, req.recursive ?? true);
  if (files.length > 1) await assertBucketExists(engine, req.profileId, req.bucket);
  return files.map(
    (f) =>
      engine.transfers.enqueueUpload({
        profileId: req.profileId,
        bucket: req.bucket,
        key: f.key,
        file: f.file,
        size: f.size,
      }).id,
  );
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
