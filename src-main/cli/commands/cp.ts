import { CP_USAGE, remoteCopyOptions, runRemoteCopy } from '../copy-remote.js';
import type { CliCommand } from './command.js';

/** `ferry cp`: copy between S3 locations, server-side (local ↔ S3 comes with transfers). */
export const cp: CliCommand = {
  name: 'cp',
  summary: 'copy objects between S3 locations (server-side; -r for folders)',
  usage: CP_USAGE,
  options: remoteCopyOptions,
  run: (ctx) => runRemoteCopy(ctx, false),
};
