import { createHash } from 'node:crypto';
import http from 'node:http';
import type net from 'node:net';
import * as s3 from '@aws-sdk/client-s3';
import { DeleteObjectsCommand, PutBucketCorsCommand, S3Client } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHECKSUM_REQUIRED_COMMANDS } from '../../../src-main/engine/connection/checksum.js';
import { createS3Client } from '../../../src-main/engine/connection/client.js';
import { testProfile } from '../../support/engine.js';

interface Seen {
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

/** A local HTTP server that records each request and answers an empty DeleteResult. */
let server: http.Server;
let endpoint: string;
const seen: Seen[] = [];
beforeAll(async () => {
  server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      seen.push({ headers: req.headers, body: Buffer.concat(chunks) });
      res.writeHead(200, { 'content-type': 'application/xml' });
      res.end('<?xml version="1.0" encoding="UTF-8"?><DeleteResult></DeleteResult>');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  endpoint = `http://127.0.0.1:${(server.address() as net.AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const credentials = { accessKeyId: 'AKIATEST', secretAccessKey: 'secret-for-tests' };

describe('checksum-required requests to servers other than AWS', () => {
  it('DeleteObjects carries a correct Content-MD5 and no CRC32 (Swift refuses it without)', async () => {
    const client = createS3Client(testProfile(endpoint), credentials, { maxAttempts: 1 });
    seen.length = 0;
    await client.send(
      new DeleteObjectsCommand({
        Bucket: 'b',
        Delete: { Objects: [{ Key: 'a.txt' }, { Key: 'Zoë/b.txt' }] },
      }),
    );
    client.destroy();
    const { headers, body } = seen[0]!;
    expect(headers['content-md5']).toBe(createHash('md5').update(body).digest('base64'));
    expect(Object.keys(headers).filter((h) => h.startsWith('x-amz-checksum-'))).toEqual([]);
    expect(headers['x-amz-sdk-checksum-algorithm']).toBeUndefined();
    // Content-MD5 is signed like any other header the request carries.
    expect(headers['authorization']).toContain('content-md5');
  });

  it('a bucket-configuration PUT carries it too', async () => {
    const client = createS3Client(testProfile(endpoint), credentials, { maxAttempts: 1 });
    seen.length = 0;
    await client
      .send(
        new PutBucketCorsCommand({
          Bucket: 'b',
          CORSConfiguration: { CORSRules: [{ AllowedMethods: ['GET'], AllowedOrigins: ['*'] }] },
        }),
      )
      .catch(() => {});
    client.destroy();
    const { headers, body } = seen[0]!;
    expect(headers['content-md5']).toBe(createHash('md5').update(body).digest('base64'));
  });

  it('is left to the SDK on AWS, and is done by Ferry everywhere else', () => {
    const aws = createS3Client(testProfile('', { pathStyle: false }), credentials);
    const other = createS3Client(testProfile(endpoint), credentials);
    expect(aws.middlewareStack.identify().join()).not.toContain('ferryContentMd5');
    expect(other.middlewareStack.identify().join()).toContain('ferryContentMd5');
    aws.destroy();
    other.destroy();
  });
});

describe('the list of checksum-required operations', () => {
  it('is the one the SDK model marks requestChecksumRequired', async () => {
    // Under WHEN_REQUIRED, the SDK adds a checksum of its own only where the model requires one.
    const required: string[] = [];
    const client = new S3Client({
      endpoint: 'http://127.0.0.1:9',
      region: 'us-east-1',
      forcePathStyle: true,
      credentials,
      requestChecksumCalculation: 'WHEN_REQUIRED',
      maxAttempts: 1,
      requestHandler: {
        handle: (request: { headers: Record<string, string> }) => {
          if ('x-amz-checksum-crc32' in request.headers) {
            required.push(current);
          }
          return Promise.reject(new Error('recorded'));
        },
      },
    });
    let current = '';
    // A fresh input each time: the SDK writes its chosen ChecksumAlgorithm into the input it is given.
    const input = () => ({
      Bucket: 'b',
      Key: 'k',
      UploadId: 'u',
      PartNumber: 1,
      CopySource: 'b/k',
    });
    const commands = Object.entries(s3).filter(
      ([name, value]) =>
        name.endsWith('Command') &&
        typeof value === 'function' &&
        typeof (value.prototype as { resolveMiddleware?: unknown }).resolveMiddleware ===
          'function',
    ) as [string, new (input: object) => s3.PutObjectCommand][];
    expect(commands.length).toBeGreaterThan(90);
    for (const [name, Command] of commands) {
      current = name;
      await client.send(new Command(input())).catch(() => {});
    }
    client.destroy();
    expect(required.sort()).toEqual([...CHECKSUM_REQUIRED_COMMANDS].sort());
  });
});
