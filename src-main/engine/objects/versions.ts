import { access } from 'node:fs/promises';
import path from 'node:path';
import {
  DeleteObjectCommand,
  HeadObjectCommand,
  ListObjectVersionsCommand,
  type ListObjectVersionsCommandOutput,
  type S3Client,
} from '@aws-sdk/client-s3';
import type {
  DeletedEntry,
  KeyFailure,
  ObjectVersion,
  VersionsMarker,
} from '../../../src-shared/contract/index.js';
import { entryName } from '../browse/list.js';
import { kindFromHeaders } from '../connection/servers.js';
import { translateError } from '../connection/translate.js';
import { FerryError } from '../errors.js';
import { copyOne } from './copy-object.js';
import { fetchObjectToFile } from './fetch-to-file.js';
import { assertBucketName, assertKey } from './names.js';

/** One version of one object, as the engine's version commands name it. */
export interface VersionRef {
  bucket: string;
  key: string;
  versionId: string;
}

export interface VersionsPageOptions {
  bucket: string;
  prefix?: string;
  /** Only the versions of the key `prefix` itself (a prefix listing also holds `prefix` + anything). */
  exact?: boolean;
  /** One folder level: deeper keys come back as common prefixes, which version views leave out. */
  delimiter?: string;
  marker?: VersionsMarker | undefined;
  pageSize?: number;
  signal?: AbortSignal;
  endpoint?: string;
}

type RawEntry = NonNullable<ListObjectVersionsCommandOutput['Versions']>[number] & {
  Size?: number;
};

function toVersion(v: RawEntry, deleteMarker: boolean): ObjectVersion | null {
  if (typeof v.Key !== 'string') return null;
  return {
    key: v.Key,
    versionId: v.VersionId ?? 'null',
    isLatest: v.IsLatest === true,
    deleteMarker,
    size: deleteMarker ? 0 : (v.Size ?? 0),
    lastModified: v.LastModified ? v.LastModified.toISOString() : null,
    etag: v.ETag ?? null,
  };
}

/**
 * Versions and delete markers come back from S3 in two lists; within a key they are newest first. The
 * merge keeps the server's key order and sorts each key's entries by date, newest first.
 */
function merge(out: ListObjectVersionsCommandOutput): ObjectVersion[] {
  const all = [
    ...(out.Versions ?? []).map((v) => toVersion(v, false)),
    ...(out.DeleteMarkers ?? []).map((v) => toVersion(v as RawEntry, true)),
  ].filter((v): v is ObjectVersion => v !== null);
  const order = new Map<string, number>();
  for (const v of all) if (!order.has(v.key)) order.set(v.key, order.size);
  const keyRank = (v: ObjectVersion) => order.get(v.key) ?? 0;
  // Array sort is stable: entries of one key and one date keep the server's order.
  return all.sort(
    (a, b) =>
      keyRank(a) - keyRank(b) ||
      Number(b.isLatest) - Number(a.isLatest) ||
      (b.lastModified ?? '').localeCompare(a.lastModified ?? ''),
  );
}

/**
 * Where the next page starts. S3 names the last entry sent (`NextKeyMarker`, `NextVersionIdMarker`).
 * Swift's s3api answers `NextVersionIdMarker` "null" whatever the last version was, and a request from
 * there answers an empty, complete page (measured on Swift 2.30), silently losing the rest; it pages
 * correctly from the last entry's own version id, which is what S3 means anyway.
 */
function nextMarker(out: ListObjectVersionsCommandOutput, page: ObjectVersion[]) {
  if (!out.IsTruncated) return null;
  const keyMarker = out.NextKeyMarker ?? page.at(-1)?.key;
  if (keyMarker === undefined) return null;
  let versionIdMarker = out.NextVersionIdMarker ?? '';
  const ofKey = page.filter((v) => v.key === keyMarker);
  if (versionIdMarker === 'null' && ofKey.length > 0 && ofKey.every((v) => v.versionId !== 'null'))
    versionIdMarker = ofKey.at(-1)!.versionId;
  return { keyMarker, versionIdMarker };
}

/** One ListObjectVersions request: versions and delete markers, each key's newest first. */
export async function listVersionsPage(
  client: S3Client,
  options: VersionsPageOptions,
): Promise<{
  versions: ObjectVersion[];
  next: VersionsMarker | null;
  prefixes: string[];
  /** The server is OpenStack Swift (s3api). */
  swift: boolean;
}> {
  assertBucketName(options.bucket);
  const prefix = options.prefix ?? '';
  try {
    let swift = false;
    const command = new ListObjectVersionsCommand({
      Bucket: options.bucket,
      Prefix: prefix,
      ...(options.delimiter ? { Delimiter: options.delimiter } : {}),
      MaxKeys: options.pageSize ?? 1000,
      ...(options.marker
        ? {
            KeyMarker: options.marker.keyMarker,
            ...(options.marker.versionIdMarker
              ? { VersionIdMarker: options.marker.versionIdMarker }
              : {}),
          }
        : {}),
    });
    // The answer's headers tell Swift apart, whose undelete needs another way (see undeleteOne).
    command.middlewareStack.add(
      (next) => async (args) => {
        const result = await next(args);
        const headers = (result.response as { headers?: Record<string, string> }).headers;
        swift = headers !== undefined && kindFromHeaders(headers) === 'swift';
        return result;
      },
      { step: 'deserialize', name: 'ferryServerKind' },
    );
    const out = await client.send(command, options.signal ? { abortSignal: options.signal } : {});
    const page = merge(out);
    let next = nextMarker(out, page);
    let versions = page;
    if (options.exact) {
      versions = page.filter((v) => v.key === prefix);
      // Keys come in order and all start with the key: once another shows, nothing of it is left to list.
      if (page.some((v) => v.key !== prefix)) next = null;
    }
    const prefixes = (out.CommonPrefixes ?? []).flatMap((p) => (p.Prefix ? [p.Prefix] : []));
    return { versions, next, prefixes, swift };
  } catch (error) {
    throw translateError(error, {
      endpoint: options.endpoint,
      bucket: options.bucket,
      ...(options.exact ? { key: prefix } : {}),
    });
  }
}

/**
 * One page of a folder's deleted objects: keys (one level down from `prefix`) whose current version is
 * a delete marker. A page may hold none while later pages do; page on until `next` is null.
 */
export async function listDeletedPage(
  client: S3Client,
  options: Omit<VersionsPageOptions, 'exact' | 'delimiter'>,
): Promise<{ entries: DeletedEntry[]; next: VersionsMarker | null }> {
  const page = await listVersionsPage(client, { ...options, delimiter: '/' });
  const entries = page.versions
    .filter((v) => v.deleteMarker && v.isLatest && !v.key.endsWith('/'))
    .map((v) => ({ key: v.key, name: entryName(v.key), deletedAt: v.lastModified }));
  return { entries, next: page.next };
}

/** Every version of one key, newest first, and whether the server is Swift. */
async function historyOf(client: S3Client, bucket: string, key: string, endpoint: string) {
  const all: ObjectVersion[] = [];
  let swift = false;
  let marker: VersionsMarker | undefined;
  do {
    const page = await listVersionsPage(client, {
      bucket,
      prefix: key,
      exact: true,
      endpoint,
      marker,
    });
    all.push(...page.versions);
    swift ||= page.swift;
    marker = page.next ?? undefined;
  } while (marker);
  return { versions: all, swift };
}

async function versionsOf(client: S3Client, bucket: string, key: string, endpoint: string) {
  return (await historyOf(client, bucket, key, endpoint)).versions;
}

function checkRef(ref: VersionRef): void {
  assertBucketName(ref.bucket);
  assertKey(ref.key, false);
}

/**
 * Makes a version current again: a server-side copy of that version over its own key, so the data never
 * passes through this machine (UploadPartCopy above 5 GiB). The versions in between stay in the history.
 */
export async function restoreVersion(
  client: S3Client,
  ref: VersionRef,
  endpoint: string,
): Promise<{ versionId: string | null }> {
  checkRef(ref);
  const context = { endpoint, bucket: ref.bucket, key: ref.key };
  let size: number;
  try {
    const head = await client.send(
      new HeadObjectCommand({ Bucket: ref.bucket, Key: ref.key, VersionId: ref.versionId }),
    );
    size = head.ContentLength ?? 0;
  } catch (error) {
    // A HEAD of a delete marker fails (AWS: 405, Ceph: 404): say so rather than "no such object".
    const found = await versionsOf(client, ref.bucket, ref.key, endpoint).catch(() => []);
    if (found.some((v) => v.versionId === ref.versionId && v.deleteMarker))
      throw markerNotRestorable(ref.key);
    throw translateError(error, context);
  }
  try {
    await copyOne(client, { from: ref, to: { bucket: ref.bucket, key: ref.key }, size });
    const now = await client.send(new HeadObjectCommand({ Bucket: ref.bucket, Key: ref.key }));
    return { versionId: now.VersionId ?? null };
  } catch (error) {
    throw translateError(error, context);
  }
}

function markerNotRestorable(key: string): FerryError {
  return FerryError.of('InvalidRequest', 'versions.markerNotRestorable', { key });
}

/** Deletes one version or delete marker permanently (a DELETE naming the version). */
export async function deleteVersion(
  client: S3Client,
  ref: VersionRef,
  endpoint: string,
): Promise<void> {
  checkRef(ref);
  try {
    await client.send(
      new DeleteObjectCommand({ Bucket: ref.bucket, Key: ref.key, VersionId: ref.versionId }),
    );
  } catch (error) {
    throw translateError(error, { endpoint, bucket: ref.bucket, key: ref.key });
  }
}

/**
 * Brings one deleted object back: removes the delete markers newer than its last version. Swift's s3api
 * cannot be trusted with that (measured on Swift 2.30): removing a marker leaves every version
 * non-current, so the object stays gone, and at times the DELETE never answers. There the last version
 * is copied over the key instead (server-side), which brings the object back and keeps the marker in
 * its history; on any server whose marker removal leaves the object gone, the same copy follows.
 */
export async function undeleteOne(
  client: S3Client,
  bucket: string,
  key: string,
  endpoint: string,
): Promise<void> {
  assertBucketName(bucket);
  assertKey(key, false);
  const context = { endpoint, bucket, key };
  const { versions, swift } = await historyOf(client, bucket, key, endpoint);
  if (!versions[0]?.deleteMarker) throw notDeleted(key);
  const markers: ObjectVersion[] = [];
  for (const v of versions) {
    if (!v.deleteMarker) break;
    markers.push(v);
  }
  const last = versions.find((v) => !v.deleteMarker);
  try {
    for (const marker of swift ? [] : markers) {
      await client.send(
        new DeleteObjectCommand({ Bucket: bucket, Key: key, VersionId: marker.versionId }),
      );
    }
    if (!last || (!swift && (await exists(client, bucket, key)))) return;
    await copyOne(client, {
      from: { bucket, key, versionId: last.versionId },
      to: { bucket, key },
      size: last.size,
    });
  } catch (error) {
    throw translateError(error, context);
  }
}

async function exists(client: S3Client, bucket: string, key: string): Promise<boolean> {
  try {
    await client.send(new HeadObjectCommand({ Bucket: bucket, Key: key }));
    return true;
  } catch (error) {
    if (translateError(error).code === 'NoSuchKey') return false;
    throw error;
  }
}

function notDeleted(key: string): FerryError {
  return FerryError.of('InvalidRequest', 'versions.notDeleted', { key });
}

/** Undeletes several keys; each failure is reported with its key, the others still come back. */
export async function undeleteKeys(
  client: S3Client,
  bucket: string,
  keys: string[],
  endpoint: string,
): Promise<{ undeleted: number; failures: KeyFailure[] }> {
  let undeleted = 0;
  const failures: KeyFailure[] = [];
  for (const key of keys) {
    try {
      await undeleteOne(client, bucket, key, endpoint);
      undeleted += 1;
    } catch (error) {
      failures.push({ key, error: translateError(error, { endpoint, bucket, key }).toData() });
    }
  }
  return { undeleted, failures };
}

/** Downloads one version to `folder/name` (the object's own name by default), whole or not at all. */
export async function downloadVersion(
  client: S3Client,
  ref: VersionRef,
  target: { folder: string; name?: string | undefined },
  endpoint: string,
): Promise<{ path: string; bytes: number }> {
  checkRef(ref);
  const name = target.name ?? entryName(ref.key);
  if (!name || name === '.' || name === '..' || /[/\\]/.test(name)) {
    throw FerryError.of('InvalidRequest', 'versions.badFileName', { name });
  }
  const folder = path.resolve(target.folder);
  // Never over a file that is there: a name the user chose is refused, the object's own name (the
  // desktop's folder pick) becomes "name (1).ext", as a second download in a browser would.
  let file = path.join(folder, name);
  if (await fileExists(file)) {
    if (target.name !== undefined) {
      throw FerryError.of('LocalFileExists', 'versions.fileExists', { file });
    }
    file = await freeName(folder, name);
  }
  const bytes = await fetchObjectToFile(client, ref, file, { endpoint });
  return { path: file, bytes };
}

async function fileExists(file: string): Promise<boolean> {
  return access(file).then(
    () => true,
    () => false,
  );
}

/** "name (1).ext", "name (2).ext", …: the first that is free. */
async function freeName(folder: string, name: string): Promise<string> {
  const ext = path.extname(name);
  const stem = ext && ext !== name ? name.slice(0, -ext.length) : name;
  for (let n = 1; ; n++) {
    const candidate = path.join(folder, `${stem} (${n})${ext === name ? '' : ext}`);
    if (!(await fileExists(candidate))) return candidate;
  }
}
