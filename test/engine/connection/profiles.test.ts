import { mkdirSync, mkdtempSync, statSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { FileSecretStore } from '../../../src-main/engine/store/file-secrets.js';
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

  it('offers presets for RustFS, MinIO, Ceph, R2, B2 and AWS', async () => {
    const engine = await testEngine();
    const presets = await call(engine, 'profiles.presets', {});
    expect(presets.map((p) => p.id)).toEqual([
      'rustfs',
      'minio',
      'ceph',
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

describe('importing ~/.aws', () => {
  function awsHome(config: string, credentials: string): string {
    const home = mkdtempSync(path.join(os.tmpdir(), 'ferry-home-'));
    mkdirSync(path.join(home, '.aws'));
    writeFileSync(path.join(home, '.aws', 'config'), config);
    writeFileSync(path.join(home, '.aws', 'credentials'), credentials);
    return home;
  }

  it('finds profiles with their endpoint_url and imports them with their keys', async () => {
    const g = gateway();
    const home = awsHome(
      [
        '[default]',
        'region = eu-west-1',
        `[profile lab]`,
        `endpoint_url = ${g.endpoint}`,
        'region = us-east-1',
        '[profile viaservices]',
        'services = local',
        '[services local]',
        's3 =',
        '  endpoint_url = http://127.0.0.1:9000',
        '[profile sso]',
        'sso_start_url = https://example.awsapps.com/start',
        '',
      ].join('\n'),
      [
        '[default]',
        'aws_access_key_id = AKIADEFAULT',
        'aws_secret_access_key = defaultsecret',
        '[lab]',
        `aws_access_key_id = ${g.accessKey}`,
        `aws_secret_access_key = ${g.secretKey}`,
        '[viaservices]',
        'aws_access_key_id = A',
        'aws_secret_access_key = B',
        '',
      ].join('\n'),
    );
    const engine = await testEngine({ homeDir: home });
    const found = await call(engine, 'profiles.scanAws', {});
    expect(found).toEqual([
      {
        name: 'default',
        endpoint: '',
        region: 'eu-west-1',
        accessKeyId: 'AKIADEFAULT',
        hasSecret: true,
        problem: null,
        exists: false,
      },
      {
        name: 'lab',
        endpoint: g.endpoint,
        region: 'us-east-1',
        accessKeyId: g.accessKey,
        hasSecret: true,
        problem: null,
        exists: false,
      },
      {
        name: 'sso',
        endpoint: '',
        region: 'us-east-1',
        accessKeyId: '',
        hasSecret: false,
        problem: expect.stringMatching(/SSO/) as unknown as string,
        exists: false,
      },
      {
        name: 'viaservices',
        endpoint: 'http://127.0.0.1:9000',
        region: 'us-east-1',
        accessKeyId: 'A',
        hasSecret: true,
        problem: null,
        exists: false,
      },
    ]);
    expect(JSON.stringify(found)).not.toContain(g.secretKey);

    const imported = await call(engine, 'profiles.importAws', { names: ['lab'] });
    expect(imported[0]).toMatchObject({
      id: 'aws-lab',
      endpoint: g.endpoint,
      pathStyle: true,
      checksumMode: 'WHEN_REQUIRED',
    });
    expect(Array.isArray(await call(engine, 'buckets.list', { profileId: 'aws-lab' }))).toBe(true);

    const refused = await failureOf(call(engine, 'profiles.importAws', { names: ['sso'] }));
    expect(refused.message).toMatch(/SSO/);
    const missing = await failureOf(call(engine, 'profiles.importAws', { names: ['ghost'] }));
    expect(missing.hint).toMatch(/default, lab, sso, viaservices/);
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
});
