import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { GetObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encode } from 'uqr';
import type { Engine } from '../../../src-main/engine/engine.js';
import { testEngine } from '../../support/engine.js';
import { AWKWARD_KEYS, call, failureOf, gatewayEngine } from '../../support/gateway-engine.js';
import { createTestBucket, rawClient } from '../../support/s3.js';

const run = promisify(execFile);
const s3 = rawClient();
const profileId = 'environment';
let engine: Engine;
let bucket: Awaited<ReturnType<typeof createTestBucket>>;

beforeAll(async () => {
  engine = await gatewayEngine();
  bucket = await createTestBucket('share');
});
afterAll(async () => {
  await bucket.remove();
  await engine.dispose();
});

describe('presigned links', () => {
  it.each(AWKWARD_KEYS)('a GET link downloads %s without credentials', async (key) => {
    await s3.send(new PutObjectCommand({ Bucket: bucket.name, Key: key, Body: `body of ${key}` }));
    const link = await call(engine, 'share.create', {
      profileId,
      bucket: bucket.name,
      key,
      expiresInSeconds: 600,
    });
    const response = await fetch(link.url);
    expect(response.status).toBe(200);
    expect(await response.text()).toBe(`body of ${key}`);
  });

  it('the ready curl command uploads a file with the PUT link', async () => {
    const key = 'uploads/from curl +1 #2.txt';
    const link = await call(engine, 'share.create', {
      profileId,
      bucket: bucket.name,
      key,
      method: 'PUT',
      expiresInSeconds: 600,
    });
    expect(link.curl).toMatch(/^curl -X PUT --upload-file 'from curl \+1 #2\.txt' '/);
    const dir = mkdtempSync(path.join(os.tmpdir(), 'ferry-curl-'));
    writeFileSync(path.join(dir, 'from curl +1 #2.txt'), 'uploaded by curl');
    await run('sh', ['-c', `${link.curl} --fail --silent --show-error`], { cwd: dir });
    const out = await s3.send(new GetObjectCommand({ Bucket: bucket.name, Key: key }));
    expect(await out.Body!.transformToString()).toBe('uploaded by curl');
  });

  it('the GET curl command saves the object under its own name', async () => {
    await s3.send(
      new PutObjectCommand({ Bucket: bucket.name, Key: "docs/it's here.txt", Body: 'quoted' }),
    );
    const link = await call(engine, 'share.create', {
      profileId,
      bucket: bucket.name,
      key: "docs/it's here.txt",
    });
    const dir = mkdtempSync(path.join(os.tmpdir(), 'ferry-curl-'));
    await run('sh', ['-c', `${link.curl} --fail --silent --show-error`], { cwd: dir });
    expect(readFileSync(path.join(dir, "it's here.txt"), 'utf8')).toBe('quoted');
  });

  it('the GET curl command works for a key with a ".." segment, written by another tool', async () => {
    const key = 'docs/../dots.txt';
    await s3.send(new PutObjectCommand({ Bucket: bucket.name, Key: key, Body: 'dots' }));
    const link = await call(engine, 'share.create', { profileId, bucket: bucket.name, key });
    const dir = mkdtempSync(path.join(os.tmpdir(), 'ferry-curl-'));
    await run('sh', ['-c', `${link.curl} --fail --silent --show-error`], { cwd: dir });
    expect(readFileSync(path.join(dir, 'dots.txt'), 'utf8')).toBe('dots');
  });

  it('states when the link expires and carries it as a QR code', async () => {
    const now = Date.parse('2026-03-01T10:00:00Z');
    const fixed = await gatewayEngine();
    const clocked = Object.assign(fixed, { clock: { now: () => now } });
    const link = await call(clocked, 'share.create', {
      profileId,
      bucket: bucket.name,
      key: 'x.txt',
      expiresInSeconds: 7 * 86400,
    });
    expect(link.expiresAt).toBe('2026-03-08T10:00:00.000Z');
    expect(link.url).toContain('X-Amz-Expires=604800');
    expect(link.url).toContain('X-Amz-Date=20260301T100000Z');
    expect(link.qrSvg).toMatch(/^<svg[\s\S]*<\/svg>$/);
    // The QR code holds this URL: the same data encodes to the same module count.
    const size = encode(link.url, { ecc: 'L', border: 2 }).size;
    expect(link.qrSvg).toContain(`viewBox="0 0 ${size * 4} ${size * 4}"`);
    await fixed.dispose();
  });

  it.each([
    [8 * 86400, /8 days: presigned links last at most 7 days/],
    [30, /at least 1 minute/],
  ])('refuses an expiry of %i seconds with an explanation', async (seconds, message) => {
    const error = await failureOf(
      call(engine, 'share.create', {
        profileId,
        bucket: bucket.name,
        key: 'x.txt',
        expiresInSeconds: seconds,
      }),
    );
    expect(error.code).toBe('InvalidRequest');
    expect(error.message).toMatch(message);
    expect(error.hint).toMatch(/7 days/);
  });

  it('refuses a PUT link for a key with a ".." segment', async () => {
    const error = await failureOf(
      call(engine, 'share.create', {
        profileId,
        bucket: bucket.name,
        key: 'a/../b',
        method: 'PUT',
      }),
    );
    expect(error.code).toBe('InvalidKey');
  });
});

describe('presigned links for AWS', () => {
  it('carry no precomputed checksum, which would break every upload through a PUT link', async () => {
    const aws = await testEngine({
      env: {
        AWS_ACCESS_KEY_ID: 'AKIAEXAMPLE',
        AWS_SECRET_ACCESS_KEY: 'example',
        AWS_REGION: 'eu-west-1',
      },
    });
    expect(aws.profiles.get('environment').checksumMode).toBe('WHEN_SUPPORTED');
    const link = await call(aws, 'share.create', {
      profileId,
      bucket: 'some-bucket',
      key: 'upload.bin',
      method: 'PUT',
    });
    expect(link.url).toMatch(
      /^https:\/\/some-bucket\.s3\.eu-west-1\.amazonaws\.com\/upload\.bin\?/,
    );
    expect(link.url).not.toMatch(/x-amz-checksum|x-amz-sdk-checksum/i);
    await aws.dispose();
  });
});
