import type { S3Client } from '@aws-sdk/client-s3';
import type { CopyResult, KeyFailure } from '../../../src-shared/contract/index.js';
import { translateError } from '../connection/translate.js';
import { FerryError, invalid } from '../errors.js';
import { listObjects } from '../browse/list.js';
import { copyOne } from './copy-object.js';
import { deleteBatch } from './delete.js';
import { headOrNull } from './object-ops.js';
import { runPool } from './pool.js';
import { assertBucketName, assertKey } from './names.js';

/** An S3 location: a bucket and a key (a folder when it ends with `/`). */
export interface S3Location {
  bucket: string;
  key: string;
}

export interface CopyRemoteOptions {
  from: S3Location;
  to: S3Location;
  /** Copy every object under `from.key` (a folder) to under `to.key`. */
  recursive?: boolean;
  /** Replace existing targets; otherwise each one is reported as ObjectExists and left alone. */
  overwrite?: boolean;
  /** Delete each source after its copy succeeded (move / rename). */
  move?: boolean;
  endpoint?: string;
  signal?: AbortSignal;
}

const COPY_CONCURRENCY = 8;

function exists(location: S3Location): FerryError {
  return FerryError.of('ObjectExists', 'object.exists', {
    bucket: location.bucket,
    key: location.key,
  });
}

/** The plan: source keys with their sizes, each mapped to its target key. */
async function plan(client: S3Client, o: CopyRemoteOptions) {
  if (!o.recursive) {
    const head = await headOrNull(client, o.from.bucket, o.from.key);
    if (!head)
      throw translateError({ name: 'NoSuchKey' }, { bucket: o.from.bucket, key: o.from.key });
    // Copying onto a folder puts the object inside it, as cp does.
    const target =
      o.to.key === '' || o.to.key.endsWith('/')
        ? o.to.key + o.from.key.slice(o.from.key.lastIndexOf('/') + 1)
        : o.to.key;
    return [{ from: o.from.key, to: target, size: head.ContentLength ?? 0, etag: head.ETag }];
  }
  const items: { from: string; to: string; size: number; etag: string | undefined }[] = [];
  for await (const page of listObjects(client, {
    bucket: o.from.bucket,
    prefix: o.from.key,
    endpoint: o.endpoint,
  })) {
    for (const obj of page)
      items.push({
        from: obj.key,
        to: o.to.key + obj.key.slice(o.from.key.length),
        size: obj.size,
        etag: obj.etag ?? undefined,
      });
  }
  return items;
}

function checkRequest(o: CopyRemoteOptions): void {
  assertBucketName(o.from.bucket);
  assertBucketName(o.to.bucket);
  if (o.recursive) {
    if (o.from.key !== '' && !o.from.key.endsWith('/'))
      throw invalid('copy.sourceNotFolder', { key: o.from.key });
    if (o.to.key !== '' && !o.to.key.endsWith('/'))
      throw invalid('copy.targetNotFolder', { key: o.to.key });
    if (o.from.bucket === o.to.bucket && o.to.key.startsWith(o.from.key)) {
      throw invalid('copy.intoItself');
    }
  } else assertKey(o.from.key, false);
  if (o.to.key !== '') assertKey(o.to.key, true);
}

/**
 * Copies (or moves) objects between S3 locations on one server, server-side: CopyObject, UploadPartCopy
 * above 5 GiB. Existing targets are kept unless `overwrite`; a move deletes a source only after its copy
 * succeeded. Per-key failures are reported; a failure of the whole request is thrown as a FerryError.
 */
export async function copyRemote(client: S3Client, o: CopyRemoteOptions): Promise<CopyResult> {
  checkRequest(o);
  const ctx = { endpoint: o.endpoint, bucket: o.from.bucket, key: o.from.key };
  try {
    const items = await plan(client, o);
    if (!o.recursive && items[0]!.from === items[0]!.to && o.from.bucket === o.to.bucket) {
      throw invalid('copy.sameObject');
    }
    const result: CopyResult = { copied: 0, bytes: 0, deleted: 0, failures: [] };
    const moved: string[] = [];
    // copyItem reports per-key failures instead of throwing, so one bad key does not stop the rest.
    await runPool(items.length, COPY_CONCURRENCY, async (index) => {
      const item = items[index]!;
      const failure = await copyItem(client, o, item);
      if (failure) result.failures.push(failure);
      else {
        result.copied += 1;
        result.bytes += item.size;
        if (o.move) moved.push(item.from);
      }
    });
    for (let i = 0; i < moved.length; i += 1000) {
      const out = await deleteBatch(
        client,
        o.from.bucket,
        moved.slice(i, i + 1000).map((key) => ({ key })),
      );
      result.deleted += out.deleted;
      result.failures.push(...out.failures);
    }
    if (!o.recursive && result.failures.length === 1 && result.copied === 0) {
      const f = result.failures[0]!.error;
      throw FerryError.fromData(f);
    }
    return result;
  } catch (error) {
    throw translateError(error, ctx);
  }
}

async function copyItem(
  client: S3Client,
  o: CopyRemoteOptions,
  item: { from: string; to: string; size: number; etag: string | undefined },
): Promise<KeyFailure | null> {
  const target = { bucket: o.to.bucket, key: item.to };
  try {
    assertKey(item.to, true);
    if (!o.overwrite && (await headOrNull(client, target.bucket, target.key))) {
      return { key: item.from, error: exists(target).toData() };
    }
    await copyOne(client, {
      from: { bucket: o.from.bucket, key: item.from },
      to: target,
      size: item.size,
      ifMatch: item.etag,
      ...(o.signal ? { signal: o.signal } : {}),
    });
    return null;
  } catch (error) {
    return {
      key: item.from,
      error: translateError(error, { bucket: o.from.bucket, key: item.from }).toData(),
    };
  }
}
