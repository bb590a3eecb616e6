import { resolveProfileId } from '../connection.js';
import { invoke } from '../invoke.js';
import { formatBytes } from '../sizes.js';
import { expectArgs, parseS3Url } from '../s3-url.js';
import type { CliCommand } from './command.js';

const USAGE = 'ferry du s3://bucket[/prefix] [--versions] [--json]';

/** `ferry du`: how many objects and bytes lie under a prefix, and with --versions every version. */
export const du: CliCommand = {
  name: 'du',
  summary: 'count the objects and bytes under a prefix (--versions: every version too)',
  usage: USAGE,
  options: { versions: { type: 'boolean' } },
  async run({ io, engine, flags, positionals }) {
    expectArgs(positionals, 1, USAGE);
    const { bucket, key: prefix } = parseS3Url(positionals[0]!, 'bucketOrFolder');
    const profileId = await resolveProfileId(engine, flags, io.env);
    const versions = Boolean(flags['versions']);
    const u = await invoke(engine, 'search.usage', { profileId, bucket, prefix, versions });
    if (flags.json) {
      io.out(JSON.stringify({ bucket, prefix, ...u }));
      return 0;
    }
    const count = (n: number, one: string, many: string) =>
      `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;
    let line = `${count(u.objects, 'object', 'objects')}  ${formatBytes(u.bytes)}`;
    if (u.versions !== null) {
      line += `  (${count(u.versions, 'version', 'versions')}, ${formatBytes(u.versionBytes ?? 0)}; ${count(u.deleteMarkers ?? 0, 'delete marker', 'delete markers')})`;
    }
    io.out(`${line}  s3://${bucket}/${prefix}`);
    return 0;
  },
};
