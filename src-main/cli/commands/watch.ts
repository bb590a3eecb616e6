import type { WatchStatus } from '../../../src-shared/contract/index.js';
import { resolveProfileId } from '../connection.js';
import { formatError } from '../io.js';
import {
  cliWatchId,
  describeAction,
  optionsFrom,
  parseWatchTarget,
  watchOptions,
} from '../watch-target.js';
import type { CliCommand } from './command.js';

const usage =
  'ferry watch DIR s3://bucket/prefix [--exclude GLOB]… [--include GLOB]… [--stability-ms N]';

/** `ferry watch`: upload a folder's new and changed files as they settle, until Ctrl-C. */
export const watch: CliCommand = {
  name: 'watch',
  summary: 'watch a folder and upload new and changed files (Ctrl-C stops)',
  usage,
  options: watchOptions,
  async run({ io, engine, flags, positionals }) {
    const target = parseWatchTarget(positionals, usage);
    const profileId = await resolveProfileId(engine, flags, io.env);
    const id = cliWatchId(engine, profileId, target);
    const log = (line: string) =>
      io.out(flags.json ? line : `${new Date().toISOString().slice(11, 19)} ${line}`);
    engine.events.on('watches.activity', (a) => {
      if (a.id !== id) return;
      if (flags.json) io.out(JSON.stringify(a));
      else if (a.error) io.err(formatError(a.error));
      else log(describeAction(target.bucket, a));
    });
    let lastReason = '';
    engine.events.on('watches.status', (s: WatchStatus) => {
      const reason = s.id === id && s.reason ? formatError(s.reason) : '';
      if (reason && reason !== lastReason) io.err(reason);
      lastReason = reason;
    });
    const stopped = new Promise<void>((resolve) => {
      process.once('SIGINT', resolve);
      process.once('SIGTERM', resolve);
    });
    await engine.watches.add(
      { ...target, profileId, ...optionsFrom(flags) },
      { persist: false, id },
    );
    if (!flags.json) {
      io.out(`watching ${target.folder} → s3://${target.bucket}/${target.prefix} (Ctrl-C stops)`);
    }
    await stopped;
    if (!flags.json) io.out('stopping: uploads in flight resume next time');
    // main() disposes the engine: the watcher closes and the transfer journal keeps unfinished parts.
    return 0;
  },
};
