import type { S3Client } from '@aws-sdk/client-s3';
import type { Profile } from '../../../src-shared/contract/index.js';
import { FerryError } from '../errors.js';
import { createS3Client, type ClientOptions } from './client.js';
import type { ConnectionProfile, Credentials } from './profile.js';
import type { SecretStore } from '../store/secrets.js';

/** The public view of a profile: drops local-only settings. */
export function publicProfile(p: ConnectionProfile): Profile {
  return {
    id: p.id,
    name: p.name,
    endpoint: p.endpoint,
    region: p.region,
    pathStyle: p.pathStyle,
    checksumMode: p.checksumMode,
    accessKeyId: p.accessKeyId,
    source: p.source,
  };
}

/** Connection profiles and the clients made from them. */
export class ProfileStore {
  readonly #profiles = new Map<string, ConnectionProfile>();
  readonly #clients = new Map<string, S3Client>();
  readonly #secrets: SecretStore;
  readonly #onChange: (profiles: Profile[]) => void;

  constructor(secrets: SecretStore, onChange: (profiles: Profile[]) => void = () => {}) {
    this.#secrets = secrets;
    this.#onChange = onChange;
  }

  list(): Profile[] {
    return [...this.#profiles.values()].map(publicProfile);
  }

  /** The profile with its local settings, or a ProfileNotFound error naming the known ones. */
  get(id: string): ConnectionProfile {
    const profile = this.#profiles.get(id);
    if (!profile) {
      const known = [...this.#profiles.keys()];
      throw new FerryError(
        'ProfileNotFound',
        `There is no connection profile named "${id}".`,
        known.length
          ? `Known profiles: ${known.join(', ')}.`
          : 'Add a profile first, or set AWS_ENDPOINT_URL, AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY.',
      );
    }
    return profile;
  }

  /** Adds or replaces a profile; the secret goes to the secret store, never into the profile. */
  async put(profile: ConnectionProfile, secretAccessKey?: string): Promise<void> {
    if (secretAccessKey !== undefined) await this.#secrets.set(profile.id, secretAccessKey);
    this.#profiles.set(profile.id, profile);
    this.#dropClient(profile.id);
    this.#onChange(this.list());
  }

  async remove(id: string): Promise<void> {
    this.get(id);
    this.#profiles.delete(id);
    await this.#secrets.delete(id);
    this.#dropClient(id);
    this.#onChange(this.list());
  }

  async credentials(id: string): Promise<Credentials> {
    const profile = this.get(id);
    const secretAccessKey = await this.#secrets.get(id);
    if (!profile.accessKeyId || !secretAccessKey) {
      throw new FerryError(
        'MissingCredentials',
        `The profile "${profile.name}" has no ${profile.accessKeyId ? 'secret key' : 'access key'}.`,
        'Edit the profile and enter both the access key and the secret key.',
      );
    }
    return { accessKeyId: profile.accessKeyId, secretAccessKey };
  }

  /** A cached S3Client for a profile; recreated when the profile changes. */
  async client(id: string, options?: ClientOptions): Promise<S3Client> {
    const cached = options ? undefined : this.#clients.get(id);
    if (cached) return cached;
    const client = createS3Client(this.get(id), await this.credentials(id), options);
    if (!options) this.#clients.set(id, client);
    return client;
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
