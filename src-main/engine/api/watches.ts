import type { Engine } from '../engine.js';
import type { Handlers } from '../dispatch.js';

type WatchCommand =
  | 'watches.list'
  | 'watches.add'
  | 'watches.update'
  | 'watches.remove'
  | 'watches.pause'
  | 'watches.resume'
  | 'watches.pauseAll'
  | 'watches.resumeAll'
  | 'watches.syncNow'
  | 'watches.plan'
  | 'watches.recent'
  | 'watches.conflicts'
  | 'watches.resolveConflict';

/** `watches.*` commands. */
export function watchHandlers(engine: Engine): Pick<Handlers, WatchCommand> {
  const watches = engine.watches;
  const one = async (id: string, paused: boolean) => (await watches.setPaused([id], paused))[0]!;
  return {
    'watches.list': async () => watches.list(),
    'watches.add': async (input) => watches.add(input),
    'watches.update': async ({ id, change }) => watches.update(id, change),
    'watches.remove': async ({ id }) => {
      await watches.remove(id);
      return {};
    },
    'watches.pause': async ({ id }) => one(id, true),
    'watches.resume': async ({ id }) => one(id, false),
    'watches.pauseAll': async () => watches.setPaused(watches.ids(), true),
    'watches.resumeAll': async () => watches.setPaused(watches.ids(), false),
    'watches.syncNow': async ({ id, confirmDeletes }) => watches.syncNow(id, confirmDeletes),
    'watches.plan': async ({ id }) => watches.plan(id),
    'watches.recent': async ({ id }) => watches.recent(id),
    'watches.conflicts': async ({ id }) => watches.conflicts(id),
    'watches.resolveConflict': async ({ id, conflictId, keep }) =>
      watches.resolveConflict(id, conflictId, keep),
  };
}
