/**
 * The checks every request to `ferry serve` passes before it touches the engine: the Host header must name
 * this server on loopback (defeats DNS rebinding), an Origin, when present, must be our own, and the session
 * token must match (as `?token=` once, then as an HttpOnly cookie).
 */
import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

export const TOKEN_COOKIE = 'ferry_token';

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

/** The host:port strings we answer to, for the port we listen on. */
export function allowedHosts(host: string, port: number): Set<string> {
  const names = new Set([host, ...LOOPBACK_HOSTS]);
  return new Set([...names].map((name) => `${name}:${port}`));
}

/** Compares secrets in constant time. */
export function sameSecret(given: string | undefined, expected: string): boolean {
  if (!given) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

export function cookieToken(req: IncomingMessage): string | undefined {
  const header = req.headers.cookie ?? '';
  for (const part of header.split(';')) {
    const [name, ...rest] = part.trim().split('=');
    if (name === TOKEN_COOKIE) return decodeURIComponent(rest.join('='));
  }
  return undefined;
}

export type Verdict = { ok: true } | { ok: false; status: 401 | 403 | 421; reason: string };

/** Host and Origin checks shared by HTTP requests and WebSocket upgrades. */
export function checkHostAndOrigin(
  req: IncomingMessage,
  hosts: Set<string>,
  options: { requireOrigin: boolean },
): Verdict {
  const host = req.headers.host ?? '';
  if (!hosts.has(host)) {
    return { ok: false, status: 421, reason: `Host "${host.slice(0, 100)}" is not this server.` };
  }
  const origin = req.headers.origin;
  if (origin === undefined) {
    return options.requireOrigin
      ? { ok: false, status: 403, reason: 'Missing Origin.' }
      : { ok: true };
  }
  if (!hosts.has(origin.replace(/^http:\/\//, '')) || !origin.startsWith('http://')) {
    return { ok: false, status: 403, reason: `Origin "${origin.slice(0, 100)}" is not allowed.` };
  }
  return { ok: true };
}
