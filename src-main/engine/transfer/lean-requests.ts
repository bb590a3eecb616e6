/**
 * Lean requests for small transfers: a PutObject of a small file, a GetObject of an object or a range, and
 * the HeadBucket a folder upload asks first. The SDK's middleware stack, signer and request handler cost
 * about 2 ms of CPU per request here, most of what a 64 KiB upload or a 1 KiB download costs; this path
 * signs the request itself (sigv4.ts) and sends it with Node's own `http.request` through the client's
 * sockets, for about a sixth of that. It is taken only where it cannot differ from the SDK: a client Ferry
 * made (its sockets, timeouts and identity are known), a custom endpoint with path-style addressing
 * (RustFS, MinIO, Ceph, Garage…) and checksums only when required (Content-MD5 is always sent on a PUT).
 * A server's trouble (5xx but 501: SlowDown, InternalError, a gateway's 502/504) is thrown as the SDK
 * would throw it, so the transfer's one retry policy pauses before the next try (see retry.ts), and so is
 * a GET's 412 (the object changed); any other answer but success (a refusal) is left to the SDK to send
 * again, so its error keeps its one translation.
 */
import { request as httpRequest, type ClientRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { pipeline, type Readable } from 'node:stream';
import type { S3Client } from '@aws-sdk/client-s3';
import { transportOf, type ClientTransport } from '../connection/client.js';
import { RequestSigner } from '../connection/sigv4.js';
import { bareEtag } from './integrity.js';

/** What a lean PUT sends. */
export interface LeanPutInput {
  bucket: string;
  key: string;
  contentLength: number;
  /** Base64 MD5 of the body; the server refuses the object if a byte differs. */
  contentMd5: string;
  contentType?: string;
}

/** What a lean GET asks for: bytes `[start, start + length)` (the whole object when `length` is 0). */
export interface LeanGetInput {
  bucket: string;
  key: string;
  start: number;
  length: number;
  /** Sent as If-Match when not empty: a changed object is refused with 412. */
  etag: string;
}

interface Endpoint {
  protocol: string;
  hostname: string;
  port?: number;
  path: string;
}

/** The parts of the SDK's resolved client config this path reads. */
interface ClientConfig {
  isCustomEndpoint?: boolean;
  forcePathStyle?: boolean | (() => Promise<boolean>);
  requestChecksumCalculation?: string | (() => Promise<string>);
  region: string | (() => Promise<string>);
  endpoint?: () => Promise<Endpoint>;
  systemClockOffset?: number;
}

/** A client's lean requests, resolved once per client: null where the SDK must send. */
const targets = new WeakMap<S3Client, Promise<LeanTarget | null>>();

const value = async <T>(v: T | (() => Promise<T>) | undefined) =>
  typeof v === 'function' ? (v as () => Promise<T>)() : v;

/** The client's lean requests, or null when its endpoint or settings need the SDK. */
export function leanTargetFor(client: S3Client): Promise<LeanTarget | null> {
  let target = targets.get(client);
  if (!target) {
    target = resolveTarget(client).catch(() => null);
    targets.set(client, target);
  }
  return target;
}

async function resolveTarget(client: S3Client): Promise<LeanTarget | null> {
  const config = client.config as unknown as ClientConfig;
  const transport = transportOf(client);
  if (!transport || !config.isCustomEndpoint || !config.endpoint) return null;
  if ((await value(config.forcePathStyle)) !== true) return null;
  if ((await value(config.requestChecksumCalculation)) !== 'WHEN_REQUIRED') return null;
  const endpoint = await config.endpoint();
  if (endpoint.protocol !== 'http:' && endpoint.protocol !== 'https:') return null;
  const region = await value(config.region);
  if (!region) return null;
  return new LeanTarget(config, endpoint, transport, new RequestSigner(region));
}

/** S3's key encoding in a path: every byte but unreserved ones, with `/` kept between segments. */
function encodeKey(key: string): string {
  return key
    .split('/')
    .map((segment) =>
      encodeURIComponent(segment).replace(
        /[!'()*]/g,
        (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
      ),
    )
    .join('/');
}

type Method = 'PUT' | 'GET' | 'HEAD';

/** An error named as the SDK's request handler names its own, so translateError reads both alike. */
function timeoutError(message: string): Error {
  return Object.assign(new Error(message), { name: 'TimeoutError' });
}

/** How much of an error answer is kept: an S3 error document is a few hundred bytes. */
const ERROR_TEXT_LIMIT = 16 * 1024;

/**
 * A server's 5xx as the SDK throws it (its code as the name, the status and headers in `$metadata` and
 * `$response`), so translateError and the retry policy's Retry-After read it as they read the SDK's.
 */
function serverTrouble(status: number, headers: IncomingMessage['headers'], text: string): Error {
  const code = /<Code>([^<]{1,64})<\/Code>/.exec(text)?.[1] ?? 'Unknown';
  const message = /<Message>([^<]{1,500})<\/Message>/.exec(text)?.[1] ?? code;
  return Object.assign(new Error(message), {
    name: code,
    $metadata: { httpStatusCode: status },
    $response: { statusCode: status, headers },
  });
}

/** Sends signed requests to one endpoint through the client's own sockets. */
export class LeanTarget {
  readonly #config: ClientConfig;
  readonly #endpoint: Endpoint;
  readonly #transport: ClientTransport;
  readonly #signer: RequestSigner;

  constructor(
    config: ClientConfig,
    endpoint: Endpoint,
    transport: ClientTransport,
    signer: RequestSigner,
  ) {
    this.#config = config;
    this.#endpoint = endpoint;
    this.#transport = transport;
    this.#signer = signer;
  }

  /**
   * PUTs the body; answers the ETag, or null when the server refused it (the SDK then sends it again).
   * Throws the server's error when it is in trouble (see above).
   */
  async put(
    input: LeanPutInput,
    body: Readable | Uint8Array,
    abortSignal: AbortSignal,
  ): Promise<string | null> {
    const { target, headers } = this.#signed('PUT', `${input.bucket}/${encodeKey(input.key)}`, {
      'content-length': String(input.contentLength),
      'content-md5': input.contentMd5,
      'content-type': input.contentType ?? 'application/octet-stream',
    });
    const { response, text } = await this.#send('PUT', target, headers, body, abortSignal);
    const status = response.statusCode ?? 0;
    if (status >= 500 && status !== 501) throw serverTrouble(status, response.headers, text);
    if (status !== 200) return null;
    return bareEtag(response.headers['etag']);
  }

  /**
   * GETs an object or a range of it; answers the body as it arrives (the caller reads or destroys it), or
   * null when the server refused the request (the SDK then sends it again). Throws the server's error when it
   * is in trouble, or when the object's ETag is no longer `etag` (412, as the SDK throws it).
   */
  async get(input: LeanGetInput, abortSignal: AbortSignal): Promise<IncomingMessage | null> {
    const { target, headers } = this.#signed('GET', `${input.bucket}/${encodeKey(input.key)}`, {
      ...(input.length > 0
        ? { range: `bytes=${input.start}-${input.start + input.length - 1}` }
        : {}),
      ...(input.etag ? { 'if-match': `"${input.etag}"` } : {}),
    });
    const { response, text } = await this.#send(
      'GET',
      target,
      headers,
      undefined,
      abortSignal,
      true,
    );
    const status = response.statusCode ?? 0;
    if (status === 200 || status === 206) return response;
    if (status === 412 || (status >= 500 && status !== 501))
      throw serverTrouble(status, response.headers, text);
    return null;
  }

  /**
   * HEADs a bucket, as a folder upload does before it queues its files; answers the status, 200 when the
   * bucket is there for this identity. The SDK's first request of a process cost 15-20 ms of CPU here.
   */
  async headBucket(bucket: string): Promise<number> {
    const { target, headers } = this.#signed('HEAD', encodeKey(bucket), {});
    const { response } = await this.#send('HEAD', target, headers);
    return response.statusCode ?? 0;
  }

  /**
   * Signs a request for `resource` (the path after the endpoint's own) as the client's identity, on the
   * client's clock; answers the path to send it to and its headers, Host and payload hash included.
   */
  #signed(
    method: Method,
    resource: string,
    extra: Record<string, string>,
  ): { target: string; headers: Record<string, string> } {
    const { hostname, port, path } = this.#endpoint;
    const target = `${path.replace(/\/$/, '')}/${resource}`;
    const headers = this.#signer.sign(
      method,
      target,
      {
        host: port ? `${hostname}:${port}` : hostname,
        ...extra,
        // What the SDK sends for a streamed body too; on a PUT, Content-MD5 is what protects the bytes.
        'x-amz-content-sha256': 'UNSIGNED-PAYLOAD',
      },
      this.#transport.credentials,
      new Date(Date.now() + (this.#config.systemClockOffset ?? 0)),
    );
    return { target, headers };
  }

  /**
   * One request; answers once the response has been read to its end, so the socket goes back to the pool,
   * with the text of an error answer (an S3 error is a short XML document). With `streamed`, a successful
   * answer is handed over as soon as its headers are in, its body unread.
   */
  #send(
    method: Method,
    target: string,
    headers: Record<string, string>,
    body?: Readable | Uint8Array,
    signal?: AbortSignal,
    streamed = false,
  ): Promise<{ response: IncomingMessage; text: string }> {
    const { protocol, hostname, port } = this.#endpoint;
    const https = protocol === 'https:';
    const { connectionTimeoutMs, socketTimeoutMs } = this.#transport;
    return new Promise((resolve, reject) => {
      const options = {
        protocol,
        // An IPv6 address comes in brackets, as the Host header wants it; the socket wants it bare.
        host: hostname.startsWith('[') && hostname.endsWith(']') ? hostname.slice(1, -1) : hostname,
        ...(port ? { port } : {}),
        method,
        path: target,
        headers,
        agent: https ? this.#transport.httpsAgent : this.#transport.httpAgent,
      };
      const req: ClientRequest = https ? httpsRequest(options) : httpRequest(options);
      // A body handed over is stopped through itself, so its reader sees why (not a bare ECONNRESET).
      let handed: IncomingMessage | undefined;
      const stop = (error: Error) => (handed ?? req).destroy(error);
      // The signal is watched here rather than passed to http.request, whose own watch (it follows the
      // request's end too) cost 37 µs per request: a tenth of what the rest of the request costs.
      if (signal) {
        const abort = () => stop(signal.reason as Error);
        if (signal.aborted) abort();
        else signal.addEventListener('abort', abort, { once: true });
        req.once('close', () => signal.removeEventListener('abort', abort));
      }
      // `on`, not `once`: a streamed body's socket may fail after the answer has been handed over.
      req.on('error', reject);
      req.once('socket', (socket) => {
        if (!socket.connecting) return;
        const timer = setTimeout(
          () =>
            req.destroy(timeoutError(`No connection after ${connectionTimeoutMs / 1000} seconds.`)),
          connectionTimeoutMs,
        );
        socket.once('connect', () => clearTimeout(timer));
        socket.once('close', () => clearTimeout(timer));
      });
      req.setTimeout(socketTimeoutMs, () =>
        stop(timeoutError(`No answer for ${socketTimeoutMs / 1000} seconds.`)),
      );
      req.once('response', (response) => {
        let text = '';
        const ok = (response.statusCode ?? 0) < 300;
        if (ok && streamed) {
          handed = response;
          resolve({ response, text });
          return;
        }
        response.once('error', reject);
        response.once('end', () => resolve({ response, text }));
        if (ok) response.resume();
        else {
          response.setEncoding('utf8');
          response.on('data', (chunk: string) => {
            if (text.length < ERROR_TEXT_LIMIT) text += chunk;
          });
        }
      });
      if (!body || body instanceof Uint8Array) req.end(body);
      else pipeline(body, req, (error) => error && req.destroy(error));
    });
  }
}
