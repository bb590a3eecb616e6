import { resolveProfileId } from '../connection.js';
import { invoke } from '../invoke.js';
import { usageError } from '../io.js';
import { parseS3Url } from '../s3-url.js';
import { daysFlag, ruleSentence } from '../bucket-config-words.js';
import type { CliCommand } from './command.js';

const USAGE = `ferry lifecycle get s3://bucket [--json]
       ferry lifecycle set s3://bucket[/prefix] [--expire-days N] [--noncurrent-days N] [--abort-multipart-days N] [--disabled]
       ferry lifecycle remove s3://bucket[/prefix] | --id ID | --all
set adds or replaces the rule for the prefix (none: the whole bucket); rules Ferry does not edit are kept.`;

/** `ferry lifecycle`: a bucket's lifecycle rules, in plain words. */
export const lifecycle: CliCommand = {
  name: 'lifecycle',
  summary: 'show or change lifecycle rules (expire objects, old versions, unfinished uploads)',
  usage: USAGE,
  options: {
    'expire-days': { type: 'string' },
    'noncurrent-days': { type: 'string' },
    'abort-multipart-days': { type: 'string' },
    disabled: { type: 'boolean' },
    id: { type: 'string' },
    all: { type: 'boolean' },
  },
  async run({ io, engine, flags, positionals }) {
    const [action, target, extra] = positionals;
    if (!['get', 'set', 'remove'].includes(action ?? '') || !target || extra !== undefined) {
      throw usageError('cli.usage.action', {
        usage: 'ferry lifecycle get|set|remove s3://bucket[/prefix]',
        help: 'ferry lifecycle --help',
      });
    }
    const { bucket, key: prefix } = parseS3Url(target, 'bucket');
    const profileId = await resolveProfileId(engine, flags, io.env);
    let rules;
    if (action === 'get') {
      ({ rules } = await invoke(engine, 'lifecycle.get', { profileId, bucket }));
    } else if (action === 'set') {
      const change = {
        expireDays: daysFlag(flags['expire-days'], 'expire-days'),
        noncurrentDays: daysFlag(flags['noncurrent-days'], 'noncurrent-days'),
        abortMultipartDays: daysFlag(flags['abort-multipart-days'], 'abort-multipart-days'),
      };
      ({ rules } = await invoke(engine, 'lifecycle.set', {
        profileId,
        bucket,
        prefix,
        enabled: !flags['disabled'],
        ...change,
        ...(typeof flags['id'] === 'string' ? { id: flags['id'] } : {}),
      }));
    } else {
      const id = typeof flags['id'] === 'string' ? flags['id'] : undefined;
      ({ rules } = await invoke(engine, 'lifecycle.remove', {
        profileId,
        bucket,
        ...(id !== undefined ? { id } : flags['all'] ? {} : { prefix }),
      }));
    }
    if (flags.json) io.out(JSON.stringify(rules));
    else if (rules.length === 0) io.out(`No lifecycle rules on ${bucket}.`);
    else for (const rule of rules) io.out(ruleSentence(rule));
    return 0;
  },
};
