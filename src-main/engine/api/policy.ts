import type { Engine } from '../engine.js';
import type { Handlers } from '../dispatch.js';
import { deletePolicy, getAccess, putPolicy, setAccess } from '../policy/policy.js';
import { publicLink } from '../policy/public-url.js';
import { connect } from './connect.js';

type PolicyCommands = Extract<keyof Handlers, `policy.${string}`>;

/** `policy.*` commands: public access through bucket policies, and public links. */
export function policyHandlers(engine: Engine): Pick<Handlers, PolicyCommands> {
  return {
    'policy.get': async ({ profileId, bucket, prefix }) => {
      const { client, endpoint } = await connect(engine, profileId);
      return getAccess(client, { bucket, prefix, endpoint });
    },
    'policy.setAccess': async ({ profileId, bucket, prefix, access, listing }) => {
      const { client, endpoint } = await connect(engine, profileId);
      return setAccess(client, { bucket, prefix, endpoint }, access, listing);
    },
    'policy.put': async ({ profileId, bucket, prefix, policy }) => {
      const { client, endpoint } = await connect(engine, profileId);
      return putPolicy(client, { bucket, prefix, endpoint }, policy);
    },
    'policy.delete': async ({ profileId, bucket, prefix }) => {
      const { client, endpoint } = await connect(engine, profileId);
      return deletePolicy(client, { bucket, prefix, endpoint });
    },
    'policy.publicUrl': async ({ profileId, bucket, key }) => {
      const { client, endpoint } = await connect(engine, profileId);
      return publicLink(client, bucket, key, endpoint);
    },
  };
}
