import { describe, expect, it } from 'vitest';
import { FerryError } from '../../src-main/engine/errors.js';
import { testEngine } from '../support/engine.js';
import { environmentProfile, parseEndpoint } from '../../src-main/engine/connection/profile.js';
import { createTestBucket, gatewayEnv, serverKind } from '../support/s3.js';

async function listWith(env: Record<string, string>) {
  const engine = await testEngine({ face: 'cli', env });
  try {
    return await engine.handlers()['buckets.list']({ profileId: 'environment' });
  } finally {
    await engine.dispose();
  }
}

async function failureOf(promise: Promise<unknown>): Promise<FerryError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(FerryError);
  return error as FerryError;
}

describe('connection to the gateway', () => {
  it('lists buckets through the environment profile', async () => {
    const bucket = await createTestBucket('env');
    try {
      const names = (await listWith(gatewayEnv())).map((b) => b.name);
      expect(names).toContain(bucket.name);
    } finally {
      await bucket.remove();
    }
  });

  it('says the signature does not match when the secret is wrong', async () => {
    const error = await failureOf(listWith(gatewayEnv({ AWS_SECRET_ACCESS_KEY: 'wrong-secret' })));
    expect(error.code).toBe('SignatureMismatch');
    expect(error.hint).toMatch(/secret key/);
  });

  it('says the access key is unknown', async () => {
    const error = await failureOf(
      listWith(gatewayEnv({ AWS_ACCESS_KEY_ID: 'NOSUCHKEY0000000000' })),
    );
    // Swift's tempauth cannot tell an unknown key from a wrong secret: it answers SignatureDoesNotMatch.
    expect(error.code).toBe(serverKind() === 'swift' ? 'SignatureMismatch' : 'InvalidAccessKey');
  });

  it('says nothing is listening when the port is closed', async () => {
    const error = await failureOf(listWith(gatewayEnv({ AWS_ENDPOINT_URL: 'http://127.0.0.1:9' })));
    expect(error.code).toBe('ConnectionRefused');
    expect(error.message).toContain('http://127.0.0.1:9');
  });
});

describe('profiles from the environment', () => {
  it('defaults to path-style and WHEN_REQUIRED checksums for non-AWS endpoints', () => {
    const env = environmentProfile({
      AWS_ENDPOINT_URL: 'http://localhost:9000/',
      AWS_ACCESS_KEY_ID: 'a',
      AWS_SECRET_ACCESS_KEY: 'b',
    });
    expect(env?.profile).toMatchObject({
      id: 'environment',
      endpoint: 'http://localhost:9000',
      region: 'us-east-1',
      pathStyle: true,
      checksumMode: 'WHEN_REQUIRED',
    });
  });

  it('keeps AWS defaults for AWS endpoints', () => {
    const env = environmentProfile({
      AWS_ACCESS_KEY_ID: 'a',
      AWS_SECRET_ACCESS_KEY: 'b',
      AWS_REGION: 'eu-west-1',
    });
    expect(env?.profile).toMatchObject({
      endpoint: '',
      region: 'eu-west-1',
      pathStyle: false,
      checksumMode: 'WHEN_SUPPORTED',
    });
  });

  it('offers no profile without keys', () => {
    expect(environmentProfile({ AWS_ENDPOINT_URL: 'http://x:1' })).toBeUndefined();
  });

  it.each([
    'localhost:9000',
    'ftp://host',
    'http://user:pw@host',
    'http://host/bucket',
    'not a url',
  ])('refuses the endpoint %s with a hint', (raw) => {
    expect(() => parseEndpoint(raw)).toThrowError(FerryError);
    try {
      parseEndpoint(raw);
    } catch (error) {
      expect((error as FerryError).code).toBe('InvalidEndpoint');
      expect((error as FerryError).hint.length).toBeGreaterThan(10);
    }
  });
});
