import path from 'node:path';
import type { ConflictPolicy } from '../../../src-shared/contract/transfers.js';
import type { Engine } from '../../engine/engine.js';
import { enqueueDownloads, enqueueUploads, isFolder } from '../../engine/transfer/enqueue.js';
import { isMediaType } from '../../engine/transfer/content-type.js';
import { resolveProfileId } from '../connection.js';
import { remoteCopyOptions, runRemoteCopy } from '../copy-remote.js';
import { usageError, type Io } from '../io.js';
import { isS3Url, parseS3Url } from '../s3-url.js';
import { parseSize } from '../sizes.js';
import { copyVersionCommand, versionIdFlag } from '../versions.js';
import { followTransfers } from '../transfer-report.js';
import type { CliCommand, CommandContext } from './command.js';

/** What `cp` was asked to do, after parsing. */
export interface CopyOptions {
  profileId: string;
  recursive: boolean;
  json: boolean;
  conflict: ConflictPolicy;
  /** Uploads: the Content-Type to store instead of the one guessed from each file's name. */
  contentType?: string;
  /** Uploads: follow symbolic links inside the folders (README, "Symbolic links"). */
  followSymlinks?: boolean;
}

/** `ferry cp LOCAL… s3://bucket/prefix`: queues the uploads and follows them to the end. */
export async function uploadCommand(
  engine: Engine,
  io: Io,
  sources: string[],
  dest: string,
  options: CopyOptions,
): Promise<number> {
  const { bucket, key } = parseS3Url(dest);
  const folders = await Promise.all(sources.map(isFolder));
  if (folders.some(Boolean) && !options.recursive) {
    const folder = sources[folders.indexOf(true)]!;
    throw usageError('cli.usage.cp.folder', { path: folder });
  }
  const single = sources.length === 1 && !folders[0];
  const ids = await enqueueUploads(engine, {
    profileId: options.profileId,
    bucket,
    prefix: key,
    paths: sources,
    // One file to a full key: that key, as `cp a b` names the copy b.
    ...(single && key && !key.endsWith('/') ? { key } : {}),
    // Like `aws s3 cp -r`: a folder's contents go right under the destination prefix.
    contents: true,
    followSymlinks: options.followSymlinks ?? false,
    ...(options.contentType ? { contentType: options.contentType } : {}),
  });
  return followTransfers(engine, io, ids, options.json);
}

/** `ferry cp s3://bucket/key LOCAL` (or `-r s3://bucket/prefix LOCAL`): downloads and follows them. */
export async function downloadCommand(
  engine: Engine,
  io: Io,
  source: string,
  dest: string,
  options: CopyOptions,
): Promise<number> {
  const { bucket, key } = parseS3Url(source);
  if (options.recursive || !key || key.endsWith('/')) {
    if (!options.recursive) {
      throw usageError('cli.usage.cp.prefix', { source });
    }
    const prefix = key && !key.endsWith('/') ? `${key}/` : key;
    const ids = await enqueueDownloads(engine, {
      profileId: options.profileId,
      bucket,
      keys: [prefix],
      base: prefix,
      folder: path.resolve(dest),
      conflict: options.conflict,
    });
    if (ids.length === 0) io.err(`Nothing to copy: ${source} holds no objects.`);
    return followTransfers(engine, io, ids, options.json);
  }
  // One object: into DEST if it is a folder (or ends with a slash), else to DEST itself.
  const intoFolder = dest.endsWith('/') || dest.endsWith(path.sep) || (await isFolder(dest));
  const file = intoFolder ? path.resolve(dest, path.posix.basename(key)) : path.resolve(dest);
  if (intoFolder) {
    const ids = await enqueueDownloads(engine, {
      profileId: options.profileId,
      bucket,
      keys: [key],
      folder: path.resolve(dest),
      conflict: options.conflict,
    });
    return followTransfers(engine, io, ids, options.json);
  }
  const { id } = engine.transfers.enqueueDownload({
    profileId: options.profileId,
    bucket,
    key,
    file,
    conflict: options.conflict,
  });
  return followTransfers(engine, io, [id], options.json);
}

/** `--content-type TYPE`, checked: S3 stores whatever it is given, and a browser then misreads it. */
function contentTypeFlag(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  if (!isMediaType(value.trim())) {
    throw usageError('cli.usage.cp.contentType', { value });
  }
  return value.trim();
}

const CONFLICTS = ['keep-both', 'skip', 'overwrite'] as const;

function tuning(ctx: CommandContext): void {
  const { flags, engine } = ctx;
  const overrides = engine.transfers.overrides;
  if (typeof flags['concurrency'] === 'string') {
    const n = Number(flags['concurrency']);
    if (!Number.isInteger(n) || n < 1 || n > 64) {
      throw usageError('cli.usage.cp.concurrency', { value: flags['concurrency'] });
    }
    overrides.concurrency = n;
  }
  if (typeof flags['part-size'] === 'string') {
    const size = parseSize(flags['part-size'], '--part-size');
    if (size < 5 * 1024 ** 2 || size > 5 * 1024 ** 3) {
      throw usageError('cli.usage.cp.partSize', { value: flags['part-size'] });
    }
    overrides.partSize = size;
  }
  if (typeof flags['limit-rate'] === 'string') {
    const rate = parseSize(flags['limit-rate'], '--limit-rate');
    // 0 means no limit; a fraction of a byte would round to that and lift the limit the user asked for.
    if (rate === 0 && /[1-9]/.test(flags['limit-rate'])) {
      throw usageError('cli.usage.cp.limitRate', { value: flags['limit-rate'] });
    }
    overrides.bandwidthLimit = rate;
  }
}

/** `ferry cp`: copies between local files and S3, resumably. */
export const cp: CliCommand = {
  name: 'cp',
  summary: 'copy files to, from or between S3 locations (resumable; -r for folders)',
  usage: `ferry cp [-r] LOCAL... s3://bucket/[key]
       ferry cp [-r] s3://bucket/key LOCAL
       ferry cp [-r] [--overwrite] s3://bucket/key s3://bucket/key   (server-side copy)
Options:
  -r, --recursive         copy folders / every object under a prefix
  --concurrency N         files transferred at once
  --part-size SIZE        multipart part size, e.g. 64M (5M to 5G)
  --limit-rate RATE       bandwidth limit in bytes per second, e.g. 10M (0: no limit)
  --conflict POLICY       when a local file exists: keep-both (default), skip, overwrite
  --overwrite             S3 → S3: replace objects that already exist at the destination
  --follow-symlinks       uploads: follow symbolic links inside folders (they are skipped and
                          reported otherwise; a link back to a folder above it is never followed)
  --content-type TYPE     uploads: store TYPE (e.g. text/html) instead of the type guessed from each
                          file's extension (unknown extensions get application/octet-stream)
  --version-id ID         download that version of s3://bucket/key (see ferry ls --versions)
Re-running the same command after an interruption resumes from the journal.`,
  options: {
    recursive: { type: 'boolean', short: 'r' },
    concurrency: { type: 'string' },
    'part-size': { type: 'string' },
    'limit-rate': { type: 'string' },
    conflict: { type: 'string' },
    overwrite: remoteCopyOptions.overwrite,
    'content-type': { type: 'string' },
    'follow-symlinks': { type: 'boolean' },
    'version-id': { type: 'string' },
  },
  async run(ctx) {
    const { io, engine, flags, positionals } = ctx;
    const versionId = versionIdFlag(ctx);
    if (versionId !== undefined) return copyVersionCommand(ctx, versionId);
    if (positionals.length < 2) {
      throw usageError('cli.usage.cp.arguments');
    }
    const contentType = contentTypeFlag(flags['content-type']);
    const dest = positionals.at(-1)!;
    const followSymlinks = Boolean(flags['follow-symlinks']);
    if (followSymlinks && !isS3Url(dest)) {
      throw usageError('cli.usage.followSymlinks.cp');
    }
    if (contentType && (!isS3Url(dest) || positionals.slice(0, -1).some(isS3Url))) {
      throw usageError('cli.usage.cp.contentTypeNotUpload');
    }
    // S3 → S3 is a server-side copy: nothing travels through this machine, so no queue or journal.
    if (positionals.every(isS3Url)) return runRemoteCopy(ctx, false);
    const conflict = (flags['conflict'] ?? 'keep-both') as ConflictPolicy;
    if (!(CONFLICTS as readonly string[]).includes(conflict)) {
      throw usageError('cli.usage.cp.conflict', {
        value: conflict,
        policies: CONFLICTS.join(', '),
      });
    }
    tuning(ctx);
    const sources = positionals.slice(0, -1);
    const remote = sources.filter(isS3Url);
    if (remote.length > 0 && isS3Url(dest)) {
      throw usageError('cli.usage.cp.mixedSources');
    }
    if (remote.length === 0 && !isS3Url(dest)) {
      throw usageError('cli.usage.cp.noS3Side');
    }
    const options: CopyOptions = {
      profileId: await resolveProfileId(engine, flags, io.env),
      recursive: Boolean(flags['recursive']),
      json: Boolean(flags.json),
      conflict,
      followSymlinks,
      ...(contentType ? { contentType } : {}),
    };
    if (isS3Url(dest)) return uploadCommand(engine, io, sources, dest, options);
    if (sources.length !== 1) {
      throw usageError('cli.usage.cp.oneDownload');
    }
    return downloadCommand(engine, io, sources[0]!, dest, options);
  },
};
