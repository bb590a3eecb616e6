import { createHash } from 'node:crypto';
import path from 'node:path';
import type { EventPayload, SyncAction } from '../../src-shared/contract/index.js';
import type { Engine } from '../engine/engine.js';
import { usageError } from './io.js';
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
} as const;

/** Reads the two positionals of `ferry watch|sync DIR s3://bucket/prefix`. */
export function parseWatchTarget(positionals: string[], usage: string): WatchTarget {
  const [dir, url, extra] = positionals;
  if (!dir || !url || extra !== undefined) {
    throw usageError('Expected a folder and an s3://bucket/prefix.', `Usage: ${usage}`);
  }
  const match = /^s3:\/\/([^/]+)\/?(.*)$/.exec(url);
  if (!match) {
    throw usageError(
      `"${url}" is not an s3:// address.`,
      'Write the target as s3://bucket or s3://bucket/prefix/.',
    );
  }
  return { folder: path.resolve(dir), bucket: match[1]!, prefix: match[2]! };
}

/** The watch options given on the command line. */
export function optionsFrom(flags: CommandContext['flags']) {
  const list = (v: unknown) => (Array.isArray(v) ? (v as string[]) : []);
  const ms = flags['stability-ms'];
  const stabilityMs = typeof ms === 'string' ? Number(ms) : undefined;
  if (stabilityMs !== undefined && !(Number.isInteger(stabilityMs) && stabilityMs >= 100)) {
    throw usageError(
      `"${String(ms)}" is not a stability window.`,
      'Give milliseconds, 100 or more.',
    );
  }
  return {
    include: list(flags['include']),
    exclude: list(flags['exclude']),
    defaultExcludes: !flags['no-default-excludes'],
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
  return `skip    ${a.path}: ${a.reason}`;
}

function reasonOf(reason: string): string {
  return reason === 'uploaded' || reason === 'deleted-locally' ? '' : ` [${reason}]`;
}

/** 1536 → "1.5 KiB". */
export function formatBytes(n: number): string {
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let value = n;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return unit === 0 ? `${n} B` : `${value.toFixed(1)} ${units[unit]}`;
}
