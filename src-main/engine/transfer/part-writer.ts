import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import type { FileHandle } from 'node:fs/promises';
import { UploadPartCommand } from '@aws-sdk/client-s3';
import { bareEtag } from './integrity.js';
import { md5Of } from './md5-workers.js';
import { sendBody } from './send-body.js';
import { readExactly, type BufferPool } from './source.js';
import type { TransferContext } from './types.js';

/** Parts up to this size are read into memory once; larger ones are read twice (hash, then send). */
const BUFFER_LIMIT = 64 * 1024 * 1024;

/** Where one part lies in the source, and where it goes. */
export interface PartJob {
  pool: BufferPool;
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
  const full = job.size <= BUFFER_LIMIT ? job.pool.take() : null;
  try {
    return await sendPart(ctx, job, signal, full);
  } finally {
    if (full) job.pool.give(full);
  }
}

async function sendPart(
  ctx: TransferContext,
  job: PartJob,
  signal: AbortSignal,
  full: Buffer | null,
): Promise<SentPart> {
  const buffer = full ? await readExactly(job.handle, job.file, job.offset, job.size, full) : null;
  const md5 = buffer ? await md5Of(buffer) : await hashRange(job.file, job.offset, job.size);
  const etag = await sendBody(
    ctx,
    signal,
    () =>
      buffer ?? createReadStream(job.file, { start: job.offset, end: job.offset + job.size - 1 }),
    async (body, abortSignal) => {
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
        { abortSignal },
      );
      return bareEtag(out.ETag);
    },
  );
  return { n: job.n, size: job.size, etag, md5 };
}
