import {
  DeleteObjectCommand,
  GetBucketLifecycleConfigurationCommand,
  GetBucketTaggingCommand,
  GetBucketVersioningCommand,
  GetObjectCommand,
  GetObjectLockConfigurationCommand,
  GetObjectTaggingCommand,
  HeadBucketCommand,
  HeadObjectCommand,
  ListObjectVersionsCommand,
  PutBucketLifecycleConfigurationCommand,
  PutObjectCommand,
  PutObjectLegalHoldCommand,
  type LifecycleRule,
} from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../../../src-main/engine/engine.js';
import { call, failureOf, gatewayEngine } from '../../support/gateway-engine.js';
import {
  createTestBucket,
  gateway,
  rawClient,
  removeBucket,
  serverKind,
  uniqueBucketName,
} from '../../support/s3.js';

const s3 = rawClient();
const onCeph = serverKind() === 'ceph';
const profileId = 'environment';

let engine: Engine;
let bucket: Awaited<ReturnType<typeof createTestBucket>>;
beforeAll(async () => {
  engine = await gatewayEngine();
  bucket = await createTestBucket('cfg');
  await s3.send(new PutObjectCommand({ Bucket: bucket.name, Key: 'a.txt', Body: 'precious' }));
});
afterAll(async () => {
  await bucket.remove();
  await engine.dispose();
});

const text = async (key: string) =>
  (
    await s3.send(new GetObjectCommand({ Bucket: bucket.name, Key: key }))
  ).Body!.transformToString();

/** Lifts the legal holds, deletes every version past its governance retention, then the bucket. */
async function releaseAndRemove(name: string): Promise<void> {
  const { Versions = [] } = await s3.send(new ListObjectVersionsCommand({ Bucket: name }));
  for (const v of Versions) {
    const ref = { Bucket: name, Key: v.Key!, VersionId: v.VersionId };
    await s3.send(new PutObjectLegalHoldCommand({ ...ref, LegalHold: { Status: 'OFF' } }));
    await s3.send(new DeleteObjectCommand({ ...ref, BypassGovernanceRetention: true }));
  }
  await removeBucket(s3, name);
}

describe.runIf(onCeph)('bucket configuration on a server that has it', () => {
  it('edits lifecycle rules by prefix and sends back the rules Ferry does not edit unchanged', async () => {
    const foreign: LifecycleRule = {
      ID: 'archive',
      Status: 'Enabled',
      Filter: { And: { Prefix: 'x/', Tags: [{ Key: 'k', Value: 'v' }] } },
      Transitions: [{ Days: 40, StorageClass: 'STANDARD' as never }],
    };
    await s3.send(
      new PutBucketLifecycleConfigurationCommand({
        Bucket: bucket.name,
        LifecycleConfiguration: { Rules: [foreign] },
      }),
    );
    const where = { profileId, bucket: bucket.name };
    await call(engine, 'lifecycle.set', { ...where, prefix: 'logs/', expireDays: 30 });
    // The same prefix again changes that rule rather than adding one.
    await call(engine, 'lifecycle.set', { ...where, prefix: 'logs/', abortMultipartDays: 7 });
    const { rules } = await call(engine, 'lifecycle.set', { ...where, noncurrentDays: 5 });
    expect(rules).toContainEqual({
      id: 'ferry logs/',
      prefix: 'logs/',
      enabled: true,
      expireDays: null,
      noncurrentDays: null,
      abortMultipartDays: 7,
      extras: [],
    });
    expect(rules.find((r) => r.id === 'archive')?.extras).toEqual(['transition', 'tagFilter']);
    const notEditable = await failureOf(
      call(engine, 'lifecycle.set', { ...where, id: 'archive', expireDays: 1 }),
    );
    expect(notEditable.message).toBe(
      'The lifecycle rule "archive" holds settings Ferry does not edit.',
    );

    await call(engine, 'lifecycle.remove', { ...where, prefix: 'logs/' });
    const raw = (await s3.send(new GetBucketLifecycleConfigurationCommand({ Bucket: bucket.name })))
      .Rules!;
    expect(raw.map((r) => r.ID).sort()).toEqual(['archive', 'ferry whole bucket']);
    const kept = raw.find((r) => r.ID === 'archive')!;
    expect(kept.Transitions).toEqual(foreign.Transitions);
    expect(JSON.stringify(kept.Filter)).toContain('"Key":"k"');
    expect(raw.find((r) => r.ID !== 'archive')!.NoncurrentVersionExpiration).toEqual({
      NoncurrentDays: 5,
    });
    expect((await call(engine, 'lifecycle.remove', where)).rules).toEqual([]);
    expect((await call(engine, 'lifecycle.get', where)).rules).toEqual([]);
  });

  it('replaces bucket and object tags, refuses an eleventh object tag, and removes them', async () => {
    const where = { profileId, bucket: bucket.name };
    await call(engine, 'tags.set', { ...where, tags: { team: 'web', 'cost center': '4 2' } });
    const bucketTags = await s3.send(new GetBucketTaggingCommand({ Bucket: bucket.name }));
    expect(bucketTags.TagSet).toContainEqual({ Key: 'cost center', Value: '4 2' });
    const set = await call(engine, 'tags.set', { ...where, key: 'a.txt', tags: { x: '1', e: '' } });
    expect(set.tags).toEqual({ x: '1', e: '' });
    const raw = await s3.send(new GetObjectTaggingCommand({ Bucket: bucket.name, Key: 'a.txt' }));
    expect(raw.TagSet).toHaveLength(2);
    const ten = Object.fromEntries(Array.from({ length: 10 }, (_, i) => [`k${i}`, 'v']));
    await call(engine, 'tags.set', { ...where, key: 'a.txt', tags: ten });
    const eleven = await failureOf(
      call(engine, 'tags.set', { ...where, key: 'a.txt', tags: { ...ten, k10: 'v' } }),
    );
    expect(eleven.message).toBe('11 tags are more than the 10 S3 allows here.');
    expect((await call(engine, 'tags.set', { ...where, tags: {} })).tags).toEqual({});
    expect((await call(engine, 'tags.get', where)).tags).toEqual({});
  });

  it('adds the presigned-upload CORS rule, which the server then answers a browser preflight with', async () => {
    const preflight = (origin: string) =>
      fetch(`${gateway().endpoint}/${bucket.name}/upload.bin`, {
        method: 'OPTIONS',
        headers: {
          Origin: origin,
          'Access-Control-Request-Method': 'PUT',
          'Access-Control-Request-Headers': 'content-type',
        },
      });
    const where = { profileId, bucket: bucket.name };
    await call(engine, 'cors.set', {
      ...where,
      rules: [{ allowedOrigins: ['*'], allowedMethods: ['GET'] }],
    });
    const { rules } = await call(engine, 'cors.allowUpload', {
      ...where,
      origin: 'https://app.example.com/',
    });
    expect(rules.map((r) => r.allowedMethods)).toEqual([['PUT'], ['GET']]);
    const allowed = await preflight('https://app.example.com');
    expect(allowed.headers.get('access-control-allow-origin')).toBe('https://app.example.com');
    expect(allowed.headers.get('access-control-allow-methods')).toContain('PUT');
    const other = await preflight('https://elsewhere.example.com');
    expect(other.headers.get('access-control-allow-methods') ?? '').not.toContain('PUT');
    const bad = await failureOf(
      call(engine, 'cors.allowUpload', { ...where, origin: 'https://app.example.com/upload' }),
    );
    expect(bad.message).toBe('"https://app.example.com/upload" is not a web origin.');
    expect((await call(engine, 'cors.set', { ...where, rules: [] })).rules).toEqual([]);
  });

  it('makes a bucket with versioning and object lock, and sets retention and legal hold', async () => {
    const name = uniqueBucketName('lock');
    await call(engine, 'buckets.create', { profileId, bucket: name, objectLock: true });
    try {
      const lock = await s3.send(new GetObjectLockConfigurationCommand({ Bucket: name }));
      expect(lock.ObjectLockConfiguration?.ObjectLockEnabled).toBe('Enabled');
      expect((await s3.send(new GetBucketVersioningCommand({ Bucket: name }))).Status).toBe(
        'Enabled',
      );
      await s3.send(new PutObjectCommand({ Bucket: name, Key: 'held.txt', Body: 'x' }));
      const where = { profileId, bucket: name, key: 'held.txt' };
      expect(await call(engine, 'objectLock.get', where)).toEqual({
        bucket: 'enabled',
        defaultRetention: null,
        object: { mode: null, retainUntil: null, legalHold: false },
      });
      const until = new Date(Date.now() + 2 * 86_400_000).toISOString().slice(0, 10);
      const state = await call(engine, 'objectLock.set', {
        ...where,
        retention: { mode: 'GOVERNANCE', retainUntil: until },
        legalHold: true,
      });
      expect(state.object).toEqual({
        mode: 'GOVERNANCE',
        retainUntil: `${until}T00:00:00.000Z`,
        legalHold: true,
      });
      const head = await s3.send(new HeadObjectCommand({ Bucket: name, Key: 'held.txt' }));
      expect(head.ObjectLockMode).toBe('GOVERNANCE');
      const past = await failureOf(
        call(engine, 'objectLock.set', {
          ...where,
          retention: { mode: 'GOVERNANCE', retainUntil: '2020-01-01' },
        }),
      );
      expect(past.message).toBe('The retention date "2020-01-01" is not a date in the future.');
    } finally {
      await releaseAndRemove(name);
    }
    const plain = await failureOf(
      call(engine, 'objectLock.set', {
        profileId,
        bucket: bucket.name,
        key: 'a.txt',
        legalHold: true,
      }),
    );
    expect(plain.message).toBe(`The bucket "${bucket.name}" does not have object lock.`);
  });
});

describe.runIf(!onCeph)('bucket configuration on a server without it (Swift)', () => {
  it('says plainly that lifecycle rules, tags, CORS and object lock are not supported, changing nothing', async () => {
    const where = { profileId, bucket: bucket.name };
    const attempts: [() => Promise<unknown>, string][] = [
      [() => call(engine, 'lifecycle.get', where), 'lifecycle rules'],
      // Swift takes DELETE ?lifecycle for a DeleteBucket: Ferry must never send it there.
      [() => call(engine, 'lifecycle.remove', where), 'lifecycle rules'],
      [() => call(engine, 'lifecycle.set', { ...where, expireDays: 3 }), 'lifecycle rules'],
      [() => call(engine, 'tags.set', { ...where, tags: { team: 'web' } }), 'tags'],
      [() => call(engine, 'tags.set', { ...where, key: 'a.txt', tags: { x: '1' } }), 'tags'],
      [() => call(engine, 'cors.get', where), 'CORS'],
      [
        () => call(engine, 'cors.allowUpload', { ...where, origin: 'https://app.example.com' }),
        'CORS',
      ],
      // Swift takes PUT ?legal-hold for an upload of the XML over the object.
      [
        () => call(engine, 'objectLock.set', { ...where, key: 'a.txt', legalHold: true }),
        'object lock',
      ],
    ];
    for (const [attempt, feature] of attempts) {
      const error = await failureOf(attempt());
      expect({ code: error.code, message: error.message }).toEqual({
        code: 'NotSupported',
        message: `This server does not support ${feature}.`,
      });
    }
    expect(await call(engine, 'objectLock.get', { ...where, key: 'a.txt' })).toMatchObject({
      bucket: 'unsupported',
    });
    await s3.send(new HeadBucketCommand({ Bucket: bucket.name }));
    expect(await text('a.txt')).toBe('precious');
  });

  it('refuses to make an object-lock bucket rather than leave one without the lock', async () => {
    const name = uniqueBucketName('nolock');
    const error = await failureOf(
      call(engine, 'buckets.create', { profileId, bucket: name, objectLock: true }),
    );
    expect(error.message).toBe('This server does not support object lock.');
    await expect(s3.send(new HeadBucketCommand({ Bucket: name }))).rejects.toThrow();
  });
});
