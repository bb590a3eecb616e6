/**
 * A fault-injection HTTP proxy on 127.0.0.1, between a client (Ferry's engine, the CLI) and the test
 * gateway. Each request draws its fate from a seeded generator, so a run is repeatable: pass through, be
 * delayed, have its connection reset mid-body, have its response body stall halfway, or be answered
 * 503 SlowDown in S3's XML. `cut()` drops all traffic for a while, as if the server went away.
 *
 * Every fault mode is bounded (`maxFaults`, `stallMs`), so a client that retries always gets through in
 * the end and a test can never loop forever because of the proxy.
 */
import {
  createServer,
  request,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

/** What happens to one request. */
export type Fault = 'pass' | 'reset' | 'stall' | 'slowdown';

/** What the proxy knows about a request when it picks its fault. */
export interface RequestInfo {
  /** 1-based arrival number. */
  n: number;
  method: string;
  /** Path and query, as the client sent them. */
  url: string;
  /** Declared request body length, 0 when there is none. */
  bodyLength: number;
}

export interface FaultOptions {
  /** Upstream base URL, e.g. the gateway's `http://127.0.0.1:PORT`. */
  target: string;
  /** Seed of the generator that picks faults; the same seed gives the same sequence. */
  seed?: number;
  /** Probability that a request's connection is reset halfway through its request or response body. */
  resetRate?: number;
  /** Probability that a response body stops halfway (the socket stays open and silent). */
  stallRate?: number;
  /** Probability that a request is answered 503 SlowDown without reaching the server. */
  slowDownRate?: number;
  /** Added before each request is forwarded. */
  latencyMs?: number;
  /** How long a stalled response stays silent before the proxy gives up on it and closes it. */
  stallMs?: number;
  /** At most this many faults are injected; afterwards everything passes (bounds retry loops). */
  maxFaults?: number;
  /** Overrides the random draw for chosen requests (e.g. "stall the first GET"). */
  plan?: (info: RequestInfo) => Fault | undefined;
}

/** What the proxy has done so far. */
export interface FaultStats {
  requests: number;
  passed: number;
  resets: number;
  stalls: number;
  slowDowns: number;
  /** Connections refused or dropped while traffic was cut. */
  cutDrops: number;
  /** Request body bytes forwarded to the server (uploads, including re-sent ones). */
  bytesUp: number;
  /** Response body bytes forwarded to the client (downloads, including re-fetched ones). */
  bytesDown: number;
  /** Every request's method, path and fault, in arrival order. */
  log: { n: number; method: string; url: string; fault: Fault }[];
}

export interface FaultProxy {
  /** The proxy's base URL: use it as the client's endpoint. */
  endpoint: string;
  port: number;
  stats: FaultStats;
  /** Changes the fault rates for the requests that follow. */
  configure(change: Partial<Omit<FaultOptions, 'target'>>): void;
  /** Drops every open connection and refuses new ones until `restore()` (or for `ms`, when given). */
  cut(ms?: number): void;
  restore(): void;
  close(): Promise<void>;
}

/** mulberry32: a tiny seeded generator; quality is plenty for picking faults. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SLOW_DOWN_XML =
  '<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>SlowDown</Code>' +
  '<Message>Please reduce your request rate.</Message><RequestId>ferry-fault-proxy</RequestId></Error>';

/** Starts the proxy on a random loopback port. */
export async function startFaultProxy(options: FaultOptions): Promise<FaultProxy> {
  const target = new URL(options.target);
  let config: Omit<FaultOptions, 'target'> = { ...options };
  const random = seededRandom(options.seed ?? 1);
  const stats: FaultStats = {
    requests: 0,
    passed: 0,
    resets: 0,
    stalls: 0,
    slowDowns: 0,
    cutDrops: 0,
    bytesUp: 0,
    bytesDown: 0,
    log: [],
  };
  const sockets = new Set<Socket>();
  const timers = new Set<NodeJS.Timeout>();
  let cutActive = false;
  let cutTimer: NodeJS.Timeout | undefined;

  const later = (ms: number, fn: () => void): void => {
    const timer = setTimeout(() => {
      timers.delete(timer);
      fn();
    }, ms);
    timers.add(timer);
  };

  const pick = (info: RequestInfo): Fault => {
    // Draw every time, so a plan override does not shift the sequence for the other requests.
    const draw = random();
    const planned = config.plan?.(info);
    const injected = stats.resets + stats.stalls + stats.slowDowns;
    if (injected >= (config.maxFaults ?? Infinity)) return 'pass';
    if (planned) return planned;
    const reset = config.resetRate ?? 0;
    const stall = config.stallRate ?? 0;
    const slow = config.slowDownRate ?? 0;
    if (draw < reset) return 'reset';
    if (draw < reset + stall) return 'stall';
    if (draw < reset + stall + slow) return 'slowdown';
    return 'pass';
  };

  const handle = (req: IncomingMessage, res: ServerResponse): void => {
    const info: RequestInfo = {
      n: ++stats.requests,
      method: req.method ?? 'GET',
      url: req.url ?? '/',
      bodyLength: Number(req.headers['content-length'] ?? 0) || 0,
    };
    const fault = pick(info);
    stats.log.push({ n: info.n, method: info.method, url: info.url, fault });
    if (fault === 'slowdown') {
      stats.slowDowns++;
      // Read the body first: answering early makes some clients see EPIPE instead of the 503.
      req.resume();
      req.on('end', () => {
        res.writeHead(503, {
          'content-type': 'application/xml',
          'content-length': Buffer.byteLength(SLOW_DOWN_XML),
          'retry-after': '1',
        });
        res.end(SLOW_DOWN_XML);
      });
      return;
    }
    if (fault === 'pass') stats.passed++;
    later(config.latencyMs ?? 0, () => forward(req, res, info, fault));
  };

  const kill = (socket: Socket): void => {
    // A real TCP RST where the platform allows it, as a crashed server or a middlebox would send.
    if (typeof socket.resetAndDestroy === 'function' && !socket.destroyed) socket.resetAndDestroy();
    else socket.destroy();
  };

  const forward = (
    req: IncomingMessage,
    res: ServerResponse,
    info: RequestInfo,
    fault: Fault,
  ): void => {
    if (req.socket.destroyed) return;
    const upstream = request({
      host: target.hostname,
      port: target.port,
      method: req.method,
      path: req.url,
      headers: req.headers,
    });
    upstream.on('error', () => kill(req.socket));
    // Reset during the upload when there is a body to cut; otherwise during the download.
    const resetUp = fault === 'reset' && info.bodyLength > 0;
    let sentUp = 0;
    let dead = false;
    req.on('data', (chunk: Buffer) => {
      if (dead) return;
      if (resetUp && sentUp + chunk.length > info.bodyLength / 2) {
        dead = true;
        stats.resets++;
        upstream.destroy();
        kill(req.socket);
        return;
      }
      sentUp += chunk.length;
      stats.bytesUp += chunk.length;
      if (!upstream.write(chunk)) {
        req.pause();
        upstream.once('drain', () => req.resume());
      }
    });
    req.on('end', () => upstream.end());
    upstream.on('response', (answer) => relay(answer, res, req.socket, fault, resetUp));
  };

  const relay = (
    answer: IncomingMessage,
    res: ServerResponse,
    client: Socket,
    fault: Fault,
    alreadyReset: boolean,
  ): void => {
    res.writeHead(answer.statusCode ?? 502, answer.headers);
    const length = Number(answer.headers['content-length'] ?? 0) || 0;
    const cutDown = !alreadyReset && (fault === 'reset' || fault === 'stall') && length > 1;
    let sent = 0;
    let cut = false;
    answer.on('data', (chunk: Buffer) => {
      if (cut) return;
      if (cutDown && sent + chunk.length > length / 2) {
        cut = true;
        const head = chunk.subarray(0, Math.max(0, Math.floor(length / 2) - sent));
        stats.bytesDown += head.length;
        res.write(head);
        answer.destroy();
        if (fault === 'reset') {
          stats.resets++;
          // Let the half body reach the client before the reset, so the cut is truly mid-body.
          later(20, () => kill(client));
        } else {
          stats.stalls++;
          later(config.stallMs ?? 30_000, () => kill(client));
        }
        return;
      }
      sent += chunk.length;
      stats.bytesDown += chunk.length;
      if (!res.write(chunk)) {
        answer.pause();
        res.once('drain', () => answer.resume());
      }
    });
    answer.on('end', () => {
      if (cut) return;
      // A body too small to cut (a HEAD, an empty answer) passes; count it so the tally stays honest.
      if (fault !== 'pass' && !alreadyReset) stats.passed++;
      res.end();
    });
  };

  const server: Server = createServer(handle);
  server.keepAliveTimeout = 5_000;
  server.on('connection', (socket: Socket) => {
    if (cutActive) {
      stats.cutDrops++;
      kill(socket);
      return;
    }
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => undefined);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;

  const restore = (): void => {
    cutActive = false;
    if (cutTimer) clearTimeout(cutTimer);
    cutTimer = undefined;
  };

  return {
    endpoint: `http://127.0.0.1:${port}`,
    port,
    stats,
    configure(change) {
      config = { ...config, ...change };
    },
    cut(ms) {
      cutActive = true;
      for (const socket of sockets) {
        stats.cutDrops++;
        kill(socket);
      }
      if (ms !== undefined) cutTimer = setTimeout(restore, ms);
    },
    restore,
    async close() {
      restore();
      for (const timer of timers) clearTimeout(timer);
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
