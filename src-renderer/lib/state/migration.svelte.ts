import { SvelteSet } from 'svelte/reactivity';
import type {
  Bucket,
  MigrationPlan,
  MigrationRequest,
  MigrationStatus,
} from '../../../src-shared/contract/index.js';
import type { FerryErrorData } from '../../../src-shared/errors.js';
import type { FerryClient } from '../client.js';
import { toErrorData } from '../errors.js';

/** One side of the form: a connection, a bucket of it, and an optional prefix. */
export interface MigrationSideDraft {
  profileId: string;
  bucket: string;
  prefix: string;
  buckets: Bucket[];
  loadingBuckets: boolean;
}

const emptySide = (): MigrationSideDraft => ({
  profileId: '',
  bucket: '',
  prefix: '',
  buckets: [],
  loadingBuckets: false,
});

/**
 * The Migration screen: the two sides, the plan the engine answers for them, and the migration started
 * from it, followed through `migrations.progress` until its report.
 */
export class MigrationState {
  source = $state<MigrationSideDraft>(emptySide());
  target = $state<MigrationSideDraft>(emptySide());
  mirror = $state(false);
  confirmDeletes = $state(false);
  plan = $state<MigrationPlan | null>(null);
  planning = $state(false);
  /** The migration this screen started (or the latest one, after a reload). */
  status = $state<MigrationStatus | null>(null);
  error = $state<FerryErrorData | null>(null);
  readonly #client: FerryClient;
  /** Cut-off migrations already shown after a restart (shown once a session). */
  readonly #shown = new SvelteSet<string>();

  constructor(client: FerryClient) {
    this.#client = client;
    client.on('migrations.progress', (s) => {
      if (!this.status || this.status.id === s.id) this.status = s;
    });
  }

  get running(): boolean {
    return this.status?.state === 'planning' || this.status?.state === 'copying';
  }

  get ready(): boolean {
    return !!(
      this.source.profileId &&
      this.source.bucket &&
      this.target.profileId &&
      this.target.bucket
    );
  }

  /**
   * Fills both connections with the first one, and shows a migration still running, or the latest one if
   * Ferry stopped in the middle of it (once per session), with the form set to its sides to start it again.
   */
  async load(profileId: string | null): Promise<void> {
    const result = await this.#client.invoke('migrations.list', {});
    const list = result.ok ? result.value : [];
    const running = list.find((m) => m.state === 'planning' || m.state === 'copying');
    const latest = list[0];
    const cutOff =
      latest?.error?.key === 'migration.interrupted' && !this.#shown.has(latest.id)
        ? latest
        : undefined;
    if (cutOff && !this.status && !this.source.profileId) {
      this.#shown.add(cutOff.id);
      await this.#fill(cutOff.request);
      this.status = cutOff;
      return;
    }
    if (profileId && !this.source.profileId) await this.choose('source', profileId);
    if (profileId && !this.target.profileId) await this.choose('target', profileId);
    if (!this.status) this.status = running ?? null;
  }

  /** Sets the form to a request's sides (their connections' buckets listed as usual). */
  async #fill(request: MigrationRequest): Promise<void> {
    for (const which of ['source', 'target'] as const) {
      const wanted = request[which];
      await this.choose(which, wanted.profileId);
      const side = this[which];
      if (side.buckets.some((b) => b.name === wanted.bucket)) side.bucket = wanted.bucket;
      side.prefix = wanted.prefix;
    }
    this.mirror = request.mirror;
  }

  /** A new connection for one side: its buckets are listed for the bucket menu. */
  async choose(which: 'source' | 'target', profileId: string): Promise<void> {
    const side = this[which];
    side.profileId = profileId;
    side.bucket = '';
    side.buckets = [];
    side.loadingBuckets = true;
    this.changed();
    try {
      const buckets = await this.#client.call('buckets.list', { profileId });
      if (side.profileId !== profileId) return;
      side.buckets = buckets;
      side.bucket = buckets[0]?.name ?? '';
    } catch (error) {
      this.error = toErrorData(error);
    } finally {
      side.loadingBuckets = false;
    }
  }

  /** Anything the user changes makes the plan shown stale. */
  changed(): void {
    this.plan = null;
  }

  async makePlan(): Promise<void> {
    this.error = null;
    this.planning = true;
    this.plan = null;
    try {
      this.plan = await this.#client.call('migrations.plan', this.#request());
    } catch (error) {
      this.error = toErrorData(error);
    } finally {
      this.planning = false;
    }
  }

  async start(): Promise<void> {
    this.error = null;
    try {
      this.status = await this.#client.call('migrations.start', this.#request());
    } catch (error) {
      this.error = toErrorData(error);
    }
  }

  async cancel(): Promise<void> {
    const id = this.status?.id;
    if (!id) return;
    try {
      this.status = await this.#client.call('migrations.cancel', { id });
    } catch (error) {
      this.error = toErrorData(error);
    }
  }

  /** Back to the form after a report, with the same sides (starting again resumes). */
  reset(): void {
    this.status = null;
    this.plan = null;
  }

  #request(): MigrationRequest {
    const side = (s: MigrationSideDraft) => ({
      profileId: s.profileId,
      bucket: s.bucket,
      prefix: s.prefix.trim(),
    });
    return {
      source: side(this.source),
      target: side(this.target),
      mirror: this.mirror,
      confirmDeletes: this.mirror && this.confirmDeletes,
    };
  }
}
