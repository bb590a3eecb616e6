import { FerryError } from '../../engine/errors.js';
import { resolveProfileId } from '../connection.js';
import { formatBytes } from '../sizes.js';
import { invoke } from '../invoke.js';
import { parseBucketArg } from '../s3-url.js';
import type { CliCommand } from './command.js';

const USAGE = 'ferry rb s3://bucket [--force] [--json]';

/** `ferry rb`: remove a bucket; `--force` first deletes everything in it, saying how much. */
export const rb: CliCommand = {
  name: 'rb',
  summary: 'remove a bucket (--force deletes its objects and versions first)',
  usage: USAGE,
  options: { force: { type: 'boolean' } },
  async run({ io, engine, flags, positionals }) {
    const bucket = parseBucketArg(positionals, USAGE);
    const profileId = await resolveProfileId(engine, flags, io.env);
    const force = Boolean(flags['force']);
    const contents = await invoke(engine, 'buckets.count', { profileId, bucket });
    const holds = `${contents.objects} object${contents.objects === 1 ? '' : 's'} (${formatBytes(contents.bytes)})${contents.versions ? ` and ${contents.versions} older versions` : ''}`;
    if (!force && (contents.objects > 0 || contents.versions > 0)) {
      throw FerryError.of('BucketNotEmpty', 'bucket.notEmptyHolds', { bucket, holds });
    }
    if (force && !flags.json && contents.objects + contents.versions > 0) {
      io.err(`Deleting ${holds} from ${bucket}…`);
    }
    const out = await invoke(engine, 'buckets.delete', { profileId, bucket, force });
    io.out(flags.json ? JSON.stringify({ bucket, ...out }) : `remove_bucket: ${bucket}`);
    return 0;
  },
};
