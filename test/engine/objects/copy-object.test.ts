import { createHash, randomBytes } from 'node:crypto';
import {
  GetObjectCommand,
  GetObjectTaggingCommand,
  HeadObjectCommand,
  ListMultipartUploadsCommand,
  PutObjectCommand,
} from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copyInParts, copySource } from '../../../src-main/engine/objects/copy-object.js';
import { translateError } from '../../../src-main/engine/connection/translate.js';
import { createTestBucket, gateway, rawClient } from '../../support/s3.js';

const MiB = 1024 * 1024;
const s3 = rawClient();
let bucket: Awaited<ReturnType<typeof createTestBucket>>;
const data = randomBytes(11 * MiB);
const sha = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
/** Swift's s3api does not do tagging (501). */
const tagging = gateway().kind !== 'swift';

beforeAll(async () => {
  bucket = await createTestBucket('partcopy');
  await s3.send(
    new PutObjectCommand({
      Bucket: bucket.name,
      Key: 'big source #1.bin',
      Body: data,
      ContentType: 'application/x-test',
      CacheControl: 'no-cache',
      Metadata: { origin: 'camera' },
      ...(tagging ? { Tagging: 'trip=S%C3%A3o%20Paulo&n=1' } : {}),
    }),
  );
});
afterAll(() => bucket.remove());

describe('multipart copy (UploadPartCopy, used above 5 GiB)', () => {
  it('copies the bytes exactly and carries the headers, metadata and tags over', async () => {
    const head = await s3.send(
      new HeadObjectCommand({ Bucket: bucket.name, Key: 'big source #1.bin' }),
    );
    await copyInParts(
      s3,
      {
        from: { bucket: bucket.name, key: 'big source #1.bin' },
        to: { bucket: bucket.name, key: 'copies/big copy +1.bin' },
        size: data.length,
        ifMatch: head.ETag,
      },
      5 * MiB,
    );
    const out = await s3.send(
      new GetObjectCommand({ Bucket: bucket.name, Key: 'copies/big copy +1.bin' }),
    );
    expect(sha(await out.Body!.transformToByteArray())).toBe(sha(data));
    expect(out.ContentType).toBe('application/x-test');
    expect(out.CacheControl).toBe('no-cache');
    expect(out.Metadata).toEqual({ origin: 'camera' });
    if (tagging) {
      const tags = await s3.send(
        new GetObjectTaggingCommand({ Bucket: bucket.name, Key: 'copies/big copy +1.bin' }),
      );
      expect(Object.fromEntries((tags.TagSet ?? []).map((t) => [t.Key, t.Value]))).toEqual({
        n: '1',
        trip: 'São Paulo',
      });
    }
  });

  it('aborts the upload when a part fails, leaving no object behind', async () => {
    // The source vanishes after planning: every UploadPartCopy fails.
    const error = await copyInParts(
      s3,
      {
        from: { bucket: bucket.name, key: 'gone meanwhile.bin' },
        to: { bucket: bucket.name, key: 'copies/never.bin' },
        size: data.length,
        replace: { Metadata: {} },
      },
      5 * MiB,
    ).then(
      () => null,
      (e: unknown) => translateError(e, { bucket: bucket.name, key: 'gone meanwhile.bin' }),
    );
    expect(error?.code).toBe('NoSuchKey');
    const uploads = await s3.send(new ListMultipartUploadsCommand({ Bucket: bucket.name }));
    expect(uploads.Uploads ?? []).toEqual([]);
    await expect(
      s3.send(new HeadObjectCommand({ Bucket: bucket.name, Key: 'copies/never.bin' })),
    ).rejects.toThrow();
  });

  it('encodes each key segment in CopySource', () => {
    expect(copySource('b', 'a b/c+d#e?f&g%h.txt')).toBe('b/a%20b/c%2Bd%23e%3Ff%26g%25h.txt');
  });
});
