import { MV_USAGE, remoteCopyOptions, runRemoteCopy } from '../copy-remote.js';
import type { CliCommand } from './command.js';

/** `ferry mv`: move (rename) between S3 locations; a source is deleted only after its copy succeeded. */
export const mv: CliCommand = {
  name: 'mv',
  summary: 'move or rename objects between S3 locations (-r for folders)',
  usage: MV_USAGE,
  options: remoteCopyOptions,
  run: (ctx) => runRemoteCopy(ctx, true),
};
