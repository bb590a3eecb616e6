import { ConflictChoice, type WatchConflict } from '../../../src-shared/contract/index.js';
import { FerryError } from '../../engine/errors.js';
import { usageError } from '../io.js';
import type { CommandContext } from './command.js';

export const conflictsUsage = 'ferry watch conflicts [WATCH]';
export const resolveUsage = 'ferry watch resolve WATCH CONFLICT --keep local|remote|both';

/** `ferry watch conflicts [WATCH]`: the open conflicts of one watch, or of every watch. */
export async function listConflicts({ io, engine, flags, positionals }: CommandContext) {
  const [, id, extra] = positionals;
  if (extra !== undefined) {
    throw usageError('cli.usage.watch.conflictsArguments', { usage: conflictsUsage });
  }
  const conflicts = await engine.watches.conflicts(id).catch((error: unknown) => {
    throw commandLineWords(error, id ?? '', '');
  });
  if (flags.json) io.out(JSON.stringify(conflicts));
  else if (conflicts.length === 0) io.out('no conflicts');
  else for (const c of conflicts) io.out(describe(c));
  return 0;
}

/** `ferry watch resolve WATCH CONFLICT --keep …`: carries out the user's choice for one conflict. */
export async function resolveConflict({ io, engine, flags, positionals }: CommandContext) {
  const [, id, conflictId, extra] = positionals;
  if (!id || !conflictId || extra !== undefined) {
    throw usageError('cli.usage.watch.resolveArguments', { usage: resolveUsage });
  }
  const keep = ConflictChoice.safeParse(flags['keep']);
  if (!keep.success) {
    throw usageError('cli.usage.watch.keep', {
      value: String(flags['keep'] ?? ''),
      usage: resolveUsage,
    });
  }
  const left = await engine.watches
    .resolveConflict(id, conflictId, keep.data)
    .catch((error: unknown) => {
      throw commandLineWords(error, id, conflictId);
    });
  if (flags.json) io.out(JSON.stringify(left));
  else io.out(`resolved (${keep.data}); ${left.length} conflict(s) left in ${id}`);
  return 0;
}

/**
 * A watch or conflict id that names nothing is no usage mistake (exit 1, not 2): said with the ids given
 * and the command that lists the real ones, where the interface's words speak of refreshing a list.
 */
function commandLineWords(error: unknown, watch: string, id: string): unknown {
  if (!(error instanceof FerryError)) return error;
  if (error.key === 'watch.notFound')
    return FerryError.of('WatchNotFound', 'cli.watch.noWatch', { id: watch });
  if (error.key === 'watch.conflictNotFound') {
    return FerryError.of('ConflictNotFound', 'cli.watch.noConflict', { watch, id });
  }
  return error;
}

function describe(c: WatchConflict): string {
  return `${c.watchId} ${c.id}  ${c.path}: changed on both sides; the bucket's version is saved as ${c.conflictPath}`;
}
