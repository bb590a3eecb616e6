import { resolveProfileId } from '../connection.js';
import { invoke } from '../invoke.js';
import { parseObjectArg } from '../s3-url.js';
import type { CliCommand } from './command.js';

const USAGE = 'ferry url s3://bucket/key [--json]';

/** `ferry url`: the permanent public link of an object (no signature, no expiry). */
export const url: CliCommand = {
  name: 'url',
  summary: "print an object's permanent public link (works once its folder is public)",
  usage: USAGE,
  options: {},
  async run({ io, engine, flags, positionals }) {
    const { bucket, key } = parseObjectArg(positionals, USAGE);
    const profileId = await resolveProfileId(engine, flags, io.env);
    const link = await invoke(engine, 'policy.publicUrl', { profileId, bucket, key });
    if (flags.json) {
      io.out(JSON.stringify(link));
      return 0;
    }
    io.out(link.url);
    if (!link.reachable) {
      const folder = key.includes('/') ? key.slice(0, key.lastIndexOf('/') + 1) : '';
      io.err(
        `note: the link does not work yet (an anonymous request gets ${link.status || 'no answer'}); make it public with: ferry policy set s3://${bucket}/${folder} public-read`,
      );
    }
    return 0;
  },
};
