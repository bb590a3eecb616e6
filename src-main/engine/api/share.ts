import type { Engine } from '../engine.js';
import type { Handlers } from '../dispatch.js';
import { presign } from '../share/presign.js';

/** `share.*` commands. */
export function shareHandlers(engine: Engine): Pick<Handlers, 'share.create'> {
  return {
    'share.create': async ({ profileId, ...options }) => {
      const profile = engine.profiles.get(profileId);
      // With WHEN_SUPPORTED the SDK signs a CRC32 of the empty body into PUT links, so every real
      // upload through the link would fail its checksum: presign with WHEN_REQUIRED, always.
      const client = await engine.profiles.client(profileId, { checksumMode: 'WHEN_REQUIRED' });
      try {
        const endpoint = profile.endpoint || 'AWS S3';
        return await presign(client, { ...options, endpoint }, engine.clock);
      } finally {
        client.destroy();
      }
    },
  };
}
