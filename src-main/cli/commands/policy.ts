import { readFile } from 'node:fs/promises';
import type { PublicAccess } from '../../../src-shared/contract/index.js';
import { resolveProfileId } from '../connection.js';
import { invoke } from '../invoke.js';
import { usageError } from '../io.js';
import { parseS3Url } from '../s3-url.js';
import type { CliCommand, CommandContext } from './command.js';

const USAGE = `ferry policy get s3://bucket[/prefix] [--json]
       ferry policy set s3://bucket[/prefix] private|public-read [--list] [--json]
       ferry policy set s3://bucket FILE            (a custom policy for the whole bucket)
       ferry policy remove s3://bucket[/prefix]     (the prefix's public access, or the whole policy)`;

/** `s3://b/photos` → bucket `b`, folder `photos/`: a public prefix is a folder, not every key starting so. */
function target(arg: string | undefined): { bucket: string; prefix: string; url: string } {
  if (!arg) throw usageError('cli.usage.missingArgument', { usage: USAGE });
  const { bucket, key } = parseS3Url(arg, 'bucketOrFolder');
  const prefix = key && !key.endsWith('/') ? `${key}/` : key;
  return { bucket, prefix, url: `s3://${bucket}/${prefix}` };
}

/** An argument past the last one `ferry policy` takes. */
const unexpected = (argument: string) =>
  usageError('cli.usage.unexpectedArgument', { argument, usage: USAGE });

/** One line a person reads: who can do what with the prefix. */
function describe(a: PublicAccess, url: string): string[] {
  const lines = [
    a.access === 'public-read'
      ? `${url}: public read (anyone can download${a.listing ? ' and list' : '; listing stays private'})`
      : a.coveredBy !== null
        ? `${url}: public read, through s3://${a.bucket}/${a.coveredBy}`
        : `${url}: private`,
  ];
  const others = a.publicPrefixes.filter((p) => p !== a.prefix && p !== a.coveredBy);
  if (others.length)
    lines.push(`also public: ${others.map((p) => `s3://${a.bucket}/${p}`).join(', ')}`);
  if (a.otherStatements) {
    lines.push(
      `the bucket policy has ${a.otherStatements} statement(s) Ferry did not write; they are kept as they are`,
    );
  }
  return lines;
}

function show(ctx: CommandContext, a: PublicAccess, url: string, withPolicy = false): number {
  if (ctx.flags.json) ctx.io.out(JSON.stringify(a));
  else {
    for (const line of describe(a, url)) ctx.io.out(line);
    if (withPolicy && a.policy) ctx.io.out(`\n${a.policy}`);
  }
  return 0;
}

/** `ferry policy`: public access to a bucket or folder through the bucket policy. */
export const policy: CliCommand = {
  name: 'policy',
  summary: 'show or set public access (bucket policy) for a bucket or folder',
  usage: USAGE,
  options: { list: { type: 'boolean' } },
  async run(ctx) {
    const { io, engine, flags, positionals } = ctx;
    const [verb, where, mode, ...extra] = positionals;
    if (extra.length) throw unexpected(extra[0]!);
    const t = target(where);
    const ref = { bucket: t.bucket, prefix: t.prefix };
    if (verb === 'get') {
      if (mode) throw unexpected(mode);
      const profileId = await resolveProfileId(engine, flags, io.env);
      return show(ctx, await invoke(engine, 'policy.get', { profileId, ...ref }), t.url, true);
    }
    if (verb === 'set') {
      if (!mode) throw usageError('cli.usage.policy.noAccess', { usage: USAGE });
      const profileId = await resolveProfileId(engine, flags, io.env);
      if (mode === 'private' || mode === 'public-read') {
        const listing = Boolean(flags['list']);
        const a = await invoke(engine, 'policy.setAccess', {
          profileId,
          ...ref,
          access: mode,
          listing,
        });
        return show(ctx, a, t.url);
      }
      if (t.prefix) {
        throw usageError('cli.usage.policy.customOnFolder', { bucket: t.bucket, file: mode });
      }
      let text: string;
      try {
        text = await readFile(mode, 'utf8');
      } catch {
        throw usageError('cli.usage.policy.unreadable', { file: mode, usage: USAGE });
      }
      return show(
        ctx,
        await invoke(engine, 'policy.put', { profileId, ...ref, policy: text }),
        t.url,
      );
    }
    if (verb === 'remove') {
      if (mode) throw unexpected(mode);
      const profileId = await resolveProfileId(engine, flags, io.env);
      const a = t.prefix
        ? await invoke(engine, 'policy.setAccess', { profileId, ...ref, access: 'private' })
        : await invoke(engine, 'policy.delete', { profileId, ...ref });
      return show(ctx, a, t.url);
    }
    throw verb
      ? usageError('cli.usage.policy.action', { action: verb, usage: USAGE })
      : usageError('cli.usage.policy.noAction', { usage: USAGE });
  },
};
