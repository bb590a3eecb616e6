/**
 * `ferry serve`: the renderer and the contract over HTTP + WebSocket, on loopback, behind a token.
 * Commands arrive as `{ id, command, payload }` frames and are answered `{ id, result }`; engine events are
 * pushed as `{ event, payload }`.
 */
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { WebSocket } from 'ws';
import { CONTENT_SECURITY_POLICY, CSP_HEADER_ONLY } from '../../src-shared/csp.js';
import { dispatch, MAX_REQUEST_BYTES } from '../engine/dispatch.js';
import type { Engine } from '../engine/engine.js';
import { FerryError } from '../engine/errors.js';
import {
  allowedHosts,
  checkHostAndOrigin,
  cookieToken,
  sameSecret,
  TOKEN_COOKIE,
} from './guard.js';
import { handleDownload } from './download.js';
import { serveStatic } from './static.js';
import { handleUpload } from './upload.js';

export interface ServeOptions {
  engine: Engine;
  /** Directory of the built renderer (dist/renderer). */
  rendererDir: string;
  host?: string;
  port?: number;
  /** Fixed token for tests; random otherwise. */
  token?: string;
}

export interface RunningServer {
  /** The URL to open: carries the token once; the page then lives on a cookie. */
  url: string;
  port: number;
  token: string;
  close(): Promise<void>;
}

const SECURITY_HEADERS = {
  'content-security-policy': `${CONTENT_SECURITY_POLICY}; ${CSP_HEADER_ONLY}`,
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
};

function refuse(res: ServerResponse, status: number, message: string): void {
  res
    .writeHead(status, { 'content-type': 'text/plain; charset=utf-8', ...SECURITY_HEADERS })
    .end(`${message}\n`);
}

/** Starts the server; resolves once it listens. */
export async function startServer(options: ServeOptions): Promise<RunningServer> {
  const host = options.host ?? '127.0.0.1';
  const token = options.token ?? randomBytes(24).toString('base64url');
  const { engine } = options;
  let hosts = new Set<string>();

  const handleHttp = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const upload = req.url?.startsWith('/api/upload');
    const download = req.url?.startsWith('/api/download');
    const verdict = checkHostAndOrigin(req, hosts, { requireOrigin: Boolean(upload) });
    if (!verdict.ok) return refuse(res, verdict.status, verdict.reason);
    if (upload || download) {
      if (!sameSecret(cookieToken(req), token)) return refuse(res, 401, 'Missing or wrong token.');
      // A download is a plain navigation (no Origin); the browser still says where it came from.
      const site = req.headers['sec-fetch-site'];
      if (download && site !== undefined && site !== 'same-origin' && site !== 'none')
        return refuse(res, 403, "Downloads start from Ferry's own page.");
      for (const [name, value] of Object.entries(SECURITY_HEADERS)) res.setHeader(name, value);
      const url = new URL(req.url ?? '/', 'http://localhost');
      return upload ? handleUpload(engine, req, res, url) : handleDownload(engine, req, res, url);
    }
    if (req.method !== 'GET' && req.method !== 'HEAD')
      return refuse(res, 405, 'Method not allowed.');
    const url = new URL(req.url ?? '/', 'http://localhost');
    const given = url.searchParams.get('token');
    if (given !== null) {
      if (!sameSecret(given, token))
        return refuse(res, 401, 'Wrong token. Open the URL that `ferry serve` printed.');
      // Trade the token in the URL for a cookie, so it leaves the address bar and history.
      url.searchParams.delete('token');
      res.writeHead(303, {
        location: url.pathname + url.search,
        'set-cookie': `${TOKEN_COOKIE}=${encodeURIComponent(token)}; HttpOnly; SameSite=Strict; Path=/`,
        ...SECURITY_HEADERS,
      });
      res.end();
      return;
    }
    if (!sameSecret(cookieToken(req), token)) {
      return refuse(
        res,
        401,
        'This Ferry server needs its token. Open the URL that `ferry serve` printed.',
      );
    }
    for (const [name, value] of Object.entries(SECURITY_HEADERS)) res.setHeader(name, value);
    await serveStatic(options.rendererDir, url.pathname, res);
  };

  // A zip of many selected keys carries them in its URL: allow more than Node's 16 KiB of headers.
  const server: Server = createServer({ maxHeaderSize: 1024 * 1024 }, (req, res) => {
    handleHttp(req, res).catch((error: unknown) => {
      engine.logger.error('serve: request failed', { error: String(error) });
      if (!res.headersSent) refuse(res, 500, 'Internal error.');
      else res.destroy();
    });
  });

  // A large file dropped on the page uploads for longer than Node's 5-minute request limit; this is loopback.
  server.requestTimeout = 0;

  // Loaded here, not at start: every other command of the CLI starts faster without it.
  const { WebSocketServer } = await import('ws');
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_REQUEST_BYTES });
  server.on('upgrade', (req, socket, head) => {
    const verdict = checkHostAndOrigin(req, hosts, { requireOrigin: true });
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    const reason = !verdict.ok
      ? `${verdict.status} ${verdict.reason}`
      : path !== '/ws'
        ? '404 Not found'
        : !sameSecret(cookieToken(req), token)
          ? '401 Missing or wrong token'
          : undefined;
    if (reason) {
      socket.end(`HTTP/1.1 ${reason.split(' ')[0]} Refused\r\nConnection: close\r\n\r\n`);
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => attach(ws, engine));
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) => {
      if (error.code !== 'EADDRINUSE') return reject(error);
      const port = options.port ?? 0;
      reject(FerryError.of('InvalidRequest', 'serve.portInUse', { port, host }));
    });
    server.listen(options.port ?? 0, host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  hosts = allowedHosts(host, port);
  const shownHost = host.includes(':') ? `[${host}]` : host;

  return {
    url: `http://${shownHost}:${port}/?token=${token}`,
    port,
    token,
    close: async () => {
      for (const client of wss.clients) client.terminate();
      wss.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** Wires one browser tab to the engine: commands in, results and events out. */
function attach(ws: WebSocket, engine: Engine): void {
  const handlers = engine.handlers();
  const unsubscribe = engine.events.onAny((event, payload) => {
    if (ws.readyState === ws.OPEN) ws.send(JSON.stringify({ event, payload }));
  });
  ws.on('close', unsubscribe);
  // ws reports protocol faults (a frame over maxPayload, a bad opcode) as 'error'; unheard, it would throw
  // and take the whole server down with one tab.
  ws.on('error', (error) => {
    engine.logger.warn('serve: WebSocket closed after a protocol error', { error: error.message });
    ws.terminate();
  });
  ws.on('message', (data, isBinary) => {
    if (isBinary) return ws.close(1003, 'text frames only');
    let frame: { id?: unknown; command?: unknown; payload?: unknown };
    try {
      frame = JSON.parse(data.toString()) as typeof frame;
    } catch {
      return ws.close(1007, 'invalid JSON');
    }
    if (typeof frame !== 'object' || frame === null || typeof frame.id !== 'number') {
      return ws.close(1008, 'frame must be { id, command, payload }');
    }
    const id = frame.id;
    void dispatch(handlers, frame.command, frame.payload, engine.logger).then((result) => {
      if (ws.readyState === ws.OPEN) ws.send(JSON.stringify({ id, result }));
    });
  });
}
