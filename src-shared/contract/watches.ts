import { z } from 'zod';
import { FerryErrorSchema, changeOf, command, event, Empty } from './define.js';
import { ProfileId } from './profiles.js';

/** A stable identifier of a watched folder. */
export const WatchId = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9._-]+$/, 'letters, digits, dot, dash and underscore only');

/**
 * Files never uploaded unless the user turns the defaults off: OS litter, editors' and browsers'
 * temporary files, and Ferry's own partial downloads.
 */
export const DEFAULT_EXCLUDES = [
  '.DS_Store',
  'Thumbs.db',
  'desktop.ini',
  '*.tmp',
  '~$*',
  '.~lock.*',
  '*.part',
  '*.crdownload',
  '*.swp',
  '*.swx',
  '*~',
  '*.ferry-partial',
] as const;

/** What happens to remote copies when a local file is deleted. */
export const DeletePolicy = z.enum(['keep', 'mirror']);

/**
 * Which way a watch syncs: `upload` (local changes go up; the bucket is never read back into the folder),
 * `download` (the bucket's changes come down into the folder; nothing is uploaded), `two-way` (both, with a
 * persisted baseline deciding who changed what; both sides changed is a conflict, never an overwrite).
 */
export const WatchMode = z.enum(['upload', 'download', 'two-way']);
export type WatchMode = z.infer<typeof WatchMode>;

/** Options of a watch the user may change; defaults apply to missing fields. */
export const WatchOptions = z.object({
  mode: WatchMode.default('upload'),
  /** How often a `download` or `two-way` watch lists the bucket for remote changes. */
  pollSeconds: z.number().int().min(5).max(86_400).default(60),
  /** Globs relative to the folder (`**\/*.jpg`); empty means everything. */
  include: z.array(z.string().min(1).max(512)).max(100).default([]),
  /** Globs relative to the folder; a bare name (`*.log`) matches at any depth. */
  exclude: z.array(z.string().min(1).max(512)).max(100).default([]),
  /** Apply DEFAULT_EXCLUDES as well as `exclude`. */
  defaultExcludes: z.boolean().default(true),
  /**
   * Follow symbolic links inside the folder (never round a cycle); otherwise each is skipped and reported.
   * Only an upload watch follows them: one that writes into the folder never writes through a link.
   */
  followSymlinks: z.boolean().default(false),
  /** A file is uploaded once its size and mtime have not changed for this long. */
  stabilityMs: z.number().int().min(100).max(60_000).default(1500),
  /** `keep` (default) never deletes remote objects; `mirror` deletes them, capped per run. */
  deletePolicy: DeletePolicy.default('keep'),
  /** Mirror deletes above this many objects in one run wait for confirmation. */
  maxDeletes: z.number().int().min(0).max(1_000_000).default(50),
  /** …or, when more than 10, above this share of the objects under the prefix. */
  maxDeletePercent: z.number().min(0).max(100).default(10),
});
export type WatchOptions = z.infer<typeof WatchOptions>;

/** A change of some options of a watch: the fields left out keep their values. */
export const WatchOptionsChange = changeOf(WatchOptions);

/** Where a watch uploads: a profile, a bucket and a key prefix (`photos/` or empty). */
export const WatchTarget = z.object({
  profileId: ProfileId,
  bucket: z.string().min(1).max(255),
  prefix: z.string().max(1024).default(''),
});

/** A configured watch, as persisted and listed. */
export const WatchRule = z.object({
  id: WatchId,
  /** Absolute path of the local folder. */
  folder: z.string().min(1).max(4096),
  ...WatchTarget.shape,
  ...WatchOptions.shape,
  /** Paused by the user; survives restarts. */
  paused: z.boolean().default(false),
});
export type WatchRule = z.infer<typeof WatchRule>;

/** What a watch is doing. */
export const WatchState = z.enum([
  'idle',
  'scanning',
  'uploading',
  'downloading',
  'paused',
  'error',
]);
export type WatchState = z.infer<typeof WatchState>;

/** One thing a sync did or would do. */
export const SyncAction = z.object({
  /**
   * `delete` removes the remote object, `delete-local` the local file; `move` renames on the other side
   * (a rename detected by size and ETag); `conflict` keeps both copies.
   */
  action: z.enum(['upload', 'download', 'delete', 'delete-local', 'move', 'conflict', 'skip']),
  /** Path relative to the folder, with `/` separators (empty for remote-only objects). */
  path: z.string(),
  key: z.string(),
  size: z.number().int().nullable(),
  /** Why: `new`, `changed`, `missing-remotely`, `deleted-locally`, or why it is skipped. */
  reason: z.string(),
});
export type SyncAction = z.infer<typeof SyncAction>;

/** Live status of one watch, pushed on every change (`watches.status`). */
export const WatchStatus = z.object({
  id: WatchId,
  state: WatchState,
  /** Uploads in flight. */
  uploading: z.number().int(),
  /** Files detected and waiting (stabilising or queued). */
  pending: z.number().int(),
  /** Why the watch is in `error` (or a warning while it still works, e.g. polling fallback). */
  reason: FerryErrorSchema.nullable(),
  /** ISO 8601 time the folder and bucket were last known to agree. */
  lastSyncAt: z.string().nullable(),
  counts: z.object({
    /** Files in the local index (uploaded and unchanged). */
    indexed: z.number().int(),
    /** Uploads finished since the watch started. */
    uploaded: z.number().int(),
    /** Remote objects deleted by mirror deletes since the watch started. */
    deleted: z.number().int(),
    /** Files skipped: names S3 cannot hold, unreadable files, symlinks not followed. */
    skipped: z.number().int(),
    /** Uploads that failed and will be retried. */
    failed: z.number().int(),
    /** Remote changes written into the folder since the watch started (`download` and `two-way`). */
    downloaded: z.number().int(),
    /** Conflicts waiting for the user (`watches.conflicts`). */
    conflicts: z.number().int(),
    /**
     * Local files that differ from their unchanged object and are kept as they are (`download`: a file the
     * user edited is never overwritten, nor uploaded). Counted at each pass; zero in the other modes.
     */
    keptLocal: z.number().int(),
  }),
  /** `native` uses OS notifications; `polling` is the fallback when they run out (inotify ENOSPC). */
  watcher: z.enum(['native', 'polling', 'stopped']),
  /** Mirror deletes held back by the cap; `watches.syncNow` with `confirmDeletes` performs them. */
  deletesAwaitingConfirmation: z.number().int(),
  /** The first of them (see SyncPlan's `heldBack`), for the user to see what would go. */
  deletesAwaitingSample: z.array(SyncAction),
});
export type WatchStatus = z.infer<typeof WatchStatus>;

/** A watch with its live status. */
export const Watch = z.object({ rule: WatchRule, status: WatchStatus });
export type Watch = z.infer<typeof Watch>;

/** The plan of a reconciliation (what `ferry sync --dry-run` prints). */
export const SyncPlan = z.object({
  actions: z.array(SyncAction),
  unchanged: z.number().int(),
  /** Deletes held back by the cap, awaiting confirmation. */
  deletesHeldBack: z.number().int(),
  /** The first few of those deletes (at most 5), as `delete` or `delete-local` actions. */
  heldBack: z.array(SyncAction).max(5),
});
export type SyncPlan = z.infer<typeof SyncPlan>;

/** One thing a watch did: a file uploaded, an object deleted, or a file skipped (with why it failed). */
export const WatchActivity = z.object({
  id: WatchId,
  at: z.string(),
  ...SyncAction.shape,
  error: FerryErrorSchema.nullable(),
});
export type WatchActivity = z.infer<typeof WatchActivity>;

/**
 * Both sides of a two-way (or download) watch changed one file since the last sync. The local file stayed
 * where it was (`path`); the remote version was saved beside it as `conflictPath`
 * (`name (conflict YYYY-MM-DD HHMM).ext`). Nothing was overwritten. Resolving: `local` uploads the local file
 * over the remote and removes the saved copy; `remote` puts the saved copy in the file's place; `both` keeps
 * both files (the saved copy becomes an ordinary file of the folder).
 */
export const WatchConflict = z.object({
  /** Stable while the conflict is open. */
  id: z.string().min(1).max(128),
  watchId: WatchId,
  /** Path relative to the folder, `/` separators. */
  path: z.string(),
  /** The saved remote version, relative to the folder. */
  conflictPath: z.string(),
  key: z.string(),
  /** ISO 8601 time the conflict was found. */
  detectedAt: z.string(),
  local: z.object({ size: z.number().int(), mtime: z.string() }),
  remote: z.object({
    size: z.number().int(),
    etag: z.string(),
    lastModified: z.string().nullable(),
  }),
});
export type WatchConflict = z.infer<typeof WatchConflict>;

export const ConflictChoice = z.enum(['local', 'remote', 'both']);
export type ConflictChoice = z.infer<typeof ConflictChoice>;

const ById = z.object({ id: WatchId }).strict();

export const watchCommands = {
  'watches.list': command(Empty, z.array(Watch)),
  /** Adds and starts a watch; refused when the folder overlaps another watch. */
  'watches.add': command(
    z
      .object({ folder: z.string().min(1).max(4096), ...WatchTarget.shape, ...WatchOptions.shape })
      .strict(),
    Watch,
  ),
  /**
   * Changes a watch's options, or its prefix; a new prefix starts the watch afresh (every file is checked
   * against the bucket again under the new prefix).
   */
  'watches.update': command(
    z
      .object({
        id: WatchId,
        change: changeOf(WatchOptions.extend({ prefix: WatchTarget.shape.prefix })),
      })
      .strict(),
    Watch,
  ),
  /** The last things a watch did (newest first, at most 50 since Ferry started). */
  'watches.recent': command(ById, z.array(WatchActivity)),
  /** Stops and forgets a watch; remote objects are never touched. */
  'watches.remove': command(ById, Empty),
  'watches.pause': command(ById, Watch),
  'watches.resume': command(ById, Watch),
  'watches.pauseAll': command(Empty, z.array(Watch)),
  'watches.resumeAll': command(Empty, z.array(Watch)),
  /** Reconciles now (folder ↔ index ↔ bucket); `confirmDeletes` lets held-back mirror deletes run. */
  'watches.syncNow': command(
    z.object({ id: WatchId, confirmDeletes: z.boolean().default(false) }).strict(),
    SyncPlan,
  ),
  /** What a sync would do, without doing it. */
  'watches.plan': command(ById, SyncPlan),
  /** Open conflicts, of one watch or (without `id`) of every watch, oldest first. */
  'watches.conflicts': command(
    z.object({ id: WatchId.optional() }).strict(),
    z.array(WatchConflict),
  ),
  /** Resolves one conflict; answers the watch's conflicts still open. */
  'watches.resolveConflict': command(
    z
      .object({ id: WatchId, conflictId: z.string().min(1).max(128), keep: ConflictChoice })
      .strict(),
    z.array(WatchConflict),
  ),
};

export const watchEvents = {
  /** A watch's status changed. */
  'watches.status': event(WatchStatus),
  /** Watches were added, removed or reconfigured. */
  'watches.changed': event(z.object({ watches: z.array(Watch) })),
  /** A file was uploaded, deleted remotely or skipped by a watch. */
  'watches.activity': event(WatchActivity),
};
