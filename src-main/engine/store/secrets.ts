/**
 * Where profile secrets live. The desktop shell supplies the OS keychain (Electron safeStorage); the CLI a
 * 0600 file or the environment. The engine only sees this interface.
 */
export interface SecretStore {
  /** Human-readable description of where secrets are kept, shown to the user. */
  readonly description: string;
  get(profileId: string): Promise<string | undefined>;
  set(profileId: string, secret: string): Promise<void>;
  delete(profileId: string): Promise<void>;
}

/** Secrets held in memory for the life of the process (tests, the environment profile). */
export class MemorySecretStore implements SecretStore {
  readonly description = 'memory (not saved)';
  readonly #secrets = new Map<string, string>();

  async get(profileId: string): Promise<string | undefined> {
    return this.#secrets.get(profileId);
  }

  async set(profileId: string, secret: string): Promise<void> {
    this.#secrets.set(profileId, secret);
  }

  async delete(profileId: string): Promise<void> {
    this.#secrets.delete(profileId);
  }
}
