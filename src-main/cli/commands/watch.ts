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

/** A watch stopped by one of these (wrong keys, no such bucket, no rights) ends `ferry watch` with exit 1. */
const GIVE_UP = new Set(['SignatureMismatch', 'InvalidAccessKey', 'AccessDenied', 'NoSuchBucket']);

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
    let lastState = 'idle';
    let stop = (): void => {};
    let failed = false;
    engine.events.on('watches.status', (s: WatchStatus) => {
      if (s.id !== id) return;
      const reason = s.reason ? formatError(s.reason) : '';
      if (reason && reason !== lastReason) io.err(reason);
      lastReason = reason;
      // Waiting cannot fix these: the user must change the command or the connection.
      if (s.state === 'error' && s.reason && GIVE_UP.has(s.reason.code)) {
        failed = true;
        stop();
      }
      // One line each time the folder and the bucket agree again (after the first scan, after a burst).
      if (s.state === 'idle' && lastState !== 'idle' && !flags.json) {
        log(`in sync: ${s.counts.indexed} files`);
      }
      lastState = s.state;
    });
    const stopped = new Promise<void>((resolve) => {
      stop = resolve;
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
    if (failed) return 1;
    if (!flags.json) io.out('stopping: uploads in flight resume next time');
    // main() disposes the engine: the watcher closes and the transfer journal keeps unfinished parts.
    return 0;
  },
};
