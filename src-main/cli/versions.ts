import { stat } from 'node:fs/promises';
import path from 'node:path';
import type { ObjectVersion, VersionsMarker } from '../../src-shared/contract/index.js';
import { resolveProfileId } from './connection.js';
import { formatDate } from './format.js';
import { invoke } from './invoke.js';
import { usageError } from './io.js';
import { isS3Url, parseS3Url } from './s3-url.js';
import type { CommandContext } from './commands/command.js';

/** `--version-id ID`, or undefined when not given; an empty one is a usage mistake. */
export function versionIdFlag(ctx: CommandContext): string | undefined {
  const value = ctx.flags['version-id'];
  if (value === undefined || value === false) return undefined;
  if (typeof value !== 'string' || value === '') {
    throw usageError('cli.usage.version.noId');
  }
  return value;
}

/** One version row: date, size (or DELETED for a delete marker), version id, `*` for current, key. */
export function formatVersion(v: ObjectVersion): string {
  const size = v.deleteMarker ? 'DELETED' : String(v.size);
  return `${formatDate(v.lastModified)}  ${size.padStart(10)}  ${v.isLatest ? '*' : ' '} ${v.versionId}  ${v.key}`;
}

/** `ferry ls --versions s3://bucket/prefix`: every version and delete marker under the prefix, page by page. */
export async function listVersionsCommand(ctx: CommandContext, url: string): Promise<number> {
  const { io, engine, flags } = ctx;
  const { bucket, key } = parseS3Url(url);
  const profileId = await resolveProfileId(engine, flags, io.env);
  const all: ObjectVersion[] = [];
  let marker: VersionsMarker | null = null;
  do {
    const page: { versions: ObjectVersion[]; next: VersionsMarker | null } = await invoke(
      engine,
      'versions.list',
      {
        profileId,
        bucket,
        prefix: key,
        ...(marker ? { marker } : {}),
      },
    );
    if (flags.json) all.push(...page.versions);
    else for (const v of page.versions) io.out(formatVersion(v));
    marker = page.next;
  } while (marker);
  if (flags.json) io.out(JSON.stringify(all));
  return 0;
}

/** `ferry cp --version-id ID s3://bucket/key LOCAL`: one version, to LOCAL or into the folder LOCAL. */
export async function copyVersionCommand(ctx: CommandContext, versionId: string): Promise<number> {
  const { io, engine, flags, positionals } = ctx;
  const [source, dest] = positionals;
  if (positionals.length !== 2 || !source || !dest || !isS3Url(source) || isS3Url(dest)) {
    throw usageError('cli.usage.version.download');
  }
  const { bucket, key } = parseS3Url(source, 'object');
  if (!key || key.endsWith('/')) {
    throw usageError('cli.usage.version.notObject', { source });
  }
  const into = dest.endsWith('/') || dest.endsWith(path.sep) || (await isFolder(dest));
  const folder = into ? path.resolve(dest) : path.dirname(path.resolve(dest));
  const name = into ? path.posix.basename(key) : path.basename(dest);
  const profileId = await resolveProfileId(engine, flags, io.env);
  const out = await invoke(engine, 'versions.download', {
    profileId,
    bucket,
    key,
    versionId,
    folder,
    name,
  });
  if (flags.json) io.out(JSON.stringify({ bucket, key, versionId, ...out }));
  else io.out(`downloaded ${source} (version ${versionId}) to ${out.path}, ${out.bytes} bytes`);
  return 0;
}

/** `ferry rm --version-id ID s3://bucket/key`: deletes that version for good. */
export async function removeVersionCommand(
  ctx: CommandContext,
  versionId: string,
): Promise<number> {
  const { io, engine, flags, positionals } = ctx;
  const { bucket, key } = objectArg(positionals, 'ferry rm --version-id ID s3://bucket/key');
  const profileId = await resolveProfileId(engine, flags, io.env);
  await invoke(engine, 'versions.delete', { profileId, bucket, key, versionId });
  if (flags.json) io.out(JSON.stringify({ bucket, key, versionId, deleted: true }));
  else io.out(`deleted version ${versionId} of s3://${bucket}/${key} (permanently)`);
  return 0;
}

/** Exactly one `s3://bucket/key` naming an object. */
export function objectArg(positionals: string[], usage: string): { bucket: string; key: string } {
  if (positionals.length !== 1) {
    throw positionals.length === 0
      ? usageError('cli.usage.missingArgument', { usage })
      : usageError('cli.usage.unexpectedArgument', { argument: positionals[1]!, usage });
  }
  const { bucket, key } = parseS3Url(positionals[0]!, 'object');
  if (!key || key.endsWith('/')) {
    throw usageError('cli.usage.notObject', { argument: positionals[0]!, usage });
  }
  return { bucket, key };
}

async function isFolder(p: string): Promise<boolean> {
  try {
    return (await stat(p)).isDirectory();
  } catch {
    return false;
  }
}
