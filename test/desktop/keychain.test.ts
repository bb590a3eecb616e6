import { readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import {
  keychainStatus,
  SafeStorageSecretStore,
  SECRETS_FILE,
} from '../../src-main/desktop/keychain.js';
import { tempConfigDir } from '../support/engine.js';
import { fake, resetFake } from '../support/fake-electron.js';

beforeEach(resetFake);

describe('secrets in the system keychain', () => {
  it('saves secrets encrypted, never in plain text, and reads them back after a restart', async () => {
    const dir = tempConfigDir();
    await new SafeStorageSecretStore(dir, 'linux').set('rustfs', 'wJalrXUtnFEMI/K7MDENG');
    const file = path.join(dir, SECRETS_FILE);
    expect(readFileSync(file, 'utf8')).not.toContain('wJalrXUtnFEMI');
    if (process.platform !== 'win32') expect(statSync(file).mode & 0o777).toBe(0o600);
    const reopened = new SafeStorageSecretStore(dir, 'linux');
    expect(await reopened.get('rustfs')).toBe('wJalrXUtnFEMI/K7MDENG');
    expect(await reopened.get('other')).toBeUndefined();
  });

  it('keeps every secret when several are saved at once, and forgets a deleted one', async () => {
    const dir = tempConfigDir();
    const store = new SafeStorageSecretStore(dir, 'linux');
    await Promise.all(['a', 'b', 'c'].map((id) => store.set(id, `secret-${id}`)));
    await store.delete('b');
    const reopened = new SafeStorageSecretStore(dir, 'linux');
    expect(await reopened.get('a')).toBe('secret-a');
    expect(await reopened.get('b')).toBeUndefined();
    expect(await reopened.get('c')).toBe('secret-c');
  });

  it('refuses to save when no keychain is available, with a hint', async () => {
    fake.safeStorage.available = false;
    const store = new SafeStorageSecretStore(tempConfigDir(), 'linux');
    await expect(store.set('x', 'y')).rejects.toMatchObject({
      code: 'KeychainUnavailable',
      hint: expect.stringContaining('keyring'),
    });
  });

  it('says plainly when a secret cannot be decrypted any more', async () => {
    const dir = tempConfigDir();
    await new SafeStorageSecretStore(dir, 'linux').set('p', 'secret');
    const file = path.join(dir, SECRETS_FILE);
    writeFileSync(file, JSON.stringify({ version: 1, secrets: { p: 'Z2FyYmFnZQ==' } }));
    await expect(new SafeStorageSecretStore(dir, 'linux').get('p')).rejects.toMatchObject({
      code: 'KeychainUnavailable',
      hint: expect.stringContaining('enter the secret key again'),
    });
  });

  it('warns on Linux without a keyring (basic_text) and trusts real keychains', () => {
    fake.safeStorage.backend = 'basic_text';
    expect(keychainStatus('linux')).toMatchObject({ backend: 'basic_text', secure: false });
    expect(keychainStatus('linux').description).toContain('No keyring');
    fake.safeStorage.backend = 'kwallet6';
    expect(keychainStatus('linux')).toMatchObject({ secure: true, description: 'KWallet' });
    expect(keychainStatus('darwin')).toMatchObject({ backend: 'keychain', secure: true });
    expect(keychainStatus('win32')).toMatchObject({ backend: 'dpapi', secure: true });
    fake.safeStorage.available = false;
    expect(keychainStatus('darwin')).toMatchObject({ backend: 'none', secure: false });
  });
});
