import {
  AbortMultipartUploadCommand,
  CreateBucketCommand,
  DeleteBucketCommand,
  GetBucketLocationCommand,
  GetBucketVersioningCommand,
  HeadBucketCommand,
  ListBucketsCommand,
  ListMultipartUploadsCommand,
  ListObjectVersionsCommand,
  PutBucketVersioningCommand,
  type S3Client,
} from '@aws-sdk/client-s3';
import type {
  Bucket,
  BucketContents,
  BucketLocation,
  VersioningStatus,
} from '../../../src-shared/contract/index.js';
import { translateError } from '../connection/translate.js';
import type { FerryError } from '../errors.js';
import { deleteBatch } from '../objects/delete.js';
import { assertBucketName } from '../objects/names.js';

/** Lists the buckets the credentials can see, sorted by name. */
export async function listBuckets(client: S3Client, endpoint: string): Promise<Bucket[]> {
  try {
    const out = await client.send(new ListBucketsCommand({}));
    return (out.Buckets ?? [])
      .filter((b): b is typeof b & { Name: string } => typeof b.Name === 'string')
      .map((b) => ({
        name: b.Name,
        createdAt: b.CreationDate ? b.CreationDate.toISOString() : null,
      }))
      .sort((a, b) => a.name.localeCompare(b.name));
  } catch (error) {
    throw translateError(error, { endpoint: endpoint || 'AWS S3' });
  }
}

/**
 * The bucket's region. An empty LocationConstraint means us-east-1 on AWS and "the default" elsewhere, so
 * the profile's region stands in, marked as not stated by the server. AWS still answers the legacy `EU`
 * for buckets made in eu-west-1 long ago.
 */
export async function bucketLocation(
  client: S3Client,
  bucket: string,
  defaultRegion: string,
  endpoint: string,
): Promise<BucketLocation> {
  assertBucketName(bucket);
  try {
    const out = await client.send(new GetBucketLocationCommand({ Bucket: bucket }));
    const constraint = (out.LocationConstraint as string | undefined) ?? '';
    if (constraint === '') return { region: defaultRegion, stated: false };
    return { region: constraint === 'EU' ? 'eu-west-1' : constraint, stated: true };
  } catch (error) {
    throw translateError(error, { endpoint, bucket });
  }
}

/** Creates a bucket after checking every S3 naming rule locally (nothing is sent for a bad name). */
export async function createBucket(
  client: S3Client,
  bucket: string,
  region: string | undefined,
  endpoint: string,
  objectLock = false,
): Promise<Bucket> {
  assertBucketName(bucket, true);
  try {
    await refuseExisting(client, bucket);
    // us-east-1 is the one region that must not be named as a location constraint.
    const location = region && region !== 'us-east-1' ? region : undefined;
    await client.send(
      new CreateBucketCommand({
        Bucket: bucket,
        ...(objectLock ? { ObjectLockEnabledForBucket: true } : {}),
        ...(location
          ? { CreateBucketConfiguration: { LocationConstraint: location as never } }
          : {}),
      }),
    );
    return { name: bucket, createdAt: new Date().toISOString() };
  } catch (error) {
    throw translateError(error, { endpoint, bucket });
  }
}

/**
 * One HeadBucket: the NoSuchBucket error when the bucket does not exist, null when it does or when the
 * answer cannot tell (write-only credentials may be refused the HEAD and still upload).
 */
export async function missingBucket(
  client: S3Client,
  bucket: string,
  endpoint?: string,
): Promise<FerryError | null> {
  try {
    await client.send(new HeadBucketCommand({ Bucket: bucket }));
    return null;
  } catch (error) {
    const ferry = translateError(error, { endpoint, bucket });
    return ferry.code === 'NoSuchBucket' ? ferry : null;
  }
}

/**
 * Ceph, MinIO and AWS us-east-1 answer 200 when you create a bucket you already own, so a typo'd "new"
 * bucket would silently be an old one. Ask first: 200 means it is yours. A 403 may mean someone else's
 * bucket or just a policy without HeadBucket, so the server's answer to CreateBucket decides then.
 */
async function refuseExisting(client: S3Client, bucket: string): Promise<void> {
  let status: number | undefined;
  try {
    await client.send(new HeadBucketCommand({ Bucket: bucket }));
    status = 200;
  } catch (error) {
    status = (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
    if (status !== 403 && status !== 404) throw error;
  }
  if (status === 200) throw { name: 'BucketAlreadyOwnedByYou' };
}

type Version = { Key: string; VersionId?: string; IsLatest?: boolean; Size?: number };

/** Every version and delete marker, a page at a time (works on unversioned buckets too). */
async function* versionPages(client: S3Client, bucket: string) {
  let keyMarker: string | undefined;
  let versionMarker: string | undefined;
  for (;;) {
    const out = await client.send(
      new ListObjectVersionsCommand({
        Bucket: bucket,
        KeyMarker: keyMarker,
        VersionIdMarker: versionMarker,
      }),
    );
    const versions = (out.Versions ?? []).filter((v): v is Version => typeof v.Key === 'string');
    const markers = (out.DeleteMarkers ?? []).filter(
      (v): v is Version => typeof v.Key === 'string',
    );
    yield { versions, markers };
    if (!out.IsTruncated) return;
    keyMarker = out.NextKeyMarker;
    versionMarker = out.NextVersionIdMarker;
  }
}

/** What emptying the bucket would delete: current objects, their bytes, and older versions/markers. */
export async function countBucket(
  client: S3Client,
  bucket: string,
  endpoint: string,
): Promise<BucketContents> {
  assertBucketName(bucket);
  const total = { objects: 0, bytes: 0, versions: 0 };
  try {
    for await (const { versions, markers } of versionPages(client, bucket)) {
      for (const v of versions) {
        if (v.IsLatest !== false) {
          total.objects += 1;
          total.bytes += v.Size ?? 0;
        } else total.versions += 1;
      }
      total.versions += markers.length;
    }
    return total;
  } catch (error) {
    throw translateError(error, { endpoint, bucket });
  }
}

/**
 * Deletes a bucket. With `force` it first deletes every object version and delete marker and aborts
 * unfinished multipart uploads (all of which keep a bucket "not empty"); without it, a non-empty bucket is
 * refused by the server and reported as BucketNotEmpty.
 */
export async function deleteBucket(
  client: S3Client,
  bucket: string,
  force: boolean,
  endpoint: string,
): Promise<{ deletedObjects: number }> {
  assertBucketName(bucket);
  let deletedObjects = 0;
  try {
    if (force) {
      for await (const { versions, markers } of versionPages(client, bucket)) {
        const items = [...versions, ...markers].map((v) => ({
          key: v.Key,
          versionId: v.VersionId,
        }));
        const result = await deleteBatch(client, bucket, items);
        if (result.failures.length > 0) throw result.firstError;
        deletedObjects += versions.filter((v) => v.IsLatest !== false).length;
      }
      await abortUploads(client, bucket);
    }
    await client.send(new DeleteBucketCommand({ Bucket: bucket }));
    return { deletedObjects };
  } catch (error) {
    throw translateError(error, { endpoint, bucket });
  }
}

async function abortUploads(client: S3Client, bucket: string): Promise<void> {
  const out = await client.send(new ListMultipartUploadsCommand({ Bucket: bucket }));
  for (const upload of out.Uploads ?? []) {
    if (!upload.Key || !upload.UploadId) continue;
    await client.send(
      new AbortMultipartUploadCommand({
        Bucket: bucket,
        Key: upload.Key,
        UploadId: upload.UploadId,
      }),
    );
  }
}

/** The bucket's versioning state; a bucket that never had it on reports Unversioned. */
export async function getVersioning(
  client: S3Client,
  bucket: string,
  endpoint: string,
): Promise<VersioningStatus> {
  assertBucketName(bucket);
  try {
    const out = await client.send(new GetBucketVersioningCommand({ Bucket: bucket }));
    return out.Status === 'Enabled' || out.Status === 'Suspended' ? out.Status : 'Unversioned';
  } catch (error) {
    throw translateError(error, { endpoint, bucket });
  }
}

/** Turns versioning on or suspends it (S3 cannot turn it back off once enabled). */
export async function setVersioning(
  client: S3Client,
  bucket: string,
  status: 'Enabled' | 'Suspended',
  endpoint: string,
): Promise<VersioningStatus> {
  assertBucketName(bucket);
  try {
    await client.send(
      new PutBucketVersioningCommand({
        Bucket: bucket,
        VersioningConfiguration: { Status: status },
      }),
    );
  } catch (error) {
    throw translateError(error, { endpoint, bucket });
  }
  return getVersioning(client, bucket, endpoint);
}
