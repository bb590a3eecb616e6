import { createHash, randomBytes } from 'node:crypto';
import {
  CreateBucketCommand,
  DeleteBucketCommand,
  DeleteObjectsCommand,
  ListObjectVersionsCommand,
  ListObjectsV2Command,
  S3Client,
} from '@aws-sdk/client-s3';
import { inject } from 'vitest';
import type { GatewayInfo } from './global-setup.js';

/** The S3 server this test file runs against (its vitest project's: Ceph RGW or Swift + s3api). */
export function gateway(): GatewayInfo {
  return inject('gateway');
}

/**
 * A Swift user (scripts/swift.sh) with no rights on the test user's buckets: Swift has no bucket policies,
 * so a request of this user is how tests meet an AccessDenied there.
 */
export const SWIFT_NO_RIGHTS_USER = {
  accessKey: 'test:reader',
  secretKey: 'ferry-swift-reader-secret',
};

/** Which server this test file runs against: for the few assertions where servers honestly differ. */
export function serverKind(): GatewayInfo['kind'] {
  return gateway().kind;
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

/** A plain SDK client for test setup and independent checks (not Ferry's own code path); the peer's if given. */
export function rawClient(g: GatewayInfo = gateway()): S3Client {
  const client = new S3Client({
    endpoint: g.endpoint,
    region: g.region,
    forcePathStyle: true,
    credentials: { accessKeyId: g.accessKey, secretAccessKey: g.secretKey },
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
  });
  // Swift (like older MinIO) refuses DeleteObjects without Content-MD5, and the SDK sends only a CRC32
  // since 2025: the test client adds it itself, before signing, so test cleanup works on every server.
  client.middlewareStack.add(
    (next, context) => async (args) => {
      const request = args.request as { headers?: Record<string, string>; body?: unknown };
      const body = request.body;
      if (
        context.commandName === 'DeleteObjectsCommand' &&
        request.headers &&
        (typeof body === 'string' || body instanceof Uint8Array)
      ) {
        request.headers['content-md5'] = createHash('md5').update(body).digest('base64');
      }
      return next(args);
    },
    { step: 'build', name: 'ferryTestContentMd5', priority: 'low' },
  );
  return client;
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

/** The keys of a bucket under a prefix, sorted (one LIST page: for the few keys a test makes). */
export async function keysOf(client: S3Client, bucket: string, prefix = ''): Promise<string[]> {
  const page = await client.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix }));
  return (page.Contents ?? []).map((o) => o.Key!).sort();
}
