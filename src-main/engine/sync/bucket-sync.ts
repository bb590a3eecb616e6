import { HeadObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import type { FerryErrorData } from '../../../src-shared/errors.js';
import { translateError } from '../connection/translate.js';
import type { Engine } from '../engine.js';
import { FerryError } from '../errors.js';
import { copyOne } from '../objects/copy-object.js';
import { DELETE_REQUEST_KEYS } from '../objects/delete.js';
import { runPool } from '../objects/pool.js';
import { integrityMismatch } from '../transfer/integrity.js';
import { bareEtag, deleteRemote, listRemote, type ListedObject } from '../watch/remote.js';
import { keyFor, type PathFilter } from '../watch/rules.js';
import type { PairBaseline } from './baseline.js';
import { bucketRel, targetKeyProblem } from './bucket-pair.js';
import { planBuckets, toBucketPlan, type PlannedCopy } from './bucket-plan.js';
import { abortLeftUploads } from './left-uploads.js';
import { streamCopy } from './stream-copy.js';
import type { PairAction, PairFailure, PairOptions, PairResult } from './types.js';

/** One side of a bucket → bucket sync. */
export interface BucketSide {
  profileId: string;
  bucket: string;
  /** Normalised: '' or ending with `/`. */
  prefix: string;
}

/** Objects copied at a time (each streamed copy holds up to two parts in memory). */
const COPY_CONCURRENCY = 4;

/**
 * One bucket → bucket sync: list both prefixes, plan against the baseline, copy what is new or changed
 * (server-side on one connection — CopyObject, UploadPartCopy above 5 GiB — or streamed through Ferry
 * between two), verify each copy, then delete at the target what the plan allows. The baseline records
 * each copy as it ends, so a sync stopped halfway resumes with what is left (and aborts the uploads its
 * unfinished copies left open).
 */
export async function syncBuckets(
  engine: Engine,
  sync: { source: BucketSide; target: BucketSide; filter: PathFilter },
  baseline: PairBaseline,
  options: PairOptions,
): Promise<PairResult> {
  const { source, target } = sync;
  const sameConnection = source.profileId === target.profileId;
  const src = await engine.profiles.client(source.profileId);
  const dst = sameConnection ? src : await engine.profiles.client(target.profileId);
  // Keys the target cannot hold (S3's own limits only), each with its error.
  const skips: PairAction[] = [];
  const signal = options.signal;
  const { objects: from, excluded } = await listed(src, source, sync.filter, signal, (o, rel) => {
    const problem = targetKeyProblem(o.key, keyFor(target.prefix, rel));
    if (!problem) return true;
    skips.push({
      action: 'skip',
      rel,
      key: o.key,
      size: o.size,
      reason: problem.message,
      error: problem.toData(),
    });
    return false;
  });
  const { objects: to } = await listed(dst, target, sync.filter, signal, () => true);
  const r = planBuckets({
    source: from,
    target: to,
    baseline,
    skips,
    mirror: options.mirror,
    confirmDeletes: options.confirmDeletes,
    caps: options,
  });
  const plan = toBucketPlan(r, excluded);
  options.onPlan?.(plan);
  if (options.dryRun) return { plan, failed: [] };

  for (const a of r.adopted) baseline.setBucket(a.rel, a.base);
  for (const rel of r.forget) baseline.delete(rel);
  // A skip's error tells onAction the object is left behind (a failure); a keep is done on purpose.
  for (const a of [...r.keeps, ...r.skips]) options.onAction?.(a, a.error ?? null);
  const failed: PairFailure[] = [];
  const report = (action: PairAction, error: unknown) => {
    const data: FerryErrorData | null =
      error === null
        ? null
        : (error instanceof FerryError ? error : translateError(error)).toData();
    if (data) failed.push({ ...action, error: data });
    options.onAction?.(action, data);
  };
  const copyActions = plan.actions.filter((a) => a.action === 'copy');
  if (r.copies.length > 0) {
    const keys = new Set(r.copies.map((c) => keyFor(target.prefix, c.rel)));
    await abortLeftUploads(dst, target.bucket, target.prefix, keys, engine.logger);
  }
  await runPool(r.copies.length, COPY_CONCURRENCY, async (i) => {
    const c = r.copies[i]!;
    if (signal?.aborted) return;
    try {
      const dstEtag = sameConnection
        ? await copyOnServer(src, source, target, c, signal)
        : await streamCopy(src, dst, {
            from: { bucket: source.bucket, key: c.from.key },
            to: { bucket: target.bucket, key: keyFor(target.prefix, c.rel) },
            size: c.from.size,
            etag: c.from.etag,
            ...(signal ? { signal } : {}),
          });
      baseline.setBucket(c.rel, { size: c.from.size, srcEtag: c.from.etag, dstEtag });
      report(copyActions[i]!, null);
    } catch (error) {
      // A copy cut short by the stop is not a failure: it was not recorded, so the next run makes it.
      if (!signal?.aborted) report(copyActions[i]!, error);
    }
  });
  if (signal?.aborted) return { plan, failed };
  const deleteActions = plan.actions.filter((a) => a.action === 'delete');
  for (let i = 0; i < deleteActions.length; i += DELETE_REQUEST_KEYS) {
    const batch = deleteActions.slice(i, i + DELETE_REQUEST_KEYS);
    try {
      // deleteRemote throws on the first key the server refused: no throw, every key is gone.
      await deleteRemote(
        dst,
        target.bucket,
        batch.map((a) => a.key),
      );
      for (const a of batch) {
        baseline.delete(a.rel);
        report(a, null);
      }
    } catch (error) {
      for (const a of batch) report(a, error);
    }
  }
  return { plan, failed };
}

/**
 * Lists one side by relative path (key-exact, see bucketRel), keeping what the filter (and `keep`)
 * accepts; counts what the filter left out.
 */
async function listed(
  client: S3Client,
  side: BucketSide,
  filter: PathFilter,
  signal: AbortSignal | undefined,
  keep: (o: ListedObject, rel: string) => boolean,
): Promise<{ objects: Map<string, ListedObject>; excluded: number }> {
  const objects = new Map<string, ListedObject>();
  let excluded = 0;
  for await (const o of listRemote(client, side.bucket, side.prefix, signal)) {
    const rel = bucketRel(side.prefix, o.key);
    if (rel === undefined) continue;
    if (!filter.acceptsKey(rel)) excluded++;
    else if (keep(o, rel)) objects.set(rel, o);
  }
  return { objects, excluded };
}

/** A server-side copy (metadata carried by the server), checked by a HEAD of the copy; answers its ETag. */
async function copyOnServer(
  client: S3Client,
  source: BucketSide,
  target: BucketSide,
  c: PlannedCopy,
  signal: AbortSignal | undefined,
): Promise<string> {
  const to = { bucket: target.bucket, key: keyFor(target.prefix, c.rel) };
  await copyOne(client, {
    from: { bucket: source.bucket, key: c.from.key },
    to,
    size: c.from.size,
    ...(signal ? { signal } : {}),
    // Only a plain MD5 is asked for: Swift refuses If-Match with the listed ETag of a multipart (SLO)
    // object; the HEAD below still checks the size of such a copy.
    ifMatch: /^[0-9a-f]{32}$/i.test(c.from.etag) ? `"${c.from.etag}"` : undefined,
  });
  const head = await client.send(
    new HeadObjectCommand({ Bucket: to.bucket, Key: to.key }),
    signal ? { abortSignal: signal } : {},
  );
  const etag = bareEtag(head.ETag);
  const where = `s3://${to.bucket}/${to.key}`;
  if (head.ContentLength !== c.from.size) {
    throw integrityMismatch(where, `${c.from.size} bytes`, `${head.ContentLength ?? 0} bytes`);
  }
  // One request copies it whole: a plain MD5 on both sides must be the same one.
  const plain = /^[0-9a-f]{32}$/i;
  if (plain.test(c.from.etag) && plain.test(etag) && etag !== c.from.etag) {
    throw integrityMismatch(where, c.from.etag, etag);
  }
  return etag;
}
