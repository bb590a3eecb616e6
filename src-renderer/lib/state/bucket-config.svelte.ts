import type { CorsRule, LifecycleRule, Tags } from '../../../src-shared/contract/index.js';
import type { FerryErrorData } from '../../../src-shared/errors.js';
import type { FerryClient } from '../client.js';
import { toErrorData } from '../errors.js';
import type { AppState } from './app.svelte.js';

/** The bucket settings that have a dialog of their own. */
export type BucketSetting = 'lifecycle' | 'cors' | 'tags';

/** What a number field holds: a number, or '' / null when empty (Svelte binds numbers to type=number). */
type DaysField = number | string | null;

/** A lifecycle rule as the form edits it; an empty field is an action the rule does not take. */
export interface RuleDraft {
  id?: string;
  prefix: string;
  enabled: boolean;
  expireDays: DaysField;
  noncurrentDays: DaysField;
  abortMultipartDays: DaysField;
}

const days = (value: DaysField): number | null =>
  value === null || String(value).trim() === '' ? null : Number(value);

/** A bucket's lifecycle rules, CORS rules and tags, each in its dialog (issue 19). */
export class BucketConfig {
  open = $state<{ bucket: string; setting: BucketSetting } | null>(null);
  lifecycle = $state<LifecycleRule[] | null>(null);
  cors = $state<CorsRule[] | null>(null);
  tags = $state<Tags | null>(null);
  busy = $state(false);
  /** Why loading or the last action failed; shown inside the dialog. */
  error = $state<FerryErrorData | null>(null);
  readonly #client: FerryClient;
  readonly #app: AppState;

  constructor(client: FerryClient, app: AppState) {
    this.#client = client;
    this.#app = app;
  }

  /** Opens a setting's dialog for a bucket and loads what the server holds. */
  async show(bucket: string, setting: BucketSetting): Promise<void> {
    this.open = { bucket, setting };
    this.lifecycle = this.cors = this.tags = null;
    this.error = null;
    await this.#run(async (where) => {
      if (setting === 'lifecycle')
        this.lifecycle = (await this.#client.call('lifecycle.get', where)).rules;
      else if (setting === 'cors') this.cors = (await this.#client.call('cors.get', where)).rules;
      else this.tags = (await this.#client.call('tags.get', where)).tags;
    });
  }

  close(): void {
    this.open = null;
  }

  /** Adds or changes a rule; true when the server took it. */
  saveRule(draft: RuleDraft): Promise<boolean> {
    return this.#run(async (where) => {
      const { rules } = await this.#client.call('lifecycle.set', {
        ...where,
        ...(draft.id ? { id: draft.id } : {}),
        prefix: draft.prefix.trim(),
        enabled: draft.enabled,
        expireDays: days(draft.expireDays),
        noncurrentDays: days(draft.noncurrentDays),
        abortMultipartDays: days(draft.abortMultipartDays),
      });
      this.lifecycle = rules;
    });
  }

  removeRule(id: string): Promise<boolean> {
    return this.#run(async (where) => {
      this.lifecycle = (await this.#client.call('lifecycle.remove', { ...where, id })).rules;
    });
  }

  saveCors(rules: CorsRule[]): Promise<boolean> {
    return this.#run(async (where) => {
      this.cors = (await this.#client.call('cors.set', { ...where, rules })).rules;
    });
  }

  allowUpload(origin: string): Promise<boolean> {
    return this.#run(async (where) => {
      this.cors = (await this.#client.call('cors.allowUpload', { ...where, origin })).rules;
    });
  }

  saveTags(tags: Tags): Promise<boolean> {
    return this.#run(async (where) => {
      this.tags = (await this.#client.call('tags.set', { ...where, tags })).tags;
    });
  }

  async #run(work: (where: { profileId: string; bucket: string }) => Promise<void>) {
    const profileId = this.#app.selectedId;
    const bucket = this.open?.bucket;
    if (!profileId || !bucket) return false;
    this.busy = true;
    this.error = null;
    try {
      await work({ profileId, bucket });
      return true;
    } catch (error) {
      this.error = toErrorData(error);
      return false;
    } finally {
      this.busy = false;
    }
  }
}
