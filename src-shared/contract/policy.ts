import { z } from 'zod';
import { BucketName } from './buckets.js';
import { command } from './define.js';
import { ObjectKey } from './objects.js';
import { ProfileId } from './profiles.js';

/** A folder of a bucket: '' for the whole bucket, else ending in `/` (or any key prefix). */
const Prefix = z.string().max(1024).default('');

const PrefixRef = z.object({ profileId: ProfileId, bucket: BucketName, prefix: Prefix }).strict();

/** Who can read a bucket or prefix without signing in, as Ferry's statements in the bucket policy say. */
export const PublicAccess = z.object({
  bucket: z.string(),
  prefix: z.string(),
  access: z.enum(['private', 'public-read']),
  /** Anyone may list the keys under the prefix too. */
  listing: z.boolean(),
  /** A broader prefix Ferry made public ('' is the bucket), which makes this one public already. */
  coveredBy: z.string().nullable(),
  /** Every prefix Ferry made public in the bucket. */
  publicPrefixes: z.array(z.string()),
  /** Statements Ferry did not write; kept as they are. */
  otherStatements: z.number().int(),
  /** The whole bucket policy, pretty-printed; null when the bucket has none. */
  policy: z.string().nullable(),
});
export type PublicAccess = z.infer<typeof PublicAccess>;

/** A permanent, unsigned link to an object (it works once the object is public). */
export const PublicLink = z.object({
  url: z.string(),
  /** Whether an anonymous request for it succeeds now (checked with a HEAD without signature). */
  reachable: z.boolean(),
  /** The HTTP status of that anonymous HEAD (0 when it did not get through). */
  status: z.number().int(),
});
export type PublicLink = z.infer<typeof PublicLink>;

export const policyCommands = {
  /** A prefix's public access and the whole bucket policy (GetBucketPolicy). */
  'policy.get': command(PrefixRef, PublicAccess),
  /**
   * Makes a prefix private or public read: Ferry's statements for that prefix are replaced, every other
   * statement kept; a policy left empty is deleted.
   */
  'policy.setAccess': command(
    PrefixRef.extend({
      access: z.enum(['private', 'public-read']),
      listing: z.boolean().default(false),
    }).strict(),
    PublicAccess,
  ),
  /** Replaces the whole bucket policy with a custom one, checked before it is sent. */
  'policy.put': command(
    PrefixRef.extend({
      policy: z
        .string()
        .min(2)
        .max(20 * 1024),
    }).strict(),
    PublicAccess,
  ),
  /** Deletes the whole bucket policy (DeleteBucketPolicy). */
  'policy.delete': command(PrefixRef, PublicAccess),
  /** The permanent unsigned URL of an object, as the profile addresses buckets. */
  'policy.publicUrl': command(
    z.object({ profileId: ProfileId, bucket: BucketName, key: ObjectKey }).strict(),
    PublicLink,
  ),
};
