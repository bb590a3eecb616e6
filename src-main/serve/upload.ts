/**
 * `PUT /api/upload?profileId=…&bucket=…&key=…[&name=…]`: a file dropped or picked in a browser. The body is
 * spooled to a file in Ferry's data folder (synced), then queued as an ordinary file upload, so it obeys
 * pause, the bandwidth limit, retries and a restart like any other. Answers `202 { id, size }` once queued;
 * the transfer's progress and end arrive as `transfers.*` events. Guarded like the WebSocket: our Host, our
 * Origin (required), the session token cookie.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { z } from 'zod';
import { ProfileId } from '../../src-shared/contract/profiles.js';
import type { FerryErrorData } from '../../src-shared/errors.js';
import type { Engine } from '../engine/engine.js';
import { FerryError } from '../engine/errors.js';
import { translateError } from '../engine/connection/translate.js';
import { senderContentType } from '../engine/transfer/content-type.js';

const Query = z.object({
  profileId: ProfileId,
  bucket: z.string().min(1).max(255),
  key: z.string().min(1).max(1024),
  name: z.string().min(1).max(1024).optional(),
});

const STATUS: Partial<Record<FerryErrorData['code'], number>> = {
  InvalidRequest: 400,
  ProfileNotFound: 404,
  NoSuchBucket: 404,
  AccessDenied: 403,
  Cancelled: 499,
  DiskFull: 507,
};

function answer(res: ServerResponse, status: number, body: unknown): void {
  if (res.headersSent) return void res.end();
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
  res.end(JSON.stringify(body));
}

function fail(res: ServerResponse, error: FerryError): void {
  answer(res, STATUS[error.code] ?? 502, { error: error.toData() });
}

/** Spools one request body and queues its upload; answers `{ id, size }` once it is queued. */
export async function handleUpload(
  engine: Engine,
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
) {
  if (req.method !== 'PUT') return fail(res, FerryError.of('InvalidRequest', 'serve.usePut'));
  const parsed = Query.safeParse(Object.fromEntries(url.searchParams));
  if (!parsed.success) {
    req.resume();
    return fail(res, FerryError.of('InvalidRequest', 'serve.uploadParams'));
  }
  const { profileId, bucket, key } = parsed.data;
  const name = parsed.data.name ?? key.split('/').pop() ?? key;
  const length = req.headers['content-length'];
  const expected = length !== undefined && /^\d+$/.test(length) ? Number(length) : null;
  // The browser's type when it names one, else a guess from the name.
  const contentType = senderContentType(key, req.headers['content-type']);
  const controller = new AbortController();
  // A browser that goes away mid-body leaves no spool file and queues nothing.
  req.once('close', () => {
    if (!req.complete) controller.abort();
  });
  try {
    engine.profiles.get(profileId);
    const meta = { profileId, bucket, key, name, ...(contentType ? { contentType } : {}) };
    const { file, size } = await engine.transfers.spool.receive(
      req,
      meta,
      expected,
      controller.signal,
    );
    const { id } = engine.transfers.enqueueUpload({ ...meta, file, size });
    answer(res, 202, { id, size });
  } catch (error) {
    req.resume();
    fail(res, translateError(error, { bucket, key }));
  }
}
