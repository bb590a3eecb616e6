import { rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import type { ConflictPolicy } from '../../../src-shared/contract/transfers.js';
import { FerryError } from '../errors.js';
import { partialSize, ranged, single } from './download-ranges.js';
import { findJournaled } from './identity.js';
import { integrityMismatch, isPlainMd5, md5OfFile } from './integrity.js';
import { localError } from './local-errors.js';
import { notes } from './notes.js';
import { keepBothName, makeFolder, PARTIAL_SUFFIX, pathExists } from './local-path.js';
import { dropJournal } from './upload-journal.js';
import {
  type DownloadEntry,
  type LocalWriter,
  type TransferContext,
  type TransferOutcome,
} from './types.js';

/** What to download where. */
export interface DownloadSpec {
  profileId: string;
  bucket: string;
  key: string;
  /** The local path asked for; the conflict policy may choose another name next to it. */
  file: string;
  conflict: ConflictPolicy;
  /**
   * The object's size and ETag as a listing gave them: no HEAD is sent, and the GET asks for that ETag
   * (If-Match). An object changed since fails the GET, and the download starts over with a HEAD.
   */
  listed?: { size: number; etag: string };
}

/** Downloads one object into a `.ferry-partial` file, ranged and resumable when large, then verifies it. */
export async function downloadObject(
  ctx: TransferContext,
  spec: DownloadSpec,
): Promise<TransferOutcome> {
  try {
    return await attempt(ctx, spec);
  } catch (error) {
    if ((error as FerryError).code !== 'SourceChanged') throw error;
    ctx.note(notes.objectChanged());
    ctx.restart();
    const { listed: _stale, ...fresh } = spec;
    return attempt(ctx, fresh);
  }
}

async function attempt(ctx: TransferContext, spec: DownloadSpec): Promise<TransferOutcome> {
  const found = findJournaled(ctx.journal, 'download', spec);
  const head = spec.listed?.etag ? spec.listed : await ctx.s3.head(spec);
  const size = Math.max(0, head.size);
  const etag = head.etag;
  ctx.setTotal(size);
  // Another download in this process writing that file right now is not an interrupted one.
  const mine = found && !claimed(found[1].target) ? found : undefined;
  // A partial file that vanished cannot be continued; the journal alone is not the data.
  const resume =
    mine &&
    mine[1].etag === etag &&
    mine[1].size === size &&
    (await partialSize(mine[1].target)) >= 0
      ? mine
      : undefined;
  if (mine && !resume) {
    if (mine[1].etag !== etag || mine[1].size !== size) {
      ctx.note(notes.objectChangedSince());
      await rm(mine[1].target + PARTIAL_SUFFIX, { force: true });
    }
    // Forgotten either way, or a later start would restore it next to the new entry.
    await dropJournal(ctx, mine[0]);
  }
  // The file is claimed from here until it is renamed into place or the download fails.
  const claim =
    resume && !claimed(resume[1].target) ? claimFile(resume[1].target) : await chooseTarget(spec);
  if (claim === null) {
    return {
      bucket: spec.bucket,
      key: spec.key,
      file: spec.file,
      size,
      etag,
      md5: null,
      skipped: true,
    };
  }
  try {
    return await fetchInto(
      ctx,
      spec,
      claim.file,
      claim.file === resume?.[1].target ? resume : undefined,
      size,
      etag,
    );
  } finally {
    claim.release();
  }
}

async function fetchInto(
  ctx: TransferContext,
  spec: DownloadSpec,
  target: string,
  resume: [string, DownloadEntry] | undefined,
  size: number,
  etag: string,
): Promise<TransferOutcome> {
  const writing: TransferContext = {
    ...ctx,
    openWriter: (file, fresh, synced) => openMakingFolder(ctx.openWriter, file, fresh, synced),
  };
  const partial = target + PARTIAL_SUFFIX;
  if (size <= ctx.partSize) {
    const md5 = await single(writing, spec, partial, etag, size);
    if (isPlainMd5(etag) && md5 !== etag)
      throw integrityMismatch(`s3://${spec.bucket}/${spec.key}`, etag, md5);
    return finish(spec, partial, target, size, etag, md5);
  }
  const id =
    resume?.[0] ?? `down-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`;
  const entry: DownloadEntry = resume?.[1] ?? {
    kind: 'download',
    profileId: spec.profileId,
    bucket: spec.bucket,
    key: spec.key,
    file: spec.file,
    target,
    etag,
    size,
    partSize: ctx.partSize,
  };
  if (!resume) await ctx.journal.put(id, entry);
  const resumedBytes = await ranged(writing, id, entry, partial);
  await verifyFile(spec, partial, size, etag);
  const outcome = await finish(spec, partial, target, size, etag, isPlainMd5(etag) ? etag : null);
  await dropJournal(ctx, id);
  return { ...outcome, resumedBytes };
}

/**
 * Opens the partial file, making its folder only when the open finds it missing: a sync's downloads land
 * nearly all in folders that exist, and looking for the folder first cost each of them a call to the disk.
 */
async function openMakingFolder(
  open: TransferContext['openWriter'],
  file: string,
  fresh: boolean,
  synced?: boolean,
): Promise<LocalWriter> {
  try {
    return await open(file, fresh, synced);
  } catch (error) {
    // ENOTDIR: a file stands where a folder should; makeFolder finds it and names it.
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== 'ENOENT' && code !== 'ENOTDIR') throw error;
  }
  const folder = path.dirname(file);
  try {
    await makeFolder(folder);
  } catch (error) {
    throw localError(error, folder);
  }
  return open(file, fresh, synced);
}

/**
 * Local files a download of this process is writing (its partial file, then the rename). Two keys can land
 * on one file (`a//b` and `a/b`, or one key asked twice): without a claim they would share one partial file
 * and splice their bytes together. A claimed file counts as existing for the conflict policy.
 */
const claims = new Map<string, Promise<void>>();

interface Claim {
  file: string;
  release(): void;
}

function claimFile(file: string): Claim {
  let release!: () => void;
  claims.set(
    file,
    new Promise<void>((resolve) => {
      release = resolve;
    }),
  );
  return {
    file,
    release: () => {
      claims.delete(file);
      release();
    },
  };
}

/** True while a download of this process is writing `file` (cleaning up after another must not touch it). */
export const claimed = (file: string): boolean => claims.has(file);

/** Applies the conflict policy and claims the file chosen; null means skip. */
async function chooseTarget(spec: DownloadSpec): Promise<Claim | null> {
  for (;;) {
    const other = claims.get(spec.file);
    if (spec.conflict === 'overwrite') {
      // Overwriting what another download is still writing: after it, as if asked one after the other.
      if (other) await other;
      else return claimFile(spec.file);
      continue;
    }
    // Keeping both, the name is settled when the file is renamed into place (see finish), which must look
    // anyway for a file that appeared meanwhile: looking first too cost every download a call to the disk.
    if (!other && (spec.conflict === 'keep-both' || !(await pathExists(spec.file)))) {
      if (!claimed(spec.file)) return claimFile(spec.file);
      continue;
    }
    switch (spec.conflict) {
      case 'skip':
        return null;
      case 'ask':
        throw FerryError.of('LocalFileExists', 'download.fileExists', { file: spec.file });
      case 'keep-both': {
        const name = await keepBothName(spec.file, claimed);
        if (!claimed(name)) return claimFile(name);
      }
    }
  }
}

async function verifyFile(
  spec: DownloadSpec,
  partial: string,
  size: number,
  etag: string,
): Promise<void> {
  const where = `s3://${spec.bucket}/${spec.key}`;
  const written = (await stat(partial)).size;
  if (written !== size) throw integrityMismatch(where, `${size} bytes`, `${written} bytes`);
  // A multipart ETag is not a content hash; the size and each range's length are what can be checked.
  if (isPlainMd5(etag)) {
    const md5 = await md5OfFile(partial);
    if (md5 !== etag) throw integrityMismatch(where, etag, md5);
  }
}

async function finish(
  spec: DownloadSpec,
  partial: string,
  target: string,
  size: number,
  etag: string,
  md5: string | null,
): Promise<TransferOutcome> {
  // Someone may have created the file meanwhile: only a download asked to overwrite may replace it.
  const final =
    spec.conflict !== 'overwrite' && (await pathExists(target))
      ? await keepBothName(target, claimed)
      : target;
  try {
    await rename(partial, final);
  } catch (error) {
    throw localError(error, final);
  }
  return { bucket: spec.bucket, key: spec.key, file: final, size, etag, md5 };
}
