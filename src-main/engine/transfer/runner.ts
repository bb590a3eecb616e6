import { open, rm } from 'node:fs/promises';
import { objectKeyProblem } from '../../../src-shared/s3-names.js';
import { FerryError } from '../errors.js';
import { claimed, downloadObject } from './download.js';
import { identityOf, jobIdentity, sameTransfer } from './identity.js';
import type { Job } from './job.js';
import { PARTIAL_SUFFIX } from './local-path.js';
import type { LocalWriter, TransferContext, TransferOutcome } from './types.js';
import { dropJournal, forget } from './upload-journal.js';
import { uploadFile } from './upload.js';

/** What the queue lends a running job. */
export interface RunnerDeps extends Pick<
  TransferContext,
  | 'client'
  | 'journal'
  | 'throttle'
  | 'retry'
  | 'logger'
  | 'partSize'
  | 'partConcurrency'
  | 'stallMs'
> {
  /** Defaults to `fileWriter`. */
  openWriter?: TransferContext['openWriter'];
  onProgress(job: Job): void;
  onChange(job: Job): void;
}

/** What is left of `chunks` after the first `written` bytes (a short write: the disk filled up). */
export function unwritten(chunks: Uint8Array[], written: number): Uint8Array[] {
  const rest: Uint8Array[] = [];
  for (const chunk of chunks) {
    if (written >= chunk.length) written -= chunk.length;
    else {
      rest.push(written > 0 ? chunk.subarray(written) : chunk);
      written = 0;
    }
  }
  return rest;
}

/** The default writer: positional writes into one file descriptor. */
export async function fileWriter(file: string, fresh: boolean): Promise<LocalWriter> {
  const handle = await open(file, fresh ? 'w' : 'r+', 0o644);
  return {
    write: async (chunks, position) => {
      let rest = [...chunks];
      while (rest.length > 0) {
        const { bytesWritten } = await handle.writev(rest, position);
        position += bytesWritten;
        rest = unwritten(rest, bytesWritten);
      }
    },
    truncate: (length) => handle.truncate(length),
    sync: () => handle.datasync(),
    close: () => handle.close(),
  };
}

/** Builds the context one attempt of a job runs with. */
export function contextFor(job: Job, signal: AbortSignal, deps: RunnerDeps): TransferContext {
  return {
    client: deps.client,
    signal,
    journal: deps.journal,
    throttle: deps.throttle,
    retry: deps.retry,
    logger: deps.logger,
    partSize: deps.partSize,
    partConcurrency: deps.partConcurrency,
    stallMs: deps.stallMs,
    progress: (delta) => {
      job.t.bytesDone = Math.max(0, job.t.bytesDone + delta);
      deps.onProgress(job);
    },
    setTotal: (bytes) => {
      job.t.bytesTotal = bytes;
      deps.onChange(job);
    },
    restart: () => {
      job.t.bytesDone = 0;
      job.sample = { at: job.sample.at, bytes: 0 };
    },
    resumed: (bytes) => {
      job.t.resumed = true;
      job.t.resumedBytes = bytes;
      deps.onChange(job);
    },
    note: ({ text, key, params }) => {
      job.t.note = text;
      job.t.noteKey = { key, params };
      deps.onChange(job);
    },
    openWriter: deps.openWriter ?? fileWriter,
  };
}

/** Runs one attempt of a job to its outcome. */
export async function runJob(job: Job, ctx: TransferContext): Promise<TransferOutcome> {
  const work = job.work;
  if (work.kind === 'upload') {
    refuseUnstorableKey(work.spec.key);
    return uploadFile(ctx, work.spec);
  }
  if (work.kind === 'download') return downloadObject(ctx, work.spec);
  // Never queued: its caller moves the bytes (see TransferQueue.track).
  throw new Error('a live transfer has nothing to run');
}

/**
 * A key Ferry would not name an object fails here in plain words, before the file is read: empty or over
 * 1,024 bytes (no server stores it), "." / ".." / empty segments or a leading "/" (RustFS refuses them, and
 * Ferry itself will not download them into a folder), control characters (a listing's XML cannot carry
 * them: Swift then cannot list the folder at all).
 */
function refuseUnstorableKey(key: string): void {
  const problem = objectKeyProblem(key);
  if (problem) throw new FerryError('InvalidKey', problem.message, problem.hint, problem);
}

/** Leaves nothing behind for a cancelled job: aborts its multipart upload, deletes its partial download. */
export async function cleanUp(job: Job, ctx: TransferContext): Promise<void> {
  const work = job.work;
  const mine = jobIdentity(job);
  if (!mine) return;
  for (const [id, e] of ctx.journal.entries()) {
    if (e.kind === 'chunk' || !sameTransfer(identityOf(e.kind, e), mine)) continue;
    if (e.kind === 'upload') await forget(ctx, id, e);
    // The same key asked twice into one folder: the entry being written is the other download's.
    else if (!claimed(e.target)) {
      await rm(e.target + PARTIAL_SUFFIX, { force: true });
      await dropJournal(ctx, id);
    }
  }
  // Not when another download is writing that file: this one kept both and wrote `name (1)`.
  if (work.kind === 'download' && job.t.localPath && !claimed(job.t.localPath)) {
    await rm(job.t.localPath + PARTIAL_SUFFIX, { force: true });
  }
}
