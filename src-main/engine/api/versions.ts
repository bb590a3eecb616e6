import type { Engine } from '../engine.js';
import type { Handlers } from '../dispatch.js';
import {
  deleteVersion,
  downloadVersion,
  listDeletedPage,
  listVersionsPage,
  restoreVersion,
  undeleteKeys,
} from '../objects/versions.js';
import { connect } from './connect.js';

type VersionCommand = Extract<keyof Handlers, `versions.${string}`>;

/** `versions.*` commands: an object's history, restore, permanent deletes and undelete. */
export function versionHandlers(engine: Engine): Pick<Handlers, VersionCommand> {
  return {
    'versions.list': async ({ profileId, ...options }) => {
      const { client, endpoint } = await connect(engine, profileId);
      const { versions, next } = await listVersionsPage(client, { ...options, endpoint });
      return { versions, next };
    },
    'versions.listDeleted': async ({ profileId, ...options }) => {
      const { client, endpoint } = await connect(engine, profileId);
      return listDeletedPage(client, { ...options, endpoint });
    },
    'versions.restore': async ({ profileId, ...ref }) => {
      const { client, endpoint } = await connect(engine, profileId);
      return restoreVersion(client, ref, endpoint);
    },
    'versions.delete': async ({ profileId, ...ref }) => {
      const { client, endpoint } = await connect(engine, profileId);
      await deleteVersion(client, ref, endpoint);
      return {};
    },
    'versions.undelete': async ({ profileId, bucket, keys }) => {
      const { client, endpoint } = await connect(engine, profileId);
      return undeleteKeys(client, bucket, keys, endpoint);
    },
    'versions.download': async ({ profileId, folder, name, ...ref }) => {
      const { client, endpoint } = await connect(engine, profileId);
      return downloadVersion(client, ref, { folder, name }, endpoint);
    },
  };
}
