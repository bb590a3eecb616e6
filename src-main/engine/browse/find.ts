import { ListObjectVersionsCommand, type S3Client } from '@aws-sdk/client-s3';
import picomatch from 'picomatch';
import type { Entry } from '../../../src-shared/contract/index.js';
import { translateError } from '../connection/translate.js';
import { invalid } from '../errors.js';
import { assertBucketName } from '../objects/names.js';
import { entryName, listObjects, listPages } from './list.js';

/** Where to search and what for. */
export interface FindOptions {
  bucket: string;
  /** Searched recursively; '' for the whole bucket. */
  prefix: string;
  pattern: string;
  /** Keys per listing request (S3 answers at most 1000). */
  pageSize?: number;
  signal?: AbortSignal;
  endpoint?: string;
}

const GLOB = /[*?[\]{}]/;

/**
 * What a search pattern matches, given a key's path below the searched prefix. Without glob characters it is
 * a case-insensitive substring; with them (`*`, `?`, `**`) a glob. Either way a pattern without a slash is
 * matched against the object's name, one with a slash against its path below the prefix.
 */
export function nameMatcher(pattern: string): (relativeKey: string) => boolean {
  const wanted = pattern.trim();
  if (!wanted) {
    throw invalid('search.emptyPattern');
  }
  const onPath = wanted.includes('/');
  const subject = (rel: string) => (onPath ? rel : entryName(rel));
  if (!GLOB.test(wanted)) {
    const needle = wanted.toLowerCase();
    return (rel) => subject(rel).toLowerCase().includes(needle);
  }
  const glob = picomatch(wanted, { dot: true, nocase: true, basename: !onPath });
  return (rel) => glob(rel);
}

/**
 * The objects under a prefix whose name matches, page by page as the listing goes (an empty page still
 * reports how many keys were scanned). Folder markers are not results: they hold no data.
 */
export async function* findObjects(
  client: S3Client,
  o: FindOptions,
): AsyncGenerator<{ matches: Entry[]; scanned: number }> {
  const matches = nameMatcher(o.pattern);
  for await (const page of listPages(client, {
    bucket: o.bucket,
    prefix: o.prefix,
    recursive: true,
    ...(o.pageSize ? { pageSize: o.pageSize } : {}),
    ...(o.signal ? { signal: o.signal } : {}),
    ...(o.endpoint ? { endpoint: o.endpoint } : {}),
  })) {
    const found = page.filter((e) => !e.isFolder && matches(e.key.slice(o.prefix.length)));
    yield { matches: found, scanned: page.length };
  }
}

/** What lies under a prefix: current objects and bytes, and with versions every version and delete marker. */
export interface Usage {
  objects: number;
  bytes: number;
  /** Every stored version (current ones included), when asked; null otherwise. */
  versions: number | null;
  /** Bytes of every stored version, when asked. */
  versionBytes: number | null;
  deleteMarkers: number | null;
}

/** `du`: counts and sizes under a prefix (ListObjectsV2, and ListObjectVersions with `versions`). */
export async function usage(
  client: S3Client,
  o: { bucket: string; prefix: string; versions: boolean; endpoint?: string },
): Promise<Usage> {
  let objects = 0;
  let bytes = 0;
  for await (const page of listObjects(client, o)) {
    for (const x of page) {
      if (x.key.endsWith('/') && x.size === 0) continue;
      objects += 1;
      bytes += x.size;
    }
  }
  if (!o.versions) {
    return { objects, bytes, versions: null, versionBytes: null, deleteMarkers: null };
  }
  return { objects, bytes, ...(await countVersions(client, o)) };
}

async function countVersions(
  client: S3Client,
  o: { bucket: string; prefix: string; endpoint?: string },
): Promise<{ versions: number; versionBytes: number; deleteMarkers: number }> {
  assertBucketName(o.bucket);
  let versions = 0;
  let versionBytes = 0;
  let deleteMarkers = 0;
  let keyMarker: string | undefined;
  let versionMarker: string | undefined;
  try {
    for (;;) {
      const out = await client.send(
        new ListObjectVersionsCommand({
          Bucket: o.bucket,
          Prefix: o.prefix,
          ...(keyMarker ? { KeyMarker: keyMarker } : {}),
          ...(versionMarker ? { VersionIdMarker: versionMarker } : {}),
        }),
      );
      for (const v of out.Versions ?? []) {
        if (v.Key?.endsWith('/') && (v.Size ?? 0) === 0) continue;
        versions += 1;
        versionBytes += v.Size ?? 0;
      }
      deleteMarkers += (out.DeleteMarkers ?? []).length;
      if (!out.IsTruncated || !out.NextKeyMarker) break;
      keyMarker = out.NextKeyMarker;
      versionMarker = out.NextVersionIdMarker;
    }
  } catch (error) {
    throw translateError(error, { endpoint: o.endpoint, bucket: o.bucket });
  }
  return { versions, versionBytes, deleteMarkers };
}
