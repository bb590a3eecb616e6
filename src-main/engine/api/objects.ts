import { folderSize, listPage } from '../browse/list.js';
import type { Engine } from '../engine.js';
import type { Handlers } from '../dispatch.js';
import { copyRemote } from '../objects/copy.js';
import { deleteKeys, deletePrefix } from '../objects/delete.js';
import { createFolder, headObject, previewObject, updateMetadata } from '../objects/object-ops.js';
import { connect } from './connect.js';

type ObjectCommands = Extract<keyof Handlers, `objects.${string}`>;

/** `objects.*` commands. */
export function objectHandlers(engine: Engine): Pick<Handlers, ObjectCommands> {
  return {
    'objects.list': async ({ profileId, listingId, ...options }) => {
      const { client, endpoint } = await connect(engine, profileId);
      const id = engine.listings.start(
        client,
        { ...options, endpoint },
        {
          page: (payload) => engine.events.emit('objects.page', payload),
          done: (payload) => engine.events.emit('objects.listDone', payload),
        },
        listingId,
      );
      return { listingId: id };
    },
    'objects.cancelList': async ({ listingId }) => ({
      cancelled: engine.listings.cancel(listingId),
    }),
    'objects.listPage': async ({ profileId, ...options }) => {
      const { client, endpoint } = await connect(engine, profileId);
      const { entries, nextToken } = await listPage(client, { ...options, endpoint });
      return { entries, nextToken };
    },
    'objects.head': async ({ profileId, bucket, key }) => {
      const { client, endpoint } = await connect(engine, profileId);
      return headObject(client, bucket, key, endpoint);
    },
    'objects.delete': async ({ profileId, bucket, keys }) => {
      const { client, endpoint } = await connect(engine, profileId);
      return deleteKeys(client, bucket, keys, endpoint);
    },
    'objects.deletePrefix': async ({ profileId, bucket, prefix }) => {
      const { client, endpoint } = await connect(engine, profileId);
      return deletePrefix(client, bucket, prefix, endpoint);
    },
    'objects.folderSize': async ({ profileId, bucket, prefix }) => {
      const { client, endpoint } = await connect(engine, profileId);
      return folderSize(client, { bucket, prefix, endpoint });
    },
    'objects.createFolder': async ({ profileId, bucket, key }) => {
      const { client, endpoint } = await connect(engine, profileId);
      return createFolder(client, bucket, key, endpoint);
    },
    'objects.copy': async ({ profileId, ...request }) => {
      const { client, endpoint } = await connect(engine, profileId);
      return copyRemote(client, { ...request, endpoint });
    },
    'objects.move': async ({ profileId, ...request }) => {
      const { client, endpoint } = await connect(engine, profileId);
      return copyRemote(client, { ...request, move: true, endpoint });
    },
    'objects.updateMetadata': async ({ profileId, bucket, key, ...change }) => {
      const { client, endpoint } = await connect(engine, profileId);
      return updateMetadata(client, bucket, key, change, endpoint);
    },
    'objects.preview': async ({ profileId, bucket, key, maxBytes }) => {
      const { client, endpoint } = await connect(engine, profileId);
      return previewObject(client, bucket, key, maxBytes, endpoint);
    },
  };
}
