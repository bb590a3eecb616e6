// Fetching a download's bytes: one streamed GET for a small object, or parallel ranges, each journaled once
// it is on the disk. download.ts decides where the file goes and verifies it.
import { createHash } from 'node:crypto';
import { rm, stat } from 'node:fs/promises';
import type { IncomingMessage } from 'node:http';
import type { Readable } from 'node:stream';
import { FerryError } from '../errors.js';
import { crc32OfFile } from './integrity.js';
import { localError } from './local-errors.js';
import { PARTIAL_SUFFIX } from './local-path.js';
import { runMissingParts } from './parts.js';
import type { Throttle } from './throttle.js';
import {
  chunkId,
  type ChunkEntry,
  type DownloadEntry,
  type LocalWriter,
  type TransferContext,
} from './types.js';

/** Downloads are written to disk in blocks of about this size. */
const WRITE_BLOCK = 1024 * 1024;

/**
 * Waits until the bandwidth limit lets `bytes` through, in pieces of about a quarter second of it. A download
 * is slowed by not reading its body meanwhile, so the socket is silent by Ferry's choice: its idle timer
 * (30 s; one 64 KiB socket chunk takes 32 s at 2 KiB/s) is restarted while the wait lasts.
 */
export async function waitForLimit(
  throttle: Throttle,
  bytes: number,
  signal: AbortSignal,
  body: Readable,
): Promise<void> {
  const socket = (body as Partial<IncomingMessage>).socket;
  const idle = socket?.timeout;
  const keepAlive = idle ? setInterval(() => socket.setTimeout(idle), idle / 3) : undefined;
  try {
    for (let at = 0; at < bytes;) {
      const piece = Math.min(throttle.piece, bytes - at);
      await throttle.take(piece, signal);
      at += piece;
    }
  } finally {
    clearInterval(keepAlive);
  }
}

/** Size of the partial file of `target`, or -1 when there is none. */
export async function partialSize(target: string): Promise<number> {
  try {
    return (await stat(target + PARTIAL_SUFFIX)).size;
  } catch {
    return -1;
  }
}

/**
 * Streams `[start, start + length)` of the object into the writer at the same offset; with `md5`, answers
 * the MD5 of the bytes received (hex), to compare with a plain ETag.
 */
async function fetchRange(
  ctx: TransferContext,
  spec: { bucket: string; key: string },
  etag: string,
  writer: LocalWriter,
  start: number,
  length: number,
  md5: boolean,
  signal: AbortSignal,
): Promise<string | null> {
  const range = { bucket: spec.bucket, key: spec.key, etag, start, length };
  return ctx.s3.get(range, signal, async (body, attempt) => {
    let written = 0;
    const hash = md5 ? createHash('md5') : undefined;
    // Socket chunks are small; writing them in blocks of about a MiB (one writev each, no copy into a
    // block buffer) keeps the file-system calls few.
    let block: Buffer[] = [];
    let blockBytes = 0;
    const flush = async () => {
      if (blockBytes === 0) return;
      try {
        await writer.write(block, start + written);
      } catch (error) {
        throw localError(error, 'the download');
      }
      written += blockBytes;
      attempt.count(blockBytes);
      block = [];
      blockBytes = 0;
    };
    for await (const chunk of body as AsyncIterable<Buffer>) {
      if (ctx.throttle.limited) {
        // Waiting for the limit is Ferry's own choice, not a stall.
        attempt.watch.stop();
        await waitForLimit(ctx.throttle, chunk.length, attempt.signal, body);
      }
      attempt.watch.touch();
      hash?.update(chunk);
      block.push(chunk);
      blockBytes += chunk.length;
      if (blockBytes >= WRITE_BLOCK) await flush();
    }
    await flush();
    if (written !== length) throw FerryError.of('NetworkError', 'download.endedEarly');
    return hash ? hash.digest('hex') : null;
  });
}

/** A small object in one GET, hashed as it arrives. */
export async function single(
  ctx: TransferContext,
  spec: { bucket: string; key: string },
  partial: string,
  etag: string,
  size: number,
) {
  // Written in one go when it fits one block: opened synced, its one write needs no fdatasync after it.
  const writer = await ctx.openWriter(partial, true, size <= WRITE_BLOCK);
  let md5: string;
  try {
    md5 = (await fetchRange(ctx, spec, etag, writer, 0, size, true, ctx.signal))!;
    await writer.sync();
  } catch (error) {
    await writer.close();
    await rm(partial, { force: true });
    throw error;
  }
  await writer.close();
  return md5;
}

/**
 * The journaled ranges of download `id` whose bytes are in the partial file. A range is journaled only after
 * a sync of the file that began once the range was written, so its bytes are on the disk. An older Ferry
 * journaled ranges before syncing them, with the CRC-32 of what it received: those are read back and fetched
 * again if the CRC-32 differs (what a power cut could leave).
 */
async function intactRanges(
  ctx: TransferContext,
  id: string,
  partSize: number,
  partial: string,
): Promise<Map<number, number>> {
  const done = new Map<number, number>();
  for (const [cid, e] of ctx.journal.entries()) {
    if (e.kind !== 'chunk' || e.owner !== id || cid !== chunkId(id, e.n)) continue;
    const start = (e.n - 1) * partSize;
    if (e.crc32 !== undefined && (await crc32OfFile(partial, start, e.size)) !== e.crc32) {
      ctx.logger.debug('transfer: a journaled range did not survive; fetching it again', {
        n: e.n,
      });
      continue;
    }
    done.set(e.n, e.size);
  }
  return done;
}

/** A large object in parallel ranges; each finished range is journaled once it is on the disk. */
export async function ranged(
  ctx: TransferContext,
  id: string,
  entry: DownloadEntry,
  partial: string,
): Promise<number> {
  // The partial file is sized to the whole object when a download starts. A partial file of another size was
  // not made by this download (or lost its size in a crash): start over.
  const fresh = (await partialSize(entry.target)) !== entry.size;
  let done = new Map<number, number>();
  if (fresh) {
    const stale = ctx.journal.entries().filter(([, e]) => e.kind === 'chunk' && e.owner === id);
    if (stale.length > 0) await ctx.journal.dropMany(stale.map(([cid]) => cid));
  } else {
    done = await intactRanges(ctx, id, entry.partSize, partial);
  }
  let resumedBytes = 0;
  for (const size of done.values()) resumedBytes += size;
  ctx.progress(resumedBytes);
  if (done.size > 0) ctx.resumed(resumedBytes);
  const writer = await ctx.openWriter(partial, fresh);
  if (fresh) {
    try {
      await writer.truncate(entry.size);
    } catch (error) {
      await writer.close();
      throw localError(error, partial);
    }
  }
  // Finished ranges wait here for a sync that begins after them; one sync runs at a time, in the background,
  // and journals its ranges when it ends. So the disk writes while later ranges arrive (the kernel would
  // otherwise hold the whole file until the final sync), the journal never names bytes a power cut could
  // take back, and a kill loses at most the ranges finished since the running sync began.
  let unsynced: [string, ChunkEntry][] = [];
  let syncing: Promise<void> | undefined;
  const syncAndJournal = (): void => {
    if (syncing || unsynced.length === 0) return;
    const batch = unsynced;
    unsynced = [];
    syncing = writer
      .sync()
      .then(() => ctx.journal.putMany(batch))
      .catch((error: unknown) => {
        // Only resumability is lost: the final sync reports a disk error, and an unjournaled range is
        // fetched again after a restart.
        ctx.logger.debug('transfer: a background sync or journal write failed', {
          error: String(error),
        });
      })
      .finally(() => {
        syncing = undefined;
        syncAndJournal();
      });
  };
  const settled = async () => {
    while (syncing) await syncing;
  };
  try {
    await runMissingParts(ctx, entry, done, async ({ n, start, length }, signal) => {
      await fetchRange(ctx, entry, entry.etag, writer, start, length, false, signal);
      unsynced.push([chunkId(id, n), { kind: 'chunk', owner: id, n, size: length }]);
      syncAndJournal();
    });
    // One sync of the whole file before it is renamed into place: a finished download survives a power cut.
    await settled();
    await writer.sync().catch((error: unknown) => {
      throw localError(error, partial);
    });
  } finally {
    // Paused, cancelled or failed: what has arrived is journaled (after its sync) for the next attempt.
    syncAndJournal();
    await settled();
    await writer.close();
  }
  return resumedBytes;
}
