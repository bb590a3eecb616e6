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
import type { CliCommand, CommandContext } from './command.js';
import { WatchMode } from '../../../src-shared/contract/index.js';
import { usageError } from '../io.js';
import { watchEmptied } from '../held-back.js';
import { normalisePrefix, pathFilter } from '../../engine/watch/rules.js';
import { conflictsUsage, listConflicts, resolveConflict, resolveUsage } from './watch-conflicts.js';

const usage = [
  'ferry watch DIR s3://bucket/prefix [--mode upload|download|two-way] [--poll SECONDS]',
  '            [--delete [--max-delete N]] [--exclude GLOB]… [--include GLOB]… [--stability-ms N]',
  '            [--follow-symlinks]',
  conflictsUsage,
  resolveUsage,
].join('\n');

/** A watch stopped by one of these (wrong keys, no such bucket, no rights) ends `ferry watch` with exit 1. */
const GIVE_UP = new Set(['SignatureMismatch', 'InvalidAccessKey', 'AccessDenied', 'NoSuchBucket']);

/** `ferry watch`: upload a folder's new and changed files as they settle, until Ctrl-C. */
export const watch: CliCommand = {
  name: 'watch',
  summary: 'keep a folder and a bucket in step: upload, download or both ways (Ctrl-C stops)',
  usage,
  options: {
    ...watchOptions,
    mode: { type: 'string' },
    poll: { type: 'string' },
    delete: { type: 'boolean' },
    'max-delete': { type: 'string' },
    keep: { type: 'string' },
  },
  async run(ctx) {
    // `conflicts` and `resolve` are subcommands; a folder of that name is given as `./conflicts`.
    if (ctx.positionals[0] === 'conflicts') return listConflicts(ctx);
    if (ctx.positionals[0] === 'resolve') return resolveConflict(ctx);
    const { io, engine, flags, positionals } = ctx;
    const target = parseWatchTarget(positionals, usage);
    const profileId = await resolveProfileId(engine, flags, io.env);
    const id = cliWatchId(engine, profileId, target);
    const log = (line: string) =>
      io.out(flags.json ? line : `${new Date().toISOString().slice(11, 19)} ${line}`);
    // Files a pass did not replace because the bucket changed under them: open until a later action on them.
    const raced = new Set<string>();
    engine.events.on('watches.activity', (a) => {
      if (a.id !== id) return;
      if (a.action === 'skip' && a.reason.startsWith(RACED)) raced.add(a.path);
      else raced.delete(a.path);
      if (flags.json) io.out(JSON.stringify(a));
      else if (a.error) io.err(formatError(a.error));
      else log(describeAction(target.bucket, a));
    });
    const mode = modeFrom(flags).mode;
    const side = { profileId, bucket: target.bucket, prefix: normalisePrefix(target.prefix) };
    const filter = pathFilter(optionsFrom(flags));
    // An emptied side holds deletes back whatever the cap: the line says which reason holds.
    const explainHeld = async (held: number) => {
      const emptied = await watchEmptied(
        engine,
        {
          mode,
          folder: target.folder,
          side,
          filter,
          followSymlinks: flags['follow-symlinks'] === true,
        },
        held,
      ).catch(() => null);
      log(
        emptied
          ? `not in sync: ${emptied.message} ${emptied.hint}`
          : `not in sync: ${held} deletes held back, more than the safety cap allows; nothing was deleted. ` +
              `Check both sides, then run again with --max-delete ${held}.`,
      );
    };
    let lastReason = '';
    let lastCode = '';
    let lastState = 'idle';
    let lastHeld = 0;
    let stop = (): void => {};
    let failed = false;
    engine.events.on('watches.status', (s: WatchStatus) => {
      if (s.id !== id) return;
      const reason = s.reason ? formatError(s.reason) : '';
      if (reason && reason !== lastReason) io.err(reason);
      // The engine watches for the folder's return by itself; the CLI says when it is back.
      if (lastCode === 'FolderMissing' && s.reason?.code !== 'FolderMissing' && !flags.json) {
        log(`${target.folder} is back: resuming`);
      }
      lastReason = reason;
      lastCode = s.reason?.code ?? '';
      // Waiting cannot fix these: the user must change the command or the connection.
      if (s.state === 'error' && s.reason && GIVE_UP.has(s.reason.code)) {
        failed = true;
        stop();
      }
      // One line each time the work in hand is done (after the first scan, after a burst): in sync, or what
      // is still open. Deletes held back get their own line, which says why.
      const held = s.deletesAwaitingConfirmation;
      if (s.state === 'idle' && lastState !== 'idle' && !flags.json && held === 0) {
        log(settledLine(s, raced.size, id));
      }
      if (held > 0 && held !== lastHeld && !flags.json) void explainHeld(held);
      lastHeld = held;
      lastState = s.state;
    });
    const stopped = new Promise<void>((resolve) => {
      stop = resolve;
      process.once('SIGINT', resolve);
      process.once('SIGTERM', resolve);
    });
    await engine.watches.add(
      { ...target, profileId, ...optionsFrom(flags), ...modeFrom(flags) },
      { persist: false, id },
    );
    if (!flags.json) {
      const arrow = { upload: '→', download: '←', 'two-way': '↔' }[modeFrom(flags).mode];
      io.out(
        `watching ${target.folder} ${arrow} s3://${target.bucket}/${target.prefix} (Ctrl-C stops)`,
      );
    }
    // The engine's timers do not hold the process open (the app has its window for that): while the folder
    // is missing no watcher runs either, and Node would exit in the middle of waiting for it to come back.
    const alive = setInterval(() => {}, 60_000);
    await stopped;
    clearInterval(alive);
    if (failed) return 1;
    if (!flags.json) io.out('stopping: uploads in flight resume next time');
    // main() disposes the engine: the watcher closes and the transfer journal keeps unfinished parts.
    return 0;
  },
};

/** How the pipeline words an upload it did not make because the object changed in the bucket meanwhile. */
const RACED = 'changed in the bucket meanwhile';

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/**
 * `in sync: N files` only when nothing is open; otherwise what is (conflicts, files not replaced, local edits a
 * download watch keeps).
 */
function settledLine(s: WatchStatus, raced: number, id: string): string {
  const open: string[] = [];
  if (s.counts.conflicts > 0) {
    open.push(
      `${plural(s.counts.conflicts, 'conflict', 'conflicts')} open — ferry watch conflicts ${id}`,
    );
  }
  if (raced > 0) {
    open.push(`${plural(raced, 'file', 'files')} not replaced: changed in the bucket meanwhile`);
  }
  const kept = s.counts.keptLocal;
  if (kept > 0) {
    const [them, differ, are] = kept === 1 ? ['it', 'differs', 'is'] : ['them', 'differ', 'are'];
    open.push(
      `${plural(kept, 'local file', 'local files')} ${differ} from the bucket and ${are} kept — ` +
        `delete or move ${them} to get the bucket's version again, or watch with --mode two-way ` +
        `to upload ${them}`,
    );
  }
  if (open.length > 0) return `not in sync: ${open.join('; ')}`;
  return `in sync: ${plural(s.counts.indexed, 'file', 'files')}`;
}

/** `--mode`, `--poll` and `--delete` of `ferry watch`. */
function modeFrom(flags: CommandContext['flags']) {
  const mode = WatchMode.safeParse(flags['mode'] ?? 'upload');
  if (!mode.success) {
    throw usageError('cli.usage.watch.mode', { value: String(flags['mode']) });
  }
  const poll = flags['poll'] === undefined ? undefined : Number(flags['poll']);
  if (poll !== undefined && !(Number.isInteger(poll) && poll >= 5 && poll <= 86_400)) {
    throw usageError('cli.usage.watch.poll', { value: String(flags['poll']) });
  }
  if (flags['follow-symlinks'] && mode.data !== 'upload') {
    throw usageError('cli.usage.followSymlinks.watch');
  }
  const max = flags['max-delete'];
  const maxDeletes = max === undefined ? undefined : Number(max);
  if (maxDeletes !== undefined && !(Number.isInteger(maxDeletes) && maxDeletes >= 0)) {
    throw usageError('cli.usage.sync.maxDelete', { value: String(max) });
  }
  return {
    mode: mode.data,
    ...(poll === undefined ? {} : { pollSeconds: poll }),
    ...(flags['delete'] ? { deletePolicy: 'mirror' as const } : {}),
    // A number the user chose after seeing the held-back line: the percentage cap gives way to it.
    ...(maxDeletes === undefined ? {} : { maxDeletes, maxDeletePercent: 100 }),
  };
}
