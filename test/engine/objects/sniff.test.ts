import { PutObjectCommand } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../../../src-main/engine/engine.js';
import { sniffImageType } from '../../../src-main/engine/objects/sniff.js';
import { call, gatewayEngine } from '../../support/gateway-engine.js';
import { createTestBucket, rawClient } from '../../support/s3.js';

/** A 1×1 PNG. */
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
);
const bytes = (...parts: (string | number[])[]) =>
  Buffer.concat(
    parts.map((p) => (typeof p === 'string' ? Buffer.from(p, 'latin1') : Buffer.from(p))),
  );
/** A BMP file header followed by the size of its info header. */
const bmp = (infoHeader: number) =>
  bytes('BM', new Array<number>(12).fill(0), [infoHeader, 0, 0, 0], new Array<number>(8).fill(0));

describe('recognising images by their first bytes', () => {
  it('names PNG, JPEG, GIF, WebP, BMP and AVIF', () => {
    expect(sniffImageType(PNG)).toBe('image/png');
    expect(sniffImageType(bytes([0xff, 0xd8, 0xff, 0xe0, 0, 0x10], 'JFIF'))).toBe('image/jpeg');
    expect(sniffImageType(bytes('GIF89a', [1, 0, 1, 0]))).toBe('image/gif');
    expect(sniffImageType(bytes('GIF87a', [1, 0, 1, 0]))).toBe('image/gif');
    expect(sniffImageType(bytes('RIFF', [0x24, 0, 0, 0], 'WEBPVP8 '))).toBe('image/webp');
    expect(sniffImageType(bmp(40))).toBe('image/bmp');
    expect(sniffImageType(bytes([0, 0, 0, 0x1c], 'ftypavif', [0, 0, 0, 0]))).toBe('image/avif');
  });

  it('names nothing else: text, a WAV, "BM" text, truncated signatures, nothing at all', () => {
    expect(sniffImageType(bytes('Hello, world'))).toBeUndefined();
    expect(sniffImageType(bytes('RIFF', [0x24, 0, 0, 0], 'WAVEfmt '))).toBeUndefined();
    expect(sniffImageType(bytes('BMW owners club: 2026 meeting'))).toBeUndefined();
    expect(sniffImageType(PNG.subarray(0, 7))).toBeUndefined();
    expect(sniffImageType(bytes([0xff, 0xd8]))).toBeUndefined();
    expect(sniffImageType(bytes('<svg xmlns="http://www.w3.org/2000/svg"/>'))).toBeUndefined();
    expect(sniffImageType(new Uint8Array(0))).toBeUndefined();
  });
});

describe('previews of objects stored without a telling type', () => {
  const s3 = rawClient();
  let engine: Engine;
  let bucket: Awaited<ReturnType<typeof createTestBucket>>;
  beforeAll(async () => {
    engine = await gatewayEngine();
    bucket = await createTestBucket('sniff');
  });
  afterAll(async () => {
    await bucket.remove();
    await engine.dispose();
  });
  const preview = async (key: string, body: Buffer, contentType: string) => {
    await s3.send(
      new PutObjectCommand({ Bucket: bucket.name, Key: key, Body: body, ContentType: contentType }),
    );
    const profileId = 'environment';
    return call(engine, 'objects.preview', { profileId, bucket: bucket.name, key, maxBytes: 4096 });
  };

  it('shows an image stored as application/octet-stream, whatever its name', async () => {
    const out = await preview('scan', PNG, 'application/octet-stream');
    expect(out).toMatchObject({ kind: 'image', contentType: 'application/octet-stream' });
    expect(out.dataUrl).toBe(`data:image/png;base64,${PNG.toString('base64')}`);
  });

  it('shows valid UTF-8 as text and other bytes as binary', async () => {
    const text = await preview('notes', Buffer.from('Olá, Zoë — ☃\n'), 'application/octet-stream');
    expect(text).toMatchObject({ kind: 'text', text: 'Olá, Zoë — ☃\n' });
    const binary = await preview('blob', Buffer.from([0, 1, 2, 0xfe, 0xff]), 'binary/octet-stream');
    expect(binary).toMatchObject({ kind: 'binary', dataUrl: null });
  });

  it('trusts a specific stored type over the bytes', async () => {
    expect(await preview('fake.txt', PNG, 'text/csv')).toMatchObject({ kind: 'text' });
  });
});
