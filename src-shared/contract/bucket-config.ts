import { z } from 'zod';
import { BucketName } from './buckets.js';
import { command } from './define.js';
import { ObjectKey } from './objects.js';
import { ProfileId } from './profiles.js';

const BucketRef = z.object({ profileId: ProfileId, bucket: BucketName }).strict();
/** A bucket, or one of its objects when `key` is given. */
const TargetRef = z.object({ profileId: ProfileId, bucket: BucketName, key: ObjectKey.optional() });

/** A number of days a lifecycle action waits; S3 wants a positive whole number. */
const Days = z.number().int().min(1).max(100_000);

/** What a lifecycle rule holds beyond the three actions Ferry edits; such a rule is kept as it is. */
export const LifecycleExtra = z.enum([
  'transition',
  'noncurrentTransition',
  'tagFilter',
  'sizeFilter',
  'expiryDate',
  'deleteMarkers',
  'newerVersions',
]);
export type LifecycleExtra = z.infer<typeof LifecycleExtra>;

/** One lifecycle rule, as Ferry shows it: a prefix and up to three actions after N days. */
export const LifecycleRule = z.object({
  id: z.string(),
  /** '' applies to the whole bucket. */
  prefix: z.string(),
  enabled: z.boolean(),
  expireDays: z.number().int().nullable(),
  noncurrentDays: z.number().int().nullable(),
  abortMultipartDays: z.number().int().nullable(),
  /** Parts Ferry does not edit; a rule with any is shown, kept intact, and may only be removed. */
  extras: z.array(LifecycleExtra),
});
export type LifecycleRule = z.infer<typeof LifecycleRule>;

/** A tag set: at most 10 on an object, 50 on a bucket (S3's limits). */
export const Tags = z.record(z.string().min(1).max(128), z.string().max(256));
export type Tags = z.infer<typeof Tags>;

export const RetentionMode = z.enum(['GOVERNANCE', 'COMPLIANCE']);
export type RetentionMode = z.infer<typeof RetentionMode>;

/** A bucket's object lock, and an object's retention and legal hold when asked about one. */
export const ObjectLockState = z.object({
  /** `unsupported`: the server has no object lock (it answered something else). */
  bucket: z.enum(['enabled', 'disabled', 'unsupported']),
  defaultRetention: z
    .object({ mode: RetentionMode, days: z.number().nullable(), years: z.number().nullable() })
    .nullable(),
  object: z
    .object({
      mode: RetentionMode.nullable(),
      /** ISO 8601. */
      retainUntil: z.string().nullable(),
      legalHold: z.boolean(),
    })
    .nullable(),
});
export type ObjectLockState = z.infer<typeof ObjectLockState>;

/** One CORS rule (S3's CORSRule in camelCase). */
export const CorsRule = z.object({
  id: z.string().max(255).optional(),
  allowedOrigins: z.array(z.string().min(1).max(1024)).min(1).max(100),
  allowedMethods: z.array(z.enum(['GET', 'PUT', 'POST', 'DELETE', 'HEAD'])).min(1),
  allowedHeaders: z.array(z.string().max(1024)).max(100).default([]),
  exposeHeaders: z.array(z.string().max(1024)).max(100).default([]),
  maxAgeSeconds: z.number().int().min(0).nullable().default(null),
});
export type CorsRule = z.infer<typeof CorsRule>;

const Rules = z.object({ rules: z.array(LifecycleRule) });
const CorsRules = z.object({ rules: z.array(CorsRule) });

/** Bucket configuration: lifecycle rules, tags, object lock and CORS (issue 19). */
export const bucketConfigCommands = {
  'lifecycle.get': command(BucketRef, Rules),
  /**
   * Adds or changes the rule for `prefix` (or the rule `id`, which may move it to `prefix`); days left out
   * or null are actions the rule does not take. Rules Ferry does not edit are sent back unchanged.
   */
  'lifecycle.set': command(
    z
      .object({
        profileId: ProfileId,
        bucket: BucketName,
        id: z.string().min(1).max(255).optional(),
        prefix: z.string().max(1024).default(''),
        enabled: z.boolean().default(true),
        expireDays: Days.nullable().default(null),
        noncurrentDays: Days.nullable().default(null),
        abortMultipartDays: Days.nullable().default(null),
      })
      .strict(),
    Rules,
  ),
  /** Removes the rule `id`, or the rules for `prefix`, or with neither every rule. */
  'lifecycle.remove': command(
    z
      .object({
        profileId: ProfileId,
        bucket: BucketName,
        id: z.string().min(1).max(255).optional(),
        prefix: z.string().max(1024).optional(),
      })
      .strict(),
    Rules,
  ),
  /** The tags of a bucket, or of an object when `key` is given. */
  'tags.get': command(TargetRef.strict(), z.object({ tags: Tags })),
  /** Replaces the whole tag set (an empty one deletes them). */
  'tags.set': command(TargetRef.extend({ tags: Tags }).strict(), z.object({ tags: Tags })),
  /** The bucket's object lock, with the object's retention and legal hold when `key` is given. */
  'objectLock.get': command(TargetRef.strict(), ObjectLockState),
  /**
   * Sets an object's retention (mode and date) and/or legal hold. Refused before anything is sent when
   * the bucket has no object lock.
   */
  'objectLock.set': command(
    z
      .object({
        profileId: ProfileId,
        bucket: BucketName,
        key: ObjectKey,
        retention: z
          .object({ mode: RetentionMode, retainUntil: z.string().min(1).max(40) })
          .optional(),
        legalHold: z.boolean().optional(),
      })
      .strict(),
    ObjectLockState,
  ),
  'cors.get': command(BucketRef, CorsRules),
  /** Replaces the bucket's CORS rules (none deletes the configuration). */
  'cors.set': command(BucketRef.extend({ rules: z.array(CorsRule).max(100) }).strict(), CorsRules),
  /** Adds the rule a web page at `origin` needs to upload with presigned PUT links. */
  'cors.allowUpload': command(
    BucketRef.extend({ origin: z.string().min(1).max(1024) }).strict(),
    CorsRules,
  ),
};
