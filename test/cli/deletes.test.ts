import {
  CreateBucketCommand,
  HeadBucketCommand,
  ListObjectsV2Command,
  PutObjectCommand,
} from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runFerry } from '../support/cli.js';
import { tempConfigDir } from '../support/engine.js';
import { rawClient, uniqueBucketName } from '../support/s3.js';

// Every delete goes through DeleteObjects, which Swift (and older MinIO) refuse without Content-MD5: these
// ran into `400 InvalidRequest` there before Ferry sent it. Setup and checks use the plain SDK, which
// needs no checksum for them; removing the bucket is `ferry rb --force`'s own test.
const s3 = rawClient();
const dir = tempConfigDir();
const bucket = uniqueBucketName('deletes');

async function put(key: string): Promise<void> {
  await s3.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: key }));
}

async function keys(prefix = ''): Promise<string[]> {
  const out = await s3.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix }));
  return (out.Contents ?? []).map((o) => o.Key!).sort();
}

beforeAll(async () => {
  await s3.send(new CreateBucketCommand({ Bucket: bucket }));
  for (const key of ['one.txt', 'docs/a b.txt', 'docs/ünï+1.txt', 'docs/sub/c.txt', 'old.txt']) {
    await put(key);
  }
});
afterAll(async () => {
  // Only if the rb test did not get that far.
  await runFerry(['rb', '--force', `s3://${bucket}`], dir);
});

describe('deleting on the run’s server', () => {
  it('ferry rm deletes one object', async () => {
    const out = await runFerry(['rm', `s3://${bucket}/one.txt`], dir);
    expect(out.stderr).toBe('');
    expect(out.stdout).toBe('deleted 1 object\n');
    expect(await keys()).not.toContain('one.txt');
  });

  it('ferry rm -r deletes a folder and everything in it', async () => {
    const out = await runFerry(['rm', '-r', '--json', `s3://${bucket}/docs/`], dir);
    expect(out.stderr).toBe('');
    expect(JSON.parse(out.stdout)).toEqual({ deleted: 3, failures: [] });
    expect(await keys('docs/')).toEqual([]);
  });

  it('ferry mv copies, then deletes the source', async () => {
    const out = await runFerry(['mv', `s3://${bucket}/old.txt`, `s3://${bucket}/new.txt`], dir);
    expect(out.stderr).toBe('');
    expect(out.code).toBe(0);
    expect(await keys()).toEqual(['new.txt']);
  });

  it('ferry rm deletes a key with a control character, which no XML body can name', async () => {
    // Written by another tool; Ferry refuses to upload such a key (see cp.test.ts).
    const key = 'ctl/\u0001x.txt';
    await put(key);
    const out = await runFerry(['rm', `s3://${bucket}/${key}`], dir);
    expect(out.stderr).toBe('');
    expect(out.stdout).toBe('deleted 1 object\n');
    expect(await keys('ctl/')).toEqual([]);
  });

  it('ferry rm -r deletes 1,200 objects, past S3’s 1,000 per request', async () => {
    const many = Array.from({ length: 1200 }, (_, i) => `many/${String(i).padStart(4, '0')}`);
    for (let i = 0; i < many.length; i += 50) await Promise.all(many.slice(i, i + 50).map(put));
    const out = await runFerry(['rm', '-r', '--json', `s3://${bucket}/many/`], dir);
    expect(out.stderr).toBe('');
    expect(JSON.parse(out.stdout)).toEqual({ deleted: 1200, failures: [] });
    expect(await keys('many/')).toEqual([]);
  }, 180_000);

  it('ferry rb --force empties and removes the bucket', async () => {
    const out = await runFerry(['rb', '--force', '--json', `s3://${bucket}`], dir);
    expect(out.stderr).toBe('');
    expect(JSON.parse(out.stdout)).toEqual({ bucket, deletedObjects: 1 });
    await expect(s3.send(new HeadBucketCommand({ Bucket: bucket }))).rejects.toThrow();
  });
});
