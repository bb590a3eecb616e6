import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import type { FileHandle } from 'node:fs/promises';
import { UploadPartCommand } from '@aws-sdk/client-s3';
import { meteredBody, StallWatch, stalledError } from './body.js';
import { bareEtag, md5Hex } from './integrity.js';
import { withRetry } from './retry.js';
import { readExactly } from './source.js';
import type { TransferContext } from './types.js';

/** Parts up to this size are read into memory once; larger ones are read twice (hash, then send). */
const BUFFER_LIMIT = 64 * 1024 * 1024;

/** Where one part lies in the source, and where it goes. */
export interface PartJob {
  bucket: string;
  key: string;
  uploadId: string;
  file: string;
  handle: FileHandle;
  n: number;
  offset: number;
  size: number;
}

/** A part the server has stored, with the digest Ferry computed before sending it. */
export interface SentPart {
  n: number;
  size: number;
  etag: string;
  md5: string;
}

async function hashRange(file: string, start: number, size: number): Promise<string> {
  const hash = createHash('md5');
  for await (const chunk of createReadStream(file, { start, end: start + size - 1 })) {
    hash.update(chunk as Buffer);
  }
  return hash.digest('hex');
}

/**
 * The part writer: reads one part, sends it with its Content-MD5 (the server refuses it if a byte differs),
 * retrying on network trouble and stalls. Progress sent in a failed try is taken back.
 */
export async function writePart(
  ctx: TransferContext,
  job: PartJob,
  signal: AbortSignal,
): Promise<SentPart> {
  const buffer =
    job.size <= BUFFER_LIMIT ? await readExactly(job.handle, job.file, job.offset, job.size) : null;
  const md5 = buffer ? md5Hex(buffer) : await hashRange(job.file, job.offset, job.size);
  const etag = await withRetry(ctx.retry, signal, async (outer) => {
    const controller = new AbortController();
    const abort = () => controller.abort(outer.reason);
    outer.addEventListener('abort', abort, { once: true });
    const watch = new StallWatch(ctx.stallMs, () =>
      controller.abort(stalledError(ctx.stallMs / 1000)),
    );
    let sent = 0;
    const source =
      buffer ?? createReadStream(job.file, { start: job.offset, end: job.offset + job.size - 1 });
    const body = meteredBody(source, {
      throttle: ctx.throttle,
      signal: controller.signal,
      watch,
      onBytes: (bytes) => {
        sent += bytes;
        ctx.progress(bytes);
      },
    });
    try {
      const out = await ctx.client.send(
        new UploadPartCommand({
          Bucket: job.bucket,
          Key: job.key,
          UploadId: job.uploadId,
          PartNumber: job.n,
          Body: body,
          ContentLength: job.size,
          ContentMD5: Buffer.from(md5, 'hex').toString('base64'),
        }),
        { abortSignal: controller.signal },
      );
      return bareEtag(out.ETag);
    } catch (error) {
      ctx.progress(-sent);
      // A stall aborts with its own reason; report that rather than the SDK's generic abort.
      throw controller.signal.aborted && !outer.aborted ? controller.signal.reason : error;
    } finally {
      watch.stop();
      body.destroy();
      outer.removeEventListener('abort', abort);
    }
  });
  return { n: job.n, size: job.size, etag, md5 };
}
