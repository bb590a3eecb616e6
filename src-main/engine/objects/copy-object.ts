import {
  AbortMultipartUploadCommand,
  CompleteMultipartUploadCommand,
  CopyObjectCommand,
  CreateMultipartUploadCommand,
  HeadObjectCommand,
  UploadPartCopyCommand,
  type S3Client,
} from '@aws-sdk/client-s3';
import { sourceTagging, tagCompleted } from './copy-tags.js';
import { runPool } from './pool.js';

const GiB = 1024 ** 3;
/** CopyObject copies at most 5 GiB in one request; larger objects need UploadPartCopy. */
export const MAX_SINGLE_COPY = 5 * GiB;
/** Parts for a multipart copy: big enough to stay far below S3's 10,000-part limit up to 5 TiB. */
const COPY_PART = 512 * 1024 ** 2;
const PART_CONCURRENCY = 4;

/** Headers a copy can set when it replaces the object's metadata. */
export interface ReplaceHeaders {
  ContentType?: string;
  CacheControl?: string;
  ContentDisposition?: string;
  ContentEncoding?: string;
  ContentLanguage?: string;
  Expires?: Date;
  Metadata: Record<string, string>;
}

/**
 * CopySource is `bucket/key` URL-encoded segment by segment (keys may hold `+`, `%`, `#`, `?`, `&`), with
 * `?versionId=` to copy one version of it.
 */
export function copySource(bucket: string, key: string, versionId?: string): string {
  const source = `${bucket}/${key.split('/').map(encodeURIComponent).join('/')}`;
  return versionId ? `${source}?versionId=${encodeURIComponent(versionId)}` : source;
}

export interface CopyOneOptions {
  /** With `versionId`, that version of the source rather than its current one. */
  from: { bucket: string; key: string; versionId?: string };
  to: { bucket: string; key: string };
  size: number;
  /** Copy only if the source still has this ETag (no surprise when it changed meanwhile). */
  ifMatch?: string | undefined;
  /** Replace content headers and user metadata instead of copying them. */
  replace?: ReplaceHeaders;
  signal?: AbortSignal;
}

/** Copies one object server-side: CopyObject up to 5 GiB, UploadPartCopy above (aborted on failure). */
export async function copyOne(client: S3Client, options: CopyOneOptions): Promise<void> {
  const { from, to, replace } = options;
  const source = copySource(from.bucket, from.key, from.versionId);
  const opts = options.signal ? { abortSignal: options.signal } : {};
  if (options.size <= MAX_SINGLE_COPY) {
    await client.send(
      new CopyObjectCommand({
        Bucket: to.bucket,
        Key: to.key,
        CopySource: source,
        ...(options.ifMatch ? { CopySourceIfMatch: options.ifMatch } : {}),
        ...(replace ? { MetadataDirective: 'REPLACE', ...replace } : {}),
      }),
      opts,
    );
    return;
  }
  await copyInParts(client, options);
}

/** The source's content headers and user metadata, which a multipart copy does not carry by itself. */
async function sourceHeaders(
  client: S3Client,
  from: CopyOneOptions['from'],
): Promise<ReplaceHeaders> {
  return headersOf(
    await client.send(
      new HeadObjectCommand({ Bucket: from.bucket, Key: from.key, VersionId: from.versionId }),
    ),
  );
}

/** A HEAD or GET answer's content headers and metadata, as PUT and CreateMultipartUpload take them. */
export function headersOf(answer: Partial<ReplaceHeaders>): ReplaceHeaders {
  const headers: ReplaceHeaders = { Metadata: answer.Metadata ?? {} };
  if (answer.ContentType) headers.ContentType = answer.ContentType;
  if (answer.CacheControl) headers.CacheControl = answer.CacheControl;
  if (answer.ContentDisposition) headers.ContentDisposition = answer.ContentDisposition;
  if (answer.ContentEncoding) headers.ContentEncoding = answer.ContentEncoding;
  if (answer.ContentLanguage) headers.ContentLanguage = answer.ContentLanguage;
  if (answer.Expires) headers.Expires = answer.Expires;
  return headers;
}

/**
 * A server-side copy in parts (UploadPartCopy), for objects above CopyObject's 5 GiB limit. Unlike
 * CopyObject it does not carry the source's headers and tags, so they are read and set explicitly. An unfinished
 * upload is aborted on failure, leaving no half-written object behind.
 */
export async function copyInParts(
  client: S3Client,
  options: CopyOneOptions,
  partSize = COPY_PART,
): Promise<void> {
  const { from, to } = options;
  const source = copySource(from.bucket, from.key, from.versionId);
  const opts = options.signal ? { abortSignal: options.signal } : {};
  const headers = options.replace ?? (await sourceHeaders(client, from));
  // CopyObject copies the tags; a multipart copy puts them on the object it completes.
  const tagging = await sourceTagging(client, from, options.signal);
  const { UploadId } = await client.send(
    new CreateMultipartUploadCommand({ Bucket: to.bucket, Key: to.key, ...headers }),
    opts,
  );
  try {
    const count = Math.ceil(options.size / partSize);
    const parts: { PartNumber: number; ETag: string }[] = new Array(count);
    await runPool(count, PART_CONCURRENCY, async (index) => {
      const start = index * partSize;
      const end = Math.min(options.size, start + partSize) - 1;
      const out = await client.send(
        new UploadPartCopyCommand({
          Bucket: to.bucket,
          Key: to.key,
          UploadId,
          PartNumber: index + 1,
          CopySource: source,
          CopySourceRange: `bytes=${start}-${end}`,
          ...(options.ifMatch ? { CopySourceIfMatch: options.ifMatch } : {}),
        }),
        opts,
      );
      parts[index] = { PartNumber: index + 1, ETag: out.CopyPartResult?.ETag ?? '' };
    });
    await client.send(
      new CompleteMultipartUploadCommand({
        Bucket: to.bucket,
        Key: to.key,
        UploadId,
        MultipartUpload: { Parts: parts },
      }),
      opts,
    );
    await tagCompleted(client, to, tagging, options.signal);
  } catch (error) {
    await client
      .send(new AbortMultipartUploadCommand({ Bucket: to.bucket, Key: to.key, UploadId }))
      .catch(() => {});
    throw error;
  }
}
