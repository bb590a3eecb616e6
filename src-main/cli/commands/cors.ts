import { readFile } from 'node:fs/promises';
import { corsFromJson } from '../../../src-shared/cors-json.js';
import { invalid } from '../../engine/errors.js';
import { resolveProfileId } from '../connection.js';
import { invoke } from '../invoke.js';
import { usageError } from '../io.js';
import { parseBucketArg } from '../s3-url.js';
import { corsLine } from '../bucket-config-words.js';
import type { CliCommand } from './command.js';

const USAGE = `ferry cors get s3://bucket [--json]
       ferry cors set s3://bucket FILE | --allow-upload-from ORIGIN
       ferry cors remove s3://bucket
FILE holds the rules as S3 writes them ({"CORSRules": [...]}, as aws s3api put-bucket-cors takes);
--allow-upload-from adds the rule a web page at ORIGIN needs to upload with presigned PUT links.`;

async function rulesFrom(file: string) {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'error';
    throw usageError('cli.usage.cors.unreadable', { file, code });
  }
  const parsed = corsFromJson(text);
  if (!parsed.ok) {
    throw invalid('config.cors.badJson', { detail: parsed.detail });
  }
  return parsed.rules;
}

/** `ferry cors`: a bucket's CORS rules. */
export const cors: CliCommand = {
  name: 'cors',
  summary: "show or change a bucket's CORS rules (e.g. for browser uploads)",
  usage: USAGE,
  options: { 'allow-upload-from': { type: 'string' } },
  async run({ io, engine, flags, positionals }) {
    const [action, target, file, extra] = positionals;
    const origin = flags['allow-upload-from'];
    const wantsFile = action === 'set' && typeof origin !== 'string';
    if (
      !['get', 'set', 'remove'].includes(action ?? '') ||
      (wantsFile ? !file : file !== undefined) ||
      extra !== undefined
    ) {
      throw usageError('cli.usage.action', {
        usage: 'ferry cors get|set|remove s3://bucket [FILE | --allow-upload-from ORIGIN]',
        help: 'ferry cors --help',
      });
    }
    const bucket = parseBucketArg(target ? [target] : [], USAGE);
    const profileId = await resolveProfileId(engine, flags, io.env);
    let rules;
    if (action === 'get') ({ rules } = await invoke(engine, 'cors.get', { profileId, bucket }));
    else if (action === 'remove')
      ({ rules } = await invoke(engine, 'cors.set', { profileId, bucket, rules: [] }));
    else if (typeof origin === 'string')
      ({ rules } = await invoke(engine, 'cors.allowUpload', { profileId, bucket, origin }));
    else
      ({ rules } = await invoke(engine, 'cors.set', {
        profileId,
        bucket,
        rules: await rulesFrom(file!),
      }));
    if (flags.json) io.out(JSON.stringify(rules));
    else if (rules.length === 0) io.out(`No CORS rules on ${bucket}.`);
    else for (const rule of rules) io.out(corsLine(rule));
    return 0;
  },
};
