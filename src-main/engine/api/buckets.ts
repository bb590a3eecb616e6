import { listBuckets } from '../browse/buckets.js';
import type { Engine } from '../engine.js';
import type { Handlers } from '../dispatch.js';

/** `buckets.*` commands. */
export function bucketHandlers(engine: Engine): Pick<Handlers, 'buckets.list'> {
  return {
    'buckets.list': async ({ profileId }) => {
      const profile = engine.profiles.get(profileId);
      return listBuckets(await engine.profiles.client(profileId), profile.endpoint);
    },
  };
}
