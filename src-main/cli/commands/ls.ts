import type { Entry } from '../../../src-shared/contract/index.js';
import { listPages } from '../../engine/browse/list.js';
import { resolveProfileId } from '../connection.js';
import { formatDate, formatEntry } from '../format.js';
import { invoke } from '../invoke.js';
import { usageError } from '../io.js';
import { parseS3Url } from '../s3-url.js';
import { listVersionsCommand } from '../versions.js';
import type { CliCommand, CommandContext } from './command.js';

const USAGE =
  'ferry ls [s3://bucket[/prefix]] [-r|--recursive] [--json]\n       ferry ls --versions s3://bucket[/prefix] [--json]   (every version and delete marker; * = current)';

/** `s3://b/photos/ca` → folder `photos/`, names starting with `ca` (as `aws s3 ls` does). */
function splitPrefix(key: string): { prefix: string; search: string } {
  const cut = key.lastIndexOf('/') + 1;
  return { prefix: key.slice(0, cut), search: key.slice(cut) };
}

async function listBuckets(ctx: CommandContext, profileId: string): Promise<number> {
  const buckets = await invoke(ctx.engine, 'buckets.list', { profileId });
  if (ctx.flags.json) ctx.io.out(JSON.stringify(buckets));
  else for (const b of buckets) ctx.io.out(`${formatDate(b.createdAt)}  ${b.name}`);
  return 0;
}

/** `ferry ls`: list buckets, or a folder of a bucket, printing pages as they arrive. */
export const ls: CliCommand = {
  name: 'ls',
  summary: 'list buckets, or the objects and folders under s3://bucket/prefix',
  usage: USAGE,
  options: { recursive: { type: 'boolean', short: 'r' }, versions: { type: 'boolean' } },
  async run(ctx) {
    const { io, engine, flags, positionals } = ctx;
    if (positionals.length > 1) {
      throw usageError('cli.usage.unexpectedArgument', { argument: positionals[1]!, usage: USAGE });
    }
    const profileId = await resolveProfileId(engine, flags, io.env);
    if (positionals.length === 0) return listBuckets(ctx, profileId);
    if (flags['versions']) return listVersionsCommand(ctx, positionals[0]!);
    const { bucket, key } = parseS3Url(positionals[0]!);
    const recursive = Boolean(flags['recursive']);
    const { prefix, search } = recursive ? { prefix: key, search: '' } : splitPrefix(key);
    const endpoint = engine.profiles.get(profileId).endpoint;
    const client = await engine.profiles.client(profileId);
    const all: Entry[] = [];
    for await (const page of listPages(client, { bucket, prefix, search, recursive, endpoint })) {
      if (flags.json) all.push(...page);
      else for (const entry of page) io.out(formatEntry(entry, recursive));
    }
    if (flags.json) io.out(JSON.stringify(all));
    return 0;
  },
};
