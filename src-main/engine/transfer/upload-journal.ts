import { translateError } from '../connection/translate.js';
import { findJournaled } from './identity.js';
import { notes } from './notes.js';
import { partSizeFor, samePrint } from './source.js';
import { chunkId, type Fingerprint, type TransferContext, type UploadEntry } from './types.js';
import type { UploadSpec } from './upload.js';

/** A part the server has stored, with the digest Ferry computed before sending it. */
export interface SentPart {
  n: number;
  size: number;
  etag: string;
  md5: string;
}

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
  // Uploads the journal knows are some transfer's; any other this key's Create left behind is a stray.
  const uploadId = await ctx.s3.createUpload(
    spec,
    () =>
      new Set(ctx.journal.entries().flatMap(([, e]) => (e.kind === 'upload' ? [e.uploadId] : []))),
  );
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
    const listed = await ctx.s3.listParts(entry);
    if (!listed) return undefined;
    for (const [n, part] of done) if (listed.get(n) !== part.etag) done.delete(n);
  } catch (error) {
    // Servers without ListParts (RustFS's test suite skips it): the journal stays the truth.
    ctx.logger.debug('transfer: ListParts unavailable, trusting the journal', {
      code: translateError(error).code,
    });
  }
  return done;
}

/** Aborts an upload on the server (best effort) and drops it from the journal. */
export async function forget(ctx: TransferContext, id: string, entry: UploadEntry): Promise<void> {
  await ctx.s3.abort(entry);
  await dropJournal(ctx, id);
}

/** Drops an upload or download and its chunks from the journal. */
export async function dropJournal(
  ctx: Pick<TransferContext, 'journal'>,
  id: string,
): Promise<void> {
  const chunks = ctx.journal.entries().filter(([, e]) => e.kind === 'chunk' && e.owner === id);
  await ctx.journal.dropMany([id, ...chunks.map(([cid]) => cid)]);
}
