/** S3 → S3 copies and moves for the CLI (`ferry cp`, `ferry mv`). */
import type { CopyResult } from '../../src-shared/contract/index.js';
import type { Engine } from '../engine/engine.js';
import { copyRemote } from '../engine/objects/copy.js';
import { resolveProfileId } from './connection.js';
import { reportFailures } from './format.js';
import { formatBytes } from './sizes.js';
import { usageError, type Io } from './io.js';
import { expectArgs, isS3Url, parseS3Url } from './s3-url.js';
import type { CommandContext } from './commands/command.js';

export const CP_USAGE = 'ferry cp s3://bucket/key s3://bucket/key [-r] [--overwrite] [--json]';
export const MV_USAGE = 'ferry mv s3://bucket/key s3://bucket/key [-r] [--overwrite] [--json]';

/**
 * S3 → S3 copy or move for the CLI: server-side (CopyObject, UploadPartCopy above 5 GiB), within or
 * across buckets of one profile. Exported so the combined `cp` (with local ↔ S3 transfers) can call it.
 */
export async function copyBetweenS3(
  engine: Engine,
  profileId: string,
  args: { from: string; to: string; recursive: boolean; overwrite: boolean; move: boolean },
): Promise<CopyResult> {
  const from = parseS3Url(args.from);
  const to = parseS3Url(args.to);
  // `cp -r s3://b/photos s3://c/backup` means the folders, slash or not.
  const folder = (key: string) => (key === '' || key.endsWith('/') ? key : `${key}/`);
  const profile = engine.profiles.get(profileId);
  return copyRemote(await engine.profiles.client(profileId), {
    from: args.recursive ? { ...from, key: folder(from.key) } : from,
    to: args.recursive ? { ...to, key: folder(to.key) } : to,
    recursive: args.recursive,
    overwrite: args.overwrite,
    move: args.move,
    endpoint: profile.endpoint || 'AWS S3',
  });
}

function print(io: Io, json: boolean | undefined, verb: string, out: CopyResult): number {
  if (json) io.out(JSON.stringify(out));
  else {
    io.out(
      `${verb} ${out.copied} object${out.copied === 1 ? '' : 's'} (${formatBytes(out.bytes)})`,
    );
    reportFailures(io, out.failures);
  }
  return out.failures.length === 0 ? 0 : 1;
}

/** Runs `ferry cp` or `ferry mv` between two S3 locations. */
export async function runRemoteCopy(ctx: CommandContext, move: boolean): Promise<number> {
  const usage = move ? MV_USAGE : CP_USAGE;
  expectArgs(ctx.positionals, 2, usage);
  const [from, to] = ctx.positionals as [string, string];
  const local = [from, to].find((p) => !isS3Url(p));
  if (local !== undefined) {
    const command = move ? 'mv' : 'cp';
    throw usageError('cli.usage.cp.localPath', { path: local, command, usage });
  }
  const profileId = await resolveProfileId(ctx.engine, ctx.flags, ctx.io.env);
  const out = await copyBetweenS3(ctx.engine, profileId, {
    from,
    to,
    recursive: Boolean(ctx.flags['recursive']),
    overwrite: Boolean(ctx.flags['overwrite']),
    move,
  });
  return print(ctx.io, ctx.flags.json, move ? 'moved' : 'copied', out);
}

/** Flags of `ferry cp` and `ferry mv`. */
export const remoteCopyOptions = {
  recursive: { type: 'boolean', short: 'r' },
  overwrite: { type: 'boolean' },
} as const;
