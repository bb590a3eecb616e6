import {
  GetObjectTaggingCommand,
  PutObjectTaggingCommand,
  type S3Client,
} from '@aws-sdk/client-s3';

/**
 * Object tags across a copy the server does not make itself (a multipart copy, a copy streamed between two
 * connections), "where both sides have them": a source that does not do tagging (Swift's s3api answers
 * 501) has none to give, and a target that does not is sent the object without them.
 */

/** Whether a server refused a request because it does not implement a feature (here: tagging). */
export function notImplemented(error: unknown): boolean {
  const e = error as { name?: string; $metadata?: { httpStatusCode?: number } };
  return e?.name === 'NotImplemented' || e?.$metadata?.httpStatusCode === 501;
}

/**
 * The source's tags as the `Tagging` header of a PUT or CreateMultipartUpload takes them (URL-encoded
 * `k=v&…`), or undefined when it has none or its server does not do tagging.
 */
export async function sourceTagging(
  client: S3Client,
  from: { bucket: string; key: string; versionId?: string | undefined },
  signal?: AbortSignal,
): Promise<string | undefined> {
  try {
    const out = await client.send(
      new GetObjectTaggingCommand({
        Bucket: from.bucket,
        Key: from.key,
        VersionId: from.versionId,
      }),
      signal ? { abortSignal: signal } : {},
    );
    const set = out.TagSet ?? [];
    if (set.length === 0) return undefined;
    const enc = encodeURIComponent;
    return set.map((t) => `${enc(t.Key ?? '')}=${enc(t.Value ?? '')}`).join('&');
  } catch (error) {
    if (notImplemented(error)) return undefined;
    throw error;
  }
}

/**
 * Sends the request that creates the object with its tags, and once more without them if the target does
 * not do tagging. `make` builds the request with or without the `Tagging` header.
 */
export async function withTagging<T>(
  tagging: string | undefined,
  make: (tagging: { Tagging?: string }) => Promise<T>,
): Promise<T> {
  if (tagging === undefined) return make({});
  try {
    return await make({ Tagging: tagging });
  } catch (error) {
    if (!notImplemented(error)) throw error;
    return make({});
  }
}

/**
 * Tags a finished multipart upload: Ceph RGW 16 takes no `Tagging` on CreateMultipartUpload (the object
 * ends up untagged), so the tags are put on the completed object instead. A target that does not do
 * tagging is left as it is.
 */
export async function tagCompleted(
  client: S3Client,
  to: { bucket: string; key: string },
  tagging: string | undefined,
  signal?: AbortSignal,
): Promise<void> {
  if (tagging === undefined) return;
  const TagSet = [...new URLSearchParams(tagging)].map(([Key, Value]) => ({ Key, Value }));
  try {
    await client.send(
      new PutObjectTaggingCommand({ Bucket: to.bucket, Key: to.key, Tagging: { TagSet } }),
      signal ? { abortSignal: signal } : {},
    );
  } catch (error) {
    if (!notImplemented(error)) throw error;
  }
}
