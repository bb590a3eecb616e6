/** `ferry sync SRC DST` where the source is a bucket: into a folder, or into another bucket. */
import path from 'node:path';
import { WatchOptions } from '../../src-shared/contract/index.js';
import type { FerryErrorData } from '../../src-shared/errors.js';
import type { Engine } from '../engine/engine.js';
import { PairBaseline } from '../engine/sync/baseline.js';
import { bucketPairId, pairId, sidesOverlap } from '../engine/sync/bucket-pair.js';
import { syncBuckets, type BucketSide } from '../engine/sync/bucket-sync.js';
import { syncDown } from '../engine/sync/down-sync.js';
import { WORK, type PairAction, type PairOptions, type PairResult } from '../engine/sync/types.js';
import {
  normalisePrefix,
  pathFilter,
  resolveFolder,
  type PathFilter,
} from '../engine/watch/rules.js';
import { resolveProfileId } from './connection.js';
import { formatError, usageError, type Io } from './io.js';
import { prefixEmpty, syncHeldBack } from './held-back.js';
import { isS3Url, parseS3Url } from './s3-url.js';
import { formatBytes } from './sizes.js';
import { optionsFrom } from './watch-target.js';
import type { CommandContext } from './commands/command.js';

/** The connection of one side: `--src-profile` / `--dst-profile`, else what `--profile` (or the environment) gives. */
export async function sideProfile(ctx: CommandContext, side: 'src' | 'dst'): Promise<string> {
  const named = ctx.flags[`${side}-profile`];
  if (typeof named === 'string') {
    ctx.engine.profiles.get(named);
    return named;
  }
  return resolveProfileId(ctx.engine, ctx.flags, ctx.io.env);
}

/** True when `ferry sync` was given a bucket as its source (the folder → bucket sync is the other case). */
export function fromBucket(positionals: string[]): boolean {
  return positionals[0] !== undefined && isS3Url(positionals[0]);
}

/** Runs `ferry sync s3://… DIR` (bucket → folder) or `ferry sync s3://… s3://…`; answers the exit code. */
export async function runPairSync(
  ctx: CommandContext,
  usage: string,
  caps: { maxDeletes?: number; done: () => void },
): Promise<number> {
  const { engine, flags, io } = ctx;
  const [src, dst, extra] = ctx.positionals;
  if (!src || !dst || extra !== undefined) {
    throw usageError('cli.usage.sync.pair', { usage });
  }
  const from = parseS3Url(src);
  const defaults = WatchOptions.parse({});
  const options: PairOptions = {
    dryRun: Boolean(flags['dry-run']),
    mirror: Boolean(flags['delete']),
    confirmDeletes: Boolean(flags['force-delete']),
    maxDeletes: caps.maxDeletes ?? defaults.maxDeletes,
    // A number the user chose: the percentage cap gives way to it (as for `ferry watch --max-delete`).
    maxDeletePercent: caps.maxDeletes === undefined ? defaults.maxDeletePercent : 100,
  };
  // Where a relative path lands: in the folder, or (set below) under the target prefix.
  let dest = (rel: string) => rel;
  if (!options.dryRun) {
    options.onAction = (a, error) => {
      if (!error && a.action !== 'skip' && a.action !== 'keep') caps.done();
      if (flags.json) return;
      if (error) io.err(`${formatError(error)} [${a.rel}]`);
      else io.out(describe(from.bucket, a, dest));
    };
  }
  const srcProfile = await sideProfile(ctx, 'src');
  const prefix = normalisePrefix(from.key);
  const chosen = optionsFrom(flags);
  if (isS3Url(dst)) {
    // Every object is copied unless the user excludes it: the default excludes name local junk files
    // (`*.tmp`, `.DS_Store`), which in a bucket are objects like any other (as in a migration).
    const filter = pathFilter({ ...chosen, defaultExcludes: false });
    const to = parseS3Url(dst);
    const target = {
      profileId: await sideProfile(ctx, 'dst'),
      bucket: to.bucket,
      prefix: normalisePrefix(to.key),
    };
    const source = { profileId: srcProfile, bucket: from.bucket, prefix };
    assertApart(engine, source, target);
    dest = (rel) => `s3://${target.bucket}/${target.prefix}${rel}`;
    const id = bucketPairId(engine, source, target);
    const baseline = await PairBaseline.open(engine.configDir, id, engine.logger);
    try {
      const result = await syncBuckets(engine, { source, target, filter }, baseline, options);
      const held = await heldBackWhy(engine, 'buckets', source, filter, result);
      return report(io, from.bucket, result, options.dryRun, Boolean(flags.json), held, dest);
    } finally {
      await baseline.close();
    }
  }
  const filter = pathFilter(chosen);
  const folder = await prepareFolder(engine, path.resolve(dst), [
    'down',
    engine.profiles.get(srcProfile).endpoint,
    from.bucket,
    prefix,
  ]);
  const { baseline } = folder;
  let result: PairResult;
  try {
    result = await syncDown(
      engine,
      {
        profileId: srcProfile,
        bucket: from.bucket,
        prefix,
        folder: folder.path,
        filter,
        mayCreate: folder.fresh,
      },
      baseline,
      options,
    );
  } finally {
    await baseline.close();
  }
  const source = { profileId: srcProfile, bucket: from.bucket, prefix };
  const held = await heldBackWhy(engine, 'down', source, filter, result);
  return report(io, from.bucket, result, options.dryRun, Boolean(flags.json), held, undefined);
}

/** Why deletes were held back (the source listed empty, or the cap), when they were. */
async function heldBackWhy(
  engine: Engine,
  direction: 'down' | 'buckets',
  source: BucketSide,
  filter: PathFilter,
  result: PairResult,
): Promise<FerryErrorData | null> {
  const count = result.plan.deletesHeldBack;
  if (count === 0) return null;
  const emptied = await prefixEmpty(engine, source, filter);
  return syncHeldBack(direction, emptied, {
    count,
    source: `s3://${source.bucket}/${source.prefix}`,
  });
}

/**
 * The destination folder (its real path when it exists) and the pair's baseline, opened (the caller closes
 * it). A pair that never synced may make its folder; one that synced before and finds it gone stops (an
 * unmounted disk is not an empty folder).
 */
async function prepareFolder(
  engine: Engine,
  dir: string,
  source: string[],
): Promise<{ path: string; baseline: PairBaseline; fresh: boolean }> {
  const folder = await resolveFolder(dir).catch(() => dir);
  const baseline = await PairBaseline.open(
    engine.configDir,
    pairId([...source, folder]),
    engine.logger,
  );
  return { path: folder, baseline, fresh: baseline.rels().length === 0 };
}

/** Two prefixes of one bucket on one server must not contain each other: the sync would copy its own copies. */
function assertApart(engine: Engine, a: BucketSide, b: BucketSide): void {
  if (sidesOverlap(engine, a, b)) {
    throw usageError('cli.usage.sync.overlap', {
      source: `s3://${a.bucket}/${a.prefix}`,
      destination: `s3://${b.bucket}/${b.prefix}`,
    });
  }
}

/** One line per action. */
function describe(
  bucket: string,
  a: PairAction,
  dest: (rel: string) => string = (rel) => rel,
): string {
  const size = a.size === null ? '' : ` (${formatBytes(a.size)})`;
  switch (a.action) {
    case 'download':
      return `download s3://${bucket}/${a.key} → ${dest(a.rel)}${size}${a.reason === 'new' ? '' : ` [${a.reason}]`}`;
    case 'copy':
      return `copy     s3://${bucket}/${a.key} → ${dest(a.rel)}${size}${a.reason === 'new' ? '' : ` [${a.reason}]`}`;
    case 'conflict':
      return `conflict ${a.rel}: changed on both sides; the bucket's copy is saved beside it`;
    case 'delete':
      return `delete   ${dest(a.rel)}`;
    case 'keep':
      return `keep     ${dest(a.rel)}: ${a.reason}`;
    case 'skip':
      return `skip     ${a.key}: ${a.reason}`;
  }
}

/** Prints the plan (dry run) or the summary, and answers the exit code. */
function report(
  io: Io,
  bucket: string,
  result: PairResult,
  dryRun: boolean,
  json: boolean,
  held: FerryErrorData | null,
  dest?: (rel: string) => string,
): number {
  const { plan, failed } = result;
  const buckets = dest !== undefined;
  // Between buckets a skip is a key the target cannot hold: the target is not the copy asked for.
  const leftBehind = buckets && plan.actions.some((a) => a.action === 'skip');
  const code = failed.length > 0 || plan.deletesHeldBack > 0 || leftBehind ? 1 : 0;
  if (json) {
    io.out(JSON.stringify(result));
    return code;
  }
  if (dryRun) for (const a of plan.actions) io.out(describe(bucket, a, dest));
  const count = (kind: PairAction['action']) =>
    plan.actions.filter((a) => a.action === kind).length;
  const done = (kind: PairAction['action']) =>
    count(kind) - (dryRun ? 0 : failed.filter((f) => f.action === kind).length);
  const moved = done('copy') + done('download');
  const would = (text: string) => (dryRun ? `would ${text}` : text);
  const parts = [
    buckets
      ? would(`${dryRun ? 'copy' : 'copied'} ${moved}`)
      : would(`${dryRun ? 'download' : 'downloaded'} ${moved}`),
    ...(buckets ? [] : [would(`${dryRun ? 'keep both' : 'kept both'} ${done('conflict')}`)]),
    would(`${dryRun ? 'delete' : 'deleted'} ${done('delete')}`),
  ];
  if (dryRun && plan.deletesHeldBack > 0) parts.push(`would hold back ${plan.deletesHeldBack}`);
  parts.push(`unchanged ${plan.unchanged}`, `kept ${count('keep')}`, `skipped ${count('skip')}`);
  if (plan.excluded > 0) parts.push(`excluded ${plan.excluded}`);
  if (failed.length > 0) parts.push(`failed ${failed.length}`);
  io.out(parts.join(', '));
  if (held) io.err(formatError(held));
  if (failed.length > 0)
    reportFailed(io, failed, plan.actions.filter((a) => WORK.includes(a.action)).length);
  return code;
}

/** At most this many failures are named; the count covers the rest. */
const NAMED = 20;

function reportFailed(
  io: Io,
  failed: (PairAction & { error: FerryErrorData })[],
  planned: number,
): void {
  io.err(`error: ${failed.length} of ${planned} planned actions did not go through:`);
  for (const f of failed.slice(0, NAMED)) io.err(`  ${f.rel}: ${f.error.message}`);
  if (failed.length > NAMED) io.err(`  … and ${failed.length - NAMED} more`);
  io.err(
    'Fix what stopped them and run the same sync again: what was done is not done a second time.',
  );
}
