import { formatError, usageError } from '../io.js';
import { sayWhenInterrupted } from '../sync-interrupt.js';
import { folderEmpty, syncHeldBack } from '../held-back.js';
import { pathFilter } from '../../engine/watch/rules.js';
import { fromBucket, runPairSync, sideProfile } from '../sync-pair.js';
import {
  cliWatchId,
  describeAction,
  optionsFrom,
  parseWatchTarget,
  watchOptions,
} from '../watch-target.js';
import type { SyncAction } from '../../../src-shared/contract/index.js';
import type { CliCommand, CommandContext } from './command.js';

const usage = `ferry sync DIR s3://bucket/prefix [--dry-run] [--delete [--max-delete N] [--force-delete]] [--exclude GLOB]… [--follow-symlinks]
       ferry sync s3://bucket/prefix DIR [same options]
       ferry sync s3://bucket/prefix s3://bucket/prefix [--src-profile P] [--dst-profile P] [same options]`;

/** `ferry sync`: one reconciliation of a folder with a bucket prefix. */
export const sync: CliCommand = {
  name: 'sync',
  summary: 'sync a folder and a bucket, or two buckets, once; --dry-run prints the plan',
  usage,
  options: {
    ...watchOptions,
    'dry-run': { type: 'boolean' },
    delete: { type: 'boolean' },
    'max-delete': { type: 'string' },
    'force-delete': { type: 'boolean' },
    // sync in every direction: each side's connection
    'src-profile': { type: 'string' },
    'dst-profile': { type: 'string' },
  },
  async run(ctx) {
    let done = 0;
    const offInterrupt = sayWhenInterrupted(ctx.io, () => done);
    try {
      return await syncOnce(ctx, () => done++);
    } finally {
      offInterrupt();
    }
  },
};

/** One sync in whichever direction; `counted` is told of each action done. */
async function syncOnce(ctx: CommandContext, counted: () => void): Promise<number> {
  const { io, engine, flags, positionals } = ctx;
  const maxDeletes = flags['max-delete'] === undefined ? undefined : Number(flags['max-delete']);
  if (maxDeletes !== undefined && !(Number.isInteger(maxDeletes) && maxDeletes >= 0)) {
    throw usageError('cli.usage.sync.maxDelete', { value: String(flags['max-delete']) });
  }
  if (fromBucket(positionals)) {
    if (flags['follow-symlinks']) {
      throw usageError('cli.usage.followSymlinks.sync');
    }
    return runPairSync(ctx, usage, { maxDeletes, done: counted });
  }
  const target = parseWatchTarget(positionals, usage);
  const profileId = await sideProfile(ctx, 'dst');
  const id = cliWatchId(engine, profileId, target);
  const dryRun = Boolean(flags['dry-run']);
  if (!dryRun && !flags.json) {
    engine.events.on('watches.activity', (a) => {
      if (a.id !== id) return;
      if (!a.error && a.action !== 'skip') counted();
      if (a.error) io.err(formatError(a.error));
      else io.out(describeAction(target.bucket, a));
    });
  }
  const { plan, status, left } = await engine.watches.syncOnce(
    {
      ...target,
      profileId,
      ...optionsFrom(flags),
      deletePolicy: flags.delete ? 'mirror' : 'keep',
      // A number the user chose: the percentage cap gives way to it (as for `ferry watch --max-delete`).
      ...(maxDeletes !== undefined ? { maxDeletes, maxDeletePercent: 100 } : {}),
    },
    { id, dryRun, confirmDeletes: Boolean(flags['force-delete']) },
  );
  const failed = (status.reason && status.state === 'error') || left.length > 0;
  if (flags.json) {
    io.out(JSON.stringify({ plan, status, left }));
    return failed || plan.deletesHeldBack > 0 ? 1 : 0;
  }
  if (dryRun) for (const a of plan.actions) io.out(describeAction(target.bucket, a));
  const count = (kind: string) => plan.actions.filter((a) => a.action === kind).length;
  const verb = dryRun ? 'would upload' : 'uploaded';
  const done = dryRun ? count('upload') : status.counts.uploaded;
  const held =
    dryRun && plan.deletesHeldBack > 0 ? `, would hold back ${plan.deletesHeldBack}` : '';
  io.out(
    `${verb} ${done}, ${dryRun ? 'would delete' : 'deleted'} ${count('delete')}${held}, unchanged ${plan.unchanged}, skipped ${count('skip')}${left.length > 0 ? `, failed ${left.length}` : ''}`,
  );
  if (plan.deletesHeldBack > 0) {
    const emptied = await folderEmpty(
      target.folder,
      pathFilter(optionsFrom(flags)),
      flags['follow-symlinks'] === true,
    );
    const params = { count: plan.deletesHeldBack, folder: target.folder };
    io.err(formatError(syncHeldBack('up', emptied, params)));
  }
  if (status.state === 'error' && status.reason) io.err(formatError(status.reason));
  if (left.length > 0) reportLeft(io, left, count('upload'));
  return failed || plan.deletesHeldBack > 0 ? 1 : 0;
}

/** At most this many of the files a sync left behind are named; the count covers the rest. */
const NAMED = 20;

/** Says which planned uploads did not go through (never a partial sync reported as done). */
function reportLeft(io: CommandContext['io'], left: SyncAction[], planned: number): void {
  io.err(`error: ${left.length} of ${planned} planned uploads did not go through:`);
  for (const a of left.slice(0, NAMED)) io.err(`  ${a.path}: ${a.reason}`);
  if (left.length > NAMED) io.err(`  … and ${left.length - NAMED} more`);
  io.err(
    'Fix what stopped them and run the same sync again: what was uploaded is not sent a second time.',
  );
}
