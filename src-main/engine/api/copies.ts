import type { Engine } from '../engine.js';
import type { Handlers } from '../dispatch.js';

type CopyCommand = Extract<keyof Handlers, `copies.${string}`>;

/** `copies.*` commands: pastes and drags, server-side, as jobs with progress. */
export function copyHandlers(engine: Engine): Pick<Handlers, CopyCommand> {
  const copies = engine.copies;
  return {
    'copies.plan': async (request) => copies.plan(request),
    'copies.start': async ({ planId, actions, otherwise }) =>
      copies.start(planId, actions, otherwise),
    'copies.list': async () => copies.list(),
    'copies.cancel': async ({ id }) => {
      copies.cancel(id);
      return {};
    },
    'copies.clear': async () => {
      copies.clear();
      return {};
    },
  };
}
