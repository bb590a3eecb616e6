import { PutObjectCommand } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventPayload } from '../../../src-shared/contract/index.js';
import type { Engine } from '../../../src-main/engine/engine.js';
import { AWKWARD_KEYS, call, gatewayEngine } from '../../support/gateway-engine.js';
import { createTestBucket, rawClient, serverKind } from '../../support/s3.js';

const s3 = rawClient();
const profileId = 'environment';
// Past every page and batch edge (1,000) on both servers; Swift's one Python process takes ~15 ms of CPU
// per PUT and per batch-deleted key, so it gets fewer (5,000 would cost minutes there).
const MANY = serverKind() === 'swift' ? 1_200 : 5_000;
const PAGES = Array.from({ length: Math.ceil(MANY / 1000) }, (_, i) => i);
let engine: Engine;
let bucket: Awaited<ReturnType<typeof createTestBucket>>;

/** PUTs small objects 32 at a time. */
async function putMany(keys: string[]): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < keys.length) {
      const key = keys[next++]!;
      await s3.send(new PutObjectCommand({ Bucket: bucket.name, Key: key, Body: key }));
    }
  };
  await Promise.all(Array.from({ length: 32 }, worker));
}

/** Runs a streamed listing to its end, collecting the events for its id. */
function streamed(
  request: Parameters<typeof call<'objects.list'>>[2],
  onPage?: (listingId: string) => void,
) {
  return new Promise<{
    pages: EventPayload<'objects.page'>[];
    done: EventPayload<'objects.listDone'>;
  }>((resolve, reject) => {
    const pages: EventPayload<'objects.page'>[] = [];
    const listingId = `test-${Math.random().toString(36).slice(2)}`;
    const offPage = engine.events.on('objects.page', (p) => {
      if (p.listingId !== listingId) return;
      pages.push(p);
      onPage?.(listingId);
    });
    const offDone = engine.events.on('objects.listDone', (done) => {
      if (done.listingId !== listingId) return;
      offPage();
      offDone();
      resolve({ pages, done });
    });
    call(engine, 'objects.list', { ...request, listingId }).catch(reject);
  });
}

beforeAll(async () => {
  engine = await gatewayEngine();
  bucket = await createTestBucket('list');
  const many = Array.from({ length: MANY }, (_, i) => `many/obj-${String(i).padStart(5, '0')}.txt`);
  await putMany([
    ...many,
    'top.txt',
    'docs/readme.md',
    'docs/report 2024.pdf',
    'docs/sub/inner.txt',
    'photos/',
    ...AWKWARD_KEYS.map((k) => `awkward/${k}`),
  ]);
  // 5,000 PUTs take ~30 s alone on Ceph and much longer on a shared machine.
}, 300_000);
afterAll(async () => {
  await bucket.remove();
  await engine.dispose();
});

describe('streamed listing', () => {
  it(`streams ${MANY} objects in pages of 1000 as they arrive, then says it is done`, async () => {
    const { pages, done } = await streamed({ profileId, bucket: bucket.name, prefix: 'many/' });
    expect(pages.map((p) => p.page)).toEqual(PAGES);
    expect(pages.map((p) => p.entries.length)).toEqual(
      PAGES.map((i) => Math.min(1000, MANY - i * 1000)),
    );
    const keys = pages.flatMap((p) => p.entries.map((e) => e.key));
    expect(new Set(keys).size).toBe(MANY);
    expect(keys[0]).toBe('many/obj-00000.txt');
    expect(pages[0]!.entries[0]).toMatchObject({
      name: 'obj-00000.txt',
      isFolder: false,
      size: 18,
    });
    expect(pages[0]!.entries[0]!.lastModified).toMatch(/^\d{4}-\d\d-\d\dT/);
    expect(pages[0]!.entries[0]!.etag).toMatch(/^"[0-9a-f]{32}"$/);
    expect(done).toMatchObject({ count: MANY, cancelled: false, error: null });
  });

  it('stops when cancelled after the first page', async () => {
    const { pages, done } = await streamed(
      { profileId, bucket: bucket.name, prefix: 'many/', pageSize: 100 },
      (listingId) => void call(engine, 'objects.cancelList', { listingId }),
    );
    expect(done.cancelled).toBe(true);
    expect(done.error).toBeNull();
    expect(pages.length).toBeLessThan(MANY / 100);
  });

  it('lists one folder level, folders first, with the folder marker shown as a folder', async () => {
    const { pages } = await streamed({ profileId, bucket: bucket.name });
    const entries = pages.flatMap((p) => p.entries);
    expect(entries.map((e) => [e.name, e.isFolder])).toEqual([
      ['awkward', true],
      ['docs', true],
      ['many', true],
      ['photos', true],
      ['top.txt', false],
    ]);
  });

  it('finds names by prefix within a folder', async () => {
    const page = await call(engine, 'objects.listPage', {
      profileId,
      bucket: bucket.name,
      prefix: 'docs/',
      search: 're',
    });
    expect(page.entries.map((e) => e.name)).toEqual(['readme.md', 'report 2024.pdf']);
    expect(page.nextToken).toBeNull();
  });

  it('lists awkward keys and 20 folder levels exactly as stored', async () => {
    const { pages } = await streamed({
      profileId,
      bucket: bucket.name,
      prefix: 'awkward/',
      recursive: true,
    });
    const keys = pages.flatMap((p) => p.entries.map((e) => e.key)).sort();
    expect(keys).toEqual(AWKWARD_KEYS.map((k) => `awkward/${k}`).sort());
  });

  it('pages by hand with a continuation token', async () => {
    const first = await call(engine, 'objects.listPage', {
      profileId,
      bucket: bucket.name,
      prefix: 'many/',
      pageSize: 3,
    });
    expect(first.entries.map((e) => e.name)).toEqual([
      'obj-00000.txt',
      'obj-00001.txt',
      'obj-00002.txt',
    ]);
    const second = await call(engine, 'objects.listPage', {
      profileId,
      bucket: bucket.name,
      prefix: 'many/',
      pageSize: 3,
      continuationToken: first.nextToken!,
    });
    expect(second.entries[0]!.name).toBe('obj-00003.txt');
  });

  it('reports a missing bucket as the end of the listing', async () => {
    const { done } = await streamed({ profileId, bucket: `${bucket.name}-missing` });
    expect(done.error).toMatchObject({ code: 'NoSuchBucket' });
  });
});

describe('folder size and deleting many', () => {
  it('counts objects and bytes under a folder on demand', async () => {
    const size = await call(engine, 'objects.folderSize', {
      profileId,
      bucket: bucket.name,
      prefix: 'docs/',
    });
    expect(size).toEqual({
      objects: 3,
      bytes: 'docs/readme.md'.length + 'docs/report 2024.pdf'.length + 'docs/sub/inner.txt'.length,
    });
  });

  it(`deletes ${MANY} keys in batches of 1000`, async () => {
    const keys = Array.from(
      { length: MANY },
      (_, i) => `many/obj-${String(i).padStart(5, '0')}.txt`,
    );
    const out = await call(engine, 'objects.delete', { profileId, bucket: bucket.name, keys });
    expect(out).toEqual({ deleted: MANY, failures: [] });
    const after = await call(engine, 'objects.folderSize', {
      profileId,
      bucket: bucket.name,
      prefix: 'many/',
    });
    expect(after).toEqual({ objects: 0, bytes: 0 });
  }, 60_000);

  it('deletes a folder with everything in it', async () => {
    const out = await call(engine, 'objects.deletePrefix', {
      profileId,
      bucket: bucket.name,
      prefix: 'awkward/',
    });
    expect(out).toEqual({ deleted: AWKWARD_KEYS.length, failures: [] });
  });

  it('refuses a listing id that is already running', async () => {
    const request = { profileId, bucket: bucket.name, listingId: 'same' };
    const [first, second] = await Promise.allSettled([
      call(engine, 'objects.list', request),
      call(engine, 'objects.list', request),
    ]);
    expect(first.status).toBe('fulfilled');
    expect(second.status === 'rejected' && String(second.reason)).toMatch(/already running/);
  });
});
