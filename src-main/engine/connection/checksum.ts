import { createHash } from 'node:crypto';
import type { S3Client } from '@aws-sdk/client-s3';
import type { BuildMiddleware, MetadataBearer } from '@smithy/types';

/**
 * The operations the S3 model marks `httpChecksum.requestChecksumRequired` (client-s3's commands built
 * with `requestChecksumRequired: true`). test/engine/connection/checksum.test.ts fails when the SDK's
 * model and this list part ways.
 */
export const CHECKSUM_REQUIRED_COMMANDS: ReadonlySet<string> = new Set([
  'CreateBucketMetadataConfigurationCommand',
  'CreateBucketMetadataTableConfigurationCommand',
  'DeleteObjectsCommand',
  'PutBucketAclCommand',
  'PutBucketCorsCommand',
  'PutBucketEncryptionCommand',
  'PutBucketLifecycleConfigurationCommand',
  'PutBucketLoggingCommand',
  'PutBucketOwnershipControlsCommand',
  'PutBucketPolicyCommand',
  'PutBucketReplicationCommand',
  'PutBucketRequestPaymentCommand',
  'PutBucketTaggingCommand',
  'PutBucketVersioningCommand',
  'PutBucketWebsiteCommand',
  'PutObjectAclCommand',
  'PutObjectLegalHoldCommand',
  'PutObjectLockConfigurationCommand',
  'PutObjectRetentionCommand',
  'PutObjectTaggingCommand',
  'PutPublicAccessBlockCommand',
  'UpdateBucketMetadataAnnotationTableConfigurationCommand',
  'UpdateBucketMetadataInventoryTableConfigurationCommand',
  'UpdateBucketMetadataJournalTableConfigurationCommand',
  'UpdateObjectEncryptionCommand',
]);

/** The body's bytes, for the small in-memory bodies (XML, JSON) of checksum-required requests. */
function bodyBytes(body: unknown): Uint8Array | undefined {
  if (body === undefined || body === null) return new Uint8Array(0);
  if (typeof body === 'string') return Buffer.from(body, 'utf8');
  if (body instanceof Uint8Array) return body;
  if (ArrayBuffer.isView(body))
    return new Uint8Array(body.buffer, body.byteOffset, body.byteLength);
  if (body instanceof ArrayBuffer) return new Uint8Array(body);
  return undefined;
}

/**
 * Sends Content-MD5 instead of the SDK's CRC32 on checksum-required requests. Since 2025 the SDK sends
 * `x-amz-checksum-crc32` there; S3 accepts it, but OpenStack Swift and older MinIO answer 400 "Missing
 * required header for this request: Content-MD5". Content-MD5 is the checksum every S3 server accepts.
 * Runs in the build step after the SDK's checksum middleware (priority low) and before signing.
 */
const contentMd5: BuildMiddleware<object, MetadataBearer> = (next, context) => async (args) => {
  const request = args.request as { headers?: Record<string, string>; body?: unknown };
  if (!context.commandName || !CHECKSUM_REQUIRED_COMMANDS.has(context.commandName)) {
    return next(args);
  }
  const headers = request.headers;
  const bytes = bodyBytes(request.body);
  if (!headers || !bytes) return next(args);
  for (const name of Object.keys(headers)) {
    const lower = name.toLowerCase();
    if (lower === 'content-md5') return next(args);
    if (lower.startsWith('x-amz-checksum-') || lower === 'x-amz-sdk-checksum-algorithm') {
      delete headers[name];
    }
  }
  headers['content-md5'] = createHash('md5').update(bytes).digest('base64');
  return next(args);
};

/** Makes a client send Content-MD5 on every checksum-required request (for servers other than AWS). */
export function useContentMd5(client: S3Client): void {
  client.middlewareStack.add(contentMd5, {
    step: 'build',
    priority: 'low',
    name: 'ferryContentMd5',
    tags: ['BODY_CHECKSUM'],
  });
}
