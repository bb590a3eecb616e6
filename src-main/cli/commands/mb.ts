import { resolveProfileId } from '../connection.js';
import { invoke } from '../invoke.js';
import { parseBucketArg } from '../s3-url.js';
import type { CliCommand } from './command.js';

const USAGE = 'ferry mb s3://bucket [--region REGION] [--versioning] [--object-lock] [--json]';

/** `ferry mb`: make a bucket (the name is checked against the S3 rules before anything is sent). */
export const mb: CliCommand = {
  name: 'mb',
  summary: 'make a bucket',
  usage: USAGE,
  options: { versioning: { type: 'boolean' }, 'object-lock': { type: 'boolean' } },
  async run({ io, engine, flags, positionals }) {
    const bucket = parseBucketArg(positionals, USAGE);
    const profileId = await resolveProfileId(engine, flags, io.env);
    const created = await invoke(engine, 'buckets.create', {
      profileId,
      bucket,
      ...(flags.region ? { region: flags.region } : {}),
      ...(flags['versioning'] ? { versioning: true } : {}),
      ...(flags['object-lock'] ? { objectLock: true } : {}),
    });
    io.out(flags.json ? JSON.stringify(created) : `make_bucket: ${created.name}`);
    return 0;
  },
};
