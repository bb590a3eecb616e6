import type { BucketContents, VersioningStatus } from '../../../src-shared/contract/index.js';
import type { FerryErrorData } from '../../../src-shared/errors.js';
import { bucketNameProblem } from '../../../src-shared/s3-names.js';
import { i18n } from '../i18n/i18n.svelte.js';
import type { FerryClient } from '../client.js';
import { toErrorData } from '../errors.js';
import type { AppState } from './app.svelte.js';
import { BucketConfig } from './bucket-config.svelte.js';
import { BucketLocations } from './bucket-locations.svelte.js';

/** Bucket dialogs: create with live name checks, delete with a typed confirmation, versioning. */
export class BucketActions {
  creating = $state(false);
  deleting = $state<{ bucket: string; contents: BucketContents | null } | null>(null);
  versioning = $state<Record<string, VersioningStatus>>({});
  busy = $state(false);
  /** Why the open dialog's action failed; shown inside the dialog, never behind it. */
  dialogError = $state<FerryErrorData | null>(null);
  /** Regions of the listed buckets, fetched lazily and kept per connection. */
  readonly locations: BucketLocations;
  /** Lifecycle, CORS and tags dialogs (issue 19). */
  readonly config: BucketConfig;
  readonly #client: FerryClient;
  readonly #app: AppState;

  constructor(client: FerryClient, app: AppState) {
    this.#client = client;
    this.#app = app;
    this.locations = new BucketLocations(client);
    this.config = new BucketConfig(client, app);
  }

  /** Which S3 naming rule a name breaks, or null (empty is not an error yet). */
  problem(name: string): string | null {
    const problem = name ? bucketNameProblem(name) : null;
    return problem ? i18n.error({ code: 'InvalidBucketName', ...problem }).message : null;
  }

  /** Opens the New bucket dialog. */
  startCreate(): void {
    this.dialogError = null;
    this.creating = true;
  }

  async create(
    name: string,
    options: { versioning?: boolean; objectLock?: boolean } = {},
  ): Promise<boolean> {
    const profileId = this.#app.selectedId;
    if (!profileId) return false;
    return this.#run(async () => {
      await this.#client.call('buckets.create', { profileId, bucket: name, ...options });
      this.creating = false;
    });
  }

  /** Asks to delete, counting first what would go with the bucket. */
  async askDelete(bucket: string): Promise<void> {
    const profileId = this.#app.selectedId;
    if (!profileId) return;
    this.dialogError = null;
    this.deleting = { bucket, contents: null };
    try {
      const contents = await this.#client.call('buckets.count', { profileId, bucket });
      if (this.deleting?.bucket === bucket) this.deleting = { bucket, contents };
    } catch (error) {
      this.deleting = null;
      this.#app.fail(error);
    }
  }

  async confirmDelete(): Promise<void> {
    const profileId = this.#app.selectedId;
    const target = this.deleting;
    if (!profileId || !target?.contents) return;
    const force = target.contents.objects + target.contents.versions > 0;
    await this.#run(async () => {
      await this.#client.call('buckets.delete', { profileId, bucket: target.bucket, force });
      this.deleting = null;
    });
  }

  async loadVersioning(bucket: string): Promise<void> {
    const profileId = this.#app.selectedId;
    if (!profileId) return;
    const result = await this.#client.invoke('buckets.getVersioning', { profileId, bucket });
    if (result.ok) this.versioning = { ...this.versioning, [bucket]: result.value.status };
  }

  async setVersioning(bucket: string, on: boolean): Promise<void> {
    const profileId = this.#app.selectedId;
    if (!profileId) return;
    try {
      const { status } = await this.#client.call('buckets.setVersioning', {
        profileId,
        bucket,
        status: on ? 'Enabled' : 'Suspended',
      });
      this.versioning = { ...this.versioning, [bucket]: status };
    } catch (error) {
      this.#app.fail(error);
    }
  }

  /** Runs a dialog's action; a failure stays in the dialog, which the user can correct or cancel. */
  async #run(work: () => Promise<void>): Promise<boolean> {
    this.busy = true;
    this.dialogError = null;
    try {
      await work();
      await this.#app.refreshBuckets();
      return true;
    } catch (error) {
      this.dialogError = toErrorData(error);
      return false;
    } finally {
      this.busy = false;
    }
  }
}
