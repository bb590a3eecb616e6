import { isAwsEndpoint } from '../connection/profile.js';
import {
  bucketLocation,
  countBucket,
  createBucket,
  deleteBucket,
  getVersioning,
  listBuckets,
  setVersioning,
} from '../browse/buckets.js';
import { configureNewBucket } from '../bucket-config/object-lock.js';
import type { Engine } from '../engine.js';
import type { Handlers } from '../dispatch.js';
import { connect } from './connect.js';

type BucketCommands =
  | 'buckets.list'
  | 'buckets.create'
  | 'buckets.location'
  | 'buckets.count'
  | 'buckets.delete'
  | 'buckets.getVersioning'
  | 'buckets.setVersioning';

/** `buckets.*` commands. */
export function bucketHandlers(engine: Engine): Pick<Handlers, BucketCommands> {
  return {
    'buckets.list': async ({ profileId }) => {
      const { client, endpoint } = await connect(engine, profileId);
      return listBuckets(client, endpoint);
    },
    'buckets.create': async ({ profileId, bucket, region, versioning, objectLock }) => {
      const { client, endpoint } = await connect(engine, profileId);
      const created = await createBucket(
        client,
        bucket,
        region ?? engine.profiles.get(profileId).region,
        endpoint,
        objectLock,
      );
      // Versioning and object lock (issue 19)
      if (versioning || objectLock) {
        await configureNewBucket(
          client,
          bucket,
          { versioning: Boolean(versioning), objectLock: Boolean(objectLock) },
          endpoint,
        );
      }
      return created;
    },
    'buckets.location': async ({ profileId, bucket }) => {
      const { client, endpoint } = await connect(engine, profileId);
      // An empty constraint is us-east-1 on AWS itself; elsewhere it is the server's default region.
      const profile = engine.profiles.get(profileId);
      const fallback = isAwsEndpoint(profile.endpoint) ? 'us-east-1' : profile.region;
      return bucketLocation(client, bucket, fallback, endpoint);
    },
    'buckets.count': async ({ profileId, bucket }) => {
      const { client, endpoint } = await connect(engine, profileId);
      return countBucket(client, bucket, endpoint);
    },
    'buckets.delete': async ({ profileId, bucket, force }) => {
      const { client, endpoint } = await connect(engine, profileId);
      return deleteBucket(client, bucket, force, endpoint);
    },
    'buckets.getVersioning': async ({ profileId, bucket }) => {
      const { client, endpoint } = await connect(engine, profileId);
      return { status: await getVersioning(client, bucket, endpoint) };
    },
    'buckets.setVersioning': async ({ profileId, bucket, status }) => {
      const { client, endpoint } = await connect(engine, profileId);
      return { status: await setVersioning(client, bucket, status, endpoint) };
    },
  };
}
