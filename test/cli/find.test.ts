import { PutObjectCommand } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ferryInProcess } from '../support/cli-in-process.js';
import { tempConfigDir } from '../support/engine.js';
import { createTestBucket, rawClient } from '../support/s3.js';

const configDir = tempConfigDir();
const ferry = (...args: string[]) => ferryInProcess(args, configDir);
let bucket: Awaited<ReturnType<typeof createTestBucket>>;

beforeAll(async () => {
  bucket = await createTestBucket('clifind');
  const s3 = rawClient();
  for (const [key, size] of [
    ['raw/2024/a.DNG', 2048],
    ['raw/2024/notes.txt', 10],
    ['raw/b.dng', 1000],
    ['top.dng', 1],
  ] as const) {
    await s3.send(new PutObjectCommand({ Bucket: bucket.name, Key: key, Body: 'x'.repeat(size) }));
  }
});
afterAll(() => bucket.remove());

describe('ferry find', () => {
  it('prints the keys under a prefix that match a glob, or one JSON object per line', async () => {
    const found = await ferry('find', `s3://${bucket.name}/raw/`, '*.dng');
    expect(found.code).toBe(0);
    expect(found.stdout.trim().split('\n').sort()).toEqual(['raw/2024/a.DNG', 'raw/b.dng']);
    expect(found.stderr).toContain(`2 found among 3 objects under s3://${bucket.name}/raw/`);
    const json = await ferry('find', '--json', `s3://${bucket.name}`, 'NOTES');
    const lines = json.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { key: string; size: number });
    expect(lines).toMatchObject([{ key: 'raw/2024/notes.txt', size: 10 }]);
  });
});

describe('ferry du', () => {
  it('counts objects and bytes under a prefix, in human sizes or JSON', async () => {
    const human = await ferry('du', `s3://${bucket.name}/raw/`);
    expect(human.stdout.trim()).toBe(`3 objects  3.0 KiB  s3://${bucket.name}/raw/`);
    const json = await ferry('du', '--versions', '--json', `s3://${bucket.name}`);
    expect(JSON.parse(json.stdout)).toEqual({
      bucket: bucket.name,
      prefix: '',
      objects: 4,
      bytes: 3059,
      versions: 4,
      versionBytes: 3059,
      deleteMarkers: 0,
    });
  });
});
