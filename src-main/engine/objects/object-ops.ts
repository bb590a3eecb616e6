import {
  GetObjectCommand,
  HeadObjectCommand,
  PutObjectCommand,
  type HeadObjectCommandOutput,
  type S3Client,
} from '@aws-sdk/client-s3';
import type { Entry, ObjectDetails } from '../../../src-shared/contract/index.js';
import { translateError } from '../connection/translate.js';
import type { FerryError } from '../errors.js';
import { missingBucket } from '../browse/buckets.js';
import { entryName } from '../browse/list.js';
import { copyOne } from './copy-object.js';
import { assertHeaderValue, assertMetadata } from './metadata.js';
import { assertBucketName, assertKey } from './names.js';
import { isGenericType } from '../transfer/content-type.js';
import { sniffImageType } from './sniff.js';

function details(bucket: string, key: string, h: HeadObjectCommandOutput): ObjectDetails {
  return {
    bucket,
    key,
    size: h.ContentLength ?? 0,
    lastModified: h.LastModified ? h.LastModified.toISOString() : null,
    etag: h.ETag ?? null,
    contentType: h.ContentType ?? null,
    cacheControl: h.CacheControl ?? null,
    contentDisposition: h.ContentDisposition ?? null,
    contentEncoding: h.ContentEncoding ?? null,
    contentLanguage: h.ContentLanguage ?? null,
    expires: h.Expires ? h.Expires.toISOString() : null,
    storageClass: h.StorageClass ?? null,
    versionId: h.VersionId ?? null,
    metadata: { ...(h.Metadata ?? {}) },
  };
}

/** HeadObject: every piece of metadata, without the body. */
export async function headObject(
  client: S3Client,
  bucket: string,
  key: string,
  endpoint?: string,
): Promise<ObjectDetails> {
  assertBucketName(bucket);
  assertKey(key, false);
  try {
    return details(
      bucket,
      key,
      await client.send(new HeadObjectCommand({ Bucket: bucket, Key: key })),
    );
  } catch (error) {
    throw await notFoundWhich(
      client,
      translateError(error, { endpoint, bucket, key }),
      bucket,
      endpoint,
    );
  }
}

/** HeadObject, or null for a missing key. */
export async function headOrNull(client: S3Client, bucket: string, key: string) {
  try {
    return await client.send(new HeadObjectCommand({ Bucket: bucket, Key: key }));
  } catch (error) {
    const status = (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
    if (status === 404) return null;
    throw error;
  }
}

/**
 * A HEAD answer has no body, so a 404 cannot say whether the object or its bucket is missing. When the
 * object seems missing, one HeadBucket tells them apart; the object error stands if that call cannot tell.
 */
export async function notFoundWhich(
  client: S3Client,
  error: FerryError,
  bucket: string,
  endpoint?: string,
): Promise<FerryError> {
  if (error.code !== 'NoSuchKey') return error;
  return (await missingBucket(client, bucket, endpoint)) ?? error;
}

/** Creates an empty folder marker (`name/`), the way consoles show an empty folder. */
export async function createFolder(
  client: S3Client,
  bucket: string,
  key: string,
  endpoint?: string,
): Promise<Entry> {
  const folder = key.endsWith('/') ? key : `${key}/`;
  assertBucketName(bucket);
  assertKey(folder, true);
  try {
    await client.send(
      new PutObjectCommand({ Bucket: bucket, Key: folder, Body: new Uint8Array(0) }),
    );
  } catch (error) {
    throw translateError(error, { endpoint, bucket, key: folder });
  }
  return {
    key: folder,
    name: entryName(folder),
    isFolder: true,
    size: 0,
    lastModified: null,
    storageClass: null,
    etag: null,
  };
}

export interface MetadataChange {
  contentType?: string | undefined;
  cacheControl?: string | undefined;
  contentDisposition?: string | undefined;
  /** Replaces all user metadata when given; values may hold any text (the client encodes them). */
  metadata?: Record<string, string> | undefined;
}

/**
 * Edits content headers and `x-amz-meta-*` by copying the object onto itself with REPLACE. Headers not
 * being edited are carried over, and the copy only happens if the object is unchanged since it was read.
 */
export async function updateMetadata(
  client: S3Client,
  bucket: string,
  key: string,
  change: MetadataChange,
  endpoint?: string,
): Promise<ObjectDetails> {
  // Refused before anything is sent; the client would refuse it too, but only after the HEAD.
  assertMetadata(change.metadata ?? {});
  if (change.contentType) assertHeaderValue('Content-Type', change.contentType);
  if (change.cacheControl) assertHeaderValue('Cache-Control', change.cacheControl);
  if (change.contentDisposition) {
    assertHeaderValue('Content-Disposition', change.contentDisposition);
  }
  const current = await headObject(client, bucket, key, endpoint);
  const pick = (next: string | undefined, now: string | null) =>
    next !== undefined ? next || undefined : (now ?? undefined);
  const replace = {
    ContentType: pick(change.contentType, current.contentType),
    CacheControl: pick(change.cacheControl, current.cacheControl),
    ContentDisposition: pick(change.contentDisposition, current.contentDisposition),
    ContentEncoding: current.contentEncoding ?? undefined,
    ContentLanguage: current.contentLanguage ?? undefined,
    ...(current.expires ? { Expires: new Date(current.expires) } : {}),
    Metadata: change.metadata ?? current.metadata,
  };
  try {
    await copyOne(client, {
      from: { bucket, key },
      to: { bucket, key },
      size: current.size,
      ifMatch: current.etag ?? undefined,
      replace: Object.fromEntries(
        Object.entries(replace).filter(([, v]) => v !== undefined),
      ) as typeof replace,
    });
  } catch (error) {
    throw translateError(error, { endpoint, bucket, key });
  }
  return headObject(client, bucket, key, endpoint);
}

const TEXT_TYPES =
  /^(text\/|application\/(json|xml|javascript|x-yaml|yaml|toml|x-sh|csv)|image\/svg\+xml)/;
const TEXT_EXT = /\.(txt|md|json|ya?ml|toml|xml|csv|tsv|log|ini|conf|sh|py|js|ts|html?|css|sql)$/i;
const IMAGE_TYPES = /^image\/(png|jpeg|gif|webp|bmp|avif)$/;

/** A small ranged preview of an object: text decoded, images as a data: URL, anything else as binary. */
export async function previewObject(
  client: S3Client,
  bucket: string,
  key: string,
  maxBytes: number,
  endpoint?: string,
) {
  assertBucketName(bucket);
  assertKey(key, false);
  try {
    const out = await client.send(
      new GetObjectCommand({ Bucket: bucket, Key: key, Range: `bytes=0-${maxBytes - 1}` }),
    );
    const body = out.Body ? await out.Body.transformToByteArray() : new Uint8Array(0);
    const total = Number(
      /\/(\d+)$/.exec(out.ContentRange ?? '')?.[1] ?? out.ContentLength ?? body.length,
    );
    const contentType = out.ContentType ?? null;
    const truncated = total > body.length;
    const type = (contentType ?? '').split(';')[0]!.trim().toLowerCase();
    // A generic type says nothing: the first bytes may still say "image".
    const image = IMAGE_TYPES.test(type) ? type : isGenericType(type) && sniffImageType(body);
    if (image && !truncated) {
      return {
        kind: 'image' as const,
        contentType,
        size: total,
        truncated,
        text: null,
        dataUrl: `data:${image};base64,${Buffer.from(body).toString('base64')}`,
      };
    }
    if (TEXT_TYPES.test(type) || TEXT_EXT.test(key) || looksLikeText(body)) {
      const text = new TextDecoder('utf-8', { fatal: false }).decode(body);
      return { kind: 'text' as const, contentType, size: total, truncated, text, dataUrl: null };
    }
    return {
      kind: 'binary' as const,
      contentType,
      size: total,
      truncated,
      text: null,
      dataUrl: null,
    };
  } catch (error) {
    throw translateError(error, { endpoint, bucket, key });
  }
}

/** No NUL bytes and valid UTF-8 in the first few KiB: good enough to show as text. */
function looksLikeText(body: Uint8Array): boolean {
  const head = body.subarray(0, 4096);
  if (head.length === 0 || head.includes(0)) return false;
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(
      head.subarray(0, head.length - 4 > 0 ? head.length - 4 : head.length),
    );
    return true;
  } catch {
    return false;
  }
}
