/**
 * A lean PutObject for small files. The SDK's middleware stack costs about 2 ms of CPU per request here,
 * which is most of what a 64 KiB upload costs; this path signs and sends the request with the client's own
 * signer, endpoint and connection pool for about a quarter of that. It is taken only where it cannot differ
 * from the SDK: a custom endpoint with path-style addressing (RustFS, MinIO, Ceph, Garage…) and checksums
 * only when required (Content-MD5 is always sent). Any answer but 200 is left to the SDK to send again, so
 * errors keep their one translation.
 */
import type { Readable } from 'node:stream';
import type { S3Client } from '@aws-sdk/client-s3';
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

interface Endpoint {
  protocol: string;
  hostname: string;
  port?: number;
  path: string;
}

interface Signer {
  sign<R>(request: R, options?: { signingDate?: Date }): Promise<R>;
}

/** The parts of the SDK's resolved client config this path uses. */
interface ClientConfig {
  isCustomEndpoint?: boolean;
  forcePathStyle?: boolean | (() => Promise<boolean>);
  requestChecksumCalculation?: string | (() => Promise<string>);
  endpoint?: () => Promise<Endpoint>;
  signer: () => Promise<Signer>;
  systemClockOffset?: number;
  requestHandler: {
    handle(
      request: unknown,
      options: { abortSignal: AbortSignal },
    ): Promise<{
      response: { statusCode: number; headers: Record<string, string>; body: Readable };
    }>;
  };
}

/** A client's lean PUT, resolved once per client: null where the SDK must send. */
const targets = new WeakMap<S3Client, Promise<LeanTarget | null>>();

const value = async <T>(v: T | (() => Promise<T>) | undefined) =>
  typeof v === 'function' ? (v as () => Promise<T>)() : v;

/** The client's lean PUT, or null when its endpoint or settings need the SDK. */
export function leanPutFor(client: S3Client): Promise<LeanTarget | null> {
  let target = targets.get(client);
  if (!target) {
    target = resolveTarget(client).catch(() => null);
    targets.set(client, target);
  }
  return target;
}

async function resolveTarget(client: S3Client): Promise<LeanTarget | null> {
  const config = client.config as unknown as ClientConfig;
  if (!config.isCustomEndpoint || !config.endpoint) return null;
  if ((await value(config.forcePathStyle)) !== true) return null;
  if ((await value(config.requestChecksumCalculation)) !== 'WHEN_REQUIRED') return null;
  const endpoint = await config.endpoint();
  if (endpoint.protocol !== 'http:' && endpoint.protocol !== 'https:') return null;
  return new LeanTarget(config, endpoint, await config.signer());
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

/** Sends signed PUTs to one endpoint through the client's own connection pool. */
export class LeanTarget {
  readonly #config: ClientConfig;
  readonly #endpoint: Endpoint;
  readonly #signer: Signer;

  constructor(config: ClientConfig, endpoint: Endpoint, signer: Signer) {
    this.#config = config;
    this.#endpoint = endpoint;
    this.#signer = signer;
  }

  /** PUTs the body; answers the ETag, or null when the server refused it (the SDK then sends it again). */
  async put(
    input: LeanPutInput,
    body: Readable | Uint8Array,
    abortSignal: AbortSignal,
  ): Promise<string | null> {
    const { protocol, hostname, port, path } = this.#endpoint;
    const request = {
      method: 'PUT',
      protocol,
      hostname,
      ...(port ? { port } : {}),
      path: `${path.replace(/\/$/, '')}/${input.bucket}/${encodeKey(input.key)}`,
      query: {},
      headers: {
        host: port ? `${hostname}:${port}` : hostname,
        'content-length': String(input.contentLength),
        'content-md5': input.contentMd5,
        'content-type': input.contentType ?? 'application/octet-stream',
        // What the SDK sends for a streamed body too; Content-MD5 is what protects the bytes.
        'x-amz-content-sha256': 'UNSIGNED-PAYLOAD',
      },
      body,
    };
    const signed = await this.#signer.sign(request, {
      signingDate: new Date(Date.now() + (this.#config.systemClockOffset ?? 0)),
    });
    const { response } = await this.#config.requestHandler.handle(signed, { abortSignal });
    // The answer's body is read to its end either way, so the connection goes back to the pool.
    for await (const chunk of response.body) void chunk;
    if (response.statusCode !== 200) return null;
    return bareEtag(response.headers['etag']);
  }
}
