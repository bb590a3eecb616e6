/**
 * The one place where SDK, HTTP and network failures become FerryErrors. Every face shows what comes out of
 * here, so messages are written for a person and hints say what to do next.
 */
import type { S3Client } from '@aws-sdk/client-s3';
import type { InitializeMiddleware, MetadataBearer } from '@smithy/types';
import type { ErrorKey } from '../../../src-shared/error-keys.js';
import type { ErrorCode } from '../../../src-shared/errors.js';
import { FerryError } from '../errors.js';

/** An error whose message names the endpoint, or its `.anywhere` variant when the endpoint is not known. */
function at(code: ErrorCode, ctx: ErrorContext, key: ErrorKey, anywhere: ErrorKey): FerryError {
  return ctx.endpoint
    ? FerryError.of(code, key, { endpoint: ctx.endpoint })
    : FerryError.of(code, anywhere);
}

/** An error whose message names a bucket or key when known, or its `.unnamed` variant. */
function named(
  code: ErrorCode,
  value: string | undefined,
  key: ErrorKey,
  unnamed: ErrorKey,
  param: string,
): FerryError {
  return value ? FerryError.of(code, key, { [param]: value }) : FerryError.of(code, unnamed);
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
  if (!operation) return FerryError.of('NotSupported', 'server.unsupported.unnamed');
  return FerryError.of('NotSupported', 'server.unsupported', {
    operation: operationWords(operation),
    api: operation.replace(/Command$/, ''),
  });
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
    at('ConnectionRefused', ctx, 'network.refused', 'network.refused.anywhere'),
  ENOTFOUND: (ctx) => at('DnsFailure', ctx, 'network.dns', 'network.dns.anywhere'),
  ETIMEDOUT: (ctx) => timeout(ctx),
  ECONNRESET: (ctx) => at('NetworkError', ctx, 'network.reset', 'network.reset.anywhere'),
  EPIPE: (ctx) => at('NetworkError', ctx, 'network.closed', 'network.closed.anywhere'),
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
  return at('Timeout', ctx, 'network.timeout', 'network.timeout.anywhere');
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
    return at('TlsError', ctx, 'tls.wrongHost', 'tls.wrongHost.anywhere');
  }
  if (code === 'ERR_SSL_WRONG_VERSION_NUMBER' || code === 'EPROTO') {
    return at('TlsError', ctx, 'tls.notHttps', 'tls.notHttps.anywhere');
  }
  return FerryError.of('TlsError', 'tls.untrusted', { code });
}

type S3Translator = (ctx: ErrorContext, error: SdkLikeError) => FerryError;

const S3_CODES: Record<string, S3Translator> = {
  SignatureDoesNotMatch: (_ctx, e) =>
    // Swift's s3api answers an unknown access key with SignatureDoesNotMatch too (its proxy stamps X-Trans-Id).
    e.$response?.headers?.['x-trans-id']
      ? FerryError.of('SignatureMismatch', 'auth.signatureOrKey')
      : FerryError.of('SignatureMismatch', 'auth.signature'),
  InvalidAccessKeyId: () => FerryError.of('InvalidAccessKey', 'auth.accessKey'),
  AccessDenied: (ctx) =>
    named(
      'AccessDenied',
      ctx.bucket && ctx.bucket + (ctx.key ? `/${ctx.key}` : ''),
      'auth.deniedTo',
      'auth.denied',
      'target',
    ),
  RequestTimeTooSkewed: () => FerryError.of('ClockSkew', 'auth.clockSkew'),
  NoSuchBucket: (ctx) =>
    named('NoSuchBucket', ctx.bucket, 'bucket.noSuch', 'bucket.noSuch.unnamed', 'bucket'),
  NoSuchKey: (ctx) => named('NoSuchKey', ctx.key, 'object.noSuch', 'object.noSuch.unnamed', 'key'),
  NotFound: (ctx) => S3_CODES[ctx.key ? 'NoSuchKey' : 'NoSuchBucket']!(ctx, {}),
  BucketAlreadyOwnedByYou: (ctx) =>
    FerryError.of('BucketAlreadyExists', 'bucket.alreadyYours', { bucket: ctx.bucket ?? '' }),
  BucketAlreadyExists: (ctx) =>
    FerryError.of('BucketAlreadyExists', 'bucket.taken', { bucket: ctx.bucket ?? '' }),
  BucketNotEmpty: (ctx) =>
    named('BucketNotEmpty', ctx.bucket, 'bucket.notEmpty', 'bucket.notEmpty.unnamed', 'bucket'),
  InvalidBucketName: (ctx) =>
    named(
      'InvalidBucketName',
      ctx.bucket,
      'bucket.nameRefused',
      'bucket.nameRefused.unnamed',
      'bucket',
    ),
  EntityTooLarge: () => FerryError.of('EntityTooLarge', 'server.tooLarge'),
  PermanentRedirect: () => FerryError.of('WrongAddressing', 'server.redirect'),
  PreconditionFailed: (ctx) =>
    named('PreconditionFailed', ctx.key, 'object.changed', 'object.changed.unnamed', 'key'),
  SlowDown: () => FerryError.of('SlowDown', 'server.slowDown'),
  ServiceUnavailable: () => FerryError.of('SlowDown', 'server.unavailable'),
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
    return FerryError.of('Cancelled', 'operation.cancelled');
  }
  const sys = systemCode(error);
  if ((sys === 'ENOTFOUND' || sys === 'EAI_AGAIN') && isBucketHost(error, ctx)) {
    return FerryError.of('WrongAddressing', 'server.virtualHost', { bucket: ctx.bucket ?? '' });
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
    return FerryError.of('ServerError', 'server.failed', { status, detail: detail(e) });
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
    return FerryError.of('ServerRefused', 'server.refused', { code, detail: said });
  }
  if (status !== undefined && looksLikeS3(e, operation)) {
    return FerryError.of('ServerRefused', 'server.refusedSilently', { status });
  }
  if (status !== undefined) {
    return FerryError.of('UnexpectedResponse', 'server.unexpected', { status });
  }
  return FerryError.of(
    'Internal',
    'internal.unexpected',
    { detail: e.message ?? String(error) },
    { cause: error },
  );
}
