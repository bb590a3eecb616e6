import { createHash } from 'node:crypto';
import path from 'node:path';
import type { EventPayload, SyncAction } from '../../src-shared/contract/index.js';
import type { Engine } from '../engine/engine.js';
import { usageError } from './io.js';
import { parseS3Url } from './s3-url.js';
import { formatBytes } from './sizes.js';
import type { CommandContext } from './commands/command.js';

/** `DIR s3://bucket/prefix`, checked and split. */
export interface WatchTarget {
  folder: string;
  bucket: string;
  prefix: string;
}

/** Options shared by `ferry watch` and `ferry sync`. */
export const watchOptions = {
  include: { type: 'string', multiple: true },
  exclude: { type: 'string', multiple: true },
  'no-default-excludes': { type: 'boolean' },
  'stability-ms': { type: 'string' },
  'follow-symlinks': { type: 'boolean' },
} as const;

/** Reads the two positionals of `ferry watch|sync DIR s3://bucket/prefix`. */
export function parseWatchTarget(positionals: string[], usage: string): WatchTarget {
  const [dir, url, extra] = positionals;
  if (!dir || !url || extra !== undefined) {
    throw usageError('cli.usage.watch.target', { usage });
  }
  const { bucket, key } = parseS3Url(url);
  return { folder: path.resolve(dir), bucket, prefix: key };
}

/** The watch options given on the command line. */
export function optionsFrom(flags: CommandContext['flags']) {
  const list = (v: unknown) => (Array.isArray(v) ? (v as string[]) : []);
  const ms = flags['stability-ms'];
  const stabilityMs = typeof ms === 'string' ? Number(ms) : undefined;
  if (stabilityMs !== undefined && !(Number.isInteger(stabilityMs) && stabilityMs >= 100)) {
    throw usageError('cli.usage.watch.stability', { value: String(ms) });
  }
  return {
    include: list(flags['include']),
    exclude: list(flags['exclude']),
    defaultExcludes: !flags['no-default-excludes'],
    followSymlinks: Boolean(flags['follow-symlinks']),
    ...(stabilityMs ? { stabilityMs } : {}),
  };
}

/**
 * A stable id for a command-line watch of this folder to this target, so its index is found again by the
 * next run (and an unchanged folder costs no upload).
 */
export function cliWatchId(engine: Engine, profileId: string, t: WatchTarget): string {
  const endpoint = engine.profiles.get(profileId).endpoint;
  const digest = createHash('sha256')
    .update(JSON.stringify([t.folder, endpoint, t.bucket, t.prefix]))
    .digest('hex');
  return `cli-${digest.slice(0, 20)}`;
}

/** One line per upload, delete or skip. */
export function describeAction(
  bucket: string,
  a: SyncAction | EventPayload<'watches.activity'>,
): string {
  const where = `s3://${bucket}/${a.key}`;
  const size = a.size === null ? '' : ` (${formatBytes(a.size)})`;
  if (a.action === 'upload') return `upload  ${a.path} → ${where}${size}${reasonOf(a.reason)}`;
  if (a.action === 'delete') return `delete  ${where}${reasonOf(a.reason)}`;
  if (a.action === 'download') return `download ${where} → ${a.path}${size}${reasonOf(a.reason)}`;
  if (a.action === 'delete-local') return `delete  ${a.path} (deleted in the bucket)`;
  if (a.action === 'move') return `move    ${a.path} [${a.reason}]`;
  if (a.action === 'conflict') return `conflict ${a.path}: ${a.reason}`;
  return `skip    ${a.path}: ${a.reason}`;
}

function reasonOf(reason: string): string {
  return reason === 'uploaded' || reason === 'deleted-locally' ? '' : ` [${reason}]`;
}
