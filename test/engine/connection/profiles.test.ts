import { statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { missingFeatures } from '../../../src-main/engine/connection/servers.js';
import { FileSecretStore } from '../../../src-main/engine/store/file-secrets.js';
import { selfSignedCert, tlsServer } from '../../support/error-server.js';
import { tempConfigDir, testEngine } from '../../support/engine.js';
import { call, failureOf } from '../../support/gateway-engine.js';
import { gateway, gatewayEnv } from '../../support/s3.js';

function cliEngine(configDir: string, homeDir?: string) {
  return testEngine({
    face: 'cli',
    configDir,
    secrets: new FileSecretStore(configDir),
    ...(homeDir ? { homeDir } : {}),
  });
}

describe('saved profiles', () => {
  it('persist in the config dir, with the secret in a 0600 file and never in profiles.json', async () => {
    const configDir = tempConfigDir();
    const g = gateway();
    const first = await cliEngine(configDir);
    const saved = await call(first, 'profiles.save', {
      name: 'Lab RustFS',
      endpoint: `${g.endpoint}/`,
      accessKeyId: g.accessKey,
      secretAccessKey: g.secretKey,
      preset: 'rustfs',
    });
    expect(saved).toMatchObject({
      id: 'lab-rustfs',
      endpoint: g.endpoint,
      region: 'us-east-1',
      pathStyle: true,
      checksumMode: 'WHEN_REQUIRED',
      source: 'saved',
      hasSecret: true,
    });
    await first.dispose();

    const profilesJson = await readFile(path.join(configDir, 'profiles.json'), 'utf8');
    expect(profilesJson).toContain('lab-rustfs');
    expect(profilesJson).not.toContain(g.secretKey);
    expect(statSync(path.join(configDir, 'secrets.json')).mode & 0o777).toBe(0o600);

    const second = await cliEngine(configDir);
    expect((await call(second, 'profiles.list', {})).map((p) => p.id)).toEqual(['lab-rustfs']);
    const buckets = await call(second, 'buckets.list', { profileId: 'lab-rustfs' });
    expect(Array.isArray(buckets)).toBe(true);
    expect(await call(second, 'profiles.secretStorage', {})).toEqual({
      description: expect.stringContaining(
        path.join(configDir, 'secrets.json'),
      ) as unknown as string,
      persistent: true,
    });
    await call(second, 'profiles.remove', { profileId: 'lab-rustfs' });
    await second.dispose();
    expect(await readFile(path.join(configDir, 'secrets.json'), 'utf8')).not.toContain(g.secretKey);
  });

  it('keeps the stored secret when an edit leaves it out, and gives a second profile of a name its own id', async () => {
    const engine = await testEngine();
    const a = await call(engine, 'profiles.save', {
      name: 'Same',
      endpoint: 'http://a:9000',
      accessKeyId: 'k',
      secretAccessKey: 's',
    });
    const b = await call(engine, 'profiles.save', {
      name: 'Same',
      endpoint: 'http://b:9000',
      accessKeyId: 'k',
      secretAccessKey: 's',
    });
    expect([a.id, b.id]).toEqual(['same', 'same-2']);
    await call(engine, 'profiles.save', {
      id: 'same',
      name: 'Renamed',
      endpoint: 'http://a:9000',
      accessKeyId: 'k2',
    });
    expect(await engine.profiles.credentials('same')).toEqual({
      accessKeyId: 'k2',
      secretAccessKey: 's',
    });
    await engine.dispose();
  });

  it('never saves the environment profile or its secret', async () => {
    const configDir = tempConfigDir();
    const engine = await testEngine({
      configDir,
      env: gatewayEnv(),
      secrets: new FileSecretStore(configDir),
    });
    expect((await call(engine, 'profiles.list', {}))[0]).toMatchObject({
      id: 'environment',
      source: 'environment',
    });
    await call(engine, 'profiles.save', {
      name: 'other',
      endpoint: 'http://x:1',
      accessKeyId: 'k',
      secretAccessKey: 's',
    });
    const files = await readFile(path.join(configDir, 'profiles.json'), 'utf8');
    expect(files).not.toContain('environment');
    expect(await readFile(path.join(configDir, 'secrets.json'), 'utf8')).not.toContain(
      gateway().secretKey,
    );
    const error = await failureOf(
      call(engine, 'profiles.save', {
        id: 'environment',
        name: 'x',
        endpoint: '',
        accessKeyId: 'k',
      }),
    );
    expect(error.message).toMatch(/cannot be edited/);
    await engine.dispose();
  });

  it('offers presets for RustFS, MinIO, Ceph, Swift, Garage, R2, B2 and AWS', async () => {
    const engine = await testEngine();
    const presets = await call(engine, 'profiles.presets', {});
    expect(presets.map((p) => p.id)).toEqual([
      'rustfs',
      'minio',
      'ceph',
      'swift',
      'garage',
      'r2',
      'b2',
      'aws',
      'custom',
    ]);
    expect(presets[0]).toMatchObject({
      endpoint: 'http://localhost:9000',
      pathStyle: true,
      checksumMode: 'WHEN_REQUIRED',
    });
    await engine.dispose();
  });
});

describe('bad profile input is refused with a clear message, and nothing is saved', () => {
  it.each([
    [{ endpoint: 'localhost:9000' }, 'InvalidEndpoint', /http or https/],
    [
      { endpoint: 'https://<account-id>.r2.cloudflarestorage.com' },
      'InvalidEndpoint',
      /placeholder/,
    ],
    [{ accessKeyId: '' }, 'MissingCredentials', /access key is empty/],
    [{ secretAccessKey: '' }, 'MissingCredentials', /secret key is empty/],
    [{ secretAccessKey: undefined }, 'MissingCredentials', /needs a secret key/],
    [{ caFile: '/no/such/ca.pem' }, 'InvalidProfile', /cannot be read/],
    [{ region: 'us east 1' }, 'InvalidRequest', /not a region/],
  ])('%o', async (change, code, message) => {
    const engine = await testEngine();
    const input = {
      name: 'p',
      endpoint: 'http://localhost:9000',
      accessKeyId: 'k',
      secretAccessKey: 's',
      ...change,
    };
    const error = await failureOf(call(engine, 'profiles.save', input));
    expect(error.code).toBe(code);
    expect(error.message).toMatch(message);
    expect(await call(engine, 'profiles.list', {})).toEqual([]);
    await engine.dispose();
  });

  it('an unknown profile names the known ones', async () => {
    const engine = await testEngine({ env: gatewayEnv() });
    const error = await failureOf(call(engine, 'buckets.list', { profileId: 'nope' }));
    expect(error.code).toBe('ProfileNotFound');
    expect(error.hint).toMatch(/environment/);
    await engine.dispose();
  });
});

describe('test connection', () => {
  it('reports each step as it succeeds against the gateway', async () => {
    const engine = await testEngine({ env: gatewayEnv() });
    const result = await call(engine, 'profiles.test', { profileId: 'environment' });
    expect(result.ok).toBe(true);
    expect(result.steps.map((s) => [s.id, s.status])).toEqual([
      ['endpoint', 'ok'],
      ['health', 'skipped'],
      ['auth', 'ok'],
    ]);
    expect(result.bucketCount).toBeGreaterThanOrEqual(0);
    // The test servers (Ceph RGW, Swift) both say who they are in their answers' headers.
    expect(result.server.by).toBe('headers');
    expect(['ceph', 'swift']).toContain(result.server.kind);
    expect(result.server.missing).toEqual(missingFeatures(result.server.kind));
    await engine.dispose();
  });

  it('says the sign-in step failed, and why, for a wrong secret in a draft', async () => {
    const engine = await testEngine();
    const g = gateway();
    const result = await call(engine, 'profiles.test', {
      draft: {
        name: 'draft',
        endpoint: g.endpoint,
        accessKeyId: g.accessKey,
        secretAccessKey: 'wrong',
      },
    });
    expect(result.ok).toBe(false);
    expect(result.steps[2]).toMatchObject({
      id: 'auth',
      status: 'failed',
      error: { code: 'SignatureMismatch' },
    });
    expect(await call(engine, 'profiles.list', {})).toEqual([]);
    await engine.dispose();
  });

  it('stops at the first step when nothing listens, skipping the rest', async () => {
    const engine = await testEngine();
    const result = await call(engine, 'profiles.test', {
      draft: {
        name: 'draft',
        endpoint: 'http://127.0.0.1:9',
        accessKeyId: 'k',
        secretAccessKey: 's',
      },
    });
    expect(result.steps.map((s) => s.status)).toEqual(['failed', 'skipped', 'skipped']);
    expect(result.steps[0]!.error?.code).toBe('ConnectionRefused');
    await engine.dispose();
  });

  it('warns that certificates are not checked when insecure TLS is allowed', async () => {
    const pem = selfSignedCert('lab.example');
    const server = await tlsServer(pem);
    const engine = await testEngine();
    try {
      const draft = {
        name: 'tls',
        endpoint: server.endpoint,
        accessKeyId: 'k',
        secretAccessKey: 's',
      };
      const refused = await call(engine, 'profiles.test', { draft });
      expect(refused.steps[0]).toMatchObject({ status: 'failed', error: { code: 'TlsError' } });
      const allowed = await call(engine, 'profiles.test', {
        draft: { ...draft, allowInsecureTls: true },
      });
      expect(allowed.ok).toBe(true);
      expect(allowed.steps[0]).toMatchObject({
        status: 'warning',
        detail: expect.stringContaining('not checked') as unknown as string,
      });
    } finally {
      await engine.dispose();
      await server.close();
    }
  });
});
