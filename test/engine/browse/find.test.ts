import { PutObjectCommand, PutBucketVersioningCommand } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventPayload } from '../../../src-shared/contract/index.js';
import { nameMatcher } from '../../../src-main/engine/browse/find.js';
import type { Engine } from '../../../src-main/engine/engine.js';
import { call, failureOf, gatewayEngine } from '../../support/gateway-engine.js';
import { createTestBucket, rawClient } from '../../support/s3.js';

const s3 = rawClient();
const profileId = 'environment';
let engine: Engine;
let bucket: Awaited<ReturnType<typeof createTestBucket>>;
const KEYS = [
  'photos/2024/Q3 Report.pdf',
  'photos/2024/cat.jpg',
  'photos/2023/dog.JPG',
  'photos/2023/',
  'photos/readme.txt',
  'docs/report-final.pdf',
];

beforeAll(async () => {
  engine = await gatewayEngine();
  bucket = await createTestBucket('find');
  for (const key of KEYS)
    await s3.send(
      new PutObjectCommand({ Bucket: bucket.name, Key: key, Body: key.endsWith('/') ? '' : key }),
    );
});
afterAll(async () => {
  await bucket.remove();
  await engine.dispose();
});

describe('search patterns', () => {
  it('match part of a name ignoring case, or a glob on the name or, with a slash, on the path', () => {
    const names = ['a/Q3 Report.pdf', 'a/b/cat.jpg', 'report', 'x/reports/y.txt'];
    const pick = (pattern: string) => names.filter((n) => nameMatcher(pattern)(n));
    expect(pick('report')).toEqual(['a/Q3 Report.pdf', 'report']);
    expect(pick('*.PDF')).toEqual(['a/Q3 Report.pdf']);
    expect(pick('?at.*')).toEqual(['a/b/cat.jpg']);
    expect(pick('a/**/*.jpg')).toEqual(['a/b/cat.jpg']);
    expect(pick('*/reports/*')).toEqual(['x/reports/y.txt']);
    expect(() => nameMatcher('  ')).toThrow(/empty/);
  });
});

/** Runs a search to its end, collecting its events; `onFound` may cancel it. */
function searched(
  request: Omit<Parameters<typeof call<'search.start'>>[2], 'profileId' | 'bucket'>,
  onFound?: (searchId: string) => void,
) {
  const searchId = `s-${Math.random().toString(36).slice(2)}`;
  return new Promise<{ found: EventPayload<'search.found'>[]; done: EventPayload<'search.done'> }>(
    (resolve, reject) => {
      const found: EventPayload<'search.found'>[] = [];
      const offFound = engine.events.on('search.found', (p) => {
        if (p.searchId !== searchId) return;
        found.push(p);
        onFound?.(searchId);
      });
      const offDone = engine.events.on('search.done', (done) => {
        if (done.searchId !== searchId) return;
        offFound();
        offDone();
        resolve({ found, done });
      });
      call(engine, 'search.start', { profileId, bucket: bucket.name, searchId, ...request }).catch(
        reject,
      );
    },
  );
}

describe('searching a bucket', () => {
  it('streams matches page by page from everywhere under the prefix, skipping folder markers', async () => {
    const { found, done } = await searched({ prefix: 'photos/', pattern: '*.jpg', pageSize: 2 });
    expect(found.length).toBeGreaterThanOrEqual(3);
    expect(found.flatMap((p) => p.entries.map((e) => e.key)).sort()).toEqual([
      'photos/2023/dog.JPG',
      'photos/2024/cat.jpg',
    ]);
    expect(done).toMatchObject({ found: 2, scanned: 5, cancelled: false, error: null });
    const all = await searched({ pattern: 'report' });
    expect(all.done.found).toBe(2);
  });

  it('stops when cancelled, and says so', async () => {
    const { found, done } = await searched({ pattern: 'x', pageSize: 1 }, (id) => {
      void call(engine, 'search.cancel', { searchId: id });
    });
    expect(found).toHaveLength(1);
    expect(done).toMatchObject({ cancelled: true, error: null, scanned: 1 });
  });

  it('refuses an empty pattern before listing anything', async () => {
    const error = await failureOf(
      call(engine, 'search.start', { profileId, bucket: bucket.name, pattern: ' ' }),
    );
    expect(error.key).toBe('search.emptyPattern');
  });
});

describe('what a prefix holds', () => {
  it('counts objects and bytes, and with versions every version and delete marker', async () => {
    const photos = await call(engine, 'search.usage', {
      profileId,
      bucket: bucket.name,
      prefix: 'photos/',
    });
    const bytes = KEYS.filter((k) => k.startsWith('photos/') && !k.endsWith('/')).reduce(
      (n, k) => n + k.length,
      0,
    );
    expect(photos).toEqual({
      objects: 4,
      bytes,
      versions: null,
      versionBytes: null,
      deleteMarkers: null,
    });
    await s3.send(
      new PutBucketVersioningCommand({
        Bucket: bucket.name,
        VersioningConfiguration: { Status: 'Enabled' },
      }),
    );
    await s3.send(
      new PutObjectCommand({ Bucket: bucket.name, Key: 'docs/report-final.pdf', Body: 'v2' }),
    );
    const docs = await call(engine, 'search.usage', {
      profileId,
      bucket: bucket.name,
      prefix: 'docs/',
      versions: true,
    });
    expect(docs).toEqual({
      objects: 1,
      bytes: 2,
      versions: 2,
      versionBytes: 2 + 'docs/report-final.pdf'.length,
      deleteMarkers: 0,
    });
  });
});
