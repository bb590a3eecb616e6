import { parsePolicy, POLICY_VERSION } from '../../../src-shared/bucket-policy.js';
import type { PublicAccess } from '../../../src-shared/contract/index.js';
import type { FerryErrorData } from '../../../src-shared/errors.js';
import type { FerryClient } from '../client.js';
import { toErrorData } from '../errors.js';
import { i18n } from '../i18n/i18n.svelte.js';

/** The choice in the dialog: Ferry's own statements for the prefix, or the whole policy by hand. */
export type AccessMode = 'private' | 'public-read' | 'custom';

/** A starting point for a custom policy: public read of the prefix, to edit. */
function template(bucket: string, prefix: string): string {
  const statement = {
    Effect: 'Allow',
    Principal: { AWS: ['*'] },
    Action: ['s3:GetObject'],
    Resource: [`arn:aws:s3:::${bucket}/${prefix}*`],
  };
  return JSON.stringify({ Version: POLICY_VERSION, Statement: [statement] }, null, 2);
}

/**
 * The "Public access" dialog for a bucket or a folder: what the bucket policy says about it, and a change to
 * private, public read (optionally with listing) or a custom policy checked as it is typed.
 */
export class PublicAccessState {
  /** The bucket and folder the dialog is about; null when it is closed. */
  target = $state<{ profileId: string; bucket: string; prefix: string } | null>(null);
  current = $state<PublicAccess | null>(null);
  mode = $state<AccessMode>('private');
  listing = $state(false);
  custom = $state('');
  loading = $state(false);
  busy = $state(false);
  saved = $state(false);
  /** Why loading or saving failed (the server's own words included), shown inside the dialog. */
  error = $state<FerryErrorData | null>(null);
  readonly #client: FerryClient;

  constructor(client: FerryClient) {
    this.#client = client;
  }

  /** What is wrong with the custom policy as typed, in the interface's language; null when it is fine. */
  get customProblem(): string | null {
    if (this.mode !== 'custom' || !this.target) return null;
    const { problem } = parsePolicy(this.custom, this.target.bucket);
    return problem ? i18n.error({ code: 'InvalidRequest', ...problem }).message : null;
  }

  /** Opens the dialog for a bucket ('' prefix) or a folder, and reads the bucket's policy. */
  async open(profileId: string, bucket: string, prefix: string): Promise<void> {
    this.target = { profileId, bucket, prefix };
    this.current = null;
    this.error = null;
    this.saved = false;
    this.loading = true;
    try {
      this.#show(await this.#client.call('policy.get', { profileId, bucket, prefix }));
    } catch (error) {
      this.error = toErrorData(error);
    } finally {
      this.loading = false;
    }
  }

  close(): void {
    this.target = null;
  }

  #show(access: PublicAccess): void {
    this.current = access;
    this.mode = access.access;
    this.listing = access.listing;
    this.custom = access.policy ?? template(access.bucket, access.prefix);
  }

  /** Sends the choice; the dialog stays open with what the server now holds. */
  async save(): Promise<void> {
    const t = this.target;
    if (!t || this.busy || this.customProblem) return;
    this.busy = true;
    this.error = null;
    this.saved = false;
    try {
      const next =
        this.mode === 'custom'
          ? await this.#client.call('policy.put', { ...t, policy: this.custom })
          : await this.#client.call('policy.setAccess', {
              ...t,
              access: this.mode,
              listing: this.mode === 'public-read' && this.listing,
            });
      const mode = this.mode;
      this.#show(next);
      // A custom policy stays shown as custom: that is what the user just chose to write.
      if (mode === 'custom') this.mode = 'custom';
      this.saved = true;
    } catch (error) {
      this.error = toErrorData(error);
    } finally {
      this.busy = false;
    }
  }
}
