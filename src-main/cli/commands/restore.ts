import { FerryError } from '../../engine/errors.js';
import { resolveProfileId } from '../connection.js';
import { invoke } from '../invoke.js';
import { usageError } from '../io.js';
import { objectArg, versionIdFlag } from '../versions.js';
import type { CliCommand } from './command.js';

const USAGE =
  'ferry restore s3://bucket/key --version-id ID | ferry restore --undelete s3://bucket/key';

/** `ferry restore`: makes an old version current again (server-side copy), or undeletes an object. */
export const restore: CliCommand = {
  name: 'restore',
  summary: 'bring back a version of an object (--version-id), or a deleted object (--undelete)',
  usage: `${USAGE}
Options:
  --version-id ID   the version to make current again (see ferry ls --versions); copied server-side
  --undelete        remove the delete marker over a deleted object's last version`,
  options: { 'version-id': { type: 'string' }, undelete: { type: 'boolean' } },
  async run(ctx) {
    const { io, engine, flags, positionals } = ctx;
    const { bucket, key } = objectArg(positionals, USAGE);
    const versionId = versionIdFlag(ctx);
    const undelete = Boolean(flags['undelete']);
    if (!versionId === !undelete) {
      throw usageError('cli.usage.restore.how', { usage: USAGE });
    }
    const profileId = await resolveProfileId(engine, flags, io.env);
    if (undelete) {
      const out = await invoke(engine, 'versions.undelete', { profileId, bucket, keys: [key] });
      const failure = out.failures[0];
      if (failure) throw FerryError.fromData(failure.error);
      if (flags.json) io.out(JSON.stringify({ bucket, key, undeleted: true }));
      else io.out(`undeleted s3://${bucket}/${key}`);
      return 0;
    }
    const out = await invoke(engine, 'versions.restore', {
      profileId,
      bucket,
      key,
      versionId: versionId!,
    });
    if (flags.json) io.out(JSON.stringify({ bucket, key, restored: versionId, ...out }));
    else io.out(`restored version ${versionId} of s3://${bucket}/${key} as the current version`);
    return 0;
  },
};
