import type { Bucket, Profile } from '../../../src-shared/contract/index.js';
import type { FerryErrorData } from '../../../src-shared/errors.js';
import { CommandError, type FerryClient } from '../client.js';

/** Connections and the buckets of the selected one. */
export class AppState {
  profiles = $state<Profile[]>([]);
  selectedId = $state<string | null>(null);
  buckets = $state<Bucket[]>([]);
  loadingProfiles = $state(true);
  loadingBuckets = $state(false);
  error = $state<FerryErrorData | null>(null);
  readonly #client: FerryClient;

  constructor(client: FerryClient) {
    this.#client = client;
    client.on('profiles.changed', ({ profiles }) => {
      this.profiles = profiles;
    });
  }

  get selected(): Profile | undefined {
    return this.profiles.find((p) => p.id === this.selectedId);
  }

  async load(): Promise<void> {
    this.loadingProfiles = true;
    try {
      this.profiles = await this.#client.call('profiles.list', {});
      const first = this.profiles[0];
      if (first && !this.selectedId) await this.select(first.id);
    } catch (error) {
      this.#fail(error);
    } finally {
      this.loadingProfiles = false;
    }
  }

  async select(profileId: string): Promise<void> {
    this.selectedId = profileId;
    this.buckets = [];
    this.loadingBuckets = true;
    this.error = null;
    try {
      const buckets = await this.#client.call('buckets.list', { profileId });
      if (this.selectedId === profileId) this.buckets = buckets;
    } catch (error) {
      this.#fail(error);
    } finally {
      this.loadingBuckets = false;
    }
  }

  dismissError(): void {
    this.error = null;
  }

  #fail(error: unknown): void {
    this.error =
      error instanceof CommandError
        ? error.error
        : { code: 'Internal', message: String(error), hint: 'Reload the page.' };
  }
}
