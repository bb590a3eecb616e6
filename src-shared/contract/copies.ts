import { z } from 'zod';
import { BucketName } from './buckets.js';
import { command, Empty, event } from './define.js';
import { KeyFailure, ObjectKey } from './objects.js';
import { ProfileId } from './profiles.js';

/** One pasted item: an object, or a folder when the key ends with `/`. */
const PasteSource = z.object({ bucket: BucketName, key: ObjectKey }).strict();

/** What to do when a pasted item's target already exists. */
export const PasteAction = z.enum(['overwrite', 'keep-both', 'skip']);
export type PasteAction = z.infer<typeof PasteAction>;

/** A pasted item whose target already exists: the interface asks replace / keep both / skip. */
export const PasteConflict = z.object({
  /** Index of the item in the plan's `sources`. */
  index: z.number().int().min(0),
  source: PasteSource,
  /** The existing target key (a folder ends with `/`). */
  target: z.string(),
  isFolder: z.boolean(),
  /** The target is the source itself (a copy pasted where it already is): only keep both makes sense. */
  same: z.boolean(),
});
export type PasteConflict = z.infer<typeof PasteConflict>;

/** A server-side copy or move started by a paste or a drag, as the Transfers screen shows it. */
export const CopyJob = z.object({
  id: z.string(),
  profileId: ProfileId,
  move: z.boolean(),
  /** Human-readable: the first source and how many more. */
  source: z.string(),
  /** `s3://bucket/prefix`. */
  target: z.string(),
  state: z.enum(['running', 'done', 'failed', 'cancelled']),
  objectsDone: z.number().int().min(0),
  /** Grows while the folders being copied are listed; final once `listed`. */
  objectsTotal: z.number().int().min(0),
  bytesDone: z.number().min(0),
  bytesTotal: z.number().min(0),
  /** Every source folder has been listed, so the totals are final. */
  listed: z.boolean(),
  skipped: z.number().int().min(0),
  /** Sources deleted after their copy was verified (a move). */
  deleted: z.number().int().min(0),
  /** The first failures (at most 100); `failed` counts them all. */
  failures: z.array(KeyFailure),
  failed: z.number().int().min(0),
  createdAt: z.string(),
  finishedAt: z.string().nullable(),
});
export type CopyJob = z.infer<typeof CopyJob>;

export const copyCommands = {
  /**
   * Checks a paste before it starts: refuses a folder pasted into itself or its own subfolder, and lists the
   * items whose target already exists. The answer's `planId` starts it with `copies.start`.
   */
  'copies.plan': command(
    z
      .object({
        profileId: ProfileId,
        sources: z.array(PasteSource).min(1).max(10_000),
        to: z.object({ bucket: BucketName, prefix: z.string().max(1024) }).strict(),
        move: z.boolean().default(false),
      })
      .strict(),
    z.object({ planId: z.string(), items: z.number().int(), conflicts: z.array(PasteConflict) }),
  ),
  /**
   * Starts a planned paste server-side (CopyObject; UploadPartCopy above 5 GiB). `actions` answers each
   * conflict by its index; conflicts left out take `otherwise`. A move deletes a source only after its
   * copy was checked (size, and ETag where both are plain MD5s).
   */
  'copies.start': command(
    z
      .object({
        planId: z.string().min(1).max(64),
        actions: z
          .array(z.object({ index: z.number().int().min(0), action: PasteAction }).strict())
          .max(10_000)
          .default([]),
        otherwise: PasteAction.default('skip'),
      })
      .strict(),
    CopyJob,
  ),
  /** Copies and moves of this session, newest first. */
  'copies.list': command(Empty, z.array(CopyJob)),
  'copies.cancel': command(z.object({ id: z.string().min(1).max(64) }).strict(), Empty),
  /** Forgets finished copies. */
  'copies.clear': command(Empty, Empty),
};

export const copyEvents = {
  /** A copy job started, progressed (a few times a second at most) or ended. */
  'copies.changed': event(z.object({ job: CopyJob })),
};
