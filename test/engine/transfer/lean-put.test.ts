import { createHash, randomBytes } from 'node:crypto';
import { HeadObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../../../src-main/engine/engine.js';
import { leanPutFor } from '../../../src-main/engine/transfer/lean-put.js';
import { createTestBucket, gateway, rawClient } from '../../support/s3.js';
import { MiB, objectMd5, randomFile, tempDir, transferEngine } from '../../support/transfer.js';

describe('small files through the lean PUT', () => {
  let engine: Engine;
  let bucket: Awaited<ReturnType<typeof createTestBucket>>;
  const dir = tempDir('lean');
  beforeAll(async () => {
    engine = await transferEngine();
    bucket = await createTestBucket('lean');
  });
  afterAll(async () => {
    await engine.dispose();
    await bucket.remove();
  });

  it('is taken for a path-style gateway and not for virtual-host addressing', async () => {
    expect(await leanPutFor(await engine.profiles.client('environment'))).not.toBeNull();
    const g = gateway();
    const virtualHost = new S3Client({
      endpoint: g.endpoint,
      region: g.region,
      credentials: { accessKeyId: g.accessKey, secretAccessKey: g.secretKey },
      requestChecksumCalculation: 'WHEN_REQUIRED',
    });
    expect(await leanPutFor(virtualHost)).toBeNull();
    virtualHost.destroy();
  });

  it('stores awkward keys byte for byte under exactly that key, with its content type', async () => {
    const lean = (await leanPutFor(await engine.profiles.client('environment')))!;
    const keys = [
      'plain.bin',
      'with space/and+plus.bin',
      "punctuation/!'()*~-_.bin",
      'percent%20and%2F/question?hash#.bin',
      'ünïcødé/日本語.bin',
      'deep/a//b/c.bin',
    ];
    for (const key of keys) {
      const body = randomBytes(1000);
      const md5 = createHash('md5').update(body).digest();
      const input = {
        bucket: bucket.name,
        key,
        contentLength: body.length,
        contentMd5: md5.toString('base64'),
        contentType: 'text/x-ferry',
      };
      // Null would mean the server refused it (a wrong signature, say) and the SDK had to send it.
      expect(await lean.put(input, body, new AbortController().signal)).toBe(md5.toString('hex'));
      expect(await objectMd5(bucket.name, key)).toBe(md5.toString('hex'));
      const head = await rawClient().send(new HeadObjectCommand({ Bucket: bucket.name, Key: key }));
      expect(head.ContentType).toBe('text/x-ferry');
    }
  });

  it('is what the queue sends small files with', async () => {
    const { file, md5 } = randomFile(dir, 'queued.bin', 4321);
    const outcome = await engine.transfers.enqueueUpload({
      profileId: 'environment',
      bucket: bucket.name,
      key: 'queued.bin',
      file,
    }).done;
    expect(outcome.etag).toBe(md5);
    expect(await objectMd5(bucket.name, 'queued.bin')).toBe(md5);
  });

  it('leaves a refused PUT to the SDK, so the error reads as always (shared buffers too)', async () => {
    const lean = (await leanPutFor(await engine.profiles.client('environment')))!;
    const body = Buffer.from('refused');
    const input = {
      bucket: `${bucket.name}-missing`,
      key: 'x.bin',
      contentLength: body.length,
      contentMd5: createHash('md5').update(body).digest('base64'),
    };
    expect(await lean.put(input, body, new AbortController().signal)).toBeNull();
    const { file } = randomFile(dir, 'nobucket.bin', 2 * MiB);
    const done = engine.transfers.enqueueUpload({
      profileId: 'environment',
      bucket: `${bucket.name}-missing`,
      key: 'x.bin',
      file,
    }).done;
    await expect(done).rejects.toMatchObject({ code: 'NoSuchBucket' });
  });
});
