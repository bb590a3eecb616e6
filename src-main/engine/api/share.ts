import type { Engine } from '../engine.js';
import type { Handlers } from '../dispatch.js';
import { presign } from '../share/presign.js';
import { connect } from './connect.js';

/** `share.*` commands. */
export function shareHandlers(engine: Engine): Pick<Handlers, 'share.create'> {
  return {
    'share.create': async ({ profileId, ...options }) => {
      const { client, endpoint } = await connect(engine, profileId);
      return presign(client, { ...options, endpoint }, engine.clock);
    },
  };
}
