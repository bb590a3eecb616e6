import { createHash, randomBytes } from 'node:crypto';
import { request } from 'node:http';
import { GetObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { translateError } from '../../src-main/engine/connection/translate.js';
import { seededRandom, startFaultProxy, type FaultProxy } from '../support/fault-proxy.js';
import { createTestBucket, gateway } from '../support/s3.js';

let bucket: Awaited<ReturnType<typeof createTestBucket>>;
let proxy: FaultProxy | undefined;
const body = randomBytes(256 * 1024);
const md5 = (data: Buffer) => createHash('md5').update(data).digest('hex');

beforeAll(async () => {
  bucket = await createTestBucket('proxy');
  await clientVia(gateway().endpoint).send(
    new PutObjectCommand({ Bucket: bucket.name, Key: 'blob', Body: body }),
  );
});
afterAll(() => bucket.remove());
afterEach(async () => {
  await proxy?.close();
  proxy = undefined;
});

function clientVia(endpoint: string, maxAttempts = 1): S3Client {
  const g = gateway();
  return new S3Client({
    endpoint,
    region: g.region,
    forcePathStyle: true,
    credentials: { accessKeyId: g.accessKey, secretAccessKey: g.secretKey },
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
    maxAttempts,
  });
}

/**
 * An unsigned GET through the proxy: the gateway answers a small 403 XML body of known length, which is
 * enough to see where a body was cut. Resolves with the bytes received and how the exchange ended.
 */
function rawGet(port: number): Promise<{ bytes: number; status: number; ended: 'end' | 'error' }> {
  return new Promise((resolve) => {
    let bytes = 0;
    let status = 0;
    const done = (ended: 'end' | 'error') => resolve({ bytes, status, ended });
    const req = request({ host: '127.0.0.1', port, path: `/${bucket.name}/blob` }, (res) => {
      status = res.statusCode ?? 0;
      res.on('data', (chunk: Buffer) => (bytes += chunk.length));
      res.on('end', () => done('end'));
      res.on('error', () => done('error'));
      res.on('aborted', () => done('error'));
    });
    req.on('error', () => done('error'));
    req.end();
  });
}

async function sdkGet(client: S3Client): Promise<Buffer> {
  const out = await client.send(new GetObjectCommand({ Bucket: bucket.name, Key: 'blob' }));
  return Buffer.from(await out.Body!.transformToByteArray());
}

describe('the fault-injection proxy', () => {
  it('passes traffic through unchanged and counts the bytes both ways', async () => {
    proxy = await startFaultProxy({ target: gateway().endpoint });
    const client = clientVia(proxy.endpoint);
    const got = await sdkGet(client);
    expect(md5(got)).toBe(md5(body));
    await client.send(new PutObjectCommand({ Bucket: bucket.name, Key: 'copy', Body: body }));
    expect(proxy.stats.bytesDown).toBeGreaterThanOrEqual(body.length);
    expect(proxy.stats.bytesUp).toBe(body.length);
    expect(proxy.stats.passed).toBe(proxy.stats.requests);
  });

  it('picks the same faults for the same seed, and different ones for another seed', async () => {
    const draws = (seed: number) => Array.from({ length: 50 }, seededRandom(seed));
    expect(draws(7)).toEqual(draws(7));
    expect(draws(7)).not.toEqual(draws(8));
    const faults = async (seed: number) => {
      const p = await startFaultProxy({ target: gateway().endpoint, seed, resetRate: 0.5 });
      for (let i = 0; i < 12; i++) await rawGet(p.port);
      await p.close();
      return p.stats.log.map((entry) => entry.fault);
    };
    const first = await faults(3);
    expect(first).toContain('reset');
    expect(first).toContain('pass');
    expect(await faults(3)).toEqual(first);
  });

  it('resets a download halfway through its body', async () => {
    proxy = await startFaultProxy({ target: gateway().endpoint, plan: () => 'reset' });
    const client = clientVia(proxy.endpoint);
    await expect(sdkGet(client)).rejects.toThrow();
    expect(proxy.stats.resets).toBe(1);
    expect(proxy.stats.bytesDown).toBeGreaterThan(0);
    expect(proxy.stats.bytesDown).toBeLessThan(body.length);
  });

  it('resets an upload halfway through its body, and the object is not created', async () => {
    proxy = await startFaultProxy({ target: gateway().endpoint, plan: () => 'reset' });
    const client = clientVia(proxy.endpoint);
    const put = new PutObjectCommand({ Bucket: bucket.name, Key: 'half', Body: body });
    const error: unknown = await client.send(put).catch((e: unknown) => e);
    expect(translateError(error).code).toBe('NetworkError');
    expect(proxy.stats.bytesUp).toBeLessThan(body.length);
    const direct = clientVia(gateway().endpoint);
    await expect(
      direct.send(new GetObjectCommand({ Bucket: bucket.name, Key: 'half' })),
    ).rejects.toMatchObject({ name: 'NoSuchKey' });
  });

  it('stops faulting after maxFaults, so a retrying client always gets through', async () => {
    proxy = await startFaultProxy({ target: gateway().endpoint, resetRate: 1, maxFaults: 2 });
    // The SDK retries a reset upload by itself (a body cut mid-download is the caller's to retry).
    const put = new PutObjectCommand({ Bucket: bucket.name, Key: 'retried', Body: body });
    await clientVia(proxy.endpoint, 3).send(put);
    expect(md5(await sdkGet(clientVia(gateway().endpoint)))).toBe(md5(body));
    expect(proxy.stats.resets).toBe(2);
    expect(proxy.stats.requests).toBe(3);
  });

  it('stalls a response body halfway, then closes it after stallMs', async () => {
    proxy = await startFaultProxy({
      target: gateway().endpoint,
      plan: () => 'stall',
      stallMs: 200,
    });
    const { bytes, ended } = await rawGet(proxy.port);
    // Anonymous GET gets a small 403 body from the gateway; half of it arrives, then silence, then a cut.
    expect(ended).toBe('error');
    expect(proxy.stats.stalls).toBe(1);
    expect(bytes).toBe(proxy.stats.bytesDown);
    expect(bytes).toBeGreaterThan(0);
  });

  it('answers 503 SlowDown in S3 XML, which Ferry reports as SlowDown', async () => {
    proxy = await startFaultProxy({ target: gateway().endpoint, slowDownRate: 1 });
    const error: unknown = await sdkGet(clientVia(proxy.endpoint)).catch((e: unknown) => e);
    expect(error).toMatchObject({ name: 'SlowDown', $metadata: { httpStatusCode: 503 } });
    expect(translateError(error).code).toBe('SlowDown');
    expect(proxy.stats.slowDowns).toBe(1);
  });

  it('adds latency before each request', async () => {
    proxy = await startFaultProxy({ target: gateway().endpoint, latencyMs: 150 });
    const started = performance.now();
    await rawGet(proxy.port);
    expect(performance.now() - started).toBeGreaterThanOrEqual(145);
  });

  it('cuts all traffic until restored, then lets it through again', async () => {
    proxy = await startFaultProxy({ target: gateway().endpoint });
    const client = clientVia(proxy.endpoint);
    await sdkGet(client);
    proxy.cut();
    const error: unknown = await sdkGet(client).catch((e: unknown) => e);
    expect(translateError(error).code).toMatch(/NetworkError|ConnectionRefused/);
    expect(proxy.stats.cutDrops).toBeGreaterThan(0);
    proxy.restore();
    expect(md5(await sdkGet(client))).toBe(md5(body));
  });

  it('restores itself after a timed cut', async () => {
    proxy = await startFaultProxy({ target: gateway().endpoint });
    proxy.cut(300);
    const client = clientVia(proxy.endpoint);
    let attempts = 0;
    let got: Buffer | undefined;
    // Bounded: the cut lasts 300 ms and each refused attempt returns at once.
    while (!got && attempts < 200) {
      attempts++;
      got = await sdkGet(client).catch(async () => {
        await new Promise((resolve) => setTimeout(resolve, 25));
        return undefined;
      });
    }
    expect(got && md5(got)).toBe(md5(body));
    expect(attempts).toBeGreaterThan(1);
  });
});
