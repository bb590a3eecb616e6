import {
  AbortMultipartUploadCommand,
  CompleteMultipartUploadCommand,
  CopyObjectCommand,
  CreateMultipartUploadCommand,
  UploadPartCopyCommand,
  type S3Client,
} from '@aws-sdk/client-s3';

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

/** CopySource is `bucket/key` URL-encoded segment by segment (keys may hold `+`, `%`, `#`, `?`, `&`). */
export function copySource(bucket: string, key: string): string {
  return `${bucket}/${key.split('/').map(encodeURIComponent).join('/')}`;
}

export interface CopyOneOptions {
  from: { bucket: string; key: string };
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
  const source = copySource(from.bucket, from.key);
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
  const { UploadId } = await client.send(
    new CreateMultipartUploadCommand({ Bucket: to.bucket, Key: to.key, ...(replace ?? {}) }),
    opts,
  );
  try {
    const count = Math.ceil(options.size / COPY_PART);
    const parts: { PartNumber: number; ETag: string }[] = new Array(count);
    let next = 0;
    const worker = async () => {
      while (next < count) {
        const index = next++;
        const start = index * COPY_PART;
        const end = Math.min(options.size, start + COPY_PART) - 1;
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
      }
    };
    await Promise.all(Array.from({ length: Math.min(PART_CONCURRENCY, count) }, worker));
    await client.send(
      new CompleteMultipartUploadCommand({
        Bucket: to.bucket,
        Key: to.key,
        UploadId,
        MultipartUpload: { Parts: parts },
      }),
      opts,
    );
  } catch (error) {
    await client
      .send(new AbortMultipartUploadCommand({ Bucket: to.bucket, Key: to.key, UploadId }))
      .catch(() => {});
    throw error;
  }
}
