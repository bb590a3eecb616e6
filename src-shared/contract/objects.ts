import { z } from 'zod';
import { BucketName } from './buckets.js';
import { command, event, FerryErrorSchema } from './define.js';
import { ProfileId } from './profiles.js';

/** An object key as sent; the engine checks length and segments (see src-shared/s3-names.ts). */
export const ObjectKey = z.string().min(1).max(4096);

/** One row of a listing: a folder (common prefix or folder marker) or an object. */
export const Entry = z.object({
  /** Full key; folders end with `/`. */
  key: z.string(),
  /** The last path segment, without the trailing `/` for folders. */
  name: z.string(),
  isFolder: z.boolean(),
  /** Bytes; 0 for folders. */
  size: z.number(),
  /** ISO 8601; null for folders. */
  lastModified: z.string().nullable(),
  storageClass: z.string().nullable(),
  etag: z.string().nullable(),
});
export type Entry = z.infer<typeof Entry>;

/** Where to list: a bucket, a folder in it, and optionally a name prefix to search for. */
export const ListRequest = z
  .object({
    profileId: ProfileId,
    bucket: BucketName,
    /** Folder to list, ending with `/`, or '' for the bucket's root. */
    prefix: z.string().max(4096).default(''),
    /** Only entries whose name starts with this (prefix search within the folder). */
    search: z.string().max(1024).default(''),
    /** Every object under the prefix instead of one folder level. */
    recursive: z.boolean().default(false),
    /** Keys per request; S3 answers at most 1000. */
    pageSize: z.number().int().min(1).max(1000).default(1000),
  })
  .strict();
export type ListRequest = z.input<typeof ListRequest>;

/** Full metadata of one object, from HeadObject. */
export const ObjectDetails = z.object({
  bucket: z.string(),
  key: z.string(),
  size: z.number(),
  lastModified: z.string().nullable(),
  etag: z.string().nullable(),
  contentType: z.string().nullable(),
  cacheControl: z.string().nullable(),
  contentDisposition: z.string().nullable(),
  contentEncoding: z.string().nullable(),
  contentLanguage: z.string().nullable(),
  expires: z.string().nullable(),
  storageClass: z.string().nullable(),
  versionId: z.string().nullable(),
  /** `x-amz-meta-*` headers, without the prefix. */
  metadata: z.record(z.string(), z.string()),
});
export type ObjectDetails = z.infer<typeof ObjectDetails>;

/** One key that could not be processed in a batch, with why. */
export const KeyFailure = z.object({ key: z.string(), error: FerryErrorSchema });
export type KeyFailure = z.infer<typeof KeyFailure>;

const Location = z.object({ bucket: BucketName, key: z.string().max(4096) }).strict();

/** Copy or move a key, or a folder (`key` ending in `/`, with `recursive`), within or across buckets. */
export const CopyRequest = z
  .object({
    profileId: ProfileId,
    from: Location,
    to: Location,
    /** Copy everything under `from.key` (a folder) to under `to.key`. */
    recursive: z.boolean().default(false),
    /** Replace objects that already exist at the target; otherwise they are reported and left alone. */
    overwrite: z.boolean().default(false),
  })
  .strict();

export const CopyResult = z.object({
  copied: z.number().int(),
  bytes: z.number(),
  /** For a move: sources deleted after their copy succeeded. */
  deleted: z.number().int(),
  failures: z.array(KeyFailure),
});
export type CopyResult = z.infer<typeof CopyResult>;

export const objectCommands = {
  /**
   * Starts a streamed listing: pages arrive as `objects.page` events, then one `objects.listDone`.
   * Pass your own `listingId` to filter events before the answer arrives.
   */
  'objects.list': command(
    ListRequest.extend({ listingId: z.string().min(1).max(64).optional() }).strict(),
    z.object({ listingId: z.string() }),
  ),
  'objects.cancelList': command(
    z.object({ listingId: z.string().min(1).max(64) }).strict(),
    z.object({ cancelled: z.boolean() }),
  ),
  /** One page, for callers that page by hand: folders first, then objects. */
  'objects.listPage': command(
    ListRequest.extend({ continuationToken: z.string().max(4096).optional() }).strict(),
    z.object({ entries: z.array(Entry), nextToken: z.string().nullable() }),
  ),
  'objects.head': command(
    z.object({ profileId: ProfileId, bucket: BucketName, key: ObjectKey }).strict(),
    ObjectDetails,
  ),
  /** Deletes keys (DeleteObjects in batches of 1000); per-key failures are reported, not thrown. */
  'objects.delete': command(
    z
      .object({
        profileId: ProfileId,
        bucket: BucketName,
        keys: z.array(ObjectKey).min(1).max(100_000),
      })
      .strict(),
    z.object({ deleted: z.number().int(), failures: z.array(KeyFailure) }),
  ),
  /** Deletes every object under a prefix (a folder and its contents). */
  'objects.deletePrefix': command(
    z.object({ profileId: ProfileId, bucket: BucketName, prefix: ObjectKey }).strict(),
    z.object({ deleted: z.number().int(), failures: z.array(KeyFailure) }),
  ),
  /** Recursive count and total size under a prefix, on demand. */
  'objects.folderSize': command(
    z.object({ profileId: ProfileId, bucket: BucketName, prefix: z.string().max(4096) }).strict(),
    z.object({ objects: z.number().int(), bytes: z.number() }),
  ),
  /** Creates an empty folder marker (`key` ending in `/`; the slash is added if missing). */
  'objects.createFolder': command(
    z.object({ profileId: ProfileId, bucket: BucketName, key: ObjectKey }).strict(),
    Entry,
  ),
  'objects.copy': command(CopyRequest, CopyResult),
  /** Copy, then delete each source whose copy succeeded (rename is a move within a folder). */
  'objects.move': command(CopyRequest, CopyResult),
  /** Rewrites content-type, cache-control, content-disposition and `x-amz-meta-*` (copy in place). */
  'objects.updateMetadata': command(
    z
      .object({
        profileId: ProfileId,
        bucket: BucketName,
        key: ObjectKey,
        contentType: z.string().max(256).optional(),
        cacheControl: z.string().max(1024).optional(),
        contentDisposition: z.string().max(1024).optional(),
        /** Replaces all user metadata; keys without the `x-amz-meta-` prefix. */
        metadata: z
          .record(z.string().min(1).max(128), z.string().max(2048))
          // S3 caps user metadata at 2 KB in all, so a hundred entries is already far past any real use.
          .refine((m) => Object.keys(m).length <= 100, 'at most 100 metadata entries')
          .optional(),
      })
      .strict(),
    ObjectDetails,
  ),
  /** The first bytes of a text or image object, for a quick look (ranged GET). */
  'objects.preview': command(
    z
      .object({
        profileId: ProfileId,
        bucket: BucketName,
        key: ObjectKey,
        maxBytes: z
          .number()
          .int()
          .min(1)
          .max(4 * 1024 * 1024)
          .default(256 * 1024),
      })
      .strict(),
    z.object({
      kind: z.enum(['text', 'image', 'binary']),
      contentType: z.string().nullable(),
      size: z.number(),
      /** Only the first `maxBytes` were read. */
      truncated: z.boolean(),
      /** Decoded UTF-8, for text. */
      text: z.string().nullable(),
      /** `data:` URL, for images (the CSP allows data: images). */
      dataUrl: z.string().nullable(),
    }),
  ),
};

export const objectEvents = {
  /** A page of a streamed listing, folders first within the page. */
  'objects.page': event(
    z.object({ listingId: z.string(), page: z.number().int(), entries: z.array(Entry) }),
  ),
  /** The end of a streamed listing: complete, cancelled or failed. */
  'objects.listDone': event(
    z.object({
      listingId: z.string(),
      count: z.number().int(),
      cancelled: z.boolean(),
      error: FerryErrorSchema.nullable(),
    }),
  ),
};
