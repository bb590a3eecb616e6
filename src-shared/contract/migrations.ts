import { z } from 'zod';
import { FerryErrorSchema, command, event, Empty } from './define.js';
import { ProfileId } from './profiles.js';

/** One end of a migration: a connection, a bucket, and a key prefix (`photos/` or empty for all). */
export const MigrationSide = z
  .object({
    profileId: ProfileId,
    bucket: z.string().min(1).max(255),
    prefix: z.string().max(1024).default(''),
  })
  .strict();
export type MigrationSide = z.infer<typeof MigrationSide>;

/**
 * Copy a bucket (or a prefix of it) to another bucket, on the same connection (server-side copy) or on
 * another (streamed through Ferry, multipart, verified). The same engine as `ferry sync s3://… s3://…`.
 */
export const MigrationRequest = z
  .object({
    source: MigrationSide,
    target: MigrationSide,
    /** Delete at the target what the source does not have (capped like every delete). */
    mirror: z.boolean().default(false),
    /** Lets deletes above the cap run. */
    confirmDeletes: z.boolean().default(false),
  })
  .strict();
export type MigrationRequest = z.infer<typeof MigrationRequest>;

/** Why a copy is planned: `new`, `changed` at the source, or `missing` at the destination (copied before). */
export const MigrationCopyReason = z.enum(['new', 'changed', 'missing']);

const PlannedObject = z.object({ key: z.string(), size: z.number().int().nullable() });

/** One planned step: its key, and why in terms the interface words in the user's language. */
export const MigrationStep = z.discriminatedUnion('action', [
  PlannedObject.extend({ action: z.literal('copy'), reason: MigrationCopyReason }),
  /**
   * `delete`: not at the source, deleted at the destination (asked for, within the cap); `keep`: left as it
   * is at the destination (not at the source, or edited there since the last run while the source was not).
   */
  PlannedObject.extend({ action: z.enum(['delete', 'keep']) }),
  /** Cannot be copied (a key the destination cannot hold): the error, by its catalogue key. */
  PlannedObject.extend({ action: z.literal('skip'), error: FerryErrorSchema }),
]);
export type MigrationStep = z.infer<typeof MigrationStep>;

/** What a migration would do (or did), in counts and the first actions. */
export const MigrationPlan = z.object({
  copies: z.number().int(),
  copyBytes: z.number().int(),
  deletes: z.number().int(),
  /** Deletes the safety cap keeps back (asked to delete, not confirmed): none of them is made. */
  deletesHeldBack: z.number().int(),
  unchanged: z.number().int(),
  /** Objects that cannot be copied (a name the target refuses…), with why. */
  skips: z.number().int(),
  /** The first actions of the plan (at most 200), for the user to look through. */
  sample: z.array(MigrationStep),
});
export type MigrationPlan = z.infer<typeof MigrationPlan>;

/**
 * `heldBack`: everything else went through, but the safety cap kept back deletes the migration was asked
 * to make, so the destination is not the mirror asked for (the CLI's `ferry sync` exits 1 alike).
 * `failed` wins when an object also failed.
 */
export const MigrationState = z.enum([
  'planning',
  'copying',
  'done',
  'heldBack',
  'failed',
  'cancelled',
]);
export type MigrationState = z.infer<typeof MigrationState>;

/** A migration (of this run of Ferry or an earlier one), live while it runs (pushed as `migrations.progress`). */
export const MigrationStatus = z.object({
  id: z.string().min(1).max(64),
  request: MigrationRequest,
  state: MigrationState,
  plan: MigrationPlan.nullable(),
  done: z.object({
    copies: z.number().int(),
    bytes: z.number().int(),
    deletes: z.number().int(),
    failed: z.number().int(),
  }),
  /** The first failures (at most 100), each with its key and why. */
  failures: z.array(z.object({ key: z.string(), error: FerryErrorSchema })),
  /** Why the whole migration stopped (state `failed`). */
  error: FerryErrorSchema.nullable(),
  startedAt: z.string(),
  finishedAt: z.string().nullable(),
});
export type MigrationStatus = z.infer<typeof MigrationStatus>;

const ById = z.object({ id: z.string().min(1).max(64) }).strict();

export const migrationCommands = {
  /** Lists both sides and answers what a migration would do; nothing is written. */
  'migrations.plan': command(MigrationRequest, MigrationPlan),
  /** Starts a migration in the background; progress comes as `migrations.progress`. */
  'migrations.start': command(MigrationRequest, MigrationStatus),
  /** The last 50 migrations, this run's and earlier ones', newest first. */
  'migrations.list': command(Empty, z.array(MigrationStatus)),
  /** Stops a running migration; what was copied stays, and starting it again resumes with the rest. */
  'migrations.cancel': command(ById, MigrationStatus),
};

export const migrationEvents = {
  /** A migration's progress or end, at most a few times a second. */
  'migrations.progress': event(MigrationStatus),
};
