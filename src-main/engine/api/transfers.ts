import type { Engine } from '../engine.js';
import type { Handlers } from '../dispatch.js';
import { abortIncompleteUploads, listIncompleteUploads } from '../transfer/orphans.js';
import { enqueueDownloads, enqueueUploads } from '../transfer/enqueue.js';

type TransferCommands =
  | 'transfers.upload'
  | 'transfers.download'
  | 'transfers.list'
  | 'transfers.pause'
  | 'transfers.resume'
  | 'transfers.cancel'
  | 'transfers.retry'
  | 'transfers.reorder'
  | 'transfers.clear'
  | 'transfers.history'
  | 'uploads.list'
  | 'uploads.abort';

/** `transfers.*` and `uploads.*` commands: thin wrappers around the engine's queue. */
export function transferHandlers(engine: Engine): Pick<Handlers, TransferCommands> {
  const queue = engine.transfers;
  return {
    'transfers.upload': async (req) => ({ ids: await enqueueUploads(engine, req) }),
    'transfers.download': async (req) => ({ ids: await enqueueDownloads(engine, req) }),
    'transfers.list': async () => ({ transfers: queue.list(), totals: queue.totals() }),
    'transfers.pause': async ({ ids }) => (queue.pause(ids), {}),
    'transfers.resume': async ({ ids }) => (queue.resume(ids), {}),
    'transfers.cancel': async ({ ids }) => (queue.cancel(ids), {}),
    'transfers.retry': async ({ ids, conflict }) => (queue.retry(ids, conflict), {}),
    'transfers.reorder': async ({ id, index }) => (queue.reorder(id, index), {}),
    'transfers.clear': async () => ({ removed: queue.clear() }),
    'transfers.history': async ({ limit }) => queue.history.list(limit),
    'uploads.list': async ({ profileId, bucket }) =>
      listIncompleteUploads(await engine.profiles.client(profileId), bucket, engine.clock.now()),
    'uploads.abort': async ({ profileId, bucket, uploads }) => ({
      aborted: await abortIncompleteUploads(
        await engine.profiles.client(profileId),
        bucket,
        uploads,
      ),
    }),
  };
}
