import { writeFileSync } from 'node:fs';
import path from 'node:path';
import {
  AbortMultipartUploadCommand,
  HeadObjectCommand,
  ListMultipartUploadsCommand,
} from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  contentTypeFor,
  isGenericType,
  isMediaType,
  senderContentType,
} from '../../../src-main/engine/transfer/content-type.js';
import { tempConfigDir } from '../../support/engine.js';
import { createTestBucket, rawClient } from '../../support/s3.js';
import {
  MiB,
  objectMd5,
  randomFile,
  tempDir,
  transferEngine,
  untilChunks,
  waitFor,
} from '../../support/transfer.js';

describe('the Content-Type of an upload', () => {
  it('is guessed from the extension, without a charset, and octet-stream when unknown', () => {
    expect(contentTypeFor('photo.jpg')).toBe('image/jpeg');
    expect(contentTypeFor('/home/ana/PHOTO.JPG')).toBe('image/jpeg');
    expect(contentTypeFor('site/index.html')).toBe('text/html');
    expect(contentTypeFor('notes.txt')).toBe('text/plain');
    expect(contentTypeFor('data.json')).toBe('application/json');
    expect(contentTypeFor('data.unknownext')).toBe('application/octet-stream');
    expect(contentTypeFor('Makefile')).toBe('application/octet-stream');
    // The local name first, then the key.
    expect(contentTypeFor('/tmp/upload-1234', 'report.pdf')).toBe('application/pdf');
    expect(contentTypeFor('/tmp/video.bin', 'clip.webm')).toBe('video/webm');
  });

  it('accepts type/subtype with parameters and refuses anything else', () => {
    for (const ok of ['text/html', 'text/plain; charset=utf-8', 'application/vnd.ms-excel'])
      expect(isMediaType(ok)).toBe(true);
    for (const bad of ['', 'text', 'text/', '/html', 'text/html\r\nX-Evil: 1', 'a b/c', 'é/x'])
      expect(isMediaType(bad)).toBe(false);
  });

  it('keeps a browser’s specific type and guesses when it sent a generic one or none', () => {
    expect(senderContentType('a.png', 'image/webp')).toBe('image/webp');
    expect(senderContentType('a.png', 'application/octet-stream')).toBe('image/png');
    expect(senderContentType('index.html', '')).toBe('text/html');
    expect(senderContentType('index.html', undefined)).toBe('text/html');
    expect(senderContentType('index.html', 'not a type')).toBe('text/html');
    expect(isGenericType('Application/Octet-Stream; x=1')).toBe(true);
    expect(isGenericType('image/png')).toBe(false);
  });
});

describe('uploads store a Content-Type', () => {
  let bucket: Awaited<ReturnType<typeof createTestBucket>>;
  const dir = tempDir('ctype');
  beforeAll(async () => {
    bucket = await createTestBucket('ctype');
  });
  afterAll(() => bucket.remove());
  const typeOf = async (key: string) =>
    (await rawClient().send(new HeadObjectCommand({ Bucket: bucket.name, Key: key }))).ContentType;

  it('guesses it for single PUTs and multipart uploads, and takes the one asked for', async () => {
    const engine = await transferEngine();
    try {
      const up = (key: string, file: string, contentType?: string) =>
        engine.transfers.enqueueUpload({
          profileId: 'environment',
          bucket: bucket.name,
          key,
          file,
          ...(contentType ? { contentType } : {}),
        }).done;
      writeFileSync(path.join(dir, 'index.html'), '<h1>hi</h1>');
      writeFileSync(path.join(dir, 'photo.jpg'), Buffer.from([0xff, 0xd8, 0xff, 0xe0]));
      writeFileSync(path.join(dir, 'data.unknownext'), 'x');
      // Over 1 MiB and under the part size: read through a handle, still one PUT.
      const { file: mid } = randomFile(dir, 'mid.png', 2 * MiB);
      const { file: big, md5 } = randomFile(dir, 'clip.mp4', 12 * MiB);
      await Promise.all([
        up('index.html', path.join(dir, 'index.html')),
        up('photo.jpg', path.join(dir, 'photo.jpg')),
        up('data.unknownext', path.join(dir, 'data.unknownext')),
        up('mid.png', mid),
        up('clip.mp4', big),
        up('as-asked.jpg', path.join(dir, 'photo.jpg'), 'text/plain; charset=utf-8'),
      ]);
      expect(await typeOf('index.html')).toBe('text/html');
      expect(await typeOf('photo.jpg')).toBe('image/jpeg');
      expect(await typeOf('data.unknownext')).toBe('application/octet-stream');
      expect(await typeOf('mid.png')).toBe('image/png');
      expect(await typeOf('clip.mp4')).toBe('video/mp4');
      expect(await objectMd5(bucket.name, 'clip.mp4')).toBe(md5);
      expect(await typeOf('as-asked.jpg')).toBe('text/plain; charset=utf-8');
    } finally {
      await engine.dispose();
    }
  });

  /** Starts an upload at a crawl and stops the engine after two parts; answers the config dir. */
  async function interrupted(file: string, key: string, contentType: string): Promise<string> {
    const configDir = tempConfigDir();
    const first = await transferEngine({ configDir });
    await first.settings.update({ bandwidthLimit: 8 * MiB, partConcurrency: 1 });
    const spec = { profileId: 'environment', bucket: bucket.name, key, file, contentType };
    first.transfers.enqueueUpload(spec);
    await untilChunks(first, 2);
    await first.dispose();
    const settings = await transferEngine({ configDir });
    await settings.settings.update({ bandwidthLimit: 0 });
    await settings.dispose();
    return configDir;
  }

  it('keeps the type asked for when an interrupted upload is resumed by a new engine', async () => {
    const { file } = randomFile(dir, 'resumed.bin', 16 * MiB);
    const continued = await interrupted(file, 'continued.bin', 'video/webm');
    // The server lost this one's multipart upload: the restored transfer creates it again.
    const { file: again } = randomFile(dir, 'again.bin', 16 * MiB);
    const recreated = await interrupted(again, 'recreated.bin', 'video/webm');
    const client = rawClient();
    const uploads = await client.send(new ListMultipartUploadsCommand({ Bucket: bucket.name }));
    const lost = uploads.Uploads?.find((u) => u.Key === 'recreated.bin');
    await client.send(
      new AbortMultipartUploadCommand({
        Bucket: bucket.name,
        Key: 'recreated.bin',
        UploadId: lost!.UploadId,
      }),
    );
    for (const configDir of [continued, recreated]) {
      const engine = await transferEngine({ configDir, resumeTransfers: true });
      try {
        const [restored] = engine.transfers.list();
        expect((await waitFor(engine, restored!.id)).state).toBe('done');
      } finally {
        await engine.dispose();
      }
    }
    expect(await typeOf('continued.bin')).toBe('video/webm');
    expect(await typeOf('recreated.bin')).toBe('video/webm');
  }, 60_000);
});
