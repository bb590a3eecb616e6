import type { Engine } from '../engine.js';
import type { Handlers } from '../dispatch.js';
import { VERSION } from '../version.js';

/** `app.*` commands. */
export function appHandlers(engine: Engine): Pick<Handlers, 'app.info'> {
  return {
    'app.info': async () => ({
      version: VERSION,
      face: engine.face === 'desktop' ? 'desktop' : 'serve',
      platform: engine.platform,
    }),
  };
}
