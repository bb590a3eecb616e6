import {
  DeleteBucketLifecycleCommand,
  GetBucketLifecycleConfigurationCommand,
  PutBucketLifecycleConfigurationCommand,
  type LifecycleRule as SdkRule,
  type S3Client,
} from '@aws-sdk/client-s3';
import type { LifecycleRule } from '../../../src-shared/contract/index.js';
import { assertBucketName } from '../objects/names.js';
import { configError, expecting, s3Code } from './answers.js';
import { describeRule, withRule, withoutRules, type RuleChange } from './lifecycle-rules.js';

/** The server's rules as it sent them (none when the bucket has no configuration). */
async function readRules(client: S3Client, bucket: string): Promise<SdkRule[]> {
  try {
    const out = await client.send(
      expecting(
        new GetBucketLifecycleConfigurationCommand({ Bucket: bucket }),
        'LifecycleConfiguration',
        'lifecycle',
      ),
    );
    return out.Rules ?? [];
  } catch (error) {
    if (s3Code(error) === 'NoSuchLifecycleConfiguration') return [];
    throw error;
  }
}

/**
 * Writes the whole rule list; an empty list deletes the configuration (S3 refuses a PUT without rules).
 * Callers read first: Swift answers a GET ?lifecycle with the listing and would take DELETE ?lifecycle
 * for a DeleteBucket, so nothing is written until the read proved the server has lifecycle rules.
 */
async function writeRules(client: S3Client, bucket: string, rules: SdkRule[]): Promise<void> {
  if (rules.length === 0) await client.send(new DeleteBucketLifecycleCommand({ Bucket: bucket }));
  else
    await client.send(
      new PutBucketLifecycleConfigurationCommand({
        Bucket: bucket,
        LifecycleConfiguration: { Rules: rules },
      }),
    );
}

/** The bucket's lifecycle rules in Ferry's terms. */
export async function getLifecycle(
  client: S3Client,
  bucket: string,
  endpoint: string,
): Promise<LifecycleRule[]> {
  assertBucketName(bucket);
  try {
    return (await readRules(client, bucket)).map(describeRule);
  } catch (error) {
    throw configError(error, 'lifecycle', { endpoint, bucket });
  }
}

/** Adds or changes one rule, keeping every other rule as the server holds it. */
export async function setLifecycleRule(
  client: S3Client,
  bucket: string,
  change: RuleChange,
  endpoint: string,
): Promise<LifecycleRule[]> {
  assertBucketName(bucket);
  try {
    const rules = withRule(await readRules(client, bucket), change, bucket);
    await writeRules(client, bucket, rules);
    return (await readRules(client, bucket)).map(describeRule);
  } catch (error) {
    throw configError(error, 'lifecycle', { endpoint, bucket });
  }
}

/** Removes rule `id`, the rules Ferry edits for `prefix`, or (with neither) every rule. */
export async function removeLifecycleRules(
  client: S3Client,
  bucket: string,
  target: { id?: string; prefix?: string },
  endpoint: string,
): Promise<LifecycleRule[]> {
  assertBucketName(bucket);
  try {
    const rules = withoutRules(await readRules(client, bucket), target, bucket);
    await writeRules(client, bucket, rules);
    return rules.map(describeRule);
  } catch (error) {
    throw configError(error, 'lifecycle', { endpoint, bucket });
  }
}
