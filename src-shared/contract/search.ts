import { z } from 'zod';
import { BucketName } from './buckets.js';
import { command, event, FerryErrorSchema } from './define.js';
import { Entry } from './objects.js';
import { ProfileId } from './profiles.js';

const SearchId = z.string().min(1).max(64);

/** What lies under a prefix (`ferry du`). */
export const Usage = z.object({
  objects: z.number().int(),
  bytes: z.number(),
  /** Every stored version, current ones included; null unless asked for. */
  versions: z.number().int().nullable(),
  versionBytes: z.number().nullable(),
  deleteMarkers: z.number().int().nullable(),
});
export type Usage = z.infer<typeof Usage>;

export const searchCommands = {
  /**
   * Searches a prefix recursively for objects by name: a substring, or a glob with `*`, `?` and `**`.
   * Matches arrive as `search.found` events while the listing goes, then one `search.done`.
   */
  'search.start': command(
    z
      .object({
        profileId: ProfileId,
        bucket: BucketName,
        prefix: z.string().max(1024).default(''),
        pattern: z.string().min(1).max(1024),
        /** Keys per listing request; S3 answers at most 1000. */
        pageSize: z.number().int().min(1).max(1000).default(1000),
        searchId: SearchId.optional(),
      })
      .strict(),
    z.object({ searchId: z.string() }),
  ),
  'search.cancel': command(
    z.object({ searchId: SearchId }).strict(),
    z.object({ cancelled: z.boolean() }),
  ),
  /** Objects and bytes under a prefix, and with `versions` every version and delete marker. */
  'search.usage': command(
    z
      .object({
        profileId: ProfileId,
        bucket: BucketName,
        prefix: z.string().max(1024).default(''),
        versions: z.boolean().default(false),
      })
      .strict(),
    Usage,
  ),
};

export const searchEvents = {
  /** Matches from one listed page (maybe none) and how many keys the search has looked at so far. */
  'search.found': event(
    z.object({ searchId: z.string(), entries: z.array(Entry), scanned: z.number().int() }),
  ),
  /** The end of a search: complete, cancelled or failed. */
  'search.done': event(
    z.object({
      searchId: z.string(),
      found: z.number().int(),
      scanned: z.number().int(),
      cancelled: z.boolean(),
      error: FerryErrorSchema.nullable(),
    }),
  ),
};
