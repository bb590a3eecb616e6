import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fetchObjectToFile } from '../../src-main/engine/objects/fetch-to-file.js';
import { createTestBucket, gateway, rawClient } from '../support/s3.js';

let bucket: Awaited<ReturnType<typeof createTestBucket>>;
const body = randomBytes(3 * 1024 * 1024 + 17);

beforeAll(async () => {
  bucket = await createTestBucket('fetch');
  await rawClient().send(
    new PutObjectCommand({ Bucket: bucket.name, Key: 'dir/big.bin', Body: body }),
  );
});
afterAll(() => bucket.remove());

describe('fetching an object to a local file', () => {
  it('writes exactly the object and reports progress up to its size', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'ferry-fetch-'));
    const file = path.join(dir, 'big.bin');
    const progress: [number, number | null][] = [];
    const bytes = await fetchObjectToFile(
      rawClient(),
      { bucket: bucket.name, key: 'dir/big.bin' },
      file,
      { endpoint: gateway().endpoint, onProgress: (b, t) => progress.push([b, t]) },
    );
    expect(bytes).toBe(body.length);
    expect(readFileSync(file).equals(body)).toBe(true);
    expect(progress[0]).toEqual([0, body.length]);
    expect(progress.at(-1)).toEqual([body.length, body.length]);
    expect(readdirSync(dir)).toEqual(['big.bin']);
  });

  it('leaves no file behind, partial or not, when the object does not exist', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'ferry-fetch-'));
    const file = path.join(dir, 'missing.bin');
    await expect(
      fetchObjectToFile(rawClient(), { bucket: bucket.name, key: 'nope' }, file, {
        endpoint: gateway().endpoint,
      }),
    ).rejects.toMatchObject({ code: 'NoSuchKey' });
    expect(existsSync(file)).toBe(false);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('stops and cleans up when cancelled', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'ferry-fetch-'));
    const file = path.join(dir, 'big.bin');
    const controller = new AbortController();
    await expect(
      fetchObjectToFile(rawClient(), { bucket: bucket.name, key: 'dir/big.bin' }, file, {
        endpoint: gateway().endpoint,
        signal: controller.signal,
        onProgress: (b) => {
          if (b > 0) controller.abort();
        },
      }),
    ).rejects.toMatchObject({ code: 'Cancelled' });
    expect(readdirSync(dir)).toEqual([]);
  });
});
