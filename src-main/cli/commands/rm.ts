import { deletePrefix } from '../../engine/objects/delete.js';
import { resolveProfileId } from '../connection.js';
import { reportFailures } from '../format.js';
import { invoke } from '../invoke.js';
import { usageError } from '../io.js';
import { parseS3Url } from '../s3-url.js';
import { removeVersionCommand, versionIdFlag } from '../versions.js';
import type { CliCommand } from './command.js';

const USAGE =
  'ferry rm s3://bucket/key... | ferry rm -r s3://bucket/folder/ | ferry rm --version-id ID s3://bucket/key [--json]';

/** `ferry rm`: delete objects (in batches of 1000), or a folder with `-r`. */
export const rm: CliCommand = {
  name: 'rm',
  summary: 'delete objects, or a folder and everything in it with -r',
  usage: USAGE,
  options: { recursive: { type: 'boolean', short: 'r' }, 'version-id': { type: 'string' } },
  async run(ctx) {
    const { io, engine, flags, positionals } = ctx;
    // One version, permanently (a plain rm on a versioned bucket only adds a delete marker).
    const versionId = versionIdFlag(ctx);
    if (versionId !== undefined) return removeVersionCommand(ctx, versionId);
    if (positionals.length === 0) throw usageError('cli.usage.missingArgument', { usage: USAGE });
    const targets = positionals.map((p) => parseS3Url(p, 'object'));
    const bucket = targets[0]!.bucket;
    if (targets.some((t) => t.bucket !== bucket)) {
      throw usageError('cli.usage.rm.bucketsDiffer');
    }
    const recursive = Boolean(flags['recursive']);
    for (const t of targets) {
      if (!t.key && !recursive) {
        throw usageError('cli.usage.rm.bucket', { bucket: t.bucket });
      }
      if (t.key.endsWith('/') && !recursive) {
        throw usageError('cli.usage.rm.folder', { key: t.key });
      }
    }
    const profileId = await resolveProfileId(engine, flags, io.env);
    let deleted = 0;
    const failures = [];
    if (recursive) {
      for (const t of targets) {
        const prefix = t.key === '' || t.key.endsWith('/') ? t.key : `${t.key}/`;
        // The contract refuses an empty prefix (a UI slip must not empty a bucket); `rm -r s3://b/` means it.
        const out = prefix
          ? await invoke(engine, 'objects.deletePrefix', { profileId, bucket, prefix })
          : await deletePrefix(
              await engine.profiles.client(profileId),
              bucket,
              '',
              engine.profiles.get(profileId).endpoint,
            );
        deleted += out.deleted;
        failures.push(...out.failures);
      }
    } else {
      const out = await invoke(engine, 'objects.delete', {
        profileId,
        bucket,
        keys: targets.map((t) => t.key),
      });
      deleted = out.deleted;
      failures.push(...out.failures);
    }
    if (flags.json) io.out(JSON.stringify({ deleted, failures }));
    else {
      io.out(`deleted ${deleted} object${deleted === 1 ? '' : 's'}`);
      reportFailures(io, failures);
    }
    return failures.length === 0 ? 0 : 1;
  },
};
