import { resolveProfileId } from '../connection.js';
import { invoke } from '../invoke.js';
import { usageError } from '../io.js';
import { parseS3Url } from '../s3-url.js';
import { tagArgs } from '../bucket-config-words.js';
import type { CliCommand } from './command.js';

const USAGE = `ferry tag get s3://bucket[/key] [--json]
       ferry tag set s3://bucket[/key] [key=value ...]
set replaces every tag; with no key=value it removes them all.`;

/** `ferry tag`: the tags of a bucket or an object. */
export const tag: CliCommand = {
  name: 'tag',
  summary: 'show or replace the tags of a bucket or object',
  usage: USAGE,
  options: {},
  async run({ io, engine, flags, positionals }) {
    const [action, target, ...rest] = positionals;
    if ((action !== 'get' && action !== 'set') || !target || (action === 'get' && rest.length)) {
      throw usageError('cli.usage.action', {
        usage: 'ferry tag get|set s3://bucket[/key] [key=value ...]',
        help: 'ferry tag --help',
      });
    }
    const { bucket, key } = parseS3Url(target);
    const where = { bucket, ...(key ? { key } : {}) };
    const profileId = await resolveProfileId(engine, flags, io.env);
    const { tags } =
      action === 'get'
        ? await invoke(engine, 'tags.get', { profileId, ...where })
        : await invoke(engine, 'tags.set', { profileId, ...where, tags: tagArgs(rest) });
    if (flags.json) io.out(JSON.stringify(tags));
    else if (Object.keys(tags).length === 0) io.out(`No tags on ${target}.`);
    else for (const [k, v] of Object.entries(tags)) io.out(`${k}=${v}`);
    return 0;
  },
};
