import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

/** What the server answers to every request. */
export interface Answer {
  status: number;
  /** An S3 error code to put in the XML body (none: empty body). */
  code?: string;
  headers?: Record<string, string>;
}

/** A running local server; `close` stops it. */
export interface LocalServer {
  endpoint: string;
  close(): Promise<void>;
}

function s3Xml(code: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${code}</Code><Message>${code} from the test server</Message><RequestId>test</RequestId></Error>`;
}

function listen(server: net.Server, scheme: string): Promise<LocalServer> {
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      resolve({
        endpoint: `${scheme}://127.0.0.1:${port}`,
        close: () =>
          new Promise<void>((done) => {
            (server as http.Server).closeAllConnections?.();
            server.close(() => done());
          }),
      });
    });
  });
}

function handler(answer: Answer): http.RequestListener {
  return (req, res) => {
    req.resume();
    const body = answer.code && req.method !== 'HEAD' ? s3Xml(answer.code) : '';
    res.writeHead(answer.status, { 'content-type': 'application/xml', ...answer.headers });
    res.end(body);
  };
}

/** A real HTTP server answering one S3 error (or redirect) to everything. */
export function errorServer(answer: Answer): Promise<LocalServer> {
  return listen(http.createServer(handler(answer)), 'http');
}

/** A TCP server that accepts connections and never answers: for timeouts. */
export function silentServer(): Promise<LocalServer> {
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.on('error', () => {});
  });
  return listen(server, 'http').then((s) => ({
    ...s,
    close: () => {
      for (const socket of sockets) socket.destroy();
      return s.close();
    },
  }));
}

/** A self-signed certificate for `host`, made with openssl; the PEM files' paths. */
export function selfSignedCert(host: string): { cert: string; key: string } {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'ferry-cert-'));
  const cert = path.join(dir, 'cert.pem');
  const key = path.join(dir, 'key.pem');
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-days',
      '1',
      '-keyout',
      key,
      '-out',
      cert,
      '-subj',
      `/CN=${host}`,
      '-addext',
      `subjectAltName=DNS:${host}`,
    ],
    { stdio: 'ignore' },
  );
  return { cert, key };
}

/** An HTTPS server with the given certificate, answering 200 with an empty bucket list. */
export function tlsServer(pem: { cert: string; key: string }): Promise<LocalServer> {
  const server = https.createServer(
    { cert: readFileSync(pem.cert), key: readFileSync(pem.key) },
    (req, res) => {
      req.resume();
      res.writeHead(200, { 'content-type': 'application/xml' });
      res.end(
        '<?xml version="1.0"?><ListAllMyBucketsResult><Buckets></Buckets></ListAllMyBucketsResult>',
      );
    },
  );
  return listen(server, 'https');
}
