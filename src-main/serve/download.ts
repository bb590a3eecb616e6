/**
 * `GET /api/download?profileId=…&bucket=…&key=…[&key=…][&base=…]`: one object as an attachment, or, for a
 * folder (a key ending in `/`) or several keys, one zip stream of everything under them, named from `base`.
 * Each download is a transfer in the queue while the browser receives it: progress, the bandwidth limit,
 * Cancel, and done or failed in the list and the history. A body cut off mid-way is asked again from where
 * it stopped (a ranged GET on the same ETag).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Readable } from 'node:stream';
import { GetObjectCommand, type GetObjectCommandOutput, type S3Client } from '@aws-sdk/client-s3';
import { z } from 'zod';
import { ProfileId } from '../../src-shared/contract/profiles.js';
import type { FerryErrorData } from '../../src-shared/errors.js';
import { translateError } from '../engine/connection/translate.js';
import type { Engine } from '../engine/engine.js';
import { FerryError } from '../engine/errors.js';
import { listPrefix } from '../engine/transfer/expand.js';
import type { LiveTransfer } from '../engine/transfer/live-transfer.js';
import {
  backoffMs,
  defaultRetry,
  isRetryable,
  sleep,
  withRetry,
} from '../engine/transfer/retry.js';
import { ZipWriter } from './zip.js';

const Query = z.object({
  profileId: ProfileId,
  bucket: z.string().min(1).max(255),
  keys: z.array(z.string().min(1).max(1024)).min(1).max(10_000),
  base: z.string().max(1024).default(''),
  /** One version of a single object (the versions view's Download). */
  versionId: z.string().min(1).max(1024).optional(),
});

const STATUS: Partial<Record<FerryErrorData['code'], number>> = {
  InvalidRequest: 400,
  ProfileNotFound: 404,
  NoSuchBucket: 404,
  NoSuchKey: 404,
  AccessDenied: 403,
};

function fail(res: ServerResponse, error: FerryError): void {
  if (res.headersSent) return void res.destroy();
  res.writeHead(STATUS[error.code] ?? 502, { 'content-type': 'application/json; charset=utf-8' });
  res.end(JSON.stringify({ error: error.toData() }));
}

/** `Content-Disposition` for a file name in any script (RFC 6266, with RFC 5987's UTF-8 form). */
export function attachment(name: string): string {
  const fallback = name.replace(/[^\x20-\x7e]|["\\%]/g, '_');
  const encoded = encodeURIComponent(name).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}

/**
 * The object's type, with `charset=utf-8` added to a text type that names none when its first bytes are
 * UTF-8: without it a browser reads such text as Latin-1.
 */
export function typeWithCharset(type: string | undefined, head: Uint8Array): string {
  const given = type || 'application/octet-stream';
  if (!/^(text\/|application\/(json|xml|javascript))/i.test(given) || /charset=/i.test(given))
    return given;
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(head, { stream: true });
    return `${given}; charset=utf-8`;
  } catch {
    return given;
  }
}

/** A key's path inside a zip, relative to `base`; null for a key that would climb out (`..`). */
export function zipName(key: string, base: string): string | null {
  const relative = key.startsWith(base) ? key.slice(base.length) : key;
  const segments = relative.split(/[/\\]+/).filter((s) => s !== '' && s !== '.');
  if (segments.length === 0 || segments.includes('..')) return null;
  return segments.join('/') + (key.endsWith('/') ? '/' : '');
}

const lastSegment = (key: string) => key.split('/').filter(Boolean).pop() ?? key;

/** Answers one download request. */
export async function handleDownload(
  engine: Engine,
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
): Promise<void> {
  const parsed = Query.safeParse({
    ...Object.fromEntries(url.searchParams),
    keys: url.searchParams.getAll('key'),
  });
  if (req.method !== 'GET' || !parsed.success) {
    return fail(res, FerryError.of('InvalidRequest', 'serve.downloadParams'));
  }
  const { profileId, bucket, keys, base, versionId } = parsed.data;
  try {
    engine.profiles.get(profileId);
  } catch (error) {
    return fail(res, translateError(error));
  }
  const client = await engine.transfers.clients.get(profileId);
  if (keys.length === 1 && !keys[0]!.endsWith('/')) {
    return sendObject(engine, client, res, { profileId, bucket, key: keys[0]!, versionId });
  }
  return sendZip(engine, client, res, { profileId, bucket, keys, base });
}

/** Ends the transfer when the browser goes away first (it cancelled the download). */
function cancelOnClose(engine: Engine, res: ServerResponse, live: LiveTransfer): void {
  res.once('close', () => {
    if (!res.writableFinished) engine.transfers.cancel([live.id]);
  });
}

/** Writes to the response, waiting while its buffer is full; rejects when the transfer stops. */
function writer(res: ServerResponse, signal: AbortSignal): (chunk: Buffer) => Promise<void> {
  return async (chunk) => {
    signal.throwIfAborted();
    if (res.write(chunk)) return;
    await new Promise<void>((resolve, reject) => {
      const settle = (error?: unknown) => {
        res.off('drain', onDrain);
        res.off('close', onClose);
        signal.removeEventListener('abort', onClose);
        if (error) reject(error as Error);
        else resolve();
      };
      const onDrain = () => settle();
      const onClose = () =>
        settle(signal.reason ?? FerryError.of('Cancelled', 'operation.cancelled'));
      res.once('drain', onDrain);
      res.once('close', onClose);
      signal.addEventListener('abort', onClose, { once: true });
    });
  };
}

/**
 * The object's bytes as they arrive, under the bandwidth limit and counted as progress. A body that fails
 * for a reason a retry can fix is asked again from the first byte not yet passed on, on the same ETag.
 */
async function* objectChunks(
  client: S3Client,
  where: { bucket: string; key: string; versionId?: string | undefined },
  first: GetObjectCommandOutput,
  live: LiveTransfer,
): AsyncGenerator<Buffer> {
  let out: GetObjectCommandOutput | undefined = first;
  let passed = 0;
  for (let failures = 0; ;) {
    try {
      out ??= await client.send(
        new GetObjectCommand({
          Bucket: where.bucket,
          Key: where.key,
          VersionId: where.versionId,
          Range: `bytes=${passed}-`,
          ...(first.ETag ? { IfMatch: first.ETag } : {}),
        }),
        { abortSignal: live.signal },
      );
      for await (const chunk of out.Body as Readable) {
        const buffer = chunk as Buffer;
        await live.take(buffer.length);
        passed += buffer.length;
        live.progress(buffer.length);
        yield buffer;
      }
      return;
    } catch (raw) {
      if (live.signal.aborted) throw live.signal.reason;
      const error = translateError(raw, where);
      if (!isRetryable(error) || ++failures >= defaultRetry.attempts) throw error;
      await sleep(backoffMs(defaultRetry, failures - 1), live.signal);
      out = undefined;
    }
  }
}

/** The object's first response, retried like any transfer request (the transfer client retries nothing). */
function getObject(
  client: S3Client,
  where: { bucket: string; key: string; versionId?: string | undefined },
  signal: AbortSignal,
): Promise<GetObjectCommandOutput> {
  const { bucket, key, versionId } = where;
  return withRetry({ ...defaultRetry, context: { bucket, key } }, signal, (abortSignal) =>
    client.send(new GetObjectCommand({ Bucket: bucket, Key: key, VersionId: versionId }), {
      abortSignal,
    }),
  );
}

async function sendObject(
  engine: Engine,
  client: S3Client,
  res: ServerResponse,
  where: { profileId: string; bucket: string; key: string; versionId?: string | undefined },
): Promise<void> {
  const name = lastSegment(where.key);
  const live = engine.transfers.track(
    'download',
    { profileId: where.profileId, bucket: where.bucket, key: where.key },
    { source: `s3://${where.bucket}/${where.key}`, target: name },
    null,
  );
  cancelOnClose(engine, res, live);
  try {
    const first = await getObject(client, where, live.signal);
    if (first.ContentLength !== undefined) live.setTotal(first.ContentLength);
    const chunks = objectChunks(client, where, first, live);
    const head = await chunks.next();
    res.writeHead(200, {
      'content-type': typeWithCharset(first.ContentType, head.value ?? Buffer.alloc(0)),
      'content-disposition': attachment(name),
      'cache-control': 'no-store',
      ...(first.ContentLength !== undefined
        ? { 'content-length': String(first.ContentLength) }
        : {}),
    });
    const write = writer(res, live.signal);
    if (head.value) await write(head.value);
    for await (const chunk of chunks) await write(chunk);
    res.end();
    live.end();
  } catch (error) {
    live.end(error);
    fail(res, translateError(error, where));
  }
}

async function sendZip(
  engine: Engine,
  client: S3Client,
  res: ServerResponse,
  req: { profileId: string; bucket: string; keys: string[]; base: string },
): Promise<void> {
  const { profileId, bucket, keys, base } = req;
  const stem = keys.length === 1 ? lastSegment(keys[0]!) : lastSegment(base) || bucket;
  const name = `${stem}.zip`;
  const key = keys.length === 1 ? keys[0]! : base || bucket;
  const live = engine.transfers.track(
    'download',
    { profileId, bucket, key },
    { source: `s3://${bucket}/${key}`, target: name },
    null,
  );
  cancelOnClose(engine, res, live);
  try {
    const lister = await engine.profiles.client(profileId);
    const objects: { key: string; size: number | null }[] = [];
    for (const k of keys) {
      if (!k.endsWith('/')) objects.push({ key: k, size: null });
      else {
        try {
          objects.push(...(await listPrefix(lister, bucket, k)));
        } catch (error) {
          throw translateError(error, { bucket, key: k });
        }
      }
    }
    let total = objects.reduce((sum, o) => sum + (o.size ?? 0), 0);
    live.setTotal(total);
    res.writeHead(200, {
      'content-type': 'application/zip',
      'content-disposition': attachment(name),
      'cache-control': 'no-store',
    });
    const zip = new ZipWriter(writer(res, live.signal));
    for (const object of objects) {
      const inside = zipName(object.key, base);
      if (inside === null) {
        engine.logger.warn('serve: a key that climbs out of its folder was left out of a zip', {
          key: object.key,
        });
        continue;
      }
      const where = { bucket, key: object.key };
      const first = await getObject(client, where, live.signal);
      const size = first.ContentLength ?? null;
      if (object.size === null && size !== null) live.setTotal((total += size));
      const modified = first.LastModified ?? new Date();
      await zip.file(inside, size, modified, objectChunks(client, where, first, live));
    }
    await zip.finish();
    res.end();
    live.end();
  } catch (error) {
    live.end(error);
    fail(res, translateError(error, { bucket, key }));
  }
}
