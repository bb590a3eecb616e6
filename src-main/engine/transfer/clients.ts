import type { S3Client } from '@aws-sdk/client-s3';
import type { ConnectionProfile } from '../connection/profile.js';
import type { ProfileStore } from '../connection/profiles.js';
import type { Logger } from '../logger.js';
import { leanTargetFor } from './lean-requests.js';
import { SMALL_SLOTS } from './schedule.js';

/** The transfer engine's own S3 clients, one per profile, remade when the profile changes. */
export class TransferClients {
  readonly #profiles: ProfileStore;
  readonly #logger: Logger;
  readonly #clients = new Map<string, { profile: ConnectionProfile; client: Promise<S3Client> }>();

  constructor(profiles: ProfileStore, logger: Logger) {
    this.#profiles = profiles;
    this.#logger = logger;
  }

  /**
   * The profile's client. Made once however many jobs ask at the same moment: the first 64 small files of a
   * folder all start together, and each made a client (and a pool of sockets) of its own before.
   */
  async get(profileId: string): Promise<S3Client> {
    const profile = this.#profiles.get(profileId);
    const cached = this.#clients.get(profileId);
    if (cached?.profile === profile) return cached.client;
    if (cached) destroyWhenMade(cached.client);
    const client = this.#make(profileId);
    this.#clients.set(profileId, { profile, client });
    // A failure is not kept: the next job asks again.
    client.catch(() => {
      if (this.#clients.get(profileId)?.client === client) this.#clients.delete(profileId);
    });
    return client;
  }

  /**
   * Makes the profile's client and lean requests ahead of the first job (15 ms of CPU), and asks through
   * them whether the bucket is there. True when that is settled: it answered 200, or nothing answered at all (the uploads
   * then say why, as they did when the SDK's HeadBucket failed so; asking again only made the user wait
   * longer). False: ask through the SDK, which names any other answer (a 404 is NoSuchBucket).
   */
  async prepare(profileId: string, bucket: string): Promise<boolean> {
    const lean = await this.get(profileId).then(leanTargetFor, () => null);
    if (!lean) return false;
    const status = await lean.headBucket(bucket).catch(() => null);
    return status === null || status === 200;
  }

  async #make(profileId: string): Promise<S3Client> {
    // One socket per small file in flight. Ferry retries with its own backoff (per part), so the SDK must
    // not retry underneath.
    const client = await this.#profiles.client(profileId, {
      maxSockets: SMALL_SLOTS,
      maxAttempts: 1,
    });
    // Without a logger of its own the SDK writes some warnings straight to the console; the engine never does.
    const log = (message: unknown) => this.#logger.debug('s3 sdk', { message: String(message) });
    client.config.logger = { trace: log, debug: log, info: log, warn: log, error: log };
    // Send each body at once instead of waiting for a 100-continue: one round trip less per part.
    client.config.expectContinueHeader = false;
    return client;
  }

  destroy(): void {
    for (const { client } of this.#clients.values()) destroyWhenMade(client);
    this.#clients.clear();
  }
}

/** Closes a client's sockets once it is made (a client that failed to be made has none). */
function destroyWhenMade(client: Promise<S3Client>): void {
  client.then(
    (made) => made.destroy(),
    () => {},
  );
}
