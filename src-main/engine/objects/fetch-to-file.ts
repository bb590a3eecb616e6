import { createWriteStream } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { GetObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { translateError } from '../connection/translate.js';
import { FerryError } from '../errors.js';

/** Bytes received so far and the object's size when the server says. */
export type FetchProgress = (bytes: number, total: number | null) => void;

export interface FetchOptions {
  endpoint: string;
  onProgress?: FetchProgress;
  signal?: AbortSignal;
}

/**
 * Downloads one object to `file` in one stream, for short-lived local copies (dragging an object out).
 * The bytes go to `file.part` first and are renamed only when complete, so nothing ever sees half an
 * object under the real name. Large, resumable downloads belong to the transfer queue instead.
 */
export async function fetchObjectToFile(
  client: S3Client,
  target: { bucket: string; key: string; versionId?: string },
  file: string,
  options: FetchOptions,
): Promise<number> {
  const context = { endpoint: options.endpoint, bucket: target.bucket, key: target.key };
  const partial = `${file}.part`;
  let bytes = 0;
  try {
    const out = await client.send(
      new GetObjectCommand({ Bucket: target.bucket, Key: target.key, VersionId: target.versionId }),
      {
        abortSignal: options.signal,
      },
    );
    const total = out.ContentLength ?? null;
    options.onProgress?.(0, total);
    const count = new Transform({
      transform(chunk: Buffer, _encoding, done) {
        bytes += chunk.length;
        options.onProgress?.(bytes, total);
        done(null, chunk);
      },
    });
    await pipeline(out.Body as Readable, count, createWriteStream(partial, { mode: 0o600 }), {
      signal: options.signal,
    });
    if (total !== null && bytes !== total) {
      throw FerryError.of('NetworkError', 'download.cutShort', { key: target.key, bytes, total });
    }
    await rename(partial, file);
    return bytes;
  } catch (error) {
    await rm(partial, { force: true });
    throw translateError(error, context);
  }
}
