import { GetObjectCommand, HeadObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../../../src-main/engine/engine.js';
import { AWKWARD_KEYS, call, failureOf, gatewayEngine } from '../../support/gateway-engine.js';
import { createTestBucket, rawClient } from '../../support/s3.js';

const s3 = rawClient();
let engine: Engine;
let bucket: Awaited<ReturnType<typeof createTestBucket>>;
const profileId = 'environment';

async function put(key: string, body: string, contentType = 'text/plain') {
  await s3.send(
    new PutObjectCommand({ Bucket: bucket.name, Key: key, Body: body, ContentType: contentType }),
  );
}

async function exists(key: string, name = bucket.name): Promise<boolean> {
  try {
    await s3.send(new HeadObjectCommand({ Bucket: name, Key: key }));
    return true;
  } catch {
    return false;
  }
}

beforeAll(async () => {
  engine = await gatewayEngine();
  bucket = await createTestBucket('objops');
});
afterAll(async () => {
  await bucket.remove();
  await engine.dispose();
});

describe('object operations on awkward keys', () => {
  it.each(AWKWARD_KEYS)('heads, copies, renames and deletes %s', async (key) => {
    await put(key, `content of ${key}`);

    const head = await call(engine, 'objects.head', { profileId, bucket: bucket.name, key });
    expect(head.size).toBe(Buffer.byteLength(`content of ${key}`));
    expect(head.contentType).toBe('text/plain');

    const copy = await call(engine, 'objects.copy', {
      profileId,
      from: { bucket: bucket.name, key },
      to: { bucket: bucket.name, key: `copies/${key}` },
      recursive: false,
      overwrite: false,
    });
    expect(copy).toMatchObject({ copied: 1, failures: [] });
    expect(await exists(`copies/${key}`)).toBe(true);

    const moved = await call(engine, 'objects.move', {
      profileId,
      from: { bucket: bucket.name, key: `copies/${key}` },
      to: { bucket: bucket.name, key: `moved/${key}` },
      recursive: false,
      overwrite: false,
    });
    expect(moved).toMatchObject({ copied: 1, deleted: 1, failures: [] });
    expect(await exists(`copies/${key}`)).toBe(false);
    const body = await s3.send(new GetObjectCommand({ Bucket: bucket.name, Key: `moved/${key}` }));
    expect(await body.Body!.transformToString()).toBe(`content of ${key}`);

    const deleted = await call(engine, 'objects.delete', {
      profileId,
      bucket: bucket.name,
      keys: [key, `moved/${key}`],
    });
    expect(deleted).toEqual({ deleted: 2, failures: [] });
    expect(await exists(key)).toBe(false);
  });
});

describe('copying and moving', () => {
  it('refuses to overwrite an existing target unless asked, and keeps the target intact', async () => {
    await put('keep/a.txt', 'source');
    await put('keep/b.txt', 'precious');
    const request = {
      profileId,
      from: { bucket: bucket.name, key: 'keep/a.txt' },
      to: { bucket: bucket.name, key: 'keep/b.txt' },
    };
    const error = await failureOf(call(engine, 'objects.copy', request));
    expect(error.code).toBe('ObjectExists');
    expect(error.hint).toMatch(/overwrit/);
    const kept = await s3.send(new GetObjectCommand({ Bucket: bucket.name, Key: 'keep/b.txt' }));
    expect(await kept.Body!.transformToString()).toBe('precious');

    await call(engine, 'objects.copy', { ...request, overwrite: true });
    const replaced = await s3.send(
      new GetObjectCommand({ Bucket: bucket.name, Key: 'keep/b.txt' }),
    );
    expect(await replaced.Body!.transformToString()).toBe('source');
  });

  it('copies into a folder when the target ends with a slash, across buckets', async () => {
    const other = await createTestBucket('objops-b');
    try {
      await put('x/report 1+1.csv', 'a,b');
      const out = await call(engine, 'objects.copy', {
        profileId,
        from: { bucket: bucket.name, key: 'x/report 1+1.csv' },
        to: { bucket: other.name, key: 'inbox/' },
      });
      expect(out.copied).toBe(1);
      expect(await exists('inbox/report 1+1.csv', other.name)).toBe(true);
    } finally {
      await other.remove();
    }
  });

  it('moves a whole folder, sources deleted only after their copy', async () => {
    const keys = ['tree/a.txt', 'tree/sub/b #1.txt', 'tree/sub/deeper/c?.txt'];
    for (const key of keys) await put(key, key);
    const out = await call(engine, 'objects.move', {
      profileId,
      from: { bucket: bucket.name, key: 'tree/' },
      to: { bucket: bucket.name, key: 'renamed tree/' },
      recursive: true,
      overwrite: false,
    });
    expect(out).toMatchObject({ copied: 3, deleted: 3, failures: [] });
    for (const key of keys) {
      expect(await exists(key)).toBe(false);
      expect(await exists(key.replace('tree/', 'renamed tree/'))).toBe(true);
    }
  });

  it('refuses to move a folder into itself, before sending anything', async () => {
    const error = await failureOf(
      call(engine, 'objects.move', {
        profileId,
        from: { bucket: bucket.name, key: 'f/' },
        to: { bucket: bucket.name, key: 'f/inner/' },
        recursive: true,
        overwrite: false,
      }),
    );
    expect(error.message).toMatch(/into itself/);
  });

  it('says which object is missing', async () => {
    const error = await failureOf(
      call(engine, 'objects.copy', {
        profileId,
        from: { bucket: bucket.name, key: 'no such thing.txt' },
        to: { bucket: bucket.name, key: 'x.txt' },
      }),
    );
    expect(error.code).toBe('NoSuchKey');
    expect(error.message).toContain('no such thing.txt');
  });
});

describe('metadata, folders, previews', () => {
  it('edits content-type, cache-control and user metadata, keeping the content', async () => {
    const key = 'meta/ünï + code.json';
    await put(key, '{"a":1}', 'application/octet-stream');
    const out = await call(engine, 'objects.updateMetadata', {
      profileId,
      bucket: bucket.name,
      key,
      contentType: 'application/json',
      cacheControl: 'max-age=60',
      metadata: { owner: 'ana', 'project-id': '42' },
    });
    expect(out).toMatchObject({
      contentType: 'application/json',
      cacheControl: 'max-age=60',
      metadata: { owner: 'ana', 'project-id': '42' },
    });
    const body = await s3.send(new GetObjectCommand({ Bucket: bucket.name, Key: key }));
    expect(await body.Body!.transformToString()).toBe('{"a":1}');
  });

  it('creates a folder marker that lists as a folder', async () => {
    const entry = await call(engine, 'objects.createFolder', {
      profileId,
      bucket: bucket.name,
      key: 'new folder',
    });
    expect(entry).toMatchObject({ key: 'new folder/', name: 'new folder', isFolder: true });
    const page = await call(engine, 'objects.listPage', {
      profileId,
      bucket: bucket.name,
      prefix: '',
    });
    expect(page.entries.find((e) => e.key === 'new folder/')?.isFolder).toBe(true);
    const inside = await call(engine, 'objects.listPage', {
      profileId,
      bucket: bucket.name,
      prefix: 'new folder/',
    });
    expect(inside.entries).toEqual([]);
  });

  it('previews the start of a text object and says it was truncated', async () => {
    await put('preview/big.log', 'x'.repeat(5000));
    const out = await call(engine, 'objects.preview', {
      profileId,
      bucket: bucket.name,
      key: 'preview/big.log',
      maxBytes: 1000,
    });
    expect(out).toMatchObject({ kind: 'text', size: 5000, truncated: true });
    expect(out.text).toHaveLength(1000);
  });

  it('previews a small image as a data URL', async () => {
    const png = Buffer.from(
      'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
      'base64',
    );
    await s3.send(
      new PutObjectCommand({
        Bucket: bucket.name,
        Key: 'preview/dot.png',
        Body: png,
        ContentType: 'image/png',
      }),
    );
    const out = await call(engine, 'objects.preview', {
      profileId,
      bucket: bucket.name,
      key: 'preview/dot.png',
      maxBytes: 4096,
    });
    expect(out).toMatchObject({ kind: 'image', contentType: 'image/png', truncated: false });
    expect(out.dataUrl).toBe(`data:image/png;base64,${png.toString('base64')}`);
  });
});

describe('bad keys are refused before anything is sent', () => {
  it.each([
    ['a key longer than 1024 bytes', 'é'.repeat(513), /1027 bytes.*at most 1024/],
    ['a ".." segment', 'a/../b.txt', /"\." or "\.\." path segment/],
    ['a "." segment', './b.txt', /"\." or "\.\." path segment/],
    ['a "//"', 'a//b.txt', /empty path segment/],
  ])('refuses %s', async (_label, key, message) => {
    const error = await failureOf(
      call(engine, 'objects.createFolder', { profileId, bucket: bucket.name, key }),
    );
    expect(error.code).toBe('InvalidKey');
    expect(error.message).toMatch(message);
    expect(await exists(key.endsWith('/') ? key : `${key}/`)).toBe(false);
  });
});
