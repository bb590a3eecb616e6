import path from 'node:path';
import { safeStorage } from 'electron';
import type { KeychainStatus } from '../../src-shared/contract/index.js';
import { FerryError } from '../engine/errors.js';
import { readJsonFile, writeFileAtomic } from '../engine/store/atomic.js';
import type { SecretStore } from '../engine/store/secrets.js';

/** The file holding the encrypted secrets, in the config dir. */
export const SECRETS_FILE = 'secrets.json';

interface SecretsFile {
  version: 1;
  /** Profile id → base64 of the safeStorage ciphertext. */
  secrets: Record<string, string>;
}

/**
 * Where safeStorage keeps its key, in the user's words. On Linux, `basic_text` means no keyring was found
 * and Chromium falls back to a key compiled into Electron: anyone who can read the file can decrypt it.
 */
export function keychainStatus(platform: string): KeychainStatus {
  if (!safeStorage.isEncryptionAvailable()) {
    return {
      backend: 'none',
      secure: false,
      description:
        'No system keychain is available, so Ferry cannot save secret keys. Start a keyring (GNOME Keyring or KWallet) and restart Ferry.',
    };
  }
  if (platform === 'darwin') {
    return { backend: 'keychain', secure: true, description: 'the macOS Keychain' };
  }
  if (platform === 'win32') {
    return {
      backend: 'dpapi',
      secure: true,
      description: 'Windows Data Protection (your user account)',
    };
  }
  const backend = safeStorage.getSelectedStorageBackend();
  if (backend === 'basic_text' || backend === 'unknown') {
    return {
      backend,
      secure: false,
      description:
        'No keyring was found, so secret keys are saved with a fixed key that anyone who can read your files can undo. Install and unlock GNOME Keyring or KWallet, then restart Ferry.',
    };
  }
  return {
    backend,
    secure: true,
    description: backend === 'gnome_libsecret' ? 'the GNOME keyring (libsecret)' : 'KWallet',
  };
}

/**
 * Profile secrets encrypted with Electron's safeStorage (the OS keychain holds the key) and saved as one
 * JSON file of ciphertexts, written atomically. Plain secrets exist only in memory, inside the main process.
 */
export class SafeStorageSecretStore implements SecretStore {
  readonly description: string;
  readonly file: string;
  #cache: Map<string, string> | undefined;
  /** Serialises writes so two quick saves cannot interleave and lose one. */
  #writing: Promise<void> = Promise.resolve();

  constructor(configDir: string, platform: string) {
    this.file = path.join(configDir, SECRETS_FILE);
    this.description = keychainStatus(platform).description;
  }

  async get(profileId: string): Promise<string | undefined> {
    const encrypted = (await this.#load()).get(profileId);
    if (encrypted === undefined) return undefined;
    try {
      return safeStorage.decryptString(Buffer.from(encrypted, 'base64'));
    } catch (error) {
      throw FerryError.of('KeychainUnavailable', 'keychain.undecryptable', undefined, {
        cause: error,
      });
    }
  }

  async set(profileId: string, secret: string): Promise<void> {
    if (!safeStorage.isEncryptionAvailable()) {
      throw FerryError.of('KeychainUnavailable', 'keychain.unavailable');
    }
    const encrypted = safeStorage.encryptString(secret).toString('base64');
    await this.#update((secrets) => secrets.set(profileId, encrypted));
  }

  async delete(profileId: string): Promise<void> {
    await this.#update((secrets) => secrets.delete(profileId));
  }

  async #load(): Promise<Map<string, string>> {
    if (this.#cache) return this.#cache;
    const raw = (await readJsonFile(this.file)) as Partial<SecretsFile> | undefined;
    const entries = Object.entries(raw?.secrets ?? {}).filter(
      (entry): entry is [string, string] => typeof entry[1] === 'string',
    );
    this.#cache = new Map(entries);
    return this.#cache;
  }

  #update(change: (secrets: Map<string, string>) => void): Promise<void> {
    const next = this.#writing.then(async () => {
      const secrets = await this.#load();
      change(secrets);
      const body: SecretsFile = { version: 1, secrets: Object.fromEntries(secrets) };
      await writeFileAtomic(this.file, `${JSON.stringify(body, null, 2)}\n`, 0o600);
    });
    this.#writing = next.catch(() => {});
    return next;
  }
}
