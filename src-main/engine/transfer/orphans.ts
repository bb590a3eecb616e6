import {
  AbortMultipartUploadCommand,
  ListMultipartUploadsCommand,
  ListPartsCommand,
  type S3Client,
} from '@aws-sdk/client-s3';
import type { IncompleteUpload } from '../../../src-shared/contract/transfers.js';
import { translateError } from '../connection/translate.js';

/** Bytes and parts already stored for one incomplete upload (0 when the server cannot say). */
async function storedParts(client: S3Client, bucket: string, key: string, uploadId: string) {
  let parts = 0;
  let size = 0;
  let marker: string | undefined;
  try {
    do {
      const page = await client.send(
        new ListPartsCommand({
          Bucket: bucket,
          Key: key,
          UploadId: uploadId,
          PartNumberMarker: marker,
        }),
      );
      for (const part of page.Parts ?? []) {
        parts++;
        size += part.Size ?? 0;
      }
      marker = page.IsTruncated ? page.NextPartNumberMarker : undefined;
    } while (marker);
  } catch {
    // Servers without ListParts: the upload is still listed, with what is known.
  }
  return { parts, size };
}

/**
 * The multipart uploads open in a bucket (under `prefix`, if given), page by page: what the Transfers
 * view lists and what a sync clears before it copies. Errors are the caller's to translate or log.
 */
export async function* openUploads(
  client: S3Client,
  bucket: string,
  prefix?: string,
): AsyncGenerator<{ key: string; uploadId: string; initiated: Date | undefined }> {
  let keyMarker: string | undefined;
  let idMarker: string | undefined;
  do {
    const page = await client.send(
      new ListMultipartUploadsCommand({
        Bucket: bucket,
        Prefix: prefix,
        KeyMarker: keyMarker,
        UploadIdMarker: idMarker,
      }),
    );
    for (const u of page.Uploads ?? []) {
      if (u.Key && u.UploadId) yield { key: u.Key, uploadId: u.UploadId, initiated: u.Initiated };
    }
    keyMarker = page.IsTruncated ? page.NextKeyMarker : undefined;
    idMarker = page.IsTruncated ? page.NextUploadIdMarker : undefined;
  } while (keyMarker);
}

/** Incomplete multipart uploads in a bucket, oldest first, with their age and stored size. */
export async function listIncompleteUploads(
  client: S3Client,
  bucket: string,
  now: number,
): Promise<IncompleteUpload[]> {
  const out: IncompleteUpload[] = [];
  try {
    for await (const { key, uploadId, initiated } of openUploads(client, bucket)) {
      const { parts, size } = await storedParts(client, bucket, key, uploadId);
      out.push({
        key,
        uploadId,
        initiated: initiated ? initiated.toISOString() : null,
        ageSeconds: initiated ? Math.max(0, Math.round((now - initiated.getTime()) / 1000)) : null,
        parts,
        size,
      });
    }
  } catch (error) {
    throw translateError(error, { bucket });
  }
  return out.sort((a, b) => (a.initiated ?? '').localeCompare(b.initiated ?? ''));
}

/** Aborts the given incomplete uploads (all of them when `which` is left out); answers how many. */
export async function abortIncompleteUploads(
  client: S3Client,
  bucket: string,
  which?: { key: string; uploadId: string }[],
): Promise<number> {
  const targets = which ?? (await listIncompleteUploads(client, bucket, Date.now()));
  let aborted = 0;
  for (const { key, uploadId } of targets) {
    try {
      await client.send(
        new AbortMultipartUploadCommand({ Bucket: bucket, Key: key, UploadId: uploadId }),
      );
      aborted++;
    } catch (error) {
      const e = translateError(error, { bucket, key });
      // Already gone is what the user wanted.
      if (e.code !== 'NoSuchKey' && (error as { name?: string }).name !== 'NoSuchUpload') throw e;
    }
  }
  return aborted;
}
