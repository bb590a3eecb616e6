import { request } from 'node:http';
import { HeadObjectCommand } from '@aws-sdk/client-s3';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer } from '../support/serve.js';
import { startFaultProxy } from '../support/fault-proxy.js';
import { createTestBucket, gateway, gatewayEnv, rawClient } from '../support/s3.js';
import { MiB, objectMd5, waitFor } from '../support/transfer.js';
import { existsSync, readdirSync } from 'node:fs';
import { createHash, randomBytes } from 'node:crypto';

type Server = Awaited<ReturnType<typeof startTestServer>>;

describe('ferry serve: streaming upload endpoint', () => {
  let server: Server;
  let bucket: Awaited<ReturnType<typeof createTestBucket>>;
  let origin: string;
  beforeAll(async () => {
    server = await startTestServer(gatewayEnv());
    await server.engine.settings.update({ partSize: 5 * MiB });
    bucket = await createTestBucket('serve-up');
    origin = `http://127.0.0.1:${server.port}`;
  });
  afterAll(async () => {
    await server.close();
    await bucket.remove();
  });

  /** A raw PUT (fetch cannot set Host and Origin); `chunked` sends no Content-Length. */
  function put(
    key: string,
    body: Buffer,
    headers: Record<string, string>,
    options: { chunked?: boolean; method?: string; via?: Server } = {},
  ) {
    const { port } = options.via ?? server;
    const query = new URLSearchParams({ profileId: 'environment', bucket: bucket.name, key });
    return new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = request(
        {
          host: '127.0.0.1',
          port,
          method: options.method ?? 'PUT',
          path: `/api/upload?${query}`,
          headers: {
            host: `127.0.0.1:${port}`,
            ...(options.chunked ? {} : { 'content-length': String(body.length) }),
            ...headers,
          },
        },
        (res) => {
          let text = '';
          res.on('data', (c: Buffer) => (text += c.toString()));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
        },
      );
      req.on('error', reject);
      if (options.chunked) Readable.from([body.subarray(0, 1000), body.subarray(1000)]).pipe(req);
      else req.end(body);
    });
  }

  const allowed = () => ({ origin, cookie: `ferry_token=${server.token}` });

  const spoolFiles = () => {
    const dir = server.engine.transfers.spool.dir;
    return existsSync(dir) ? readdirSync(dir) : [];
  };

  it('queues a dropped file as an upload, stores it, and deletes its spool copy', async () => {
    const data = randomBytes(300_000);
    const res = await put('dropped/a.bin', data, { ...allowed(), 'content-type': 'image/png' });
    expect(res.status).toBe(202);
    const { id, size } = JSON.parse(res.body) as { id: string; size: number };
    expect(size).toBe(data.length);
    const done = await waitFor(server.engine, id);
    expect(done.state).toBe('done');
    expect(done.source).toBe('a.bin');
    expect(await objectMd5(bucket.name, 'dropped/a.bin')).toBe(
      createHash('md5').update(data).digest('hex'),
    );
    await new Promise((r) => setTimeout(r, 100));
    expect(spoolFiles()).toEqual([]);
  });

  it('streams a body of unknown length (chunked) in several parts', async () => {
    const data = randomBytes(12 * MiB + 5);
    const res = await put('dropped/big.bin', data, allowed(), { chunked: true });
    expect(res.status).toBe(202);
    const { id, size } = JSON.parse(res.body) as { id: string; size: number };
    expect(size).toBe(data.length);
    expect((await waitFor(server.engine, id)).etag).toMatch(/-\d+$/);
    expect(await objectMd5(bucket.name, 'dropped/big.bin')).toBe(
      createHash('md5').update(data).digest('hex'),
    );
  });

  it('rides out a part that fails on the way, as every queued upload does', async () => {
    let resets = 0;
    const proxy = await startFaultProxy({
      target: gateway().endpoint,
      plan: (info) =>
        info.method === 'PUT' && info.url.includes('partNumber=2') && resets++ === 0
          ? 'reset'
          : undefined,
    });
    const flaky = await startTestServer(gatewayEnv({ AWS_ENDPOINT_URL: proxy.endpoint }));
    try {
      await flaky.engine.settings.update({ partSize: 5 * MiB });
      const data = randomBytes(11 * MiB);
      const res = await put(
        'dropped/flaky.bin',
        data,
        { origin: `http://127.0.0.1:${flaky.port}`, cookie: `ferry_token=${flaky.token}` },
        { via: flaky },
      );
      expect(res.status).toBe(202);
      const { id } = JSON.parse(res.body) as { id: string };
      expect((await waitFor(flaky.engine, id)).state).toBe('done');
      const part2 = proxy.stats.log.filter(
        (r) => r.method === 'PUT' && r.url.includes('partNumber=2'),
      );
      expect(part2.map((r) => r.fault)).toEqual(['reset', 'pass']);
      expect(await objectMd5(bucket.name, 'dropped/flaky.bin')).toBe(
        createHash('md5').update(data).digest('hex'),
      );
    } finally {
      await flaky.close();
      await proxy.close();
    }
  });

  it('keeps the browser’s type when it names one, and guesses from the name otherwise', async () => {
    const body = Buffer.from('<p>dropped</p>');
    const type = async (key: string) =>
      (await rawClient().send(new HeadObjectCommand({ Bucket: bucket.name, Key: key })))
        .ContentType;
    const sent = [
      ['typed/page.html', { 'content-type': 'text/x-custom' }, 'text/x-custom'],
      ['typed/generic.html', { 'content-type': 'application/octet-stream' }, 'text/html'],
      ['typed/none.jpg', {}, 'image/jpeg'],
      ['typed/unknown.unknownext', {}, 'application/octet-stream'],
    ] as const;
    for (const [key, headers] of sent) {
      const res = await put(key, body, { ...allowed(), ...headers });
      expect(res.status).toBe(202);
      const { id } = JSON.parse(res.body) as { id: string };
      expect((await waitFor(server.engine, id)).state).toBe('done');
    }
    for (const [key, , expected] of sent) expect(await type(key)).toBe(expected);
  });

  it('refuses uploads without the token, from another origin, or without an origin', async () => {
    const body = Buffer.from('x');
    expect((await put('no-token', body, { origin })).status).toBe(401);
    expect(
      (await put('evil', body, { origin: 'http://evil.example', cookie: allowed().cookie })).status,
    ).toBe(403);
    expect((await put('no-origin', body, { cookie: allowed().cookie })).status).toBe(403);
    expect((await put('wrong-host', body, { ...allowed(), host: 'evil.example' })).status).toBe(
      421,
    );
  });

  it('answers a clear error for a bad request', async () => {
    const res = await put('x', Buffer.from('x'), allowed(), { method: 'POST' });
    expect(res.status).toBe(400);
    expect(JSON.parse(res.body)).toMatchObject({ error: { code: 'InvalidRequest' } });
  });
});
