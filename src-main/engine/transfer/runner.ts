import { constants } from 'node:fs';
import { open, rm } from 'node:fs/promises';
import type { S3Client } from '@aws-sdk/client-s3';
import { claimed } from './download.js';
import { identityOf, jobIdentity, sameTransfer } from './identity.js';
import { apply, type Job } from './job.js';
import { PARTIAL_SUFFIX } from './local-path.js';
import { S3Port } from './s3-port.js';
import type { LocalWriter, TransferContext } from './types.js';
import { dropJournal, forget } from './upload-journal.js';

/** What the queue lends a running job. */
export interface RunnerDeps extends Pick<
  TransferContext,
  'journal' | 'throttle' | 'retry' | 'logger' | 'partSize' | 'partConcurrency' | 'stallMs'
> {
  client: S3Client;
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

/** Where the system has it, O_DSYNC: a write returns once its bytes are on the disk, as after fdatasync. */
const { O_CREAT, O_DSYNC, O_TRUNC, O_WRONLY } = constants;

/**
 * The default writer: positional writes into one file descriptor. A `synced` one (a small download, written
 * in one go) is opened with O_DSYNC, which spares it the fdatasync call after its write.
 */
export async function fileWriter(
  file: string,
  fresh: boolean,
  synced = false,
): Promise<LocalWriter> {
  const dsync = synced && fresh && O_DSYNC !== undefined;
  const handle = await open(
    file,
    dsync ? O_WRONLY | O_CREAT | O_TRUNC | O_DSYNC : fresh ? 'w' : 'r+',
    0o644,
  );
  // An empty file has had no write to carry its sync.
  let wrote = false;
  return {
    write: async (chunks, position) => {
      let rest = [...chunks];
      while (rest.length > 0) {
        const { bytesWritten } = await handle.writev(rest, position);
        wrote = true;
        position += bytesWritten;
        rest = unwritten(rest, bytesWritten);
      }
    },
    truncate: (length) => handle.truncate(length),
    sync: () => (dsync && wrote ? Promise.resolve() : handle.datasync()),
    close: () => handle.close(),
  };
}

/** Builds the context one attempt of a job runs with. */
export function contextFor(job: Job, signal: AbortSignal, deps: RunnerDeps): TransferContext {
  const progress = (delta: number) => {
    apply(job, { type: 'progress', delta });
    deps.onProgress(job);
  };
  const { retry, stallMs, throttle, logger } = deps;
  return {
    s3: new S3Port(deps.client, { retry, stallMs, throttle, progress, signal, logger }),
    signal,
    journal: deps.journal,
    throttle: deps.throttle,
    retry: deps.retry,
    logger: deps.logger,
    partSize: deps.partSize,
    partConcurrency: deps.partConcurrency,
    stallMs: deps.stallMs,
    progress,
    setTotal: (bytes) => {
      apply(job, { type: 'total', bytes });
      deps.onChange(job);
    },
    restart: () => apply(job, { type: 'restart' }),
    resumed: (bytes) => {
      apply(job, { type: 'resumed', bytes });
      deps.onChange(job);
    },
    note: (note) => {
      apply(job, { type: 'note', note });
      deps.onChange(job);
    },
    openWriter: deps.openWriter ?? fileWriter,
  };
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
  if (work?.kind === 'download' && job.t.localPath && !claimed(job.t.localPath)) {
    await rm(job.t.localPath + PARTIAL_SUFFIX, { force: true });
  }
}
