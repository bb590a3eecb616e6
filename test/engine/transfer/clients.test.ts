import { describe, expect, it } from 'vitest';
import { ProfileStore } from '../../../src-main/engine/connection/profiles.js';
import { silentLogger } from '../../../src-main/engine/logger.js';
import { MemorySecretStore } from '../../../src-main/engine/store/secrets.js';
import { TransferClients } from '../../../src-main/engine/transfer/clients.js';
import { testProfile } from '../../support/engine.js';

/** The profile `lab` on `endpoint`. */
const profile = (endpoint: string) => testProfile(endpoint, { id: 'lab', name: 'lab' });

describe("the transfer engine's clients", () => {
  it('makes one client, with one pool of sockets, for jobs that all start at once', async () => {
    const profiles = new ProfileStore(new MemorySecretStore());
    await profiles.put(profile('http://127.0.0.1:9'), 'secret');
    const clients = new TransferClients(profiles, silentLogger);
    const made = await Promise.all(Array.from({ length: 64 }, () => clients.get('lab')));
    expect(new Set(made).size).toBe(1);
    expect(await clients.get('lab')).toBe(made[0]);
    clients.destroy();
  });

  it('makes a new client once the profile has changed', async () => {
    const profiles = new ProfileStore(new MemorySecretStore());
    await profiles.put(profile('http://127.0.0.1:9'), 'secret');
    const clients = new TransferClients(profiles, silentLogger);
    const before = await clients.get('lab');
    await profiles.put(profile('http://127.0.0.1:10'), 'secret');
    const [a, b] = await Promise.all([clients.get('lab'), clients.get('lab')]);
    expect(a).toBe(b);
    expect(a).not.toBe(before);
    expect((await a!.config.endpoint!()).port).toBe(10);
    clients.destroy();
  });

  it('settles the bucket check when nothing answers, and leaves it to the SDK without credentials', async () => {
    const profiles = new ProfileStore(new MemorySecretStore());
    await profiles.put(profile('http://127.0.0.1:9'), 'secret');
    const clients = new TransferClients(profiles, silentLogger);
    // Nothing listens on port 9: the uploads will say so; the SDK's HeadBucket would only fail the same way.
    expect(await clients.prepare('lab', 'bucket')).toBe(true);
    await profiles.put(testProfile('http://127.0.0.1:9', { id: 'nokey', name: 'nokey' }));
    expect(await clients.prepare('nokey', 'bucket')).toBe(false);
    clients.destroy();
  });

  it('asks again after a failure instead of keeping it', async () => {
    const profiles = new ProfileStore(new MemorySecretStore());
    await profiles.put(profile('http://127.0.0.1:9'));
    const clients = new TransferClients(profiles, silentLogger);
    await expect(clients.get('lab')).rejects.toMatchObject({ code: 'MissingCredentials' });
    await profiles.put(profile('http://127.0.0.1:9'), 'secret');
    await expect(clients.get('lab')).resolves.toBeDefined();
    clients.destroy();
  });
});
