import { chmod } from 'node:fs/promises';
import path from 'node:path';
import { readJsonFile, writeFileAtomic } from './atomic.js';
import type { SecretStore } from './secrets.js';

/**
 * Secrets in a JSON file readable only by the user (mode 0600) in the config dir: what the CLI uses where no
 * OS keychain is available. Plain text on disk, protected by file permissions, and said so to the user.
 */
export class FileSecretStore implements SecretStore {
  readonly file: string;
  readonly description: string;
  #cache: Record<string, string> | undefined;

  constructor(configDir: string) {
    this.file = path.join(configDir, 'secrets.json');
    this.description = `a file readable only by you (mode 0600): ${this.file}`;
  }

  async #load(): Promise<Record<string, string>> {
    if (this.#cache) return this.#cache;
    const raw = await readJsonFile(this.file);
    const out: Record<string, string> = {};
    if (raw && typeof raw === 'object') {
      for (const [id, value] of Object.entries(raw)) if (typeof value === 'string') out[id] = value;
      // A file copied in with looser permissions is tightened on first read.
      await chmod(this.file, 0o600).catch(() => {});
    }
    this.#cache = out;
    return out;
  }

  async get(profileId: string): Promise<string | undefined> {
    return (await this.#load())[profileId];
  }

  async set(profileId: string, secret: string): Promise<void> {
    const next = { ...(await this.#load()), [profileId]: secret };
    await writeFileAtomic(this.file, `${JSON.stringify(next, null, 2)}\n`, 0o600);
    this.#cache = next;
  }

  async delete(profileId: string): Promise<void> {
    const current = await this.#load();
    if (!(profileId in current)) return;
    const { [profileId]: _removed, ...next } = current;
    await writeFileAtomic(this.file, `${JSON.stringify(next, null, 2)}\n`, 0o600);
    this.#cache = next;
  }
}
