import { resolveProfileId } from '../connection.js';
import { usageError } from '../io.js';
import { parseS3Url } from '../s3-url.js';
import { formatBytes, formatSeconds } from '../sizes.js';
import type { CliCommand } from './command.js';

/** `ferry uploads ls|abort s3://bucket[/prefix]`: incomplete multipart uploads left on the server. */
export const uploads: CliCommand = {
  name: 'uploads',
  summary: 'list or abort incomplete multipart uploads in a bucket',
  usage: `ferry uploads ls s3://bucket[/prefix]
       ferry uploads abort s3://bucket[/prefix] (--all | --key KEY [--upload-id ID])
A prefix limits both to the uploads of keys under it.`,
  options: { all: { type: 'boolean' }, key: { type: 'string' }, 'upload-id': { type: 'string' } },
  async run({ io, engine, flags, positionals }) {
    const [action, target, extra] = positionals;
    if ((action !== 'ls' && action !== 'abort') || !target || extra !== undefined) {
      throw usageError('cli.usage.action', {
        usage: 'ferry uploads ls|abort s3://bucket',
        help: 'ferry uploads --help',
      });
    }
    const { bucket, key: prefix } = parseS3Url(target);
    const profileId = await resolveProfileId(engine, flags, io.env);
    const handlers = engine.handlers();
    // `abort s3://bucket/tmp/ --all` must not touch uploads outside tmp/ (someone else's may be running).
    const found = (await handlers['uploads.list']({ profileId, bucket })).filter((u) =>
      u.key.startsWith(prefix),
    );
    if (action === 'ls') {
      if (flags.json) io.out(JSON.stringify(found));
      else if (found.length === 0) io.out(`No incomplete uploads in ${bucket}.`);
      else {
        for (const u of found) {
          io.out(
            `${(u.initiated ?? '').slice(0, 19).replace('T', ' ').padEnd(19)}  ${formatSeconds(u.ageSeconds).padStart(7)} old  ${String(u.parts).padStart(5)} parts  ${formatBytes(u.size).padStart(10)}  ${u.key}  ${u.uploadId}`,
          );
        }
      }
      return 0;
    }
    const key = typeof flags['key'] === 'string' ? flags['key'] : undefined;
    const uploadId = typeof flags['upload-id'] === 'string' ? flags['upload-id'] : undefined;
    if (!flags['all'] && key === undefined) {
      throw usageError('cli.usage.uploads.which');
    }
    const chosen = flags['all']
      ? found
      : found.filter((u) => u.key === key && (uploadId === undefined || u.uploadId === uploadId));
    const { aborted } = await handlers['uploads.abort']({
      profileId,
      bucket,
      uploads: chosen.map(({ key: k, uploadId: id }) => ({ key: k, uploadId: id })),
    });
    if (flags.json) io.out(JSON.stringify({ aborted }));
    else io.out(`Aborted ${aborted} incomplete upload${aborted === 1 ? '' : 's'} in ${bucket}.`);
    return 0;
  },
};
