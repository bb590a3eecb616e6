import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import type { FileHandle } from 'node:fs/promises';
import { objectKeyProblem } from '../../../src-shared/s3-names.js';
import { FerryError } from '../errors.js';
import { contentTypeFor } from './content-type.js';
import { integrityMismatch, isPlainMd5, md5OfFile, multipartEtag } from './integrity.js';
import { hashableBuffer, md5Of } from './md5-workers.js';
import { runMissingParts } from './parts.js';
import { dropJournal, forget, prepare, type SentPart } from './upload-journal.js';
import { BufferPool, checkUnchanged, openSource, readExactly, readWhole } from './source.js';
import {
  chunkId,
  type ChunkEntry,
  type Fingerprint,
  type TransferContext,
  type TransferOutcome,
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
  refuseUnstorableKey(asked.key);
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
  let etag = await ctx.s3.put(spec, data, md5);
  if (!etag) etag = (await ctx.s3.head(spec)).etag;
  if (isPlainMd5(etag) && etag !== md5)
    throw integrityMismatch(`s3://${spec.bucket}/${spec.key}`, md5, etag);
  return { bucket: spec.bucket, key: spec.key, file: spec.file, size: print.size, etag, md5 };
}

/**
 * A key Ferry would not name an object fails here in plain words, before the file is read: empty or over
 * 1,024 bytes (no server stores it), "." / ".." / empty segments or a leading "/" (RustFS refuses them, and
 * Ferry itself will not download them into a folder), control characters (a listing's XML cannot carry
 * them: Swift then cannot list the folder at all).
 */
function refuseUnstorableKey(key: string): void {
  const problem = objectKeyProblem(key);
  // The problem's text is made where the rule lives (src-shared/s3-names.ts), numbers written plainly.
  if (problem) throw new FerryError('InvalidKey', problem.message, problem.hint, problem);
}

/** Parts up to this size are read into memory once; larger ones are read twice (hash, then send). */
const BUFFER_LIMIT = 64 * 1024 * 1024;

/** Where one part lies in the source file, and which upload it belongs to. */
interface PartJob {
  spec: UploadSpec;
  uploadId: string;
  handle: FileHandle;
  pool: BufferPool;
  n: number;
  offset: number;
  size: number;
}

async function hashRange(file: string, start: number, size: number): Promise<string> {
  const hash = createHash('md5');
  for await (const chunk of createReadStream(file, { start, end: start + size - 1 })) {
    hash.update(chunk as Buffer);
  }
  return hash.digest('hex');
}

/**
 * The part writer: reads one part, hashes it and sends it through the port with its Content-MD5 (the server
 * refuses it if a byte differs). A part up to 64 MiB is read into a pooled buffer once.
 */
async function writePart(
  ctx: TransferContext,
  job: PartJob,
  signal: AbortSignal,
): Promise<SentPart> {
  const { spec, n, offset, size } = job;
  const full = size <= BUFFER_LIMIT ? job.pool.take() : null;
  try {
    const buffer = full ? await readExactly(job.handle, spec.file, offset, size, full) : null;
    const md5 = buffer ? await md5Of(buffer) : await hashRange(spec.file, offset, size);
    const part = { bucket: spec.bucket, key: spec.key, uploadId: job.uploadId, n, size, md5 };
    const etag = await ctx.s3.uploadPart(
      part,
      () => buffer ?? createReadStream(spec.file, { start: offset, end: offset + size - 1 }),
      signal,
    );
    return { n, size, etag, md5 };
  } finally {
    if (full) job.pool.give(full);
  }
}

/** A multipart upload: continued from the journal or begun, its parts sent a few at a time, then completed. */
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
    await runMissingParts(ctx, entry, done, async ({ n, start, length }, signal) => {
      const job = { spec, uploadId: entry.uploadId, handle, pool, n, offset: start, size: length };
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
    });
    await checkUnchanged(spec.file, print);
  } catch (error) {
    // A changed source can never be resumed: abort the upload now so no stale parts linger.
    if ((error as { code?: string }).code === 'SourceChanged') await forget(ctx, id, entry);
    throw error;
  }
  const parts = [...done.values()].sort((a, b) => a.n - b.n);
  const completedEtag = await ctx.s3.complete({ ...spec, uploadId: entry.uploadId }, parts);
  await dropJournal(ctx, id);
  const outcome = await verifyMultipart(ctx, spec, print, parts, completedEtag);
  return { ...outcome, resumedBytes };
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
  const stored = await ctx.s3.head(spec);
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
