import { randomBytes } from 'node:crypto';
import {
  CreateBucketCommand,
  DeleteBucketCommand,
  DeleteObjectsCommand,
  ListObjectVersionsCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import { inject } from 'vitest';
import type { GatewayInfo } from './global-setup.js';

/** The run's gateway. */
export function gateway(): GatewayInfo {
  return inject('gateway');
}

/** AWS_* variables pointing at the gateway, as a user would export them. */
export function gatewayEnv(overrides: Record<string, string> = {}): Record<string, string> {
  const g = gateway();
  return {
    AWS_ENDPOINT_URL: g.endpoint,
    AWS_ACCESS_KEY_ID: g.accessKey,
    AWS_SECRET_ACCESS_KEY: g.secretKey,
    AWS_REGION: g.region,
    ...overrides,
  };
}

/** A plain SDK client for test setup and independent checks (not Ferry's own code path). */
export function rawClient(): S3Client {
  const g = gateway();
  return new S3Client({
    endpoint: g.endpoint,
    region: g.region,
    forcePathStyle: true,
    credentials: { accessKeyId: g.accessKey, secretAccessKey: g.secretKey },
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
  });
}

/** A bucket name no other test uses. */
export function uniqueBucketName(label: string): string {
  return `t-${label}-${randomBytes(4).toString('hex')}`.toLowerCase().slice(0, 63);
}

/** Creates a fresh bucket; the returned function empties and deletes it. */
export async function createTestBucket(
  label: string,
): Promise<{ name: string; remove(): Promise<void> }> {
  const client = rawClient();
  const name = uniqueBucketName(label);
  await client.send(new CreateBucketCommand({ Bucket: name }));
  return { name, remove: () => removeBucket(client, name) };
}

/** Deletes every object version and the bucket itself. */
export async function removeBucket(client: S3Client, bucket: string): Promise<void> {
  for (;;) {
    const page = await client.send(new ListObjectVersionsCommand({ Bucket: bucket }));
    const objects = [...(page.Versions ?? []), ...(page.DeleteMarkers ?? [])].map((v) => ({
      Key: v.Key!,
      VersionId: v.VersionId,
    }));
    if (objects.length === 0) break;
    await client.send(new DeleteObjectsCommand({ Bucket: bucket, Delete: { Objects: objects } }));
  }
  await client.send(new DeleteBucketCommand({ Bucket: bucket }));
}
