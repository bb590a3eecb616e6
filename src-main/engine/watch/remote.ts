import { DeleteObjectsCommand, ListObjectsV2Command, type S3Client } from '@aws-sdk/client-s3';
import { DELETE_REQUEST_KEYS } from '../objects/delete.js';
import { translateError } from '../connection/translate.js';
import { FerryError } from '../errors.js';

/** A remote object as the listing shows it. */
export interface RemoteObject {
  size: number;
  /** ETag without quotes. */
  etag: string;
}

/** Strips the quotes S3 puts around ETags. */
export function bareEtag(etag: string | undefined): string {
  return (etag ?? '').replace(/^"+|"+$/g, '').replace(/^W\//, '');
}

/** A listed object and its key. */
export interface ListedObject extends RemoteObject {
  key: string;
  /** ISO 8601, when the server said (shown with a conflict's remote version). */
  lastModified?: string;
}

/**
 * Lists the objects under a prefix with ListObjectsV2, a page (1,000 keys) at a time, in key order (UTF-8
 * binary). The listing carries size and ETag, which is all reconciliation needs: no HEAD per object.
 */
export async function* listRemote(
  client: S3Client,
  bucket: string,
  prefix: string,
  signal?: AbortSignal,
): AsyncGenerator<ListedObject> {
  let token: string | undefined;
  do {
    let page;
    try {
      page = await client.send(
        new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix, ContinuationToken: token }),
        { abortSignal: signal },
      );
    } catch (error) {
      throw translateError(error, { bucket });
    }
    token = page.IsTruncated ? page.NextContinuationToken : undefined;
    for (const o of page.Contents ?? []) {
      if (o.Key === undefined) continue;
      const listed: ListedObject = { key: o.Key, size: o.Size ?? 0, etag: bareEtag(o.ETag) };
      if (o.LastModified) listed.lastModified = o.LastModified.toISOString();
      yield listed;
    }
  } while (token);
}

/** Deletes keys in requests of DELETE_REQUEST_KEYS (see there why not S3's 1,000); returns those deleted. */
export async function deleteRemote(
  client: S3Client,
  bucket: string,
  keys: string[],
): Promise<string[]> {
  const deleted: string[] = [];
  for (let i = 0; i < keys.length; i += DELETE_REQUEST_KEYS) {
    const batch = keys.slice(i, i + DELETE_REQUEST_KEYS);
    try {
      const out = await client.send(
        new DeleteObjectsCommand({
          Bucket: bucket,
          Delete: { Objects: batch.map((Key) => ({ Key })), Quiet: false },
        }),
      );
      for (const d of out.Deleted ?? []) if (d.Key) deleted.push(d.Key);
      const failure = out.Errors?.[0];
      if (failure) {
        throw FerryError.of('ServerError', 'watch.deleteRefused', {
          key: failure.Key ?? '?',
          detail: failure.Message ?? failure.Code ?? '?',
        });
      }
    } catch (error) {
      throw translateError(error, { bucket });
    }
  }
  return deleted;
}
