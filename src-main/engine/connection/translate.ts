/**
 * The one place where SDK, HTTP and network failures become FerryErrors. Every face shows what comes out of
 * here, so messages are written for a person and hints say what to do next.
 */
import type { S3Client } from '@aws-sdk/client-s3';
import type { InitializeMiddleware, MetadataBearer } from '@smithy/types';
import type { ErrorKey } from '../../../src-shared/error-keys.js';
import { FerryError, type FerryErrorOptions } from '../errors.js';

/** The catalogue key of a message that names the endpoint, or its variant for an unknown endpoint. */
function at(ctx: ErrorContext, key: ErrorKey, anywhere: ErrorKey): FerryErrorOptions {
  return ctx.endpoint ? { key, params: { endpoint: ctx.endpoint } } : { key: anywhere };
}

/** The catalogue key of a message that names a bucket or key when known, or its `.unnamed` variant. */
function named(
  value: string | undefined,
  key: ErrorKey,
  unnamed: ErrorKey,
  param: string,
): FerryErrorOptions {
  return value ? { key, params: { [param]: value } } : { key: unnamed };
}

/** What we know about the request that failed, to make messages specific. */
export interface ErrorContext {
  endpoint?: string;
  bucket?: string;
  key?: string;
  /** The SDK command that failed (`PutBucketCorsCommand`); clients from createS3Client label their errors. */
  operation?: string;
}

interface SdkLikeError {
  name?: string;
  code?: string;
  message?: string;
  Code?: string;
  $metadata?: { httpStatusCode?: number };
  $response?: { statusCode?: number; headers?: Record<string, string> };
  cause?: unknown;
  $ferryOperation?: string;
}

/** The SDK's stand-ins when an answer had no S3 error code or message. */
const NO_CODE = new Set(['Error', 'Unknown', 'UnknownError']);

/** The server's own S3 error code, when its answer had one (an XML `<Error><Code>` body). */
function serverCode(e: SdkLikeError): string | undefined {
  // Only an SDK error (it has $metadata) names a server's code; a TypeError of ours names nothing.
  const code = e.Code ?? (e.$metadata && e.name && !NO_CODE.has(e.name) ? e.name : undefined);
  return code && /^[A-Za-z][\w.-]{0,63}$/.test(code) ? code : undefined;
}

/** The server's own message, when it gave one (the SDK says "UnknownError" when it did not). */
function serverMessage(e: SdkLikeError): string | undefined {
  const text = e.message?.trim();
  if (!text || NO_CODE.has(text) || text === serverCode(e) || text.startsWith('@aws-sdk')) {
    return undefined;
  }
  return text.length > 300 ? `${text.slice(0, 299)}…` : text;
}

/** ` (Code — message)`, ` (Code)` or nothing: what the server said, after an HTTP status. */
function detail(e: SdkLikeError): string {
  const code = serverCode(e);
  const message = serverMessage(e);
  if (code && message) return ` (${code} — ${message})`;
  return code ? ` (${code})` : '';
}

/** True when the answer came from an S3 server, even without an error body (a HEAD, or an empty body). */
function looksLikeS3(e: SdkLikeError, operation: string | undefined): boolean {
  if (e.Code || operation?.startsWith('Head')) return true;
  const headers = e.$response?.headers ?? {};
  const type = headers['content-type'] ?? '';
  return (
    'x-amz-request-id' in headers ||
    'x-amz-id-2' in headers ||
    'x-trans-id' in headers ||
    /xml/i.test(type)
  );
}

const VERBS: Record<string, string> = {
  Put: 'setting',
  Get: 'reading',
  Delete: 'deleting',
  List: 'listing',
  Create: 'creating',
  Head: 'checking',
  Copy: 'copying',
  Upload: 'uploading',
  Abort: 'aborting',
  Complete: 'completing',
  Restore: 'restoring',
  Update: 'updating',
};
const ACRONYMS = new Set(['acl', 'cors']);

/** Object operations read better in the plural ("uploading objects", not "setting object"). */
const OBJECT_WORDS: Record<string, string> = {
  PutObject: 'uploading objects',
  GetObject: 'downloading objects',
  HeadObject: 'checking objects',
  CopyObject: 'copying objects',
  DeleteObject: 'deleting objects',
};

/**
 * An SDK command name in plain words: `PutBucketCorsCommand` → "setting bucket CORS", `DeleteObjectsCommand`
 * → "deleting objects", `PutObjectCommand` → "uploading objects".
 */
export function operationWords(command: string): string {
  const api = command.replace(/Command$/, '');
  if (OBJECT_WORDS[api]) return OBJECT_WORDS[api];
  const [verb = '', ...rest] = api.match(/[A-Z][a-z0-9]*/g) ?? [];
  const words = rest.map((w) =>
    ACRONYMS.has(w.toLowerCase()) ? w.toUpperCase() : w.toLowerCase(),
  );
  return [VERBS[verb] ?? verb.toLowerCase(), ...words].join(' ');
}

/** 501 Not Implemented: the server lacks the feature. Says which, in plain words, when the operation is known. */
function unsupported(operation: string | undefined): FerryError {
  const api = operation ? operation.replace(/Command$/, '') : 'this request';
  const words = operation ? operationWords(operation) : 'this request';
  return new FerryError(
    'NotSupported',
    `This server does not support ${words}.`,
    `It answered 501 Not Implemented to ${api}: the feature is missing on this server, not broken. Use a server that has it, or do without.`,
    { key: 'server.unsupported', params: { operation: words, api } },
  );
}

/**
 * Labels every failure of a client's requests with the SDK command that failed, so the translator can say
 * which operation a server does not support. Errors keep their type; the label is not enumerable.
 */
const nameOperation: InitializeMiddleware<object, MetadataBearer> =
  (next, context) => async (args) => {
    try {
      return await next(args);
    } catch (error) {
      if (error && typeof error === 'object' && context.commandName && Object.isExtensible(error)) {
        Object.defineProperty(error, '$ferryOperation', {
          value: context.commandName,
          configurable: true,
        });
      }
      throw error;
    }
  };

/** Makes a client label its failures with their operation (see `nameOperation`). */
export function useOperationNames(client: S3Client): void {
  client.middlewareStack.add(nameOperation, {
    step: 'initialize',
    priority: 'high',
    name: 'ferryOperationNames',
  });
}

const NETWORK_CODES: Record<string, (ctx: ErrorContext) => FerryError> = {
  ECONNREFUSED: (ctx) =>
    new FerryError(
      'ConnectionRefused',
      `Nothing is listening at ${ctx.endpoint ?? 'the endpoint'}.`,
      'Check the endpoint URL and port, and that the server is running.',
      at(ctx, 'network.refused', 'network.refused.anywhere'),
    ),
  ENOTFOUND: (ctx) =>
    new FerryError(
      'DnsFailure',
      `The host name of ${ctx.endpoint ?? 'the endpoint'} could not be resolved.`,
      'Check the spelling of the endpoint host, or your DNS and network connection.',
      at(ctx, 'network.dns', 'network.dns.anywhere'),
    ),
  ETIMEDOUT: (ctx) => timeout(ctx),
  ECONNRESET: (ctx) =>
    new FerryError(
      'NetworkError',
      `The connection to ${ctx.endpoint ?? 'the server'} was reset.`,
      'Retry; if it keeps happening, check proxies, firewalls and the server logs.',
      at(ctx, 'network.reset', 'network.reset.anywhere'),
    ),
  EPIPE: (ctx) =>
    new FerryError(
      'NetworkError',
      `The connection to ${ctx.endpoint ?? 'the server'} closed while sending.`,
      'Retry; if it keeps happening, check the server logs.',
      at(ctx, 'network.closed', 'network.closed.anywhere'),
    ),
};
NETWORK_CODES['EAI_AGAIN'] = NETWORK_CODES['ENOTFOUND']!;
NETWORK_CODES['EHOSTUNREACH'] = NETWORK_CODES['ECONNREFUSED']!;
NETWORK_CODES['ENETUNREACH'] = NETWORK_CODES['ECONNREFUSED']!;

const TLS_CODES = new Set([
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'CERT_HAS_EXPIRED',
  'ERR_TLS_CERT_ALTNAME_INVALID',
  'ERR_SSL_WRONG_VERSION_NUMBER',
  'EPROTO',
]);

function timeout(ctx: ErrorContext): FerryError {
  return new FerryError(
    'Timeout',
    `${ctx.endpoint ?? 'The server'} did not answer in time.`,
    'Check that the endpoint is reachable from this machine (VPN, firewall), then retry.',
    at(ctx, 'network.timeout', 'network.timeout.anywhere'),
  );
}

/** Finds the first Node system error code in an error or its causes. */
function systemCode(error: unknown): string | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current && typeof current === 'object'; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string' && (NETWORK_CODES[code] || TLS_CODES.has(code))) return code;
    const errors = (current as { errors?: unknown }).errors;
    if (Array.isArray(errors) && errors.length > 0) current = errors[0];
    else current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

/** True when a DNS failure was for `<bucket>.<host>`: the SDK addressed the bucket virtual-host style. */
function isBucketHost(error: unknown, ctx: ErrorContext): boolean {
  if (!ctx.bucket) return false;
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current && typeof current === 'object'; depth++) {
    const hostname = (current as { hostname?: unknown }).hostname;
    if (typeof hostname === 'string') return hostname.startsWith(`${ctx.bucket}.`);
    current = (current as { cause?: unknown }).cause;
  }
  return false;
}

function tlsError(code: string, ctx: ErrorContext): FerryError {
  if (code === 'ERR_TLS_CERT_ALTNAME_INVALID') {
    return new FerryError(
      'TlsError',
      `The server's certificate is not valid for the host in ${ctx.endpoint ?? 'the endpoint'}.`,
      'Use the host name the certificate was issued for, or fix the server certificate.',
      at(ctx, 'tls.wrongHost', 'tls.wrongHost.anywhere'),
    );
  }
  if (code === 'ERR_SSL_WRONG_VERSION_NUMBER' || code === 'EPROTO') {
    return new FerryError(
      'TlsError',
      `The server at ${ctx.endpoint ?? 'the endpoint'} does not speak HTTPS on that port.`,
      'Try http:// instead of https://, or check the port.',
      at(ctx, 'tls.notHttps', 'tls.notHttps.anywhere'),
    );
  }
  return new FerryError(
    'TlsError',
    `The server's TLS certificate is not trusted (${code}).`,
    'Add the server\'s CA certificate to the profile ("CA certificate"); for a lab server only, accept an unverified certificate.',
    { key: 'tls.untrusted', params: { code } },
  );
}

type S3Translator = (ctx: ErrorContext, error: SdkLikeError) => FerryError;

const S3_CODES: Record<string, S3Translator> = {
  SignatureDoesNotMatch: (_ctx, e) =>
    // Swift's s3api answers an unknown access key with SignatureDoesNotMatch too (its proxy stamps X-Trans-Id).
    e.$response?.headers?.['x-trans-id']
      ? new FerryError(
          'SignatureMismatch',
          'The server rejected the request signature.',
          'Check the access key and the secret key: this server says the signature does not match for an unknown access key too. A wrong region or a clock far off can do this as well.',
          { key: 'auth.signatureOrKey' },
        )
      : new FerryError(
          'SignatureMismatch',
          'The server rejected the request signature.',
          'Check the secret key; the server says the signature does not match. A wrong region or a clock far off can do this too.',
          { key: 'auth.signature' },
        ),
  InvalidAccessKeyId: () =>
    new FerryError(
      'InvalidAccessKey',
      'The server does not know this access key.',
      'Check the access key ID, and that the user exists on this server.',
      { key: 'auth.accessKey' },
    ),
  AccessDenied: (ctx) =>
    new FerryError(
      'AccessDenied',
      `Access denied${ctx.bucket ? ` to ${ctx.bucket}${ctx.key ? `/${ctx.key}` : ''}` : ''}.`,
      "Check this user's policy on the server, or use keys that are allowed to do this.",
      ctx.bucket
        ? { key: 'auth.deniedTo', params: { target: ctx.bucket + (ctx.key ? `/${ctx.key}` : '') } }
        : { key: 'auth.denied' },
    ),
  RequestTimeTooSkewed: () =>
    new FerryError(
      'ClockSkew',
      "This computer's clock is too far from the server's.",
      'Set the system clock automatically (NTP) and retry.',
      { key: 'auth.clockSkew' },
    ),
  NoSuchBucket: (ctx) =>
    new FerryError(
      'NoSuchBucket',
      `The bucket ${ctx.bucket ? `"${ctx.bucket}" ` : ''}does not exist.`,
      'Check the bucket name, or create it first.',
      named(ctx.bucket, 'bucket.noSuch', 'bucket.noSuch.unnamed', 'bucket'),
    ),
  NoSuchKey: (ctx) =>
    new FerryError(
      'NoSuchKey',
      `The object ${ctx.key ? `"${ctx.key}" ` : ''}does not exist.`,
      'It may have been deleted or renamed; refresh the listing.',
      named(ctx.key, 'object.noSuch', 'object.noSuch.unnamed', 'key'),
    ),
  NotFound: (ctx) => S3_CODES[ctx.key ? 'NoSuchKey' : 'NoSuchBucket']!(ctx, {}),
  BucketAlreadyOwnedByYou: (ctx) =>
    new FerryError(
      'BucketAlreadyExists',
      `You already own a bucket named "${ctx.bucket ?? ''}".`,
      'Use the existing bucket, or choose another name.',
      { key: 'bucket.alreadyYours', params: { bucket: ctx.bucket ?? '' } },
    ),
  BucketAlreadyExists: (ctx) =>
    new FerryError(
      'BucketAlreadyExists',
      `The bucket name "${ctx.bucket ?? ''}" is taken by someone else.`,
      'Bucket names are shared by all users of the server; choose another name.',
      { key: 'bucket.taken', params: { bucket: ctx.bucket ?? '' } },
    ),
  BucketNotEmpty: (ctx) =>
    new FerryError(
      'BucketNotEmpty',
      `The bucket ${ctx.bucket ? `"${ctx.bucket}" ` : ''}is not empty.`,
      'Delete its objects first (ferry rb --force empties it).',
      named(ctx.bucket, 'bucket.notEmpty', 'bucket.notEmpty.unnamed', 'bucket'),
    ),
  InvalidBucketName: (ctx) =>
    new FerryError(
      'InvalidBucketName',
      `The server refused the bucket name${ctx.bucket ? ` "${ctx.bucket}"` : ''}.`,
      'Use 3-63 lowercase letters, digits, dots and hyphens, starting and ending with a letter or digit.',
      named(ctx.bucket, 'bucket.nameRefused', 'bucket.nameRefused.unnamed', 'bucket'),
    ),
  EntityTooLarge: () =>
    new FerryError(
      'EntityTooLarge',
      'The object is larger than the server accepts in one request.',
      'Upload it with multipart (Ferry does this automatically above the part size).',
      { key: 'server.tooLarge' },
    ),
  PermanentRedirect: () =>
    new FerryError(
      'WrongAddressing',
      'The server redirected the request elsewhere (wrong region or addressing style).',
      "Turn on path-style addressing for this profile, or set the bucket's region.",
      { key: 'server.redirect' },
    ),
  PreconditionFailed: (ctx) =>
    new FerryError(
      'PreconditionFailed',
      `${ctx.key ? `"${ctx.key}"` : 'The object'} changed on the server while Ferry was working on it.`,
      'Refresh and try again; nothing was overwritten.',
      named(ctx.key, 'object.changed', 'object.changed.unnamed', 'key'),
    ),
  SlowDown: () =>
    new FerryError(
      'SlowDown',
      'The server asks Ferry to slow down.',
      'Ferry retries with backoff; lower the concurrency if it keeps happening.',
      { key: 'server.slowDown' },
    ),
  ServiceUnavailable: () =>
    new FerryError(
      'SlowDown',
      'The server is unavailable or overloaded (503).',
      'Wait a moment and retry; lower the concurrency if it keeps happening.',
      { key: 'server.unavailable' },
    ),
  NotImplemented: (ctx) => unsupported(ctx.operation),
};
S3_CODES['Forbidden'] = S3_CODES['AccessDenied']!;
S3_CODES['AuthorizationHeaderMalformed'] = S3_CODES['PermanentRedirect']!;
S3_CODES['InvalidAccessKeyID'] = S3_CODES['InvalidAccessKeyId']!;

/** Turns anything thrown by the SDK, the network or our own code into a FerryError. */
export function translateError(error: unknown, ctx: ErrorContext = {}): FerryError {
  if (error instanceof FerryError) return error;
  const e = (error ?? {}) as SdkLikeError;

  if (e.name === 'AbortError') {
    return new FerryError(
      'Cancelled',
      'The operation was cancelled.',
      'Start it again when you are ready.',
      { key: 'operation.cancelled' },
    );
  }
  const sys = systemCode(error);
  if ((sys === 'ENOTFOUND' || sys === 'EAI_AGAIN') && isBucketHost(error, ctx)) {
    return new FerryError(
      'WrongAddressing',
      `The host name ${ctx.bucket}.… could not be resolved: virtual-hosted addressing puts the bucket name in the host name.`,
      'Turn on path-style addressing for this profile (most self-hosted servers need it), or check the endpoint.',
      { key: 'server.virtualHost', params: { bucket: ctx.bucket ?? '' } },
    );
  }
  if (sys && NETWORK_CODES[sys]) return NETWORK_CODES[sys](ctx);
  if (sys && TLS_CODES.has(sys)) return tlsError(sys, ctx);
  if (e.name === 'TimeoutError' || e.code === 'TimeoutError' || e.name === 'RequestTimeout') {
    return timeout(ctx);
  }

  const code =
    e.name && S3_CODES[e.name] ? e.name : e.Code && S3_CODES[e.Code] ? e.Code : undefined;
  const operation = ctx.operation ?? e.$ferryOperation;
  if (code) return S3_CODES[code]!({ ...ctx, ...(operation ? { operation } : {}) }, e);

  const status = e.$metadata?.httpStatusCode ?? e.$response?.statusCode;
  if (status === 301 || status === 307) return S3_CODES['PermanentRedirect']!(ctx, e);
  if (status === 403) return S3_CODES['AccessDenied']!(ctx, e);
  if (status === 404) return S3_CODES['NotFound']!(ctx, e);
  if (status === 503) return S3_CODES['ServiceUnavailable']!(ctx, e);
  if (status === 412) return S3_CODES['PreconditionFailed']!(ctx, e);
  if (status === 501) return unsupported(operation);
  if (status !== undefined && status >= 500) {
    return new FerryError(
      'ServerError',
      `The server failed with HTTP ${status}${detail(e)}.`,
      'Retry in a moment; if it persists, check the server logs.',
      { key: 'server.failed', params: { status, detail: detail(e) } },
    );
  }
  return refused(e, status, operation, error);
}

/**
 * A refusal that no rule above knows: the server's own code and message when it gave them (a per-key
 * DeleteObjects error has no HTTP status of its own), a plain "refused" for an S3 answer without a body,
 * and the "may not be an S3 server" hint only for answers that are not S3 at all (an HTML page).
 */
function refused(
  e: SdkLikeError,
  status: number | undefined,
  operation: string | undefined,
  error: unknown,
): FerryError {
  const code = serverCode(e);
  if (code) {
    const message = serverMessage(e);
    const said = message ? ` — ${message}` : '';
    return new FerryError(
      'ServerRefused',
      `The server refused the request: ${code}${said}`,
      "That is the server's own answer: it may not support this request, or may need a setting changed. Its documentation or logs say more.",
      { key: 'server.refused', params: { code, detail: said } },
    );
  }
  if (status !== undefined && looksLikeS3(e, operation)) {
    return new FerryError(
      'ServerRefused',
      `The server refused the request with HTTP ${status} and gave no reason.`,
      "Answers to some requests (HEAD) carry no text; the server's logs say why.",
      { key: 'server.refusedSilently', params: { status } },
    );
  }
  if (status !== undefined) {
    return new FerryError(
      'UnexpectedResponse',
      `The server answered HTTP ${status} with something other than S3.`,
      'Check the endpoint: it may not be an S3 server (a web page, a proxy or the console port).',
      { key: 'server.unexpected', params: { status } },
    );
  }
  return new FerryError(
    'Internal',
    `Unexpected failure: ${e.message ?? String(error)}`,
    'This is a bug in Ferry; please report it with the steps that led here.',
    { key: 'internal.unexpected', params: { detail: e.message ?? String(error) }, cause: error },
  );
}
