import { z } from 'zod';
import { command } from './define.js';
import { ProfileId } from './profiles.js';

/** A bucket as listed by ListBuckets. */
export const Bucket = z.object({
  name: z.string(),
  /** ISO 8601, when the server says. */
  createdAt: z.string().nullable(),
});
export type Bucket = z.infer<typeof Bucket>;

/** A bucket name as sent; the engine checks the S3 naming rules (see src-shared/s3-names.ts). */
export const BucketName = z.string().min(1).max(255);

/**
 * A region or location constraint: `us-east-1`, `auto`, `default`, or Ceph's `zonegroup:placement`.
 * Profiles cap their region at 64 characters too.
 */
export const RegionName = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9._:-]+$/, 'letters, digits, dot, colon, dash and underscore only');

const BucketRef = z.object({ profileId: ProfileId, bucket: BucketName }).strict();

export const VersioningStatus = z.enum(['Unversioned', 'Enabled', 'Suspended']);
export type VersioningStatus = z.infer<typeof VersioningStatus>;

/**
 * Where a bucket lives. S3 answers an empty LocationConstraint for us-east-1 and many servers answer it for
 * their default region, so `stated: false` says the region shown is the default, not the server's word.
 */
export const BucketLocation = z.object({
  region: z.string(),
  stated: z.boolean(),
});
export type BucketLocation = z.infer<typeof BucketLocation>;

/** What emptying a bucket would delete. */
export const BucketContents = z.object({
  objects: z.number().int(),
  bytes: z.number(),
  /** Old versions and delete markers, which also block DeleteBucket on versioned buckets. */
  versions: z.number().int(),
});
export type BucketContents = z.infer<typeof BucketContents>;

export const bucketCommands = {
  'buckets.list': command(z.object({ profileId: ProfileId }).strict(), z.array(Bucket)),
  /** Creates a bucket after checking the S3 naming rules locally. */
  'buckets.create': command(
    z
      .object({
        profileId: ProfileId,
        bucket: BucketName,
        region: RegionName.optional(),
        /** Turn versioning on at once (object lock implies it). */
        versioning: z.boolean().optional(),
        /** Create the bucket with object lock (only possible at creation). */
        objectLock: z.boolean().optional(),
      })
      .strict(),
    Bucket,
  ),
  /** The bucket's region (GetBucketLocation), fetched lazily for the buckets on screen. */
  'buckets.location': command(BucketRef, BucketLocation),
  /** Counts what `buckets.delete` with `force` would remove. */
  'buckets.count': command(BucketRef, BucketContents),
  /** Deletes a bucket; a non-empty one only with `force`, which deletes every object and version first. */
  'buckets.delete': command(
    z
      .object({ profileId: ProfileId, bucket: BucketName, force: z.boolean().default(false) })
      .strict(),
    z.object({ deletedObjects: z.number().int() }),
  ),
  'buckets.getVersioning': command(BucketRef, z.object({ status: VersioningStatus })),
  'buckets.setVersioning': command(
    z
      .object({
        profileId: ProfileId,
        bucket: BucketName,
        status: z.enum(['Enabled', 'Suspended']),
      })
      .strict(),
    z.object({ status: VersioningStatus }),
  ),
};
