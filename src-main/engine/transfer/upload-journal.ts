import {
  AbortMultipartUploadCommand,
  CreateMultipartUploadCommand,
  ListPartsCommand,
} from '@aws-sdk/client-s3';
import { translateError } from '../connection/translate.js';
import { bareEtag } from './integrity.js';
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
  const found = ctx.journal
    .entries()
    .find(
      ([, e]) =>
        e.kind === 'upload' &&
        e.profileId === spec.profileId &&
        e.bucket === spec.bucket &&
        e.key === spec.key &&
        e.file === spec.file,
    ) as [string, UploadEntry] | undefined;
  if (found) {
    const [id, entry] = found;
    if (samePrint(entry, print)) {
      const done = await finishedParts(ctx, id, entry);
      if (done) {
        return { id, entry, done };
      }
    } else {
      ctx.note('The file changed since the interrupted upload; Ferry started it over.');
    }
    await forget(ctx, id, entry);
  }
  const created = await withRetry(ctx.retry, ctx.signal, (signal) =>
    ctx.client.send(
      new CreateMultipartUploadCommand({
        Bucket: spec.bucket,
        Key: spec.key,
        ...(spec.contentType ? { ContentType: spec.contentType } : {}),
      }),
      { abortSignal: signal },
    ),
  );
  const entry: UploadEntry = {
    kind: 'upload',
    profileId: spec.profileId,
    bucket: spec.bucket,
    key: spec.key,
    file: spec.file,
    uploadId: created.UploadId!,
    partSize: partSizeFor(print.size, ctx.partSize),
    ...print,
  };
  const id = `up-${entry.uploadId.slice(-24)}-${Date.now().toString(36)}`;
  await ctx.journal.put(id, entry);
  return { id, entry, done: new Map() };
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

async function abortUpload(ctx: TransferContext, entry: UploadEntry): Promise<void> {
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
