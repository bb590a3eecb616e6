import { createHash } from 'node:crypto';
import { open, type FileHandle } from 'node:fs/promises';
import {
  AbortMultipartUploadCommand,
  CompleteMultipartUploadCommand,
  CreateMultipartUploadCommand,
  PutObjectCommand,
  UploadPartCommand,
  type S3Client,
} from '@aws-sdk/client-s3';
import { translateError } from '../connection/translate.js';
import { bareEtag } from './remote.js';
import type { LocalFile } from './scan.js';
import {
  SourceChangedError,
  type UploadRequest,
  type UploadResult,
  type UploadSink,
} from './upload-sink.js';

/**
 * A minimal sink that uploads straight through an S3Client, used where no transfer queue is wired in.
 * Every byte sent was read while the file's size and mtime matched what was judged stable, and each body
 * carries its Content-MD5, so the server never stores a mix of two versions.
 */
export class DirectUploadSink implements UploadSink {
  readonly #client: (profileId: string) => Promise<S3Client>;
  readonly #partSize: () => number;

  constructor(client: (profileId: string) => Promise<S3Client>, partSize: () => number) {
    this.#client = client;
    this.#partSize = partSize;
  }

  async upload(request: UploadRequest): Promise<UploadResult> {
    const client = await this.#client(request.profileId);
    const handle = await open(request.file, 'r');
    try {
      await assertUnchanged(handle, request);
      if (request.expected.size <= this.#partSize())
        return await this.#put(client, handle, request);
      return await this.#multipart(client, handle, request);
    } catch (error) {
      if (error instanceof SourceChangedError) throw error;
      throw translateError(error, { bucket: request.bucket, key: request.key });
    } finally {
      await handle.close();
    }
  }

  async #put(client: S3Client, handle: FileHandle, r: UploadRequest): Promise<UploadResult> {
    const body = await readAt(handle, 0, r.expected.size);
    await assertUnchanged(handle, r);
    const out = await client.send(
      new PutObjectCommand({ Bucket: r.bucket, Key: r.key, Body: body, ContentMD5: md5(body) }),
      { abortSignal: r.signal },
    );
    return { etag: bareEtag(out.ETag) };
  }

  async #multipart(client: S3Client, handle: FileHandle, r: UploadRequest): Promise<UploadResult> {
    const size = r.expected.size;
    // S3 allows at most 10,000 parts: grow the part for very large files.
    const partSize = Math.max(this.#partSize(), Math.ceil(size / 10_000));
    const created = await client.send(
      new CreateMultipartUploadCommand({ Bucket: r.bucket, Key: r.key }),
      { abortSignal: r.signal },
    );
    const uploadId = created.UploadId!;
    try {
      const parts: { PartNumber: number; ETag: string }[] = [];
      for (let offset = 0, n = 1; offset < size; offset += partSize, n++) {
        const body = await readAt(handle, offset, Math.min(partSize, size - offset));
        const out = await client.send(
          new UploadPartCommand({
            Bucket: r.bucket,
            Key: r.key,
            UploadId: uploadId,
            PartNumber: n,
            Body: body,
            ContentMD5: md5(body),
          }),
          { abortSignal: r.signal },
        );
        parts.push({ PartNumber: n, ETag: out.ETag ?? '' });
      }
      // The parts were read at different moments: publish only if the file did not change meanwhile.
      await assertUnchanged(handle, r);
      const done = await client.send(
        new CompleteMultipartUploadCommand({
          Bucket: r.bucket,
          Key: r.key,
          UploadId: uploadId,
          MultipartUpload: { Parts: parts },
        }),
      );
      return { etag: bareEtag(done.ETag) };
    } catch (error) {
      await client
        .send(new AbortMultipartUploadCommand({ Bucket: r.bucket, Key: r.key, UploadId: uploadId }))
        .catch(() => {});
      throw error;
    }
  }
}

function md5(body: Uint8Array): string {
  return createHash('md5').update(body).digest('base64');
}

async function readAt(handle: FileHandle, position: number, length: number): Promise<Buffer> {
  const buffer = Buffer.alloc(length);
  let done = 0;
  while (done < length) {
    const { bytesRead } = await handle.read(buffer, done, length - done, position + done);
    if (bytesRead === 0) break;
    done += bytesRead;
  }
  return done === length ? buffer : buffer.subarray(0, done);
}

/** Throws SourceChangedError when the open file no longer has the expected size and mtime. */
export async function assertUnchanged(
  handle: FileHandle,
  r: { file: string; expected: LocalFile },
): Promise<void> {
  const now = await handle.stat();
  if (now.size !== r.expected.size || now.mtimeMs !== r.expected.mtimeMs) {
    throw new SourceChangedError(r.file);
  }
}
