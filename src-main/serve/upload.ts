/**
 * `PUT /api/upload?profileId=…&bucket=…&key=…`: a file dropped on the page in a browser, streamed to S3 as
 * it arrives (the length may be unknown), registered as a transfer so it shows in the queue. Guarded like the
 * WebSocket: our Host, our Origin (required), the session token cookie.
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
});

const STATUS: Partial<Record<FerryErrorData['code'], number>> = {
  InvalidRequest: 400,
  ProfileNotFound: 404,
  NoSuchBucket: 404,
  AccessDenied: 403,
  Cancelled: 499,
};

function answer(res: ServerResponse, status: number, body: unknown): void {
  if (res.headersSent) return void res.end();
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
  res.end(JSON.stringify(body));
}

function fail(res: ServerResponse, error: FerryError): void {
  answer(res, STATUS[error.code] ?? 502, { error: error.toData() });
}

/** Streams one request body into the transfer queue and answers `{ id, etag, size }` when it is stored. */
export async function handleUpload(
  engine: Engine,
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
) {
  if (req.method !== 'PUT')
    return fail(
      res,
      new FerryError(
        'InvalidRequest',
        'Use PUT to upload.',
        'Send the file as the body of a PUT request.',
        { key: 'serve.usePut' },
      ),
    );
  const parsed = Query.safeParse(Object.fromEntries(url.searchParams));
  if (!parsed.success) {
    req.resume();
    return fail(
      res,
      new FerryError(
        'InvalidRequest',
        'The upload needs profileId, bucket and key.',
        'Pass them in the query string.',
        { key: 'serve.uploadParams' },
      ),
    );
  }
  const { profileId, bucket, key } = parsed.data;
  const length = req.headers['content-length'];
  const size = length !== undefined && /^\d+$/.test(length) ? Number(length) : null;
  const controller = new AbortController();
  // A browser that goes away mid-upload cancels the transfer (and its multipart upload) rather than leave it.
  req.once('close', () => {
    if (!req.complete) controller.abort();
  });
  try {
    engine.profiles.get(profileId);
    const { id, done } = engine.transfers.enqueueStream({
      profileId,
      bucket,
      key,
      body: req,
      size,
      signal: controller.signal,
      contentType: senderContentType(key, req.headers['content-type']),
    });
    const outcome = await done;
    answer(res, 200, { id, etag: outcome.etag, size: outcome.size });
  } catch (error) {
    req.resume();
    fail(res, translateError(error, { bucket, key }));
  }
}
