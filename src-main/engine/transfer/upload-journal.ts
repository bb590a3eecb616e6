import {
  AbortMultipartUploadCommand,
  CreateMultipartUploadCommand,
  ListMultipartUploadsCommand,
  ListPartsCommand,
} from '@aws-sdk/client-s3';
import { translateError } from '../connection/translate.js';
import { findJournaled } from './identity.js';
import { bareEtag } from './integrity.js';
import { notes } from './notes.js';
import type { SentPart } from './part-writer.js';
import { withRetry } from './retry.js';
import { partSizeFor, samePrint } from './source.js';
import { chunkId, type Fingerprint, type TransferContext, type UploadEntry } from './types.js';
import type { UploadSpec } from './upload.js';

/** Finds this file's unfinished upload in the journal, or starts a new one (aborting a stale one). */
export async function prepare(
  ctx: TransferContext,
  spec: UploadSpec,
  print: Fingerprint,
): Promise<{ id: string; entry: UploadEntry; done: Map<number, SentPart> }> {
  const found = findJournaled(ctx.journal, 'upload', spec);
  if (found) {
    const [id, entry] = found;
    if (samePrint(entry, print)) {
      const done = await finishedParts(ctx, id, entry);
      if (done) {
        return { id, entry, done };
      }
    } else {
      ctx.note(notes.fileChangedSince());
    }
    await forget(ctx, id, entry);
  }
  const uploadId = await createUpload(ctx, spec);
  const entry: UploadEntry = {
    kind: 'upload',
    profileId: spec.profileId,
    bucket: spec.bucket,
    key: spec.key,
    file: spec.file,
    uploadId,
    partSize: partSizeFor(print.size, ctx.partSize),
    ...(spec.contentType ? { contentType: spec.contentType } : {}),
    ...print,
  };
  const id = `up-${entry.uploadId.slice(-24)}-${Date.now().toString(36)}`;
  await ctx.journal.put(id, entry);
  return { id, entry, done: new Map() };
}

/** How far the server's clock may lag ours when Ferry looks for uploads its own lost answers created. */
const CLOCK_SLACK_MS = 5 * 60 * 1000;

/**
 * Creates a multipart upload. A Create whose answer was lost (a stalled or reset response) may still have
 * made an upload on the server, and a retry makes another: once more than one try was needed, the uploads of
 * this key begun since the first try that the journal does not know are aborted, so none is left behind.
 */
async function createUpload(ctx: TransferContext, spec: UploadSpec): Promise<string> {
  const since = Date.now() - CLOCK_SLACK_MS;
  let tries = 0;
  let uploadId: string | undefined;
  try {
    const created = await withRetry(ctx.retry, ctx.signal, (signal) => {
      tries++;
      return ctx.client.send(
        new CreateMultipartUploadCommand({
          Bucket: spec.bucket,
          Key: spec.key,
          ...(spec.contentType ? { ContentType: spec.contentType } : {}),
        }),
        { abortSignal: signal },
      );
    });
    uploadId = created.UploadId!;
    return uploadId;
  } finally {
    if (tries > 1) await abortStrays(ctx, spec, uploadId, since);
  }
}

/** Aborts this key's uploads begun since `since` that are neither `keep` nor journaled (best effort). */
async function abortStrays(
  ctx: TransferContext,
  spec: UploadSpec,
  keep: string | undefined,
  since: number,
): Promise<void> {
  const journaled = new Set(
    ctx.journal.entries().flatMap(([, e]) => (e.kind === 'upload' ? [e.uploadId] : [])),
  );
  try {
    let keyMarker: string | undefined;
    let idMarker: string | undefined;
    do {
      const page = await withRetry(ctx.retry, new AbortController().signal, (signal) =>
        ctx.client.send(
          new ListMultipartUploadsCommand({
            Bucket: spec.bucket,
            Prefix: spec.key,
            KeyMarker: keyMarker,
            UploadIdMarker: idMarker,
          }),
          { abortSignal: signal },
        ),
      );
      for (const u of page.Uploads ?? []) {
        if (u.Key !== spec.key || !u.UploadId || u.UploadId === keep) continue;
        if (journaled.has(u.UploadId) || (u.Initiated?.getTime() ?? 0) < since) continue;
        await abortUpload(ctx, { bucket: spec.bucket, key: spec.key, uploadId: u.UploadId });
      }
      keyMarker = page.IsTruncated ? page.NextKeyMarker : undefined;
      idMarker = page.IsTruncated ? page.NextUploadIdMarker : undefined;
    } while (keyMarker);
  } catch (error) {
    ctx.logger.debug('transfer: listing uploads to abort strays failed', { error: String(error) });
  }
}

/**
 * The journal's finished parts, cross-checked with ListParts where the server has it: a part the server
 * lost is sent again; an upload the server no longer knows means starting over (undefined).
 */
async function finishedParts(
  ctx: TransferContext,
  id: string,
  entry: UploadEntry,
): Promise<Map<number, SentPart> | undefined> {
  const done = new Map<number, SentPart>();
  for (const [cid, e] of ctx.journal.entries()) {
    if (e.kind === 'chunk' && e.owner === id && cid === chunkId(id, e.n) && e.etag && e.md5) {
      done.set(e.n, { n: e.n, size: e.size, etag: e.etag, md5: e.md5 });
    }
  }
  try {
    const listed = new Map<number, string>();
    let marker: string | undefined;
    do {
      const page = await ctx.client.send(
        new ListPartsCommand({
          Bucket: entry.bucket,
          Key: entry.key,
          UploadId: entry.uploadId,
          PartNumberMarker: marker,
        }),
        { abortSignal: ctx.signal },
      );
      for (const part of page.Parts ?? []) listed.set(part.PartNumber!, bareEtag(part.ETag));
      marker = page.IsTruncated ? page.NextPartNumberMarker : undefined;
    } while (marker);
    for (const [n, part] of done) if (listed.get(n) !== part.etag) done.delete(n);
  } catch (error) {
    const code = translateError(error).code;
    if (code === 'NoSuchKey' || (error as { name?: string }).name === 'NoSuchUpload')
      return undefined;
    // Servers without ListParts (RustFS's test suite skips it): the journal stays the truth.
    ctx.logger.debug('transfer: ListParts unavailable, trusting the journal', { code });
  }
  return done;
}

/** Aborts an upload on the server (best effort) and drops it from the journal. */
export async function forget(ctx: TransferContext, id: string, entry: UploadEntry): Promise<void> {
  await abortUpload(ctx, entry);
  await dropJournal(ctx, id);
}

async function abortUpload(
  ctx: TransferContext,
  entry: Pick<UploadEntry, 'bucket' | 'key' | 'uploadId'>,
): Promise<void> {
  try {
    await ctx.client.send(
      new AbortMultipartUploadCommand({
        Bucket: entry.bucket,
        Key: entry.key,
        UploadId: entry.uploadId,
      }),
    );
  } catch (error) {
    ctx.logger.debug('transfer: abort of a stale upload failed', { error: String(error) });
  }
}

/** Drops an upload or download and its chunks from the journal. */
export async function dropJournal(
  ctx: Pick<TransferContext, 'journal'>,
  id: string,
): Promise<void> {
  const chunks = ctx.journal.entries().filter(([, e]) => e.kind === 'chunk' && e.owner === id);
  await ctx.journal.dropMany([id, ...chunks.map(([cid]) => cid)]);
}
