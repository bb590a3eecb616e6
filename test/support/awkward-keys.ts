/**
 * Keys that are valid S3 keys but no plain file names: a bucket → bucket sync or migration must copy them
 * byte for byte (only a sync into a folder refuses them).
 */
import { GetObjectCommand, ListObjectsV2Command, PutObjectCommand } from '@aws-sdk/client-s3';
import type { S3Client } from '@aws-sdk/client-s3';
import { expect } from 'vitest';

/** Suffixes under a prefix, each with its content (`''` is the prefix's own zero-byte folder marker). */
export const AWKWARD: readonly (readonly [suffix: string, body: string])[] = [
  ['', ''],
  ['a/../b.txt', 'parent segment'],
  ['../escape.txt', 'leading parent segment'],
  ['./dot.txt', 'dot segment'],
  ['/dbl.txt', 'empty segment'],
  ['trail/', 'abc'],
  ['folder/', ''],
  ['ünï/çødé ✓.txt', 'unicode'],
  ['back\\slash.txt', 'backslash'],
  ['notes.tmp', 'a default exclude of folder syncs'],
];

/** Every key of a bucket under a prefix with its content (URL-encoded listing: any key survives it). */
export async function contentsOf(
  client: S3Client,
  bucket: string,
  prefix: string,
): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  let token: string | undefined;
  do {
    const page = await client.send(
      new ListObjectsV2Command({
        Bucket: bucket,
        Prefix: prefix,
        ContinuationToken: token,
        EncodingType: 'url',
      }),
    );
    for (const o of page.Contents ?? []) {
      const key = decodeURIComponent(o.Key!.replace(/\+/g, '%20'));
      const got = await client.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
      out.set(key, await got.Body!.transformToString());
    }
    token = page.IsTruncated ? page.NextContinuationToken : undefined;
  } while (token);
  return out;
}

/** Puts every awkward key under `prefix`; answers what the server stored, as listed, with content. */
export async function seedAwkward(
  client: S3Client,
  bucket: string,
  prefix: string,
): Promise<Map<string, string>> {
  for (const [suffix, body] of AWKWARD) {
    await client.send(
      new PutObjectCommand({ Bucket: bucket, Key: `${prefix}${suffix}`, Body: body }),
    );
  }
  const stored = await contentsOf(client, bucket, prefix);
  // Both servers keep every one of these keys as sent: none is refused, normalised or merged.
  expect([...stored].sort()).toEqual(AWKWARD.map(([s, b]) => [`${prefix}${s}`, b]).sort());
  return stored;
}

/** Checks that `target` under `to` holds exactly the objects of `source` under `from`, same key suffix, same bytes. */
export async function expectKeyExactCopy(
  source: Map<string, string>,
  from: string,
  target: { client: S3Client; bucket: string; prefix: string },
): Promise<void> {
  const copied = await contentsOf(target.client, target.bucket, target.prefix);
  const expected = [...source].map(([key, body]) => [
    `${target.prefix}${key.slice(from.length)}`,
    body,
  ]);
  expect([...copied].sort()).toEqual(expected.sort());
}
