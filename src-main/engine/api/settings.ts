import type { Engine } from '../engine.js';
import type { Handlers } from '../dispatch.js';

/** `settings.*` commands. */
export function settingsHandlers(engine: Engine): Pick<Handlers, 'settings.get' | 'settings.set'> {
  return {
    'settings.get': async () => engine.settings.get(),
    'settings.set': async (change) => {
      const settings = await engine.settings.update(change);
      engine.events.emit('settings.changed', settings);
      return settings;
    },
  };
}
