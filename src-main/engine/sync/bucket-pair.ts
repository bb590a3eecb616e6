import { createHash } from 'node:crypto';
import type { Engine } from '../engine.js';
import { FerryError } from '../errors.js';
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

/**
 * The path of a listed key relative to a bucket side's prefix, byte for byte: a bucket → bucket pair never
 * writes a local file, so `..`, `.`, `//`, a backslash or a trailing `/` (a folder marker, with or without
 * content) are kept as they are. The prefix's own marker (`photos/` under `photos/`) is the empty path.
 */
export function bucketRel(prefix: string, key: string): string | undefined {
  return key.startsWith(prefix) ? key.slice(prefix.length) : undefined;
}

/** S3 limits keys to 1,024 bytes (UTF-8). */
const MAX_KEY_BYTES = 1024;

/**
 * Why the target cannot hold the copy of `key` at `targetKey`, or undefined when it can: the only limits
 * are S3's (no empty key, at most 1,024 bytes); what the target server itself refuses fails the copy.
 */
export function targetKeyProblem(key: string, targetKey: string): FerryError | undefined {
  const shown = key.slice(0, 200);
  if (targetKey === '') return FerryError.of('InvalidKey', 'sync.targetKey.empty', { key: shown });
  const bytes = Buffer.byteLength(targetKey, 'utf8');
  if (bytes <= MAX_KEY_BYTES) return undefined;
  return FerryError.of('InvalidKey', 'sync.targetKey.tooLong', { key: shown, bytes });
}
