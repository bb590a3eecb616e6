import type { Engine } from '../engine.js';
import type { Handlers } from '../dispatch.js';
import { usage } from '../browse/find.js';
import { connect } from './connect.js';

type SearchCommands = Extract<keyof Handlers, `search.${string}`>;

/** `search.*` commands: find objects by name under a prefix, and what a prefix holds. */
export function searchHandlers(engine: Engine): Pick<Handlers, SearchCommands> {
  return {
    'search.start': async ({ profileId, searchId, ...options }) => {
      const { client, endpoint } = await connect(engine, profileId);
      const id = engine.searches.start(
        client,
        { ...options, endpoint },
        {
          found: (payload) => engine.events.emit('search.found', payload),
          done: (payload) => engine.events.emit('search.done', payload),
        },
        searchId,
      );
      return { searchId: id };
    },
    'search.cancel': async ({ searchId }) => ({ cancelled: engine.searches.cancel(searchId) }),
    'search.usage': async ({ profileId, bucket, prefix, versions }) => {
      const { client, endpoint } = await connect(engine, profileId);
      return usage(client, { bucket, prefix, versions, endpoint });
    },
  };
}
