import { randomBytes } from 'node:crypto';
import {
  DeleteObjectCommand,
  GetObjectCommand,
  PutBucketVersioningCommand,
  PutObjectCommand,
} from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copyInParts } from '../../../src-main/engine/objects/copy-object.js';
import type { Engine } from '../../../src-main/engine/engine.js';
import { call, failureOf, gatewayEngine } from '../../support/gateway-engine.js';
import { createTestBucket, rawClient } from '../../support/s3.js';

// Runs on both servers. Swift's s3api keeps versions but pages version listings from a wrong marker and,
// after a delete marker is removed, leaves the object gone: Ferry works around both, and these tests
// hold it to the same outcome as on Ceph.
const MiB = 1024 * 1024;
const s3 = rawClient();
let bucket: Awaited<ReturnType<typeof createTestBucket>>;
let engine: Engine;
const profileId = 'environment';

async function put(key: string, body: string | Uint8Array): Promise<string> {
  const out = await s3.send(new PutObjectCommand({ Bucket: bucket.name, Key: key, Body: body }));
  return out.VersionId!;
}
async function read(key: string, versionId?: string): Promise<string> {
  const out = await s3.send(
    new GetObjectCommand({ Bucket: bucket.name, Key: key, VersionId: versionId }),
  );
  return out.Body!.transformToString();
}

beforeAll(async () => {
  bucket = await createTestBucket('versions');
  await s3.send(
    new PutBucketVersioningCommand({
      Bucket: bucket.name,
      VersioningConfiguration: { Status: 'Enabled' },
    }),
  );
  engine = await gatewayEngine();
});
afterAll(async () => {
  await engine.dispose();
  await bucket.remove();
});

describe('versions of objects', () => {
  it('lists every version of one key across pages, newest first, without its namesakes', async () => {
    const ids = [];
    for (const body of ['one', 'two!', 'three']) ids.push(await put('docs/a.txt', body));
    await put('docs/a.txt.bak', 'other key, same prefix');
    const seen = [];
    let marker;
    do {
      const page: Awaited<ReturnType<typeof call<'versions.list'>>> = await call(
        engine,
        'versions.list',
        {
          profileId,
          bucket: bucket.name,
          prefix: 'docs/a.txt',
          exact: true,
          pageSize: 2,
          ...(marker ? { marker } : {}),
        },
      );
      seen.push(...page.versions);
      marker = page.next;
    } while (marker);
    expect(seen.map((v) => v.versionId)).toEqual(ids.reverse());
    expect(seen.map((v) => [v.size, v.isLatest, v.deleteMarker])).toEqual([
      [5, true, false],
      [4, false, false],
      [3, false, false],
    ]);
  });

  it('restores an old version server-side, and refuses to restore a delete marker', async () => {
    const first = await put('r.txt', 'first');
    await put('r.txt', 'second');
    const out = await call(engine, 'versions.restore', {
      profileId,
      bucket: bucket.name,
      key: 'r.txt',
      versionId: first,
    });
    expect(await read('r.txt')).toBe('first');
    expect(out.versionId).not.toBe(first);
    const marker = await s3.send(new DeleteObjectCommand({ Bucket: bucket.name, Key: 'r.txt' }));
    const error = await failureOf(
      call(engine, 'versions.restore', {
        profileId,
        bucket: bucket.name,
        key: 'r.txt',
        versionId: marker.VersionId!,
      }),
    );
    expect(error.key).toBe('versions.markerNotRestorable');
  });

  it('lists a folder’s deleted objects and undeletes them to their last version', async () => {
    await put('trash/gone.txt', 'v1');
    await put('trash/gone.txt', 'v2');
    await put('trash/kept.txt', 'here');
    await s3.send(new DeleteObjectCommand({ Bucket: bucket.name, Key: 'trash/gone.txt' }));
    const deleted = await call(engine, 'versions.listDeleted', {
      profileId,
      bucket: bucket.name,
      prefix: 'trash/',
    });
    expect(deleted.entries.map((e) => [e.key, e.name])).toEqual([['trash/gone.txt', 'gone.txt']]);
    const out = await call(engine, 'versions.undelete', {
      profileId,
      bucket: bucket.name,
      keys: ['trash/gone.txt', 'trash/kept.txt'],
    });
    expect(out.undeleted).toBe(1);
    expect(out.failures.map((f) => [f.key, f.error.key])).toEqual([
      ['trash/kept.txt', 'versions.notDeleted'],
    ]);
    expect(await read('trash/gone.txt')).toBe('v2');
  });

  it('copies a version in parts (UploadPartCopy) when restoring past 5 GiB', async () => {
    const old = randomBytes(6 * MiB);
    const v1 = await put('big.bin', old);
    await put('big.bin', 'small now');
    await copyInParts(
      s3,
      {
        from: { bucket: bucket.name, key: 'big.bin', versionId: v1 },
        to: { bucket: bucket.name, key: 'big.bin' },
        size: old.length,
      },
      5 * MiB,
    );
    const now = await s3.send(new GetObjectCommand({ Bucket: bucket.name, Key: 'big.bin' }));
    expect(Buffer.from(await now.Body!.transformToByteArray()).equals(old)).toBe(true);
  });
});
