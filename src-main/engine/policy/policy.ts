import {
  DeleteBucketPolicyCommand,
  GetBucketPolicyCommand,
  PutBucketPolicyCommand,
  type S3Client,
} from '@aws-sdk/client-s3';
import {
  accessOf,
  parsePolicy,
  withAccess,
  type PolicyDocument,
} from '../../../src-shared/bucket-policy.js';
import type { PublicAccess } from '../../../src-shared/contract/index.js';
import { translateError } from '../connection/translate.js';
import { FerryError, invalid } from '../errors.js';
import { assertBucketName } from '../objects/names.js';

/** Where a policy request goes, and the endpoint to name in messages. */
export interface PolicyTarget {
  bucket: string;
  /** '' for the whole bucket. */
  prefix: string;
  endpoint?: string;
}

/**
 * A failure of a policy request. A 501 becomes "does not support bucket policies" in plain words: Swift's
 * s3api, Garage and R2 have none, and the generic "does not support reading bucket policy" reads as a fault.
 */
function policyError(error: unknown, t: PolicyTarget): FerryError {
  const fe = translateError(error, { endpoint: t.endpoint, bucket: t.bucket });
  if (fe.code !== 'NotSupported') return fe;
  return FerryError.of('NotSupported', 'policy.unsupported');
}

/** The bucket's policy, or null when it has none (NoSuchBucketPolicy). */
export async function readPolicy(
  client: S3Client,
  t: PolicyTarget,
): Promise<PolicyDocument | null> {
  assertBucketName(t.bucket);
  let text: string | undefined;
  try {
    text = (await client.send(new GetBucketPolicyCommand({ Bucket: t.bucket }))).Policy;
  } catch (error) {
    if ((error as { name?: string }).name === 'NoSuchBucketPolicy') return null;
    throw policyError(error, t);
  }
  if (!text) return null;
  const parsed = parsePolicy(text, t.bucket);
  // A server's own policy may use forms Ferry does not check (a Resource of another partition): read it raw.
  if (parsed.policy) return parsed.policy;
  try {
    const raw = JSON.parse(text) as PolicyDocument;
    return { ...raw, Statement: Array.isArray(raw.Statement) ? raw.Statement : [] };
  } catch {
    throw FerryError.of('UnexpectedResponse', 'policy.unreadable');
  }
}

/** Writes a policy, or deletes it when `policy` is null. */
async function writePolicy(
  client: S3Client,
  t: PolicyTarget,
  policy: PolicyDocument | null,
): Promise<void> {
  try {
    if (policy) {
      await client.send(
        new PutBucketPolicyCommand({ Bucket: t.bucket, Policy: JSON.stringify(policy) }),
      );
    } else await client.send(new DeleteBucketPolicyCommand({ Bucket: t.bucket }));
  } catch (error) {
    throw policyError(error, t);
  }
}

/** What the policy says about the target's prefix, with the policy's text. */
export function describeAccess(policy: PolicyDocument | null, t: PolicyTarget): PublicAccess {
  return {
    bucket: t.bucket,
    prefix: t.prefix,
    ...accessOf(policy, t.bucket, t.prefix),
    policy: policy ? JSON.stringify(policy, null, 2) : null,
  };
}

/** Reads a prefix's public access. */
export async function getAccess(client: S3Client, t: PolicyTarget): Promise<PublicAccess> {
  return describeAccess(await readPolicy(client, t), t);
}

/** Sets a prefix private or public read, keeping every statement that is not Ferry's for that prefix. */
export async function setAccess(
  client: S3Client,
  t: PolicyTarget,
  access: 'private' | 'public-read',
  listing: boolean,
): Promise<PublicAccess> {
  const current = await readPolicy(client, t);
  const next = withAccess(current, t.bucket, t.prefix, access, listing);
  // Nothing to delete on a bucket without a policy: "private" is already true.
  if (next || current) await writePolicy(client, t, next);
  return describeAccess(next, t);
}

/** Replaces the whole policy with a custom one, refused before sending when it is not a bucket policy. */
export async function putPolicy(
  client: S3Client,
  t: PolicyTarget,
  text: string,
): Promise<PublicAccess> {
  assertBucketName(t.bucket);
  const parsed = parsePolicy(text, t.bucket);
  if (parsed.problem) throw invalid(parsed.problem.key, parsed.problem.params);
  await writePolicy(client, t, parsed.policy);
  return getAccess(client, t);
}

/** Deletes the whole bucket policy: every prefix is private again (unless the server has ACLs). */
export async function deletePolicy(client: S3Client, t: PolicyTarget): Promise<PublicAccess> {
  assertBucketName(t.bucket);
  await writePolicy(client, t, null);
  return describeAccess(null, t);
}
