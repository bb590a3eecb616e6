import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { testEngine } from '../../support/engine.js';
import { call, failureOf } from '../../support/gateway-engine.js';
import { gateway } from '../../support/s3.js';

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
        problemKey: null,
        exists: false,
      },
      {
        name: 'lab',
        endpoint: g.endpoint,
        region: 'us-east-1',
        accessKeyId: g.accessKey,
        hasSecret: true,
        problem: null,
        problemKey: null,
        exists: false,
      },
      {
        name: 'sso',
        endpoint: '',
        region: 'us-east-1',
        accessKeyId: '',
        hasSecret: false,
        problem: expect.stringMatching(/SSO/) as unknown as string,
        problemKey: 'sso',
        exists: false,
      },
      {
        name: 'viaservices',
        endpoint: 'http://127.0.0.1:9000',
        region: 'us-east-1',
        accessKeyId: 'A',
        hasSecret: true,
        problem: null,
        problemKey: null,
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
