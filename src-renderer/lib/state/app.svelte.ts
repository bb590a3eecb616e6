import type { AppInfo, Bucket, Profile } from '../../../src-shared/contract/index.js';
import type { FerryErrorData } from '../../../src-shared/errors.js';
import type { ConnectionState, FerryClient } from '../client.js';
import { toErrorData } from '../errors.js';

/** The main screens the sidebar switches between. */
export type View = 'connections' | 'buckets' | 'transfers' | 'watches' | 'migration' | 'settings';

/** Connections, which screen shows, and the buckets of the selected connection. */
export class AppState {
  view = $state<View>('buckets');
  info = $state<AppInfo | null>(null);
  profiles = $state<Profile[]>([]);
  selectedId = $state<string | null>(null);
  /** The bucket open in the object browser; null shows the bucket list. */
  bucket = $state<string | null>(null);
  buckets = $state<Bucket[]>([]);
  loadingProfiles = $state(true);
  loadingBuckets = $state(false);
  error = $state<FerryErrorData | null>(null);
  /** Whether the engine is reachable (only `ferry serve` can go away). */
  connection = $state<ConnectionState>('connected');
  readonly client: FerryClient;

  constructor(client: FerryClient) {
    this.client = client;
    client.on('profiles.changed', ({ profiles }) => {
      this.profiles = profiles;
      if (this.selectedId && !profiles.some((p) => p.id === this.selectedId)) {
        this.selectedId = null;
        this.buckets = [];
      }
    });
  }

  get selected(): Profile | undefined {
    return this.profiles.find((p) => p.id === this.selectedId);
  }

  /** First load: with no connection yet, open the connections screen so the user can add one. */
  async load(): Promise<void> {
    this.loadingProfiles = true;
    try {
      const [info, profiles] = await Promise.all([
        this.client.call('app.info', {}),
        this.client.call('profiles.list', {}),
      ]);
      this.info = info;
      this.profiles = profiles;
      const first = profiles[0];
      if (!first) this.view = 'connections';
      else if (!this.selectedId) await this.select(first.id);
    } catch (error) {
      this.error = toErrorData(error);
    } finally {
      this.loadingProfiles = false;
    }
  }

  show(view: View): void {
    this.view = view;
  }

  /** Opens a connection's buckets. */
  async select(profileId: string): Promise<void> {
    this.selectedId = profileId;
    this.bucket = null;
    this.view = 'buckets';
    await this.refreshBuckets();
  }

  async refreshBuckets(): Promise<void> {
    const profileId = this.selectedId;
    if (!profileId) return;
    this.buckets = [];
    this.loadingBuckets = true;
    this.error = null;
    try {
      const buckets = await this.client.call('buckets.list', { profileId });
      if (this.selectedId === profileId) this.buckets = buckets;
    } catch (error) {
      if (this.selectedId === profileId) this.error = toErrorData(error);
    } finally {
      if (this.selectedId === profileId) this.loadingBuckets = false;
    }
  }

  /** Retries whatever failed last. */
  retry(): Promise<void> {
    return this.selectedId ? this.refreshBuckets() : this.load();
  }

  dismissError(): void {
    this.error = null;
  }

  /** Shows a failure from any screen as the banner. */
  fail(error: unknown): void {
    this.error = toErrorData(error);
  }
}
