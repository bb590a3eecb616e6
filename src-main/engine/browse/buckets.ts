import { ListBucketsCommand, type S3Client } from '@aws-sdk/client-s3';
import type { Bucket } from '../../../src-shared/contract/index.js';
import { translateError } from '../connection/translate.js';

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
