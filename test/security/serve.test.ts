import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Figures } from '../reliability/figures.js';
import { tempConfigDir } from '../support/engine.js';
import { gatewayEnv } from '../support/s3.js';
import { rawRequest, spawnServe, tryUpgrade, type ServeProcess } from './serve-process.js';

const figures = new Figures('security-serve', 'npx vitest run test/security/serve.test.ts');
let serve: ServeProcess;
let own: string;

beforeAll(async () => {
  serve = await spawnServe({ ...gatewayEnv(), FERRY_CONFIG_DIR: tempConfigDir() });
  own = `http://127.0.0.1:${serve.port}`;
});
afterAll(async () => {
  await serve.stop();
  await figures.save();
});

const cookie = () => `ferry_token=${serve.token}`;

/** Requests an attacker could make, each with the status the server must answer. */
function hostileRequests(): {
  label: string;
  path?: string;
  method?: string;
  headers: Record<string, string>;
  status: number;
}[] {
  const port = serve.port;
  const wrongTokens = [
    'wrong',
    serve.token.slice(0, -1),
    `${serve.token}x`,
    serve.token.toUpperCase(),
    '',
  ];
  return [
    { label: 'no token', headers: {}, status: 401 },
    { label: 'no token, asset path', path: '/assets/index.js', headers: {}, status: 401 },
    ...wrongTokens.map((t) => ({
      label: `token ${JSON.stringify(t.slice(0, 8))}… in URL`,
      path: `/?token=${encodeURIComponent(t)}`,
      headers: {},
      status: 401,
    })),
    ...wrongTokens.map((t) => ({
      label: `token ${JSON.stringify(t.slice(0, 8))}… in cookie`,
      headers: { cookie: `ferry_token=${encodeURIComponent(t)}` },
      status: 401,
    })),
    ...[
      'http://evil.example',
      'null',
      `https://127.0.0.1:${port}`,
      `http://127.0.0.1:${port + 1}`,
      `http://127.0.0.1.evil.example:${port}`,
      `http://localhost:${port}.evil.example`,
      `file://`,
    ].map((origin) => ({
      label: `Origin ${origin}`,
      headers: { cookie: cookie(), origin },
      status: 403,
    })),
    ...[
      `evil.example:${port}`,
      `evil.example`,
      `127.0.0.1`,
      `127.0.0.1:${port + 1}`,
      `0.0.0.0:${port}`,
      `192.168.1.10:${port}`,
      `localhost.evil.example:${port}`,
      `127.0.0.1.nip.io:${port}`,
    ].map((host) => ({ label: `Host ${host}`, headers: { cookie: cookie(), host }, status: 421 })),
    ...['POST', 'PUT', 'DELETE', 'PATCH'].map((method) => ({
      label: `${method} with the token`,
      method,
      headers: { cookie: cookie() },
      status: 405,
    })),
  ];
}

describe('ferry serve refuses whoever is not its own page', () => {
  it('answers its own page with the token (the control case)', async () => {
    const res = await rawRequest(serve.port, { headers: { cookie: cookie() } });
    expect(res.status).toBe(200);
  });

  it('refuses requests without the token, with a wrong token, a foreign Origin or Host, or a write method', async () => {
    const cases = hostileRequests();
    for (const { label, path, method, headers, status } of cases) {
      const res = await rawRequest(serve.port, {
        ...(path ? { path } : {}),
        ...(method ? { method } : {}),
        headers,
      });
      expect(res.status, label).toBe(status);
      expect(res.body, label).not.toContain(serve.token);
      expect(res.body, label).not.toContain('<div id="app">');
    }
    figures.add({
      test: 'ferry serve refuses foreign HTTP requests',
      injected:
        'no/wrong token (URL, cookie), foreign Origin, non-loopback or wrong-port Host, write methods',
      times: cases.length,
      held: `${cases.length}/${cases.length} refused (401/403/421/405), no page or token in any answer`,
    });
  });

  it('refuses WebSocket upgrades from a foreign Origin, without Origin, or without the token', async () => {
    const port = serve.port;
    const cases: [string, Record<string, string>, string?][] = [
      ['foreign Origin', { cookie: cookie(), origin: 'http://evil.example' }],
      ['Origin null', { cookie: cookie(), origin: 'null' }],
      ['https Origin', { cookie: cookie(), origin: `https://127.0.0.1:${port}` }],
      ['other port Origin', { cookie: cookie(), origin: `http://127.0.0.1:${port + 1}` }],
      ['no Origin', { cookie: cookie() }],
      ['no cookie', { origin: own }],
      ['wrong cookie', { origin: own, cookie: 'ferry_token=nope' }],
      ['token in the query only', { origin: own }, `/ws?token=${serve.token}`],
      ['foreign Host', { origin: own, cookie: cookie(), host: `evil.example:${port}` }],
      ['other path', { origin: own, cookie: cookie() }, '/socket'],
    ];
    for (const [label, headers, path] of cases) {
      expect(await tryUpgrade(port, headers, path), label).not.toBe('open');
    }
    expect(await tryUpgrade(port, { origin: own, cookie: cookie() })).toBe('open');
    figures.add({
      test: 'ferry serve refuses foreign WebSocket upgrades',
      injected:
        'foreign/null/https/other-port Origin, no Origin, no or wrong token, foreign Host, wrong path',
      times: cases.length,
      held: `${cases.length}/${cases.length} refused; the own page's upgrade still opens`,
    });
  });

  it('sets the token cookie HttpOnly and SameSite=Strict, and takes the token out of the URL', async () => {
    const res = await rawRequest(serve.port, { path: `/?token=${serve.token}` });
    expect(res.status).toBe(303);
    expect(String(res.headers['location'])).not.toContain(serve.token);
    expect(String(res.headers['set-cookie'])).toMatch(/HttpOnly/);
    expect(String(res.headers['set-cookie'])).toMatch(/SameSite=Strict/);
  });

  // Was a defect: attach() registered no 'error' listener, so a frame over maxPayload killed the process.
  it('stays up after an authenticated page sends a frame over the size limit', async () => {
    const ws = new WebSocket(`ws://127.0.0.1:${serve.port}/ws`, {
      headers: { origin: own, cookie: cookie() },
    });
    ws.on('error', () => undefined);
    await new Promise((resolve) => ws.once('open', resolve));
    const closed = new Promise((resolve) => ws.once('close', resolve));
    ws.send(
      JSON.stringify({ id: 1, command: 'app.info', payload: { pad: 'a'.repeat(2 * 1024 * 1024) } }),
    );
    await closed;
    const res = await rawRequest(serve.port, { headers: { cookie: cookie() } }).catch(() => ({
      status: 0,
    }));
    figures.add({
      test: 'ferry serve survives an oversized WebSocket frame',
      injected: 'one authenticated 2 MiB frame (limit 1 MiB)',
      times: 1,
      held:
        res.status === 200
          ? 'socket closed, server still serving'
          : 'DEFECT: the ferry serve process died',
    });
    expect(res.status).toBe(200);
  });
});
