import { resolveProfileId } from '../connection.js';
import { formatError, usageError } from '../io.js';
import {
  cliWatchId,
  describeAction,
  optionsFrom,
  parseWatchTarget,
  watchOptions,
} from '../watch-target.js';
import type { CliCommand } from './command.js';

const usage =
  'ferry sync DIR s3://bucket/prefix [--dry-run] [--delete [--max-delete N] [--force-delete]] [--exclude GLOB]…';

/** `ferry sync`: one reconciliation of a folder with a bucket prefix. */
export const sync: CliCommand = {
  name: 'sync',
  summary: 'upload what changed in a folder once; --dry-run prints the plan',
  usage,
  options: {
    ...watchOptions,
    'dry-run': { type: 'boolean' },
    delete: { type: 'boolean' },
    'max-delete': { type: 'string' },
    'force-delete': { type: 'boolean' },
  },
  async run({ io, engine, flags, positionals }) {
    const target = parseWatchTarget(positionals, usage);
    const profileId = await resolveProfileId(engine, flags, io.env);
    const id = cliWatchId(engine, profileId, target);
    const maxDeletes = flags['max-delete'] === undefined ? undefined : Number(flags['max-delete']);
    if (maxDeletes !== undefined && !(Number.isInteger(maxDeletes) && maxDeletes >= 0)) {
      throw usageError(`"${String(flags['max-delete'])}" is not a number of objects.`);
    }
    const dryRun = Boolean(flags['dry-run']);
    if (!dryRun && !flags.json) {
      engine.events.on('watches.activity', (a) => {
        if (a.id !== id) return;
        if (a.error) io.err(formatError(a.error));
        else io.out(describeAction(target.bucket, a));
      });
    }
    const { plan, status } = await engine.watches.syncOnce(
      {
        ...target,
        profileId,
        ...optionsFrom(flags),
        deletePolicy: flags.delete ? 'mirror' : 'keep',
        ...(maxDeletes !== undefined ? { maxDeletes } : {}),
      },
      { id, dryRun, confirmDeletes: Boolean(flags['force-delete']) },
    );
    if (flags.json) {
      io.out(JSON.stringify({ plan, status }));
      return status.reason && status.state === 'error' ? 1 : 0;
    }
    if (dryRun) for (const a of plan.actions) io.out(describeAction(target.bucket, a));
    const count = (kind: string) => plan.actions.filter((a) => a.action === kind).length;
    const verb = dryRun ? 'would upload' : 'uploaded';
    const done = dryRun ? count('upload') : status.counts.uploaded;
    io.out(
      `${verb} ${done}, ${dryRun ? 'would delete' : 'deleted'} ${count('delete')}, unchanged ${plan.unchanged}, skipped ${count('skip')}`,
    );
    if (plan.deletesHeldBack > 0) {
      io.err(
        `error: ${plan.deletesHeldBack} remote objects would be deleted, more than the safety cap allows — check the folder is the right one (and mounted), then re-run with --force-delete or a higher --max-delete.`,
      );
    }
    if (status.state === 'error' && status.reason) {
      io.err(formatError(status.reason));
      return 1;
    }
    return plan.deletesHeldBack > 0 ? 1 : 0;
  },
};
