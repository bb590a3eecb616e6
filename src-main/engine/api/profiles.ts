import type { Engine } from '../engine.js';
import type { Handlers } from '../dispatch.js';

/** `profiles.*` commands. */
export function profileHandlers(engine: Engine): Pick<Handlers, 'profiles.list'> {
  return {
    'profiles.list': async () => engine.profiles.list(),
  };
}
