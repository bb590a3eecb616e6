import { createHash } from 'node:crypto';
import type { Engine } from '../engine.js';
import type { BucketSide } from './bucket-sync.js';

/** A stable id per sync pair, so the next run (from the CLI or the app) finds its baseline. */
export function pairId(parts: string[]): string {
  return `sync-${createHash('sha256').update(JSON.stringify(parts)).digest('hex').slice(0, 20)}`;
}

/** The id of a bucket → bucket pair: both sides by endpoint, bucket and prefix (a profile may be renamed). */
export function bucketPairId(engine: Engine, source: BucketSide, target: BucketSide): string {
  return pairId([
    'buckets',
    ...[source, target].flatMap((s) => [
      engine.profiles.get(s.profileId).endpoint,
      s.bucket,
      s.prefix,
    ]),
  ]);
}

/**
 * Two prefixes of one bucket on one server that contain each other: a sync between them would copy its
 * own copies.
 */
export function sidesOverlap(engine: Engine, a: BucketSide, b: BucketSide): boolean {
  const endpoint = (s: BucketSide) => engine.profiles.get(s.profileId).endpoint;
  if (endpoint(a) !== endpoint(b) || a.bucket !== b.bucket) return false;
  return a.prefix.startsWith(b.prefix) || b.prefix.startsWith(a.prefix);
}
