import type { S3Client } from '@aws-sdk/client-s3';
import { Profile } from '../../../src-shared/contract/index.js';
import { FerryError } from '../errors.js';
import type { Logger } from '../logger.js';
import { readJsonFile, writeFileAtomic } from '../store/atomic.js';
import { MemorySecretStore, type SecretStore } from '../store/secrets.js';
import { createS3Client, type ClientOptions } from './client.js';
import type { ConnectionProfile, Credentials } from './profile.js';

/** The public view of a profile: drops nothing secret because it never held a secret. */
export function publicProfile(p: ConnectionProfile, hasSecret?: boolean): Profile {
  return {
    id: p.id,
    name: p.name,
    endpoint: p.endpoint,
    region: p.region,
    pathStyle: p.pathStyle,
    checksumMode: p.checksumMode,
    accessKeyId: p.accessKeyId,
    source: p.source,
    ...(p.caFile ? { caFile: p.caFile } : {}),
    ...(p.allowInsecureTls ? { allowInsecureTls: true } : {}),
    ...(p.preset ? { preset: p.preset } : {}),
    ...(hasSecret === undefined ? {} : { hasSecret }),
  };
}

export interface ProfileStoreOptions {
  /** JSON file saved profiles persist in (`profiles.json` in the config dir); none keeps them in memory. */
  file?: string;
  logger?: Logger;
}

/**
 * Connection profiles and the clients made from them. Saved profiles persist (atomically) in the config
 * dir and their secrets go to the SecretStore; transient ones (the environment, command-line flags) live
 * only in memory, secrets included. Transfers and watches call `client(id)` for a ready S3Client.
 */
export class ProfileStore {
  readonly #profiles = new Map<string, ConnectionProfile>();
  readonly #transient = new Set<string>();
  readonly #withSecret = new Set<string>();
  readonly #clients = new Map<string, S3Client>();
  readonly #secrets: SecretStore;
  readonly #memorySecrets = new MemorySecretStore();
  readonly #onChange: (profiles: Profile[]) => void;
  readonly #options: ProfileStoreOptions;

  constructor(
    secrets: SecretStore,
    onChange: (profiles: Profile[]) => void = () => {},
    options: ProfileStoreOptions = {},
  ) {
    this.#secrets = secrets;
    this.#onChange = onChange;
    this.#options = options;
  }

  /** Where secrets of saved profiles are kept, in words for the user. */
  get secretStorage(): { description: string; persistent: boolean } {
    return {
      description: this.#secrets.description,
      persistent: !(this.#secrets instanceof MemorySecretStore),
    };
  }

  /** Loads saved profiles from the file; a damaged entry is skipped and logged, never fatal. */
  async load(): Promise<void> {
    const file = this.#options.file;
    if (!file) return;
    let raw: unknown;
    try {
      raw = await readJsonFile(file);
    } catch (error) {
      this.#options.logger?.warn('profiles: unreadable file, starting without saved profiles', {
        file,
        error: error instanceof Error ? error.message : String(error),
      });
      return;
    }
    const entries = Array.isArray((raw as { profiles?: unknown })?.profiles)
      ? (raw as { profiles: unknown[] }).profiles
      : [];
    for (const entry of entries) {
      const parsed = Profile.omit({ hasSecret: true }).safeParse(entry);
      if (!parsed.success || parsed.data.source !== 'saved') {
        this.#options.logger?.warn('profiles: skipped an invalid saved profile', { file });
        continue;
      }
      this.#profiles.set(parsed.data.id, parsed.data);
      if (await this.#secrets.get(parsed.data.id)) this.#withSecret.add(parsed.data.id);
    }
  }

  list(): Profile[] {
    return [...this.#profiles.values()].map((p) => publicProfile(p, this.#withSecret.has(p.id)));
  }

  /** True when a profile with this id exists. */
  has(id: string): boolean {
    return this.#profiles.has(id);
  }

  /** The profile with its local settings, or a ProfileNotFound error naming the known ones. */
  get(id: string): ConnectionProfile {
    const profile = this.#profiles.get(id);
    if (!profile) {
      const known = [...this.#profiles.keys()];
      throw FerryError.of(
        'ProfileNotFound',
        known.length ? 'profile.notFound' : 'profile.notFoundNone',
        { id, known: known.join(', ') },
      );
    }
    return profile;
  }

  /**
   * Adds or replaces a profile; the secret goes to the secret store, never into the profile. Transient
   * profiles (default: those from the environment) are neither saved to disk nor their secrets stored.
   */
  async put(
    profile: ConnectionProfile,
    secretAccessKey?: string,
    options: { transient?: boolean } = {},
  ): Promise<void> {
    const transient = options.transient ?? profile.source === 'environment';
    const secrets = transient ? this.#memorySecrets : this.#secrets;
    if (secretAccessKey !== undefined) await secrets.set(profile.id, secretAccessKey);
    if (secretAccessKey || (await secrets.get(profile.id))) this.#withSecret.add(profile.id);
    this.#profiles.set(profile.id, profile);
    if (transient) this.#transient.add(profile.id);
    else this.#transient.delete(profile.id);
    this.#dropClient(profile.id);
    if (!transient) await this.#persist();
    this.#onChange(this.list());
  }

  async remove(id: string): Promise<void> {
    this.get(id);
    const transient = this.#transient.has(id);
    this.#profiles.delete(id);
    this.#transient.delete(id);
    this.#withSecret.delete(id);
    await (transient ? this.#memorySecrets : this.#secrets).delete(id);
    this.#dropClient(id);
    if (!transient) await this.#persist();
    this.#onChange(this.list());
  }

  async credentials(id: string): Promise<Credentials> {
    const profile = this.get(id);
    const store = this.#transient.has(id) ? this.#memorySecrets : this.#secrets;
    const secretAccessKey = await store.get(id);
    if (!profile.accessKeyId || !secretAccessKey) {
      throw FerryError.of(
        'MissingCredentials',
        profile.accessKeyId ? 'profile.noSecretKey' : 'profile.noAccessKey',
        { name: profile.name },
      );
    }
    return { accessKeyId: profile.accessKeyId, secretAccessKey };
  }

  /** A cached S3Client for a profile; recreated when the profile changes. Options give a private one. */
  async client(id: string, options?: ClientOptions): Promise<S3Client> {
    const cached = options ? undefined : this.#clients.get(id);
    if (cached) return cached;
    const client = createS3Client(this.get(id), await this.credentials(id), options);
    if (!options) this.#clients.set(id, client);
    return client;
  }

  async #persist(): Promise<void> {
    const file = this.#options.file;
    if (!file) return;
    const saved = [...this.#profiles.values()]
      .filter((p) => !this.#transient.has(p.id))
      .map((p) => publicProfile(p));
    await writeFileAtomic(file, `${JSON.stringify({ version: 1, profiles: saved }, null, 2)}\n`);
  }

  #dropClient(id: string): void {
    this.#clients.get(id)?.destroy();
    this.#clients.delete(id);
  }

  /** Closes every client's sockets. */
  dispose(): void {
    for (const id of [...this.#clients.keys()]) this.#dropClient(id);
  }
}
