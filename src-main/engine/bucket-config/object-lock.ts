import {
  DeleteBucketCommand,
  GetObjectLockConfigurationCommand,
  HeadObjectCommand,
  PutBucketVersioningCommand,
  PutObjectLegalHoldCommand,
  PutObjectRetentionCommand,
  type S3Client,
} from '@aws-sdk/client-s3';
import type { ObjectLockState, RetentionMode } from '../../../src-shared/contract/index.js';
import { FerryError, invalid } from '../errors.js';
import { assertBucketName, assertKey } from '../objects/names.js';
import { configError, expecting, notSupported, s3Code } from './answers.js';

type BucketLock = Pick<ObjectLockState, 'bucket' | 'defaultRetention'>;

/** Whether the bucket has object lock: `unsupported` when the server answered something else. */
async function bucketLock(client: S3Client, bucket: string): Promise<BucketLock> {
  try {
    const out = await client.send(
      expecting(
        new GetObjectLockConfigurationCommand({ Bucket: bucket }),
        'ObjectLockConfiguration',
        'objectLock',
      ),
    );
    const config = out.ObjectLockConfiguration;
    if (config?.ObjectLockEnabled !== 'Enabled')
      return { bucket: 'disabled', defaultRetention: null };
    const d = config.Rule?.DefaultRetention;
    return {
      bucket: 'enabled',
      defaultRetention: d?.Mode
        ? { mode: d.Mode as RetentionMode, days: d.Days ?? null, years: d.Years ?? null }
        : null,
    };
  } catch (error) {
    if (s3Code(error) === 'ObjectLockConfigurationNotFoundError') {
      return { bucket: 'disabled', defaultRetention: null };
    }
    if (error instanceof FerryError && error.code === 'NotSupported') {
      return { bucket: 'unsupported', defaultRetention: null };
    }
    const status = (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
    if (status === 501) return { bucket: 'unsupported', defaultRetention: null };
    throw error;
  }
}

/**
 * The bucket's object lock and, for `key`, the object's retention and legal hold. HeadObject carries
 * those (AWS, Ceph, MinIO, RustFS), and a HEAD is safe on every server: Swift answers GET ?retention
 * with the object's body.
 */
export async function getObjectLock(
  client: S3Client,
  bucket: string,
  key: string | undefined,
  endpoint: string,
): Promise<ObjectLockState> {
  assertBucketName(bucket);
  if (key !== undefined) assertKey(key);
  try {
    const lock = await bucketLock(client, bucket);
    if (lock.bucket !== 'enabled' || key === undefined) return { ...lock, object: null };
    const head = await client.send(new HeadObjectCommand({ Bucket: bucket, Key: key }));
    return {
      ...lock,
      object: {
        mode: (head.ObjectLockMode as RetentionMode | undefined) ?? null,
        retainUntil: head.ObjectLockRetainUntilDate?.toISOString() ?? null,
        legalHold: head.ObjectLockLegalHoldStatus === 'ON',
      },
    };
  } catch (error) {
    throw configError(error, 'objectLock', { endpoint, bucket, key });
  }
}

/** A retention date: a valid date to come (`2030-01-31` is read as midnight UTC). */
function futureDate(text: string, now: Date): Date {
  const date = new Date(/^\d{4}-\d{2}-\d{2}$/.test(text) ? `${text}T00:00:00Z` : text);
  if (Number.isNaN(date.getTime()) || date <= now) {
    throw invalid('config.lock.badDate', { date: text });
  }
  return date;
}

/** What `objectLock.set` changes: a retention and/or the legal hold. */
export interface LockChange {
  retention?: { mode: RetentionMode; retainUntil: string };
  legalHold?: boolean;
}

/**
 * Sets an object's retention and legal hold. The bucket's lock is checked first: on a server without
 * object lock, Swift takes PUT ?legal-hold for an upload and would replace the object with the XML.
 */
export async function setObjectLock(
  client: S3Client,
  bucket: string,
  key: string,
  change: LockChange,
  endpoint: string,
  now = new Date(),
): Promise<ObjectLockState> {
  assertBucketName(bucket);
  assertKey(key);
  const state = await getObjectLock(client, bucket, key, endpoint);
  if (state.bucket === 'unsupported') {
    throw notSupported('objectLock', 'GetObjectLockConfigurationCommand');
  }
  if (state.bucket === 'disabled') {
    throw FerryError.of('NotSupported', 'config.lockOff', { bucket });
  }
  const retention = change.retention;
  // Checked before anything is sent, so a bad date leaves the legal hold untouched too.
  const until = retention ? futureDate(retention.retainUntil, now) : undefined;
  try {
    if (retention && until) {
      await client.send(
        new PutObjectRetentionCommand({
          Bucket: bucket,
          Key: key,
          Retention: { Mode: retention.mode, RetainUntilDate: until },
        }),
      );
    }
    if (change.legalHold !== undefined) {
      await client.send(
        new PutObjectLegalHoldCommand({
          Bucket: bucket,
          Key: key,
          LegalHold: { Status: change.legalHold ? 'ON' : 'OFF' },
        }),
      );
    }
  } catch (error) {
    throw configError(error, 'objectLock', { endpoint, bucket, key });
  }
  return getObjectLock(client, bucket, key, endpoint);
}

/**
 * After CreateBucket: turns versioning on and, for object lock, checks that the server really made a
 * locked bucket. Swift ignores the object-lock header and creates a plain bucket; that bucket, new and
 * empty, is deleted again, so the user is not left with a bucket that looks protected and is not.
 */
export async function configureNewBucket(
  client: S3Client,
  bucket: string,
  options: { versioning: boolean; objectLock: boolean },
  endpoint: string,
): Promise<void> {
  try {
    if (options.objectLock) {
      const lock = await bucketLock(client, bucket);
      if (lock.bucket !== 'enabled') {
        await client.send(new DeleteBucketCommand({ Bucket: bucket }));
        throw notSupported('objectLock', 'CreateBucketCommand');
      }
    }
    if (options.versioning || options.objectLock) {
      await client.send(
        new PutBucketVersioningCommand({
          Bucket: bucket,
          VersioningConfiguration: { Status: 'Enabled' },
        }),
      );
    }
  } catch (error) {
    throw configError(error, 'objectLock', { endpoint, bucket });
  }
}
