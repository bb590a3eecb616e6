import { DeleteObjectCommand, DeleteObjectsCommand, type S3Client } from '@aws-sdk/client-s3';
import type { KeyFailure } from '../../../src-shared/contract/index.js';
import { translateError } from '../connection/translate.js';
import type { FerryError } from '../errors.js';
import { listObjects } from '../browse/list.js';
import { assertBucketName, assertKey } from './names.js';

/** S3's DeleteObjects takes at most 1000 keys per request. */
export const DELETE_BATCH = 1000;

export interface DeleteResult {
  deleted: number;
  failures: KeyFailure[];
}

/**
 * Keys per DeleteObjects request. Swift's s3api deletes about 15 ms per key and answers only when done: a
 * request of 1,000 keys took 15–29 s here, against the 30 s an idle socket may wait, and timed out under
 * load. 250 keys stay far below that; the extra requests cost one round trip each.
 */
export const DELETE_REQUEST_KEYS = 250;

type DeleteItem = { key: string; versionId?: string | undefined };

/** True when XML 1.0 cannot carry the key: DeleteObjects' body could not name it. */
const unsayableInXml = (key: string): boolean =>
  // eslint-disable-next-line no-control-regex
  /[\u0000-\u0008\u000b\u000c\u000e-\u001f]/.test(key);

/**
 * Deletes up to 1000 keys. The server answers per key; failures are collected, not thrown, so one locked
 * object does not hide that the other 999 are gone. Keys XML cannot carry are deleted one by one.
 */
export async function deleteBatch(
  client: S3Client,
  bucket: string,
  items: DeleteItem[],
): Promise<DeleteResult & { firstError?: FerryError }> {
  const result: DeleteResult & { firstError?: FerryError } = { deleted: 0, failures: [] };
  const add = (part: DeleteResult & { firstError?: FerryError }) => {
    result.deleted += part.deleted;
    result.failures.push(...part.failures);
    if (part.firstError) result.firstError ??= part.firstError;
  };
  const plain = items.filter((i) => !unsayableInXml(i.key));
  for (let i = 0; i < plain.length; i += DELETE_REQUEST_KEYS) {
    add(await deleteRequest(client, bucket, plain.slice(i, i + DELETE_REQUEST_KEYS)));
  }
  for (const item of items.filter((i) => unsayableInXml(i.key))) {
    add(await deleteOne(client, bucket, item));
  }
  return result;
}

/** One key by DeleteObject; a refusal of that key is a failure, as DeleteObjects would report it. */
async function deleteOne(
  client: S3Client,
  bucket: string,
  item: DeleteItem,
): Promise<DeleteResult & { firstError?: FerryError }> {
  try {
    await client.send(
      new DeleteObjectCommand({
        Bucket: bucket,
        Key: item.key,
        ...(item.versionId ? { VersionId: item.versionId } : {}),
      }),
    );
    return { deleted: 1, failures: [] };
  } catch (error) {
    const status = (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
    if (status === undefined || status >= 500) throw error;
    const firstError = translateError(error, { bucket, key: item.key });
    return { deleted: 0, failures: [{ key: item.key, error: firstError.toData() }], firstError };
  }
}

/** One DeleteObjects request (≤ DELETE_REQUEST_KEYS keys). */
async function deleteRequest(
  client: S3Client,
  bucket: string,
  items: DeleteItem[],
): Promise<DeleteResult & { firstError?: FerryError }> {
  if (items.length === 0) return { deleted: 0, failures: [] };
  const out = await client.send(
    new DeleteObjectsCommand({
      Bucket: bucket,
      Delete: {
        Quiet: true,
        Objects: items.map((i) => ({
          Key: i.key,
          ...(i.versionId ? { VersionId: i.versionId } : {}),
        })),
      },
    }),
  );
  let firstError: FerryError | undefined;
  const failures = (out.Errors ?? []).map((e) => {
    const key = e.Key ?? '';
    const error = translateError({ Code: e.Code, message: e.Message }, { bucket, key });
    firstError ??= error;
    return { key, error: error.toData() };
  });
  return {
    deleted: items.length - failures.length,
    failures,
    ...(firstError ? { firstError } : {}),
  };
}

/** Deletes the given keys in batches of 1000, reporting per-key failures. */
export async function deleteKeys(
  client: S3Client,
  bucket: string,
  keys: string[],
  endpoint: string,
): Promise<DeleteResult> {
  assertBucketName(bucket);
  for (const key of keys) assertKey(key, false);
  const result: DeleteResult = { deleted: 0, failures: [] };
  try {
    for (let i = 0; i < keys.length; i += DELETE_BATCH) {
      const batch = keys.slice(i, i + DELETE_BATCH).map((key) => ({ key }));
      const { deleted, failures } = await deleteBatch(client, bucket, batch);
      result.deleted += deleted;
      result.failures.push(...failures);
    }
    return result;
  } catch (error) {
    throw translateError(error, { endpoint, bucket });
  }
}

/** Deletes every object under a prefix (a folder with its contents, marker included). */
export async function deletePrefix(
  client: S3Client,
  bucket: string,
  prefix: string,
  endpoint: string,
): Promise<DeleteResult> {
  assertBucketName(bucket);
  // An empty prefix empties the bucket; the contract never sends one, the CLI's `rm -r s3://b/` does.
  if (prefix) assertKey(prefix, false);
  const result: DeleteResult = { deleted: 0, failures: [] };
  try {
    // Each listed page is at most 1000 keys: exactly one DeleteObjects batch.
    for await (const page of listObjects(client, { bucket, prefix, endpoint })) {
      const { deleted, failures } = await deleteBatch(
        client,
        bucket,
        page.map((o) => ({ key: o.key })),
      );
      result.deleted += deleted;
      result.failures.push(...failures);
    }
    return result;
  } catch (error) {
    throw translateError(error, { endpoint, bucket });
  }
}
