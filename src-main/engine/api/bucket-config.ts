import { allowUploads, getCors, setCors } from '../bucket-config/cors.js';
import {
  getLifecycle,
  removeLifecycleRules,
  setLifecycleRule,
} from '../bucket-config/lifecycle.js';
import { getObjectLock, setObjectLock } from '../bucket-config/object-lock.js';
import { getTags, setTags } from '../bucket-config/tags.js';
import type { Engine } from '../engine.js';
import type { Handlers } from '../dispatch.js';
import { connect } from './connect.js';

type BucketConfigCommands = Extract<
  keyof Handlers,
  `${'lifecycle' | 'tags' | 'objectLock' | 'cors'}.${string}`
>;

/** `lifecycle.*`, `tags.*`, `objectLock.*` and `cors.*`: a bucket's configuration (issue 19). */
export function bucketConfigHandlers(engine: Engine): Pick<Handlers, BucketConfigCommands> {
  return {
    'lifecycle.get': async ({ profileId, bucket }) => {
      const { client, endpoint } = await connect(engine, profileId);
      return { rules: await getLifecycle(client, bucket, endpoint) };
    },
    'lifecycle.set': async ({ profileId, bucket, ...change }) => {
      const { client, endpoint } = await connect(engine, profileId);
      return { rules: await setLifecycleRule(client, bucket, change, endpoint) };
    },
    'lifecycle.remove': async ({ profileId, bucket, ...target }) => {
      const { client, endpoint } = await connect(engine, profileId);
      return { rules: await removeLifecycleRules(client, bucket, target, endpoint) };
    },
    'tags.get': async ({ profileId, bucket, key }) => {
      const { client, endpoint } = await connect(engine, profileId);
      return { tags: await getTags(client, bucket, key, endpoint) };
    },
    'tags.set': async ({ profileId, bucket, key, tags }) => {
      const { client, endpoint } = await connect(engine, profileId);
      return { tags: await setTags(client, bucket, key, tags, endpoint) };
    },
    'objectLock.get': async ({ profileId, bucket, key }) => {
      const { client, endpoint } = await connect(engine, profileId);
      return getObjectLock(client, bucket, key, endpoint);
    },
    'objectLock.set': async ({ profileId, bucket, key, ...change }) => {
      const { client, endpoint } = await connect(engine, profileId);
      return setObjectLock(client, bucket, key, change, endpoint, new Date(engine.clock.now()));
    },
    'cors.get': async ({ profileId, bucket }) => {
      const { client, endpoint } = await connect(engine, profileId);
      return { rules: await getCors(client, bucket, endpoint) };
    },
    'cors.set': async ({ profileId, bucket, rules }) => {
      const { client, endpoint } = await connect(engine, profileId);
      return { rules: await setCors(client, bucket, rules, endpoint) };
    },
    'cors.allowUpload': async ({ profileId, bucket, origin }) => {
      const { client, endpoint } = await connect(engine, profileId);
      return { rules: await allowUploads(client, bucket, origin, endpoint) };
    },
  };
}
