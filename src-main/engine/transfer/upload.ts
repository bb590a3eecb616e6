import type { FileHandle } from 'node:fs/promises';
import {
  CompleteMultipartUploadCommand,
  HeadObjectCommand,
  PutObjectCommand,
} from '@aws-sdk/client-s3';
import { contentTypeFor } from './content-type.js';
import { bareEtag, integrityMismatch, isPlainMd5, md5OfFile, multipartEtag } from './integrity.js';
import { leanPutFor } from './lean-put.js';
import { hashableBuffer, md5Of } from './md5-workers.js';
import { runPool } from './pool.js';
import { withRetry } from './retry.js';
import { writePart, type SentPart } from './part-writer.js';
import { sendBody } from './send-body.js';
import { dropJournal, forget, prepare } from './upload-journal.js';
import { BufferPool, checkUnchanged, openSource, readExactly, readWhole } from './source.js';
import {
  chunkId,
  type ChunkEntry,
  type Fingerprint,
  type TransferContext,
  type TransferOutcome,
  type UploadEntry,
} from './types.js';

/** What to upload where. */
export interface UploadSpec {
  profileId: string;
  bucket: string;
  key: string;
  file: string;
  /** Also compute the whole file's MD5 for a multipart upload (costs one more read of the file). */
  md5?: boolean;
  /** Stored as the object's Content-Type; guessed from the file's name (then the key's) when not given. */
  contentType?: string;
}

/** Files up to this size go in one PUT, read into memory once. */
const SINGLE_PUT_LIMIT = 64 * 1024 * 1024;

/** Uploads one file: a single PUT when small, a resumable multipart upload otherwise; verified either way. */
export async function uploadFile(
  ctx: TransferContext,
  asked: UploadSpec,
): Promise<TransferOutcome> {
  const spec = {
    ...asked,
    contentType: asked.contentType ?? contentTypeFor(asked.file, asked.key),
  };
  // Whole reads stop at 1 MiB, below the smallest part size: such a file always goes in one PUT.
  const small = readWhole(spec.file);
  if (small) {
    ctx.setTotal(small.print.size);
    return await putSmall(ctx, spec, small.data, small.print);
  }
  const { handle, print } = await openSource(spec.file);
  try {
    ctx.setTotal(print.size);
    if (print.size <= Math.min(ctx.partSize, SINGLE_PUT_LIMIT)) {
      const data = await readExactly(handle, spec.file, 0, print.size, hashableBuffer(print.size));
      await checkUnchanged(spec.file, print);
      return await putSmall(ctx, spec, data, print);
    }
    return await multipart(ctx, spec, handle, print);
  } finally {
    await handle.close();
  }
}

async function putSmall(
  ctx: TransferContext,
  spec: UploadSpec,
  data: Buffer,
  print: Fingerprint,
): Promise<TransferOutcome> {
  const md5 = await md5Of(data);
  const contentMd5 = Buffer.from(md5, 'hex').toString('base64');
  const lean = await leanPutFor(ctx.client);
  let etag = await sendBody(
    ctx,
    ctx.signal,
    () => data,
    async (body, abortSignal) => {
      const input = { bucket: spec.bucket, key: spec.key, contentLength: data.length, contentMd5 };
      const sent = lean
        ? await lean.put(
            { ...input, contentType: spec.contentType },
            data.length === 0 ? data : body,
            abortSignal,
          )
        : null;
      if (sent !== null) return sent;
      const out = await ctx.client.send(
        new PutObjectCommand({
          Bucket: spec.bucket,
          Key: spec.key,
          // A body the lean PUT used up cannot be read again; the bytes are in memory.
          Body: data.length === 0 || lean ? data : body,
          ContentLength: data.length,
          ContentMD5: contentMd5,
          ...(spec.contentType ? { ContentType: spec.contentType } : {}),
        }),
        { abortSignal },
      );
      return bareEtag(out.ETag);
    },
  );
  if (!etag) etag = (await head(ctx, spec)).etag;
  if (isPlainMd5(etag) && etag !== md5)
    throw integrityMismatch(`s3://${spec.bucket}/${spec.key}`, md5, etag);
  return { bucket: spec.bucket, key: spec.key, file: spec.file, size: print.size, etag, md5 };
}

async function head(ctx: TransferContext, spec: { bucket: string; key: string }) {
  const out = await withRetry(ctx.retry, ctx.signal, (signal) =>
    ctx.client.send(new HeadObjectCommand({ Bucket: spec.bucket, Key: spec.key }), {
      abortSignal: signal,
    }),
  );
  return { etag: bareEtag(out.ETag), size: out.ContentLength ?? -1 };
}

function* partJobs(
  spec: UploadSpec,
  entry: UploadEntry,
  handle: FileHandle,
  skip: Map<number, SentPart>,
  pool: BufferPool,
) {
  const count = Math.max(1, Math.ceil(entry.size / entry.partSize));
  for (let n = 1; n <= count; n++) {
    if (skip.has(n)) continue;
    const offset = (n - 1) * entry.partSize;
    const size = Math.min(entry.partSize, entry.size - offset);
    yield {
      bucket: spec.bucket,
      key: spec.key,
      uploadId: entry.uploadId,
      file: spec.file,
      handle,
      pool,
      n,
      offset,
      size,
    };
  }
}

async function multipart(
  ctx: TransferContext,
  spec: UploadSpec,
  handle: FileHandle,
  print: Fingerprint,
): Promise<TransferOutcome> {
  const { id, entry, done } = await prepare(ctx, spec, print);
  let resumedBytes = 0;
  for (const part of done.values()) resumedBytes += part.size;
  if (resumedBytes > 0 || done.size > 0) ctx.resumed(resumedBytes);
  ctx.progress(resumedBytes);
  const pool = new BufferPool(entry.partSize);
  try {
    await runPool(
      partJobs(spec, entry, handle, done, pool),
      ctx.partConcurrency,
      ctx.signal,
      async (job, signal) => {
        const sent = await writePart(ctx, job, signal);
        await checkUnchanged(spec.file, print);
        done.set(sent.n, sent);
        const chunk: ChunkEntry = {
          kind: 'chunk',
          owner: id,
          n: sent.n,
          size: sent.size,
          etag: sent.etag,
          md5: sent.md5,
        };
        // On disk before the worker takes the next part: after a kill, only parts in flight are sent again.
        await ctx.journal.put(chunkId(id, sent.n), chunk);
      },
    );
    await checkUnchanged(spec.file, print);
  } catch (error) {
    // A changed source can never be resumed: abort the upload now so no stale parts linger.
    if ((error as { code?: string }).code === 'SourceChanged') await forget(ctx, id, entry);
    throw error;
  }
  const parts = [...done.values()].sort((a, b) => a.n - b.n);
  const completedEtag = await complete(ctx, spec, entry.uploadId, parts);
  await dropJournal(ctx, id);
  const outcome = await verifyMultipart(ctx, spec, print, parts, completedEtag);
  return { ...outcome, resumedBytes };
}

/**
 * Completes the upload; answers the ETag it reports. When a retry is told the upload is gone, the first try
 * completed it and only its answer was lost: the object itself is verified next, so nothing is sent again.
 */
async function complete(
  ctx: TransferContext,
  spec: UploadSpec,
  uploadId: string,
  parts: SentPart[],
): Promise<string> {
  let tries = 0;
  const out = await withRetry(ctx.retry, ctx.signal, async (signal) => {
    tries++;
    try {
      return await ctx.client.send(
        new CompleteMultipartUploadCommand({
          Bucket: spec.bucket,
          Key: spec.key,
          UploadId: uploadId,
          MultipartUpload: { Parts: parts.map((p) => ({ PartNumber: p.n, ETag: `"${p.etag}"` })) },
        }),
        { abortSignal: signal },
      );
    } catch (error) {
      const name = (error as { name?: string }).name;
      if (tries > 1 && (name === 'NoSuchUpload' || name === 'NoSuchKey')) return { ETag: '' };
      throw error;
    }
  });
  return bareEtag(out.ETag);
}

/** Compares the stored object with what was sent: size, and the multipart ETag from Ferry's own digests. */
async function verifyMultipart(
  ctx: TransferContext,
  spec: UploadSpec,
  print: Fingerprint,
  parts: SentPart[],
  completedEtag: string,
): Promise<TransferOutcome> {
  const expected = multipartEtag(parts.map((p) => p.md5));
  // Some servers (Ceph RGW) answer Complete with an empty ETag; HeadObject has the real one.
  const stored = await head(ctx, spec);
  const where = `s3://${spec.bucket}/${spec.key}`;
  if (stored.size !== print.size)
    throw integrityMismatch(where, `${print.size} bytes`, `${stored.size} bytes`);
  for (const etag of [completedEtag, stored.etag]) {
    if (etag && etag !== expected) throw integrityMismatch(where, expected, etag);
  }
  const md5 = spec.md5 ? await md5OfFile(spec.file) : null;
  return {
    bucket: spec.bucket,
    key: spec.key,
    file: spec.file,
    size: print.size,
    etag: stored.etag,
    md5,
  };
}
