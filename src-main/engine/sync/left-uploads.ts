import { AbortMultipartUploadCommand, type S3Client } from '@aws-sdk/client-s3';
import type { Logger } from '../logger.js';
import { openUploads } from '../transfer/orphans.js';

/**
 * Aborts the multipart uploads left open on keys a bucket → bucket sync is about to copy: a copy killed
 * halfway (kill -9, a crash, a lost machine) leaves its upload open, and the server keeps its parts, unseen
 * and billed, until someone aborts it. Called before this run's own copies start, so it never touches them;
 * another writer's upload to the same key would lose to this sync's copy anyway. One LIST per 1,000 open
 * uploads under the prefix. Best effort: a server that cannot list uploads is only logged.
 */
export async function abortLeftUploads(
  client: S3Client,
  bucket: string,
  prefix: string,
  keys: ReadonlySet<string>,
  logger: Logger,
): Promise<void> {
  try {
    for await (const u of openUploads(client, bucket, prefix)) {
      if (!keys.has(u.key)) continue;
      await client.send(
        new AbortMultipartUploadCommand({ Bucket: bucket, Key: u.key, UploadId: u.uploadId }),
      );
    }
  } catch (error) {
    logger.warn('sync: could not clear uploads left open by an earlier run', {
      bucket,
      prefix,
      error: String(error),
    });
  }
}
