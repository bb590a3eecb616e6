import { z } from 'zod';
import { BucketName } from './buckets.js';
import { command } from './define.js';
import { KeyFailure, ObjectKey } from './objects.js';
import { ProfileId } from './profiles.js';

/** A version id as the server gave it (Ceph: 32 characters; Swift: a timestamp; `null` when unversioned). */
export const VersionId = z.string().min(1).max(1024);

/** One version of an object, or one delete marker, from ListObjectVersions. */
export const ObjectVersion = z.object({
  key: z.string(),
  versionId: z.string(),
  /** The current version of its key (for a delete marker: the object is deleted). */
  isLatest: z.boolean(),
  deleteMarker: z.boolean(),
  /** Bytes; 0 for delete markers. */
  size: z.number(),
  /** ISO 8601. */
  lastModified: z.string().nullable(),
  etag: z.string().nullable(),
});
export type ObjectVersion = z.infer<typeof ObjectVersion>;

/** Where the next page of a version listing starts; null after the last page. */
export const VersionsMarker = z
  .object({ keyMarker: z.string().max(4096), versionIdMarker: z.string().max(1024) })
  .strict();
export type VersionsMarker = z.infer<typeof VersionsMarker>;

const VersionRef = z
  .object({ profileId: ProfileId, bucket: BucketName, key: ObjectKey, versionId: VersionId })
  .strict();

/** An object whose current version is a delete marker: deleted, and still there to undelete. */
export const DeletedEntry = z.object({
  key: z.string(),
  name: z.string(),
  /** When it was deleted (the delete marker's date). */
  deletedAt: z.string().nullable(),
});
export type DeletedEntry = z.infer<typeof DeletedEntry>;

export const versionCommands = {
  /**
   * One page of versions and delete markers under a prefix, newest first within each key; with `exact`,
   * those of the key `prefix` alone. Page on with `next` until it is null.
   */
  'versions.list': command(
    z
      .object({
        profileId: ProfileId,
        bucket: BucketName,
        prefix: z.string().max(4096).default(''),
        exact: z.boolean().default(false),
        marker: VersionsMarker.optional(),
        pageSize: z.number().int().min(1).max(1000).default(1000),
      })
      .strict(),
    z.object({ versions: z.array(ObjectVersion), next: VersionsMarker.nullable() }),
  ),
  /** One page of the deleted objects in a folder (one level): those whose current version is a delete marker. */
  'versions.listDeleted': command(
    z
      .object({
        profileId: ProfileId,
        bucket: BucketName,
        prefix: z.string().max(4096).default(''),
        marker: VersionsMarker.optional(),
      })
      .strict(),
    z.object({ entries: z.array(DeletedEntry), next: VersionsMarker.nullable() }),
  ),
  /** Makes a version current again: a server-side copy of it over the key (any size). */
  'versions.restore': command(VersionRef, z.object({ versionId: z.string().nullable() })),
  /** Deletes one version or delete marker for good. */
  'versions.delete': command(VersionRef, z.object({})),
  /** Brings deleted objects back by removing the delete markers over their last version. */
  'versions.undelete': command(
    z
      .object({
        profileId: ProfileId,
        bucket: BucketName,
        keys: z.array(ObjectKey).min(1).max(1000),
      })
      .strict(),
    z.object({ undeleted: z.number().int(), failures: z.array(KeyFailure) }),
  ),
  /** Downloads one version into a local folder (desktop and CLI), under `name` or the object's name. */
  'versions.download': command(
    VersionRef.extend({
      folder: z.string().min(1).max(4096),
      name: z.string().min(1).max(255).optional(),
    }).strict(),
    z.object({ path: z.string(), bytes: z.number() }),
  ),
};
