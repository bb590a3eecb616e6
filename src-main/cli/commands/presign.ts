import { parseDuration } from '../../../src-shared/s3-names.js';
import { qrText } from '../../engine/share/qr.js';
import { resolveProfileId } from '../connection.js';
import { invoke } from '../invoke.js';
import { usageError } from '../io.js';
import { parseObjectArg } from '../s3-url.js';
import type { CliCommand } from './command.js';

const USAGE =
  'ferry presign s3://bucket/key [--put] [--expires 10m] [--content-type TYPE] [--qr] [--json]';

/** `ferry presign`: a link to download (or with --put, upload) one object, valid up to 7 days. */
export const presign: CliCommand = {
  name: 'presign',
  summary: 'make a presigned download (or --put upload) link, valid 1 minute to 7 days',
  usage: USAGE,
  options: {
    put: { type: 'boolean' },
    expires: { type: 'string' },
    'content-type': { type: 'string' },
    qr: { type: 'boolean' },
  },
  async run({ io, engine, flags, positionals }) {
    const { bucket, key } = parseObjectArg(positionals, USAGE);
    const expires = typeof flags['expires'] === 'string' ? flags['expires'] : '1h';
    const seconds = parseDuration(expires);
    if (seconds === null) {
      throw usageError('cli.usage.presign.duration', { value: expires });
    }
    const profileId = await resolveProfileId(engine, flags, io.env);
    const contentType = flags['content-type'];
    const link = await invoke(engine, 'share.create', {
      profileId,
      bucket,
      key,
      method: flags['put'] ? 'PUT' : 'GET',
      expiresInSeconds: seconds,
      ...(typeof contentType === 'string' ? { contentType } : {}),
    });
    if (flags.json) {
      const { qrSvg: _svg, ...rest } = link;
      io.out(JSON.stringify(rest));
      return 0;
    }
    io.out(link.url);
    io.out(`expires ${link.expiresAt.slice(0, 19).replace('T', ' ')} UTC`);
    io.out(`${link.method === 'PUT' ? 'upload' : 'download'} with: ${link.curl}`);
    if (flags['qr']) io.out(qrText(link.url) ?? '(the link is too long for a QR code)');
    return 0;
  },
};
