import { createHash } from 'node:crypto';
import {
  AbortMultipartUploadCommand,
  CompleteMultipartUploadCommand,
  CreateMultipartUploadCommand,
  GetObjectCommand,
  HeadObjectCommand,
  PutObjectCommand,
  UploadPartCommand,
  type S3Client,
} from '@aws-sdk/client-s3';
import { headersOf } from '../objects/copy-object.js';
import { sourceTagging, tagCompleted, withTagging } from '../objects/copy-tags.js';
import { integrityMismatch, isPlainMd5, multipartEtag } from '../transfer/integrity.js';
import { bareEtag } from '../watch/remote.js';

/** Parts of a streamed copy: S3's 5 MiB minimum is too small to go fast, 8 MiB keeps 4 copies in 32 MiB. */
export const STREAM_PART = 8 * 1024 * 1024;

export interface StreamCopy {
  from: { bucket: string; key: string };
  to: { bucket: string; key: string };
  /** As listed: the copy must read exactly these bytes of exactly this version. */
  size: number;
  etag: string;
  signal?: AbortSignal;
}

/**
 * Copies one object between two connections (two servers, or two accounts) through Ferry: a GET streamed
 * into a PUT, or into a multipart upload of STREAM_PART parts when larger, with its content headers,
 * user metadata and tags (where the target does tagging). Every byte is hashed on the way: the copy is verified against the source's ETag (when it
 * is an MD5) and the target's (an MD5, or the MD5 of the parts' MD5s for a multipart upload), and its size.
 * Answers the target's ETag. An unfinished multipart upload is aborted on failure.
 */
export async function streamCopy(src: S3Client, dst: S3Client, o: StreamCopy): Promise<string> {
  const opts = o.signal ? { abortSignal: o.signal } : {};
  const got = await src.send(
    new GetObjectCommand({
      Bucket: o.from.bucket,
      Key: o.from.key,
      ...(o.etag ? { IfMatch: `"${o.etag}"` } : {}),
    }),
    opts,
  );
  const headers = headersOf(got);
  // The GET says how many tags the object has (x-amz-tagging-count): only tagged objects cost a request.
  const tagging = got.TagCount ? await sourceTagging(src, o.from, o.signal) : undefined;
  const target = { Bucket: o.to.bucket, Key: o.to.key };
  const whole = createHash('md5');
  const partMd5s: string[] = [];
  const parts: { PartNumber: number; ETag: string }[] = [];
  let uploadId: string | undefined;
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  let total = 0;

  const sendPart = async (data: Buffer) => {
    uploadId ??= (await dst.send(new CreateMultipartUploadCommand({ ...target, ...headers }), opts))
      .UploadId;
    const md5 = createHash('md5').update(data).digest();
    const PartNumber = parts.length + 1;
    const out = await dst.send(
      new UploadPartCommand({
        ...target,
        UploadId: uploadId,
        PartNumber,
        Body: data,
        ContentLength: data.length,
        ContentMD5: md5.toString('base64'),
      }),
      opts,
    );
    partMd5s.push(md5.toString('hex'));
    parts.push({ PartNumber, ETag: out.ETag ?? '' });
  };

  try {
    for await (const chunk of got.Body as AsyncIterable<Uint8Array>) {
      whole.update(chunk);
      total += chunk.length;
      pending.push(Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength));
      pendingBytes += chunk.length;
      // Strictly more than a part: the last part is never empty, and an object of one part goes in one PUT.
      while (pendingBytes > STREAM_PART) {
        const all = Buffer.concat(pending);
        await sendPart(all.subarray(0, STREAM_PART));
        pending = [all.subarray(STREAM_PART)];
        pendingBytes = all.length - STREAM_PART;
      }
    }
    const where = `s3://${o.from.bucket}/${o.from.key}`;
    if (total !== o.size) throw integrityMismatch(where, `${o.size} bytes`, `${total} bytes`);
    const md5 = whole.digest('hex');
    if (isPlainMd5(o.etag) && md5 !== o.etag.toLowerCase())
      throw integrityMismatch(where, o.etag, md5);
    const rest = Buffer.concat(pending);
    let expected = md5;
    let answered: string | undefined;
    if (uploadId === undefined) {
      const out = await withTagging(tagging, (t) =>
        dst.send(
          new PutObjectCommand({
            ...target,
            ...headers,
            ...t,
            Body: rest,
            ContentLength: rest.length,
            ContentMD5: Buffer.from(md5, 'hex').toString('base64'),
          }),
          opts,
        ),
      );
      answered = out.ETag;
    } else {
      await sendPart(rest);
      const out = await dst.send(
        new CompleteMultipartUploadCommand({
          ...target,
          UploadId: uploadId,
          MultipartUpload: { Parts: parts },
        }),
        opts,
      );
      answered = out.ETag;
      await tagCompleted(dst, o.to, tagging, o.signal);
      expected = multipartEtag(partMd5s);
    }
    const copied = `s3://${o.to.bucket}/${o.to.key}`;
    // Every body went with its length and Content-MD5, so the server took exactly those bytes: its answer's
    // ETag, when it is the one expected, proves the copy without asking again.
    if (answered !== undefined && bareEtag(answered).toLowerCase() === expected) {
      return bareEtag(answered);
    }
    // Some servers answer CompleteMultipartUpload with an empty ETag (Ceph): the HEAD has it.
    const head = await dst.send(new HeadObjectCommand(target), opts);
    if (head.ContentLength !== total) {
      throw integrityMismatch(copied, `${total} bytes`, `${head.ContentLength ?? 0} bytes`);
    }
    const etag = bareEtag(head.ETag);
    if (/^[0-9a-f]{32}(-\d+)?$/i.test(etag) && etag.toLowerCase() !== expected) {
      throw integrityMismatch(copied, expected, etag);
    }
    return etag;
  } catch (error) {
    if (uploadId !== undefined) {
      await dst
        .send(new AbortMultipartUploadCommand({ ...target, UploadId: uploadId }))
        .catch(() => {});
    }
    throw error;
  }
}
