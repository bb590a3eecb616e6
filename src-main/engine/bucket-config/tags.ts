import {
  DeleteBucketTaggingCommand,
  DeleteObjectTaggingCommand,
  GetBucketTaggingCommand,
  GetObjectTaggingCommand,
  PutBucketTaggingCommand,
  PutObjectTaggingCommand,
  type S3Client,
  type Tag,
} from '@aws-sdk/client-s3';
import type { Tags } from '../../../src-shared/contract/index.js';
import { invalid } from '../errors.js';
import { assertBucketName, assertKey } from '../objects/names.js';
import { configError, expecting, s3Code } from './answers.js';

/** S3 allows 10 tags on an object and 50 on a bucket. */
export const MAX_OBJECT_TAGS = 10;
export const MAX_BUCKET_TAGS = 50;

const toTags = (set: Tag[] | undefined): Tags =>
  Object.fromEntries((set ?? []).filter((t) => t.Key).map((t) => [t.Key!, t.Value ?? '']));

/** The tags of a bucket, or of an object when `key` is given. */
export async function getTags(
  client: S3Client,
  bucket: string,
  key: string | undefined,
  endpoint: string,
): Promise<Tags> {
  assertBucketName(bucket);
  if (key !== undefined) assertKey(key);
  try {
    const out =
      key === undefined
        ? await client.send(
            expecting(new GetBucketTaggingCommand({ Bucket: bucket }), 'Tagging', 'tags'),
          )
        : await client.send(
            expecting(new GetObjectTaggingCommand({ Bucket: bucket, Key: key }), 'Tagging', 'tags'),
          );
    return toTags(out.TagSet);
  } catch (error) {
    // A bucket without tags is a 404 NoSuchTagSet on S3 and Ceph, not a failure.
    if (key === undefined && s3Code(error) === 'NoSuchTagSet') return {};
    throw configError(error, 'tags', { endpoint, bucket, key });
  }
}

/** Replaces the tag set of a bucket or object; an empty set deletes the tags. */
export async function setTags(
  client: S3Client,
  bucket: string,
  key: string | undefined,
  tags: Tags,
  endpoint: string,
): Promise<Tags> {
  assertBucketName(bucket);
  if (key !== undefined) assertKey(key);
  const count = Object.keys(tags).length;
  const limit = key === undefined ? MAX_BUCKET_TAGS : MAX_OBJECT_TAGS;
  if (count > limit) {
    throw invalid('config.tags.tooMany', { count, limit });
  }
  const TagSet = Object.entries(tags).map(([Key, Value]) => ({ Key, Value }));
  try {
    if (key === undefined && count === 0) {
      await client.send(new DeleteBucketTaggingCommand({ Bucket: bucket }));
    } else if (key === undefined) {
      await client.send(new PutBucketTaggingCommand({ Bucket: bucket, Tagging: { TagSet } }));
    } else if (count === 0) {
      await client.send(new DeleteObjectTaggingCommand({ Bucket: bucket, Key: key }));
    } else {
      await client.send(
        new PutObjectTaggingCommand({ Bucket: bucket, Key: key, Tagging: { TagSet } }),
      );
    }
  } catch (error) {
    throw configError(error, 'tags', { endpoint, bucket, key });
  }
  return getTags(client, bucket, key, endpoint);
}
