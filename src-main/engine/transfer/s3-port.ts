/**
 * The S3 port: every S3 request a transfer sends goes through here, and nowhere else in transfer/ names an
 * SDK command. Each request runs under `attempts` (attempt.ts: abort, stall watch, progress taken back, the one
 * retry policy), except the two that clean up after a transfer (abort, list parts), which are best effort and
 * asked once. A whole-object PUT and a GET go through the lean requests (lean-requests.ts: Ferry's own
 * signer and sockets) where they cannot differ from the SDK. Upload and download (upload.ts, multipart.ts,
 * download*.ts) are written over this port, the way rclone's multipart scheduler is written over its
 * `ChunkWriter`.
 */
import type { Readable } from 'node:stream';
import {
  AbortMultipartUploadCommand,
  CompleteMultipartUploadCommand,
  CreateMultipartUploadCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListMultipartUploadsCommand,
  ListPartsCommand,
  PutObjectCommand,
  UploadPartCommand,
  type S3Client,
} from '@aws-sdk/client-s3';
import { translateError } from '../connection/translate.js';
import { FerryError } from '../errors.js';
import type { Logger } from '../logger.js';
import { notFoundWhich } from '../objects/object-ops.js';
import { attempts, sendBody, type Attempt, type AttemptContext } from './attempt.js';
import { bareEtag } from './integrity.js';
import { leanTargetFor } from './lean-requests.js';

/** What the port needs of its transfer besides the client: the attempt's needs, its signal and logger. */
export interface PortContext extends AttemptContext {
  /** Stops every request of this transfer (pause, cancel, shutdown). */
  signal: AbortSignal;
  logger: Logger;
}

/** An object a transfer reads or writes. */
export interface ObjectRef {
  bucket: string;
  key: string;
}

/** One part of a multipart upload, with the MD5 (hex) Ferry computed before sending it. */
export interface PartRef extends ObjectRef {
  uploadId: string;
  n: number;
  size: number;
  md5: string;
}

/** How far the server's clock may lag ours when Ferry looks for uploads its own lost answers created. */
const CLOCK_SLACK_MS = 5 * 60 * 1000;

const base64 = (hex: string) => Buffer.from(hex, 'hex').toString('base64');

/** A transfer's S3 requests, on one client, under one retry policy. */
export class S3Port {
  readonly #client: S3Client;
  readonly #ctx: PortContext;

  constructor(client: S3Client, ctx: PortContext) {
    this.#client = client;
    this.#ctx = ctx;
  }

  /**
   * PUTs a whole object from memory with its Content-MD5 (the server refuses it if a byte differs); answers
   * the ETag, '' when the server sent none.
   */
  async put(to: ObjectRef & { contentType?: string }, data: Buffer, md5: string): Promise<string> {
    const contentMd5 = base64(md5);
    const lean = await leanTargetFor(this.#client);
    return sendBody(
      this.#ctx,
      this.#ctx.signal,
      () => data,
      async (body, abortSignal) => {
        const input = { bucket: to.bucket, key: to.key, contentLength: data.length, contentMd5 };
        const sent = lean
          ? await lean.put(
              { ...input, contentType: to.contentType },
              data.length === 0 ? data : body,
              abortSignal,
            )
          : null;
        if (sent !== null) return sent;
        // The lean PUT was refused (or cannot be used): the SDK sends it, so its error keeps its one translation.
        const out = await this.#client.send(
          new PutObjectCommand({
            Bucket: to.bucket,
            Key: to.key,
            // A body the lean PUT used up cannot be read again; the bytes are in memory.
            Body: data.length === 0 || lean ? data : body,
            ContentLength: data.length,
            ContentMD5: contentMd5,
            ...(to.contentType ? { ContentType: to.contentType } : {}),
          }),
          { abortSignal },
        );
        return bareEtag(out.ETag);
      },
    );
  }

  /** HeadObject: the stored ETag and size. Its 404 has no body, so one HeadBucket says which is missing. */
  async head(of: ObjectRef): Promise<{ etag: string; size: number }> {
    try {
      const out = await attempts(this.#ctx, this.#ctx.signal, ({ signal }) =>
        this.#client.send(new HeadObjectCommand({ Bucket: of.bucket, Key: of.key }), {
          abortSignal: signal,
        }),
      );
      return { etag: bareEtag(out.ETag), size: out.ContentLength ?? -1 };
    } catch (error) {
      if (!(error instanceof FerryError) || this.#ctx.signal.aborted) throw error;
      throw await notFoundWhich(this.#client, error, of.bucket);
    }
  }

  /**
   * Creates a multipart upload; answers its id. A Create whose answer was lost (a stalled or reset response)
   * may still have made an upload on the server, and a retry makes another: once more than one try was
   * needed, the uploads of this key begun since the first try that are not `known` are aborted.
   */
  async createUpload(
    to: ObjectRef & { contentType?: string },
    known: () => Set<string>,
  ): Promise<string> {
    const since = Date.now() - CLOCK_SLACK_MS;
    let tries = 0;
    let uploadId: string | undefined;
    try {
      const created = await attempts(this.#ctx, this.#ctx.signal, ({ signal }) => {
        tries++;
        return this.#client.send(
          new CreateMultipartUploadCommand({
            Bucket: to.bucket,
            Key: to.key,
            ...(to.contentType ? { ContentType: to.contentType } : {}),
          }),
          { abortSignal: signal },
        );
      });
      uploadId = created.UploadId!;
      return uploadId;
    } finally {
      if (tries > 1) await this.#abortStrays(to, uploadId, since, known());
    }
  }

  /** Aborts this key's uploads begun since `since` that are neither `keep` nor known (best effort). */
  async #abortStrays(
    of: ObjectRef,
    keep: string | undefined,
    since: number,
    known: Set<string>,
  ): Promise<void> {
    try {
      let keyMarker: string | undefined;
      let idMarker: string | undefined;
      do {
        // Not stopped by the transfer's signal: a cancelled Create must still not leave strays behind.
        const page = await attempts(this.#ctx, new AbortController().signal, ({ signal }) =>
          this.#client.send(
            new ListMultipartUploadsCommand({
              Bucket: of.bucket,
              Prefix: of.key,
              KeyMarker: keyMarker,
              UploadIdMarker: idMarker,
            }),
            { abortSignal: signal },
          ),
        );
        for (const u of page.Uploads ?? []) {
          if (u.Key !== of.key || !u.UploadId || u.UploadId === keep) continue;
          if (known.has(u.UploadId) || (u.Initiated?.getTime() ?? 0) < since) continue;
          await this.abort({ ...of, uploadId: u.UploadId });
        }
        keyMarker = page.IsTruncated ? page.NextKeyMarker : undefined;
        idMarker = page.IsTruncated ? page.NextUploadIdMarker : undefined;
      } while (keyMarker);
    } catch (error) {
      this.#ctx.logger.debug('transfer: listing uploads to abort strays failed', {
        error: String(error),
      });
    }
  }

  /** Sends one part with its Content-MD5; answers its ETag. `source` gives each try a fresh body. */
  uploadPart(
    part: PartRef,
    source: () => AsyncIterable<Uint8Array> | Uint8Array,
    signal: AbortSignal,
  ): Promise<string> {
    return sendBody(this.#ctx, signal, source, async (body, abortSignal) => {
      const out = await this.#client.send(
        new UploadPartCommand({
          Bucket: part.bucket,
          Key: part.key,
          UploadId: part.uploadId,
          PartNumber: part.n,
          Body: body,
          ContentLength: part.size,
          ContentMD5: base64(part.md5),
        }),
        { abortSignal },
      );
      return bareEtag(out.ETag);
    });
  }

  /**
   * Completes an upload; answers the ETag it reports. When a retry is told the upload is gone, the first try
   * completed it and only its answer was lost: the caller verifies the object itself next.
   */
  async complete(
    upload: ObjectRef & { uploadId: string },
    parts: { n: number; etag: string }[],
  ): Promise<string> {
    let tries = 0;
    const out = await attempts(this.#ctx, this.#ctx.signal, async ({ signal }) => {
      tries++;
      try {
        return await this.#client.send(
          new CompleteMultipartUploadCommand({
            Bucket: upload.bucket,
            Key: upload.key,
            UploadId: upload.uploadId,
            MultipartUpload: {
              Parts: parts.map((p) => ({ PartNumber: p.n, ETag: `"${p.etag}"` })),
            },
          }),
          { abortSignal: signal },
        );
      } catch (error) {
        const name = (error as { name?: string }).name;
        if (tries > 1 && (name === 'NoSuchUpload' || name === 'NoSuchKey')) return { ETag: '' };
        throw error;
      }
    });
    return bareEtag(out.ETag);
  }

  /** Aborts a multipart upload (best effort, asked once: it runs after the transfer has stopped). */
  async abort(upload: ObjectRef & { uploadId: string }): Promise<void> {
    try {
      await this.#client.send(
        new AbortMultipartUploadCommand({
          Bucket: upload.bucket,
          Key: upload.key,
          UploadId: upload.uploadId,
        }),
      );
    } catch (error) {
      this.#ctx.logger.debug('transfer: abort of a stale upload failed', { error: String(error) });
    }
  }

  /**
   * The parts the server holds for an upload (number → ETag); undefined when it no longer knows the upload.
   * Throws when the server cannot list them (RustFS's test suite skips ListParts).
   */
  async listParts(
    upload: ObjectRef & { uploadId: string },
  ): Promise<Map<number, string> | undefined> {
    const listed = new Map<number, string>();
    try {
      let marker: string | undefined;
      do {
        const page = await this.#client.send(
          new ListPartsCommand({
            Bucket: upload.bucket,
            Key: upload.key,
            UploadId: upload.uploadId,
            PartNumberMarker: marker,
          }),
          { abortSignal: this.#ctx.signal },
        );
        for (const part of page.Parts ?? []) listed.set(part.PartNumber!, bareEtag(part.ETag));
        marker = page.IsTruncated ? page.NextPartNumberMarker : undefined;
      } while (marker);
    } catch (error) {
      const code = translateError(error).code;
      if (code === 'NoSuchKey' || (error as { name?: string }).name === 'NoSuchUpload')
        return undefined;
      throw error;
    }
    return listed;
  }

  /**
   * GETs `[start, start + length)` of the object (the whole object when `length` is 0), only while its ETag
   * is still `etag`; `receive` reads the body, touching the attempt's stall watch and counting what it keeps.
   * A changed object fails with SourceChanged.
   */
  async get<T>(
    range: ObjectRef & { etag: string; start: number; length: number },
    signal: AbortSignal,
    receive: (body: Readable, attempt: Attempt) => Promise<T>,
  ): Promise<T> {
    const lean = await leanTargetFor(this.#client);
    return attempts(this.#ctx, signal, async (attempt) => {
      let body: Readable | undefined;
      // A stalled body is destroyed at once: reading it would otherwise wait for the socket's own timeout.
      const destroy = () => body?.destroy(attempt.signal.reason as Error);
      attempt.signal.addEventListener('abort', destroy, { once: true });
      try {
        body = (lean ? await lean.get(range, attempt.signal) : null) ?? undefined;
        // Refused (or no lean GET here): the SDK sends it, so its error keeps its one translation.
        body ??= (
          await this.#client.send(
            new GetObjectCommand({
              Bucket: range.bucket,
              Key: range.key,
              ...(range.length > 0
                ? { Range: `bytes=${range.start}-${range.start + range.length - 1}` }
                : {}),
              ...(range.etag ? { IfMatch: `"${range.etag}"` } : {}),
            }),
            { abortSignal: attempt.signal },
          )
        ).Body as Readable;
        return await receive(body, attempt);
      } catch (error) {
        if (
          (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode === 412
        ) {
          throw FerryError.of('SourceChanged', 'download.objectChanged', { key: range.key });
        }
        throw error;
      } finally {
        attempt.signal.removeEventListener('abort', destroy);
        body?.destroy();
      }
    });
  }
}
