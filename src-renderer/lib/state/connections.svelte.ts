import type {
  AwsProfileCandidate,
  Preset,
  Profile,
  ProfileInput,
  TestResult,
} from '../../../src-shared/contract/index.js';
import type { FerryErrorData } from '../../../src-shared/errors.js';
import type { FerryClient } from '../client.js';
import { toErrorData } from '../errors.js';

/** The profile form's fields, as typed. */
export interface ProfileDraft {
  id?: string;
  preset: Preset['id'];
  name: string;
  endpoint: string;
  region: string;
  pathStyle: boolean;
  checksumMode: 'WHEN_REQUIRED' | 'WHEN_SUPPORTED';
  accessKeyId: string;
  secretAccessKey: string;
  caFile: string;
  allowInsecureTls: boolean;
}

/** A blank draft from a preset; RustFS comes with its well-known default keys. */
export function draftFromPreset(preset: Preset): ProfileDraft {
  const rustfs = preset.id === 'rustfs';
  return {
    preset: preset.id,
    name: preset.id === 'custom' ? '' : preset.name,
    endpoint: preset.endpoint,
    region: preset.region,
    pathStyle: preset.pathStyle,
    checksumMode: preset.checksumMode,
    accessKeyId: rustfs ? 'rustfsadmin' : '',
    secretAccessKey: rustfs ? 'rustfsadmin' : '',
    caFile: '',
    allowInsecureTls: false,
  };
}

/** A draft to edit a saved profile; the secret stays in the engine unless the user types a new one. */
export function draftFromProfile(profile: Profile): ProfileDraft {
  return {
    id: profile.id,
    preset: (profile.preset as Preset['id'] | undefined) ?? 'custom',
    name: profile.name,
    endpoint: profile.endpoint,
    region: profile.region,
    pathStyle: profile.pathStyle,
    checksumMode: profile.checksumMode,
    accessKeyId: profile.accessKeyId,
    secretAccessKey: '',
    caFile: profile.caFile ?? '',
    allowInsecureTls: profile.allowInsecureTls ?? false,
  };
}

function toInput(draft: ProfileDraft): ProfileInput {
  return {
    ...(draft.id ? { id: draft.id } : {}),
    name: draft.name,
    endpoint: draft.endpoint.trim(),
    region: draft.region.trim() || undefined,
    pathStyle: draft.pathStyle,
    checksumMode: draft.checksumMode,
    accessKeyId: draft.accessKeyId,
    ...(draft.secretAccessKey ? { secretAccessKey: draft.secretAccessKey } : {}),
    ...(draft.caFile.trim() ? { caFile: draft.caFile.trim() } : {}),
    allowInsecureTls: draft.allowInsecureTls,
    preset: draft.preset,
  };
}

/** Why an endpoint cannot work as typed, as a message key, or null; empty means AWS itself. */
export function endpointProblem(endpoint: string): 'profile.endpoint.scheme' | null {
  const value = endpoint.trim();
  return value && !/^https?:\/\//i.test(value) ? 'profile.endpoint.scheme' : null;
}

/** The connections screen: presets, the profile form, "Test connection", delete and ~/.aws import. */
export class ConnectionsState {
  presets = $state<Preset[]>([]);
  draft = $state<ProfileDraft | null>(null);
  testing = $state(false);
  saving = $state(false);
  test = $state<TestResult | null>(null);
  error = $state<FerryErrorData | null>(null);
  candidates = $state<AwsProfileCandidate[] | null>(null);
  readonly #client: FerryClient;
  /** The draft as it was when the last test started. */
  #tested = '';

  constructor(client: FerryClient) {
    this.#client = client;
  }

  async loadPresets(): Promise<void> {
    if (this.presets.length) return;
    try {
      this.presets = await this.#client.call('profiles.presets', {});
    } catch (error) {
      this.error = toErrorData(error);
    }
  }

  /** Opens the form for a new profile from a preset (RustFS unless told otherwise). */
  async startNew(presetId: Preset['id'] = 'rustfs'): Promise<void> {
    await this.loadPresets();
    const preset = this.presets.find((p) => p.id === presetId) ?? this.presets[0];
    if (preset) this.#open(draftFromPreset(preset));
  }

  edit(profile: Profile): void {
    this.#open(draftFromProfile(profile));
  }

  /** The last test's result while the form still holds what was tested; null once a field changes. */
  get result(): TestResult | null {
    return this.test && this.#tested === JSON.stringify(this.draft) ? this.test : null;
  }

  /**
   * Switches the form to another preset. What the user typed (name, endpoint, region, keys) stays; what
   * still holds the old preset's value takes the new preset's.
   */
  applyPreset(presetId: Preset['id']): void {
    const preset = this.presets.find((p) => p.id === presetId);
    const draft = this.draft;
    if (!preset || !draft) return;
    const fresh = draftFromPreset(preset);
    const previous = this.presets.find((p) => p.id === draft.preset);
    const before = previous ? draftFromPreset(previous) : undefined;
    const keep = (field: 'name' | 'endpoint' | 'region' | 'accessKeyId' | 'secretAccessKey') =>
      draft[field] !== '' && draft[field] !== before?.[field] ? draft[field] : fresh[field];
    this.draft = {
      ...fresh,
      id: draft.id,
      name: keep('name'),
      endpoint: keep('endpoint'),
      region: keep('region'),
      accessKeyId: keep('accessKeyId'),
      secretAccessKey: keep('secretAccessKey'),
    };
    this.test = null;
  }

  close(): void {
    this.draft = null;
    this.test = null;
  }

  /** Tests the draft as typed (before saving), step by step. */
  async runTest(): Promise<void> {
    if (!this.draft) return;
    this.testing = true;
    this.test = null;
    this.error = null;
    this.#tested = JSON.stringify(this.draft);
    try {
      const request =
        this.draft.id && !this.draft.secretAccessKey
          ? { profileId: this.draft.id }
          : { draft: toInput(this.draft) };
      this.test = await this.#client.call('profiles.test', request);
    } catch (error) {
      this.error = toErrorData(error);
    } finally {
      this.testing = false;
    }
  }

  /** Saves the draft; answers with the saved profile so the caller can open it. */
  async save(): Promise<Profile | null> {
    if (!this.draft) return null;
    this.saving = true;
    this.error = null;
    try {
      const saved = await this.#client.call('profiles.save', toInput(this.draft));
      this.close();
      return saved;
    } catch (error) {
      this.error = toErrorData(error);
      return null;
    } finally {
      this.saving = false;
    }
  }

  async remove(profileId: string): Promise<void> {
    try {
      await this.#client.call('profiles.remove', { profileId });
    } catch (error) {
      this.error = toErrorData(error);
    }
  }

  async scanAws(): Promise<void> {
    try {
      this.candidates = await this.#client.call('profiles.scanAws', {});
    } catch (error) {
      this.error = toErrorData(error);
    }
  }

  async importAws(names: string[]): Promise<void> {
    try {
      await this.#client.call('profiles.importAws', { names });
      this.candidates = null;
    } catch (error) {
      this.error = toErrorData(error);
    }
  }

  #open(draft: ProfileDraft): void {
    this.draft = draft;
    this.test = null;
    this.error = null;
  }
}
