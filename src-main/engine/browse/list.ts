import {
  ListObjectsV2Command,
  type ListObjectsV2CommandOutput,
  type S3Client,
} from '@aws-sdk/client-s3';
import type { Entry } from '../../../src-shared/contract/index.js';
import { translateError } from '../connection/translate.js';
import { assertBucketName } from '../objects/names.js';

/** Where and how to list. `prefix` is a folder ('' or ending in `/`); `search` narrows names within it. */
export interface ListOptions {
  bucket: string;
  prefix?: string;
  search?: string;
  /** Every object below the prefix instead of one folder level (no delimiter). */
  recursive?: boolean;
  /** Keys per request; S3 answers at most 1000. */
  pageSize?: number;
  continuationToken?: string;
  signal?: AbortSignal;
  /** For error messages. */
  endpoint?: string;
}

/** The last segment of a key, without a folder's trailing slash. */
export function entryName(key: string): string {
  const trimmed = key.endsWith('/') ? key.slice(0, -1) : key;
  return trimmed.slice(trimmed.lastIndexOf('/') + 1);
}

/** Folders (common prefixes, folder markers) first, then objects, each in the server's key order. */
export function toEntries(out: ListObjectsV2CommandOutput, prefix: string): Entry[] {
  const folders: Entry[] = (out.CommonPrefixes ?? [])
    .filter((p): p is { Prefix: string } => typeof p.Prefix === 'string')
    .map((p) => folderEntry(p.Prefix));
  const objects: Entry[] = [];
  for (const o of out.Contents ?? []) {
    // The folder's own marker (`photos/` when listing `photos/`) is the folder itself, not an entry in it.
    if (!o.Key || o.Key === prefix) continue;
    if (o.Key.endsWith('/') && (o.Size ?? 0) === 0) {
      folders.push(folderEntry(o.Key));
      continue;
    }
    objects.push({
      key: o.Key,
      name: entryName(o.Key),
      isFolder: false,
      size: o.Size ?? 0,
      lastModified: o.LastModified ? o.LastModified.toISOString() : null,
      storageClass: o.StorageClass ?? null,
      etag: o.ETag ?? null,
    });
  }
  return [...folders, ...objects];
}

function folderEntry(key: string): Entry {
  return {
    key,
    name: entryName(key),
    isFolder: true,
    size: 0,
    lastModified: null,
    storageClass: null,
    etag: null,
  };
}

/** One ListObjectsV2 request, translated. */
export async function listPage(
  client: S3Client,
  options: ListOptions,
): Promise<{ entries: Entry[]; nextToken: string | null; raw: ListObjectsV2CommandOutput }> {
  assertBucketName(options.bucket);
  const prefix = options.prefix ?? '';
  try {
    const out = await client.send(
      new ListObjectsV2Command({
        Bucket: options.bucket,
        Prefix: prefix + (options.search ?? ''),
        ...(options.recursive ? {} : { Delimiter: '/' }),
        MaxKeys: options.pageSize ?? 1000,
        ...(options.continuationToken ? { ContinuationToken: options.continuationToken } : {}),
      }),
      options.signal ? { abortSignal: options.signal } : {},
    );
    const nextToken =
      out.IsTruncated && out.NextContinuationToken ? out.NextContinuationToken : null;
    return { entries: toEntries(out, prefix), nextToken, raw: out };
  } catch (error) {
    throw translateError(error, { endpoint: options.endpoint, bucket: options.bucket });
  }
}

/**
 * Every page of a listing, as it arrives: no HEAD per object, nothing buffered beyond one page. Stops
 * (throwing Cancelled) when the signal aborts.
 */
export async function* listPages(client: S3Client, options: ListOptions): AsyncGenerator<Entry[]> {
  let token = options.continuationToken;
  do {
    const page = await listPage(client, { ...options, continuationToken: token });
    token = page.nextToken ?? undefined;
    yield page.entries;
  } while (token);
}

/** Every object below a prefix (recursive), as raw keys with sizes: for counting, deleting and copying. */
export async function* listObjects(
  client: S3Client,
  options: ListOptions,
): AsyncGenerator<{ key: string; size: number; etag: string | null }[]> {
  let token: string | undefined;
  do {
    const page = await listPage(client, { ...options, recursive: true, continuationToken: token });
    token = page.nextToken ?? undefined;
    yield (page.raw.Contents ?? [])
      .filter((o): o is typeof o & { Key: string } => typeof o.Key === 'string')
      .map((o) => ({ key: o.Key, size: o.Size ?? 0, etag: o.ETag ?? null }));
  } while (token);
}

/** "Size of this folder": recursive object count and total bytes below a prefix (markers not counted). */
export async function folderSize(
  client: S3Client,
  options: Omit<ListOptions, 'recursive' | 'search'>,
): Promise<{ objects: number; bytes: number }> {
  let objects = 0;
  let bytes = 0;
  for await (const page of listObjects(client, options)) {
    for (const o of page) {
      if (o.key.endsWith('/') && o.size === 0) continue;
      objects += 1;
      bytes += o.size;
    }
  }
  return { objects, bytes };
}
