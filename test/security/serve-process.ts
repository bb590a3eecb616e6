/**
 * Runs the built `bin/ferry serve` as its own process, as a user would, so an attack that crashes the
 * server shows up as a dead process rather than as an error inside the test runner.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { request } from 'node:http';
import { fileURLToPath } from 'node:url';
import WebSocket from 'ws';

export const ferryBin = fileURLToPath(new URL('../../bin/ferry', import.meta.url));

export interface ServeProcess {
  child: ChildProcess;
  port: number;
  token: string;
  /** Everything the process wrote to stderr so far. */
  stderr(): string;
  /** Resolves with the exit code once the process has ended (immediately if it already has). */
  exited(): Promise<number | null>;
  stop(): Promise<void>;
}

/** Starts `ferry serve` with the given environment and waits for the URL it prints. */
export async function spawnServe(env: Record<string, string>): Promise<ServeProcess> {
  const child = spawn(process.execPath, [ferryBin, 'serve'], {
    env: { PATH: process.env['PATH'] ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stderr!.on('data', (chunk: Buffer) => (err += chunk.toString()));
  const exit = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const url = await new Promise<URL>((resolve, reject) => {
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = /(http:\/\/\S+)/.exec(out);
      if (match) resolve(new URL(match[1]!));
    });
    void exit.then((code) => reject(new Error(`ferry serve exited (${code}): ${err}`)));
  });
  return {
    child,
    port: Number(url.port),
    token: url.searchParams.get('token') ?? '',
    stderr: () => err,
    exited: () => exit,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await exit;
    },
  };
}

/** A raw HTTP request with full control over Host, Origin and method (fetch forbids them). */
export function rawRequest(
  port: number,
  options: { path?: string; method?: string; headers?: Record<string, string> },
): Promise<{ status: number; headers: Record<string, unknown>; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port,
        path: options.path ?? '/',
        method: options.method ?? 'GET',
        headers: { host: `127.0.0.1:${port}`, ...options.headers },
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

/** Tries a WebSocket upgrade; resolves 'open' or the refusal's HTTP status. */
export function tryUpgrade(
  port: number,
  headers: Record<string, string>,
  path = '/ws',
): Promise<'open' | number> {
  return new Promise((resolve) => {
    const ws = new WebSocket(`ws://127.0.0.1:${port}${path}`, { headers });
    ws.once('open', () => {
      ws.close();
      resolve('open');
    });
    ws.once('unexpected-response', (_req, res) => {
      resolve(res.statusCode ?? 0);
      ws.terminate();
    });
    ws.once('error', () => resolve(0));
  });
}

/** A WebSocket frame from `ferry serve`: a reply (`id`) or a pushed event. */
export type Frame = {
  id?: number;
  result?: { ok: boolean; value?: unknown; error?: { message: string } };
  event?: string;
  payload?: unknown;
};
/** The fields of a transfer the suites look at. */
export type WireTransfer = {
  id: string;
  state: string;
  bytesDone: number;
  bytesTotal: number | null;
  error: { message: string } | null;
  resumed: boolean;
};

/** Connects to a spawned `ferry serve` as its own page would: commands by id, events to listeners. */
export async function connectServe(serve: ServeProcess) {
  const ws = new WebSocket(`ws://127.0.0.1:${serve.port}/ws`, {
    headers: { origin: `http://127.0.0.1:${serve.port}`, cookie: `ferry_token=${serve.token}` },
  });
  ws.on('error', () => undefined);
  await new Promise((resolve, reject) => ws.once('open', resolve).once('close', reject));
  let next = 0;
  const replies = new Map<number, (frame: Frame) => void>();
  const listeners = new Set<(frame: Frame) => void>();
  ws.on('message', (data) => {
    const frame = JSON.parse(String(data)) as Frame;
    if (frame.id !== undefined) replies.get(frame.id)?.(frame);
    else for (const listen of listeners) listen(frame);
  });
  return {
    ws,
    onEvent: (listen: (frame: Frame) => void) => listeners.add(listen),
    call: (command: string, payload: unknown) =>
      new Promise<Frame['result']>((resolve) => {
        const id = ++next;
        replies.set(id, (frame) => resolve(frame.result));
        ws.send(JSON.stringify({ id, command, payload }));
      }),
  };
}
