import { createHash, randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { HeadObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createS3Client } from '../../../src-main/engine/connection/client.js';
import type { Engine } from '../../../src-main/engine/engine.js';
import { leanTargetFor } from '../../../src-main/engine/transfer/lean-requests.js';
import { testProfile } from '../../support/engine.js';
import { startFaultProxy } from '../../support/fault-proxy.js';
import { createTestBucket, gateway, gatewayEnv, rawClient } from '../../support/s3.js';
import { MiB, objectMd5, randomFile, tempDir, transferEngine } from '../../support/transfer.js';

/** The whole body of a lean GET's answer. */
async function bodyOf(response: AsyncIterable<Buffer> | null): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of response!) chunks.push(chunk);
  return Buffer.concat(chunks);
}

describe('small files through the lean PUT and GET', () => {
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
    expect(await leanTargetFor(await engine.profiles.client('environment'))).not.toBeNull();
    const g = gateway();
    const virtualHost = new S3Client({
      endpoint: g.endpoint,
      region: g.region,
      credentials: { accessKeyId: g.accessKey, secretAccessKey: g.secretKey },
      requestChecksumCalculation: 'WHEN_REQUIRED',
    });
    expect(await leanTargetFor(virtualHost)).toBeNull();
    virtualHost.destroy();
  });

  it('stores awkward keys byte for byte under exactly that key, with its content type', async () => {
    const lean = (await leanTargetFor(await engine.profiles.client('environment')))!;
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

  it('reads awkward keys byte for byte, whole or a range, only while the ETag holds', async () => {
    const lean = (await leanTargetFor(await engine.profiles.client('environment')))!;
    const signal = new AbortController().signal;
    for (const key of [
      'with space/and+plus.bin',
      "punctuation/!'()*~-_.bin",
      'ünïcødé/日本語.bin',
    ]) {
      const body = randomBytes(3000);
      const etag = createHash('md5').update(body).digest('hex');
      await rawClient().send(new PutObjectCommand({ Bucket: bucket.name, Key: key, Body: body }));
      const whole = { bucket: bucket.name, key, start: 0, length: 0, etag };
      expect((await bodyOf(await lean.get(whole, signal))).equals(body)).toBe(true);
      const range = { ...whole, start: 1000, length: 1500 };
      expect((await bodyOf(await lean.get(range, signal))).equals(body.subarray(1000, 2500))).toBe(
        true,
      );
      // Thrown as the SDK throws a 412, which the S3 port reads as "the object changed".
      await expect(lean.get({ ...whole, etag: '0'.repeat(32) }, signal)).rejects.toMatchObject({
        $metadata: { httpStatusCode: 412 },
      });
    }
  });

  it('leaves a refused GET to the SDK, so the error reads as always', async () => {
    const lean = (await leanTargetFor(await engine.profiles.client('environment')))!;
    const missing = { bucket: bucket.name, key: 'missing.bin', start: 0, length: 0, etag: '' };
    expect(await lean.get(missing, new AbortController().signal)).toBeNull();
    const done = engine.transfers.enqueueDownload({
      profileId: 'environment',
      bucket: bucket.name,
      key: 'missing.bin',
      file: `${dir}/missing.bin`,
      conflict: 'keep-both',
      listed: { size: 10, etag: '0'.repeat(32) },
    }).done;
    await expect(done).rejects.toMatchObject({ code: 'NoSuchKey' });
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
    const lean = (await leanTargetFor(await engine.profiles.client('environment')))!;
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

  it('waits as long as a 503 SlowDown asks before the one PUT more, and gives up after the last try', async () => {
    const puts: number[] = [];
    let slowDown: (n: number) => boolean = (n) => n === 1;
    const proxy = await startFaultProxy({
      target: gateway().endpoint,
      plan: (info) => {
        if (info.method !== 'PUT') return undefined;
        puts.push(Date.now());
        return slowDown(puts.length) ? 'slowdown' : 'pass';
      },
    });
    const slow = await transferEngine({ env: gatewayEnv({ AWS_ENDPOINT_URL: proxy.endpoint }) });
    try {
      const { file, md5 } = randomFile(dir, 'slow.bin', 4321);
      const spec = { profileId: 'environment', bucket: bucket.name, key: 'slow.bin', file };
      expect((await slow.transfers.enqueueUpload(spec).done).etag).toBe(md5);
      expect(puts).toHaveLength(2);
      // The proxy's 503 says Retry-After: 1 (second); the test engine's own backoff is 100 ms at most.
      expect(puts[1]! - puts[0]!).toBeGreaterThanOrEqual(900);
      expect(await objectMd5(bucket.name, 'slow.bin')).toBe(md5);

      puts.length = 0;
      slowDown = () => true;
      await expect(slow.transfers.enqueueUpload(spec).done).rejects.toMatchObject({
        code: 'SlowDown',
      });
      // One PUT per try of the retry policy (3 in the test engine), none sent again at once.
      expect(puts).toHaveLength(3);
    } finally {
      await slow.dispose();
      await proxy.close();
    }
  });

  it('asks for a bucket with a HEAD the gateway answers: 200 when there, 404 when not', async () => {
    const lean = (await leanTargetFor(await engine.profiles.client('environment')))!;
    expect(await lean.headBucket(bucket.name)).toBe(200);
    expect(await lean.headBucket(`${bucket.name}-missing`)).toBe(404);
    // The queue's prepare() says yes only to a 200; anything else goes to the SDK's HeadBucket.
    expect(await engine.transfers.clients.prepare('environment', bucket.name)).toBe(true);
    expect(await engine.transfers.clients.prepare('environment', `${bucket.name}-missing`)).toBe(
      false,
    );
  });

  it("signs its HEAD with the profile's identity: a wrong secret is refused, not taken for a yes", async () => {
    const g = gateway();
    const client = createS3Client(
      testProfile(g.endpoint),
      { accessKeyId: g.accessKey, secretAccessKey: `${g.secretKey}x` },
      { maxAttempts: 1 },
    );
    try {
      expect(await leanTargetFor(client).then((lean) => lean!.headBucket(bucket.name))).toBe(403);
    } finally {
      client.destroy();
    }
  });
});

describe('the lean requests on their own sockets', () => {
  /** A path-style profile on a local server that `answer` plays the part of S3 for. */
  async function local(
    host: string,
    answer: (req: IncomingMessage, res: ServerResponse) => void,
    requestTimeoutMs?: number,
  ) {
    const server: Server = createServer(answer);
    await new Promise<void>((resolve) => server.listen(0, host, resolve));
    const { port } = server.address() as AddressInfo;
    const profile = testProfile(`http://${host.includes(':') ? `[${host}]` : host}:${port}`);
    const client = createS3Client(
      profile,
      { accessKeyId: profile.accessKeyId, secretAccessKey: 'secret' },
      requestTimeoutMs ? { requestTimeoutMs } : {},
    );
    const close = () => {
      client.destroy();
      server.closeAllConnections();
      server.close();
    };
    return { lean: (await leanTargetFor(client))!, close, port };
  }
  const body = Buffer.from('ferry over IPv6');
  const input = {
    bucket: 'b',
    key: 'dir/k.txt',
    contentLength: body.length,
    contentMd5: createHash('md5').update(body).digest('base64'),
  };

  it('reaches an IPv6 endpoint, with the address in brackets in the Host header only', async () => {
    const seen: { host?: string; url?: string; body?: string } = {};
    const { lean, close, port } = await local('::1', (req, res) => {
      let text = '';
      req.on('data', (chunk: Buffer) => (text += chunk.toString()));
      req.on('end', () => {
        Object.assign(seen, { host: req.headers.host, url: req.url, body: text });
        res.writeHead(200, { etag: '"0123456789abcdef0123456789abcdef"' }).end();
      });
    });
    try {
      expect(await lean.put(input, body, new AbortController().signal)).toBe(
        '0123456789abcdef0123456789abcdef',
      );
      expect(seen).toEqual({ host: `[::1]:${port}`, url: '/b/dir/k.txt', body: body.toString() });
    } finally {
      close();
    }
  });

  it('gives up on a server that takes the request and never answers, as a timeout', async () => {
    const { lean, close } = await local('127.0.0.1', () => {}, 300);
    try {
      await expect(lean.put(input, body, new AbortController().signal)).rejects.toMatchObject({
        name: 'TimeoutError',
      });
    } finally {
      close();
    }
  });

  it('gives up on a GET whose body stops halfway, as a timeout, when the body is read', async () => {
    const { lean, close } = await local(
      '127.0.0.1',
      (_req, res) => {
        res.writeHead(200, { 'content-length': '100' });
        res.write(Buffer.alloc(50));
      },
      300,
    );
    try {
      const get = { bucket: 'b', key: 'k', start: 0, length: 0, etag: '' };
      const response = await lean.get(get, new AbortController().signal);
      await expect(bodyOf(response)).rejects.toMatchObject({ name: 'TimeoutError' });
    } finally {
      close();
    }
  });

  it('stops when its signal aborts, with the reason the signal gives', async () => {
    const { lean, close } = await local('127.0.0.1', () => {});
    const controller = new AbortController();
    try {
      const put = lean.put(input, body, controller.signal);
      setTimeout(() => controller.abort(new Error('paused by the user')), 50);
      await expect(put).rejects.toThrow('paused by the user');
    } finally {
      close();
    }
  });
});
