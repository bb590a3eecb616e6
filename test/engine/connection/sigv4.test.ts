import { describe, expect, it } from 'vitest';
import { createS3Client } from '../../../src-main/engine/connection/client.js';
import { RequestSigner, type SigningIdentity } from '../../../src-main/engine/connection/sigv4.js';
import { testProfile } from '../../support/engine.js';

/** The SDK's own S3 signer for a profile, as a client Ferry makes would sign with it. */
async function sdkSigner(region: string, identity: SigningIdentity) {
  const profile = testProfile('http://127.0.0.1:9', { region, accessKeyId: identity.accessKeyId });
  const client = createS3Client(profile, identity);
  const signer = (await client.config.signer()) as {
    sign(
      request: unknown,
      options: { signingDate: Date },
    ): Promise<{ headers: Record<string, string> }>;
  };
  client.destroy();
  return signer;
}

/** Both signers on one request: answers the two Authorization headers. */
async function both(
  path: string,
  headers: Record<string, string>,
  identity: SigningIdentity,
  date: Date,
  region = 'us-east-1',
) {
  const sdk = await sdkSigner(region, identity);
  const signed = await sdk.sign(
    {
      method: 'PUT',
      protocol: 'http:',
      hostname: '127.0.0.1',
      port: 9,
      path,
      query: {},
      headers: { ...headers },
    },
    { signingDate: date },
  );
  const ours = new RequestSigner(region).sign('PUT', path, { ...headers }, identity, date);
  return { sdk: signed.headers, ours };
}

const identity = {
  accessKeyId: 'AKIDFERRYTEST',
  secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCY',
};
const base = {
  host: '127.0.0.1:9',
  'content-length': '65536',
  'content-md5': '1B2M2Y8AsgTpgAmY7PhCfg==',
  'content-type': 'application/octet-stream',
  'x-amz-content-sha256': 'UNSIGNED-PAYLOAD',
};

describe('signing requests around the SDK', () => {
  it('signs a PUT exactly as the SDK signs it, for plain and encoded keys', async () => {
    const date = new Date('2026-11-21T07:55:00.123Z');
    for (const path of [
      '/bucket/plain.bin',
      '/bucket/with%20space/and%2Bplus.bin',
      '/bucket/%C3%BCn%C3%AFc%C3%B8d%C3%A9/%E6%97%A5%E6%9C%AC.bin',
      '/bucket/deep/a//b/c.bin',
    ]) {
      const { sdk, ours } = await both(path, base, identity, date);
      expect(ours['authorization']).toBe(sdk['authorization']);
      expect(ours['x-amz-date']).toBe(sdk['x-amz-date']);
    }
  });

  it('signs temporary credentials with their session token, as the SDK does', async () => {
    const temporary = { ...identity, sessionToken: 'FwoGZXIvYXdzEFERRY//token+with/slashes==' };
    const { sdk, ours } = await both('/b/k', base, temporary, new Date('2026-01-02T03:04:05Z'));
    expect(ours['x-amz-security-token']).toBe(temporary.sessionToken);
    expect(ours['authorization']).toBe(sdk['authorization']);
    expect(ours['authorization']).toContain('x-amz-security-token');
  });

  it('folds runs of spaces in header values and signs for the region given', async () => {
    const headers = { ...base, 'content-type': '  text/plain;   charset=utf-8 ' };
    const date = new Date('2026-06-30T23:59:59Z');
    const { sdk, ours } = await both('/b/k', headers, identity, date, 'sa-east-1');
    expect(ours['authorization']).toBe(sdk['authorization']);
    expect(ours['authorization']).toContain('/20260630/sa-east-1/s3/aws4_request');
  });

  it('derives a new key when the day or the secret changes', async () => {
    const signer = new RequestSigner('us-east-1');
    const day1 = new Date('2026-11-21T23:59:59Z');
    const day2 = new Date('2026-11-22T00:00:01Z');
    const other = { ...identity, secretAccessKey: 'another-secret' };
    for (const [who, date] of [
      [identity, day1],
      [identity, day2],
      [other, day2],
      [identity, day2],
    ] as const) {
      const ours = signer.sign('PUT', '/b/k', { ...base }, who, date);
      const { sdk } = await both('/b/k', base, who, date);
      expect(ours['authorization']).toBe(sdk['authorization']);
    }
  });
});
