import { HeadBucketCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../../../src-main/engine/engine.js';
import { call, failureOf, gatewayEngine } from '../../support/gateway-engine.js';
import { errorServer } from '../../support/error-server.js';
import {
  createTestBucket,
  rawClient,
  removeBucket,
  serverKind,
  uniqueBucketName,
} from '../../support/s3.js';

const s3 = rawClient();
const profileId = 'environment';
let engine: Engine;

async function bucketExists(name: string): Promise<boolean> {
  try {
    await s3.send(new HeadBucketCommand({ Bucket: name }));
    return true;
  } catch {
    return false;
  }
}

beforeAll(async () => {
  engine = await gatewayEngine();
});
afterAll(() => engine.dispose());

describe('creating buckets', () => {
  it('creates a bucket that then shows in the list', async () => {
    const name = uniqueBucketName('mb');
    const created = await call(engine, 'buckets.create', { profileId, bucket: name });
    try {
      expect(created.name).toBe(name);
      const names = (await call(engine, 'buckets.list', { profileId })).map((b) => b.name);
      expect(names).toContain(name);
    } finally {
      await removeBucket(s3, name);
    }
  });

  it('says you already own a bucket of that name', async () => {
    const bucket = await createTestBucket('owned');
    try {
      const error = await failureOf(
        call(engine, 'buckets.create', { profileId, bucket: bucket.name }),
      );
      expect(error.code).toBe('BucketAlreadyExists');
      expect(error.message).toMatch(/already own/);
    } finally {
      await bucket.remove();
    }
  });

  it.each([
    ['My-Bucket', /uppercase/],
    ['a..b-bucket', /two dots in a row/],
    ['192.168.1.10', /IP address/],
    ['ab', /at least 3 characters/],
    ['a'.repeat(64), /at most 63 characters/],
    ['-leading', /start with a letter or digit/],
    ['under_score', /only lowercase letters, digits/],
  ])('refuses the name %s, saying which rule, without creating anything', async (name, rule) => {
    const error = await failureOf(call(engine, 'buckets.create', { profileId, bucket: name }));
    expect(error.code).toBe('InvalidBucketName');
    expect(error.message).toMatch(rule);
    expect(error.hint).toMatch(/3-63 characters/);
    expect(await bucketExists(name.toLowerCase())).toBe(false);
  });
});

describe('deleting buckets', () => {
  it('refuses to delete a non-empty bucket without force, and keeps its objects', async () => {
    const bucket = await createTestBucket('rb');
    try {
      await s3.send(new PutObjectCommand({ Bucket: bucket.name, Key: 'keep me.txt', Body: 'x' }));
      const error = await failureOf(
        call(engine, 'buckets.delete', { profileId, bucket: bucket.name }),
      );
      expect(error.code).toBe('BucketNotEmpty');
      expect(error.hint).toMatch(/--force/);
      expect(await bucketExists(bucket.name)).toBe(true);
    } finally {
      await bucket.remove();
    }
  });

  it('counts what emptying would delete, then deletes everything with force, old versions included', async () => {
    const name = uniqueBucketName('rbforce');
    await call(engine, 'buckets.create', { profileId, bucket: name });
    try {
      expect(
        await call(engine, 'buckets.setVersioning', { profileId, bucket: name, status: 'Enabled' }),
      ).toEqual({
        status: 'Enabled',
      });
      for (const body of ['one', 'two', 'three']) {
        await s3.send(new PutObjectCommand({ Bucket: name, Key: 'doc #1.txt', Body: body }));
      }
      await s3.send(new PutObjectCommand({ Bucket: name, Key: 'ünï/b.txt', Body: '12345' }));
      const counted = await call(engine, 'buckets.count', { profileId, bucket: name });
      expect(counted).toEqual({ objects: 2, bytes: 'three'.length + 5, versions: 2 });

      const out = await call(engine, 'buckets.delete', { profileId, bucket: name, force: true });
      expect(out.deletedObjects).toBe(2);
      expect(await bucketExists(name)).toBe(false);
    } finally {
      if (await bucketExists(name)) await removeBucket(s3, name);
    }
  });

  it('says a missing bucket does not exist', async () => {
    const error = await failureOf(
      call(engine, 'buckets.delete', { profileId, bucket: uniqueBucketName('nope') }),
    );
    expect(error.code).toBe('NoSuchBucket');
  });
});

describe('versioning', () => {
  it('reports Unversioned, then Enabled, then Suspended', async () => {
    const bucket = await createTestBucket('ver');
    try {
      const get = () => call(engine, 'buckets.getVersioning', { profileId, bucket: bucket.name });
      expect(await get()).toEqual({ status: 'Unversioned' });
      await call(engine, 'buckets.setVersioning', {
        profileId,
        bucket: bucket.name,
        status: 'Enabled',
      });
      expect(await get()).toEqual({ status: 'Enabled' });
      await call(engine, 'buckets.setVersioning', {
        profileId,
        bucket: bucket.name,
        status: 'Suspended',
      });
      expect(await get()).toEqual({ status: 'Suspended' });
    } finally {
      await bucket.remove();
    }
  });
});

describe('bucket location', () => {
  it('names the region the server states, or the profile region when it states none', async () => {
    const bucket = await createTestBucket('loc');
    try {
      // Ceph answers its zonegroup's name; Swift an empty LocationConstraint (as AWS for us-east-1).
      expect(await call(engine, 'buckets.location', { profileId, bucket: bucket.name })).toEqual(
        serverKind() === 'swift'
          ? { region: 'us-east-1', stated: false }
          : { region: 'default', stated: true },
      );
    } finally {
      await bucket.remove();
    }
  });

  it('says a missing bucket does not exist, with the message key the interface translates', async () => {
    const error = await failureOf(
      call(engine, 'buckets.location', { profileId, bucket: uniqueBucketName('gone') }),
    );
    expect(error.code).toBe('NoSuchBucket');
    expect(error.key).toBe('bucket.noSuch');
  });

  it.each([
    [
      'an empty constraint shows the profile region, not stated',
      '',
      { region: 'moon-1', stated: false },
    ],
    ["AWS's legacy EU is eu-west-1", 'EU', { region: 'eu-west-1', stated: true }],
  ])('%s', async (_, constraint, expected) => {
    const server = await errorServer({
      status: 200,
      body: `<?xml version="1.0" encoding="UTF-8"?>\n<LocationConstraint xmlns="http://s3.amazonaws.com/doc/2006-03-01/">${constraint}</LocationConstraint>`,
    });
    const elsewhere = await gatewayEngine({
      AWS_ENDPOINT_URL: server.endpoint,
      AWS_REGION: 'moon-1',
    });
    try {
      expect(await call(elsewhere, 'buckets.location', { profileId, bucket: 'photos' })).toEqual(
        expected,
      );
    } finally {
      elsewhere.dispose();
      await server.close();
    }
  });

  it('reports a refusal as AccessDenied (common on providers), naming the bucket', async () => {
    const server = await errorServer({ status: 403, code: 'AccessDenied' });
    const elsewhere = await gatewayEngine({ AWS_ENDPOINT_URL: server.endpoint });
    try {
      const error = await failureOf(
        call(elsewhere, 'buckets.location', { profileId, bucket: 'photos' }),
      );
      expect(error.code).toBe('AccessDenied');
      expect(error.toData()).toMatchObject({ key: 'auth.deniedTo', params: { target: 'photos' } });
    } finally {
      elsewhere.dispose();
      await server.close();
    }
  });
});
