import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { startTestServer } from '../support/serve.js';

type Server = Awaited<ReturnType<typeof startTestServer>>;
let server: Server;
let base: string;

beforeAll(async () => {
  server = await startTestServer();
  base = `http://127.0.0.1:${server.port}`;
});
afterAll(() => server.close());

/** A raw HTTP GET with full control over headers (fetch forbids setting Host and Origin). */
function get(path: string, headers: Record<string, string> = {}) {
  return new Promise<{
    status: number;
    headers: Record<string, string | string[] | undefined>;
    body: string;
  }>((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port: server.port,
        path,
        headers: { host: `127.0.0.1:${server.port}`, ...headers },
      },
      (res) => {
        let body = '';
        res.on('data', (chunk: Buffer) => (body += chunk.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      },
    );
    req.on('error', reject);
    req.end();
  });
}

const cookie = () => `ferry_token=${server.token}`;

function openSocket(headers: Record<string, string>): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`ws://127.0.0.1:${server.port}/ws`, { headers });
    ws.once('open', () => resolve(ws));
    ws.once('error', reject);
    ws.once('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
  });
}

describe('ferry serve', () => {
  it('listens on loopback and prints a URL with a long random token', () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=[A-Za-z0-9_-]{32}$/);
  });

  it('trades the token in the URL for an HttpOnly, SameSite=Strict cookie', async () => {
    const res = await get(`/?token=${server.token}`);
    expect(res.status).toBe(303);
    expect(res.headers['location']).toBe('/');
    expect(String(res.headers['set-cookie'])).toMatch(/ferry_token=.+; HttpOnly; SameSite=Strict/);
  });

  it('refuses requests without the token', async () => {
    expect((await get('/')).status).toBe(401);
    expect((await get('/index.html')).status).toBe(401);
  });

  it('refuses a wrong token, in the URL or the cookie', async () => {
    expect((await get('/?token=wrong')).status).toBe(401);
    expect((await get('/', { cookie: 'ferry_token=wrong' })).status).toBe(401);
  });

  it('serves the renderer with the CSP once authenticated', async () => {
    const res = await get('/', { cookie: cookie() });
    expect(res.status).toBe(200);
    expect(res.body).toContain('<div id="app">');
    expect(res.headers['content-security-policy']).toContain("script-src 'self'");
    expect(res.headers['x-frame-options']).toBe('DENY');
  });

  it('refuses a foreign Host header (DNS rebinding)', async () => {
    const res = await get('/', { cookie: cookie(), host: `evil.example:${server.port}` });
    expect(res.status).toBe(421);
  });

  it('refuses a foreign Origin', async () => {
    const res = await get('/', { cookie: cookie(), origin: 'http://evil.example' });
    expect(res.status).toBe(403);
  });

  it('does not serve files outside the renderer', async () => {
    const res = await get('/..%2f..%2fpackage.json', { cookie: cookie() });
    expect(res.body).not.toContain('"name": "ferry"');
  });

  it('refuses WebSocket upgrades from a foreign Origin, without Origin, or without the token', async () => {
    const own = `http://127.0.0.1:${server.port}`;
    await expect(openSocket({ cookie: cookie(), origin: 'http://evil.example' })).rejects.toThrow(
      /403/,
    );
    await expect(openSocket({ cookie: cookie() })).rejects.toThrow(/403/);
    await expect(openSocket({ origin: own })).rejects.toThrow(/401/);
    await expect(openSocket({ origin: own, cookie: 'ferry_token=nope' })).rejects.toThrow(/401/);
  });

  it('answers contract commands over the WebSocket', async () => {
    const ws = await openSocket({ cookie: cookie(), origin: base });
    const reply = new Promise<unknown>((resolve) =>
      ws.once('message', (data) => resolve(JSON.parse(String(data)))),
    );
    ws.send(JSON.stringify({ id: 7, command: 'app.info', payload: {} }));
    expect(await reply).toMatchObject({ id: 7, result: { ok: true, value: { face: 'serve' } } });
    ws.close();
  });

  it('answers bad payloads with an error envelope and stays up', async () => {
    const ws = await openSocket({ cookie: cookie(), origin: base });
    const replies: unknown[] = [];
    const done = new Promise<void>((resolve) =>
      ws.on('message', (data) => {
        replies.push(JSON.parse(String(data)));
        if (replies.length === 2) resolve();
      }),
    );
    ws.send(JSON.stringify({ id: 1, command: 'buckets.list', payload: { profileId: ['x'] } }));
    ws.send(JSON.stringify({ id: 2, command: 'no.such', payload: {} }));
    await done;
    expect(replies).toEqual([
      {
        id: 1,
        result: expect.objectContaining({
          ok: false,
          error: expect.objectContaining({ code: 'InvalidRequest' }),
        }),
      },
      {
        id: 2,
        result: expect.objectContaining({
          ok: false,
          error: expect.objectContaining({ code: 'UnknownCommand' }),
        }),
      },
    ]);
    ws.close();
    expect((await get('/', { cookie: cookie() })).status).toBe(200);
  });

  it('pushes engine events to connected pages', async () => {
    const ws = await openSocket({ cookie: cookie(), origin: base });
    const event = new Promise<unknown>((resolve) =>
      ws.once('message', (data) => resolve(JSON.parse(String(data)))),
    );
    server.engine.events.emit('profiles.changed', { profiles: [] });
    expect(await event).toEqual({ event: 'profiles.changed', payload: { profiles: [] } });
    ws.close();
  });
});
