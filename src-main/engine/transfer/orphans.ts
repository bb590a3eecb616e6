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

/** Incomplete multipart uploads in a bucket, oldest first, with their age and stored size. */
export async function listIncompleteUploads(
  client: S3Client,
  bucket: string,
  now: number,
): Promise<IncompleteUpload[]> {
  const out: IncompleteUpload[] = [];
  let keyMarker: string | undefined;
  let idMarker: string | undefined;
  try {
    do {
      const page = await client.send(
        new ListMultipartUploadsCommand({
          Bucket: bucket,
          KeyMarker: keyMarker,
          UploadIdMarker: idMarker,
        }),
      );
      for (const u of page.Uploads ?? []) {
        if (!u.Key || !u.UploadId) continue;
        const { parts, size } = await storedParts(client, bucket, u.Key, u.UploadId);
        const initiated = u.Initiated ? u.Initiated.toISOString() : null;
        out.push({
          key: u.Key,
          uploadId: u.UploadId,
          initiated,
          ageSeconds: u.Initiated
            ? Math.max(0, Math.round((now - u.Initiated.getTime()) / 1000))
            : null,
          parts,
          size,
        });
      }
      keyMarker = page.IsTruncated ? page.NextKeyMarker : undefined;
      idMarker = page.IsTruncated ? page.NextUploadIdMarker : undefined;
    } while (keyMarker);
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
