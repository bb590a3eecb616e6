import { z } from 'zod';
import { command, event, Empty, FerryErrorSchema } from './define.js';
import { ProfileId } from './profiles.js';

/** A transfer's identifier, unique for the life of the config dir. */
export const TransferId = z.string().min(1).max(64);

export const TransferDirection = z.enum(['upload', 'download']);
export type TransferDirection = z.infer<typeof TransferDirection>;

/** Where a transfer is in its life. `done`, `failed` and `cancelled` are final (until a retry). */
export const TransferState = z.enum(['queued', 'running', 'paused', 'done', 'failed', 'cancelled']);
export type TransferState = z.infer<typeof TransferState>;

/** True for the states a transfer ends in (until a retry): done, failed, cancelled. */
export function isFinalState(state: TransferState): boolean {
  return state === 'done' || state === 'failed' || state === 'cancelled';
}

/**
 * What a download does when the local file already exists. `keep-both` (the default) writes `name (1).ext`;
 * `ask` stops the transfer with a LocalFileExists error so the interface can ask, then retry with a choice.
 */
export const ConflictPolicy = z.enum(['ask', 'skip', 'overwrite', 'keep-both']);
export type ConflictPolicy = z.infer<typeof ConflictPolicy>;

/** The catalogue entry of a transfer's note, so the interface can say it in its own language. */
export const TransferNoteKey = z.object({
  key: z.enum(['keyRenamed', 'skipped', 'objectChanged', 'objectChangedSince', 'fileChangedSince']),
  params: z.record(z.string(), z.string()),
});
export type TransferNoteKey = z.infer<typeof TransferNoteKey>;

/** One transfer as every face sees it. */
export const Transfer = z.object({
  id: TransferId,
  direction: TransferDirection,
  profileId: ProfileId,
  bucket: z.string(),
  key: z.string(),
  /** Absolute local path: the source of an upload, the destination of a download ('' for a browser stream). */
  localPath: z.string(),
  /** Human-readable source and target, e.g. `/home/me/a.txt` and `s3://bucket/a.txt`. */
  source: z.string(),
  target: z.string(),
  state: TransferState,
  bytesDone: z.number().int().min(0),
  /** Null while unknown (a browser stream of unknown length). */
  bytesTotal: z.number().int().min(0).nullable(),
  /** Bytes per second, smoothed; 0 when not running. */
  speed: z.number().min(0),
  /** Seconds left at the current speed; null when unknown. */
  etaSeconds: z.number().min(0).nullable(),
  /** The last failure; null unless the state is `failed` (or a retry is pending). */
  error: FerryErrorSchema.nullable(),
  /** True when this run continued from the journal instead of starting over. */
  resumed: z.boolean(),
  /** Bytes that an interrupted earlier run had already transferred and this one did not send again. */
  resumedBytes: z.number().int().min(0).optional(),
  /** Something the user should know that is not an error, e.g. an unsafe key that was renamed. */
  note: z.string().nullable(),
  /** The same note as a catalogue key (absent in history written before notes had one). */
  noteKey: TransferNoteKey.nullable().optional(),
  /** The object's ETag once done. */
  etag: z.string().nullable(),
  /** ISO 8601 times. */
  createdAt: z.string(),
  finishedAt: z.string().nullable(),
});
export type Transfer = z.infer<typeof Transfer>;

/** A live progress sample of one running transfer. */
export const TransferProgress = z.object({
  id: TransferId,
  bytesDone: z.number().int().min(0),
  bytesTotal: z.number().int().min(0).nullable(),
  speed: z.number().min(0),
  etaSeconds: z.number().min(0).nullable(),
});
export type TransferProgress = z.infer<typeof TransferProgress>;

/** Totals across the whole queue, for a status bar. */
export const QueueTotals = z.object({
  queued: z.number().int().min(0),
  running: z.number().int().min(0),
  paused: z.number().int().min(0),
  failed: z.number().int().min(0),
  bytesDone: z.number().int().min(0),
  bytesTotal: z.number().int().min(0),
  speed: z.number().min(0),
});
export type QueueTotals = z.infer<typeof QueueTotals>;

/** An incomplete multipart upload left on the server (by a crash, or by another tool). */
export const IncompleteUpload = z.object({
  key: z.string(),
  uploadId: z.string(),
  /** ISO 8601; null when the server does not say. */
  initiated: z.string().nullable(),
  ageSeconds: z.number().min(0).nullable(),
  parts: z.number().int().min(0),
  /** Bytes already stored in its parts. */
  size: z.number().int().min(0),
});
export type IncompleteUpload = z.infer<typeof IncompleteUpload>;

/** Some transfers, or all of them when `ids` is left out. */
const Selection = z.object({ ids: z.array(TransferId).max(100_000).optional() }).strict();
const Ids = z.object({ ids: z.array(TransferId) });
/**
 * A local path from the root of the disk (`/…`, `C:\…`, `\\server\…`): a relative one would be resolved
 * against wherever Ferry happened to start, not a place the user chose.
 */
const Path = z
  .string()
  .min(1)
  .max(4096)
  .regex(/^(\/|[A-Za-z]:[\\/]|\\\\)/, {
    message: 'give a full path (from the root of the disk), not a relative one',
  });
/** S3 keys are at most 1,024 bytes of UTF-8. */
const UploadKey = z
  .string()
  .min(1)
  .max(1024)
  .refine((key) => new TextEncoder().encode(key).length <= 1024, {
    message: 'An object key is at most 1,024 bytes of UTF-8.',
  });

export const transferCommands = {
  /** Queues uploads of local files and folders (recursively) under `prefix` in a bucket. */
  'transfers.upload': command(
    z
      .object({
        profileId: ProfileId,
        bucket: z.string().min(1).max(255),
        /** Key prefix; `photos/` puts `a.jpg` at `photos/a.jpg`. */
        prefix: z.string().max(1024).default(''),
        paths: z.array(Path).min(1).max(10_000),
      })
      .strict(),
    Ids,
  ),
  /** Queues downloads of keys (a key ending in `/` means everything under that prefix) into a folder. */
  'transfers.download': command(
    z
      .object({
        profileId: ProfileId,
        bucket: z.string().min(1).max(255),
        keys: z.array(z.string().min(1).max(1024)).min(1).max(10_000),
        /** The prefix stripped from keys to make local paths; defaults to each key's parent. */
        base: z.string().max(1024).optional(),
        folder: Path,
        conflict: ConflictPolicy.default('keep-both'),
      })
      .strict(),
    Ids,
  ),
  /** Every transfer in the queue (active and finished since the last clear), in queue order. */
  'transfers.list': command(Empty, z.object({ transfers: z.array(Transfer), totals: QueueTotals })),
  'transfers.pause': command(Selection, Empty),
  'transfers.resume': command(Selection, Empty),
  /** Cancels; an upload's incomplete multipart upload is aborted on the server. */
  'transfers.cancel': command(Selection, Empty),
  /** Queues failed or cancelled transfers again; `conflict` answers a LocalFileExists question. */
  'transfers.retry': command(
    z
      .object({
        ids: z.array(TransferId).max(100_000).optional(),
        conflict: ConflictPolicy.optional(),
      })
      .strict(),
    Empty,
  ),
  /** Moves a queued transfer to a position among the queued ones (0 = next to start). */
  'transfers.reorder': command(
    z.object({ id: TransferId, index: z.number().int().min(0) }).strict(),
    Empty,
  ),
  /** Removes finished transfers (done, failed, cancelled) from the queue; history keeps them. */
  'transfers.clear': command(Empty, z.object({ removed: z.number().int().min(0) })),
  /** Finished and failed transfers, newest first, kept across restarts. */
  'transfers.history': command(
    z.object({ limit: z.number().int().min(1).max(1000).default(200) }).strict(),
    z.array(Transfer),
  ),
  /** Incomplete multipart uploads in a bucket, with age and size. */
  'uploads.list': command(
    z.object({ profileId: ProfileId, bucket: z.string().min(1).max(255) }).strict(),
    z.array(IncompleteUpload),
  ),
  /** Aborts incomplete multipart uploads: the given ones, or all in the bucket when `uploads` is left out. */
  'uploads.abort': command(
    z
      .object({
        profileId: ProfileId,
        bucket: z.string().min(1).max(255),
        uploads: z
          .array(z.object({ key: UploadKey, uploadId: z.string().min(1).max(1024) }))
          .max(10_000)
          .optional(),
      })
      .strict(),
    z.object({ aborted: z.number().int().min(0) }),
  ),
};

export const transferEvents = {
  /** Transfers whose state or details changed, batched; `removed` lists ids dropped by a clear. */
  'transfers.changed': event(
    z.object({ transfers: z.array(Transfer), removed: z.array(TransferId) }),
  ),
  /** Progress of every running transfer, at most a few times per second. */
  'transfers.progress': event(z.object({ items: z.array(TransferProgress), totals: QueueTotals })),
};
