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

export const bucketCommands = {
  'buckets.list': command(z.object({ profileId: ProfileId }).strict(), z.array(Bucket)),
};
