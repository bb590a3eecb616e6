import { resolveProfileId } from '../connection.js';
import { formatBytes } from '../sizes.js';
import { invoke } from '../invoke.js';
import { parseObjectArg } from '../s3-url.js';
import type { CliCommand } from './command.js';

const USAGE = 'ferry stat s3://bucket/key [--json]';

/** `ferry stat`: every piece of an object's metadata (HeadObject). */
export const stat: CliCommand = {
  name: 'stat',
  summary: "show an object's metadata",
  usage: USAGE,
  options: {},
  async run({ io, engine, flags, positionals }) {
    const { bucket, key } = parseObjectArg(positionals, USAGE);
    const profileId = await resolveProfileId(engine, flags, io.env);
    const d = await invoke(engine, 'objects.head', { profileId, bucket, key });
    if (flags.json) {
      io.out(JSON.stringify(d));
      return 0;
    }
    const rows: [string, string | null][] = [
      ['Key', `s3://${d.bucket}/${d.key}`],
      ['Size', `${d.size} (${formatBytes(d.size)})`],
      ['Last modified', d.lastModified],
      ['ETag', d.etag],
      ['Content-Type', d.contentType],
      ['Cache-Control', d.cacheControl],
      ['Content-Disposition', d.contentDisposition],
      ['Content-Encoding', d.contentEncoding],
      ['Content-Language', d.contentLanguage],
      ['Expires', d.expires],
      ['Storage class', d.storageClass],
      ['Version', d.versionId],
      ...Object.entries(d.metadata).map(([k, v]): [string, string] => [`x-amz-meta-${k}`, v]),
    ];
    const width = Math.max(...rows.map(([k]) => k.length));
    for (const [k, v] of rows) if (v !== null) io.out(`${`${k}:`.padEnd(width + 1)} ${v}`);
    return 0;
  },
};
