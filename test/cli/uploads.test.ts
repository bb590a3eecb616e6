import {
  CreateMultipartUploadCommand,
  ListMultipartUploadsCommand,
  UploadPartCommand,
} from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runFerry } from '../support/cli.js';
import { tempConfigDir } from '../support/engine.js';
import { createTestBucket, rawClient } from '../support/s3.js';

const configDir = tempConfigDir();
const cli = (args: string[]) => runFerry(args, configDir);

describe('ferry uploads', () => {
  let bucket: Awaited<ReturnType<typeof createTestBucket>>;
  const left = async () =>
    (
      (await rawClient().send(new ListMultipartUploadsCommand({ Bucket: bucket.name }))).Uploads ??
      []
    )
      .map((u) => u.Key)
      .sort();

  beforeAll(async () => {
    bucket = await createTestBucket('uploads');
    const client = rawClient();
    for (const key of ['tmp/a.bin', 'keep/b.bin']) {
      const { UploadId } = await client.send(
        new CreateMultipartUploadCommand({ Bucket: bucket.name, Key: key }),
      );
      await client.send(
        new UploadPartCommand({
          Bucket: bucket.name,
          Key: key,
          UploadId,
          PartNumber: 1,
          Body: Buffer.alloc(1000),
        }),
      );
    }
  });
  afterAll(() => bucket.remove());

  it('lists incomplete uploads with their size, all of them or under a prefix', async () => {
    const all = await cli(['uploads', 'ls', `s3://${bucket.name}`]);
    expect(all.code).toBe(0);
    expect(all.stdout).toMatch(/1 parts +1000 B {2}keep\/b\.bin/);
    expect(all.stdout).toMatch(/1 parts +1000 B {2}tmp\/a\.bin/);
    const some = await cli(['uploads', 'ls', '--json', `s3://${bucket.name}/tmp/`]);
    expect(some.code).toBe(0);
    expect((JSON.parse(some.stdout) as { key: string }[]).map((u) => u.key)).toEqual(['tmp/a.bin']);
  });

  it('aborts only the uploads under the prefix given, even with --all', async () => {
    const r = await cli(['uploads', 'abort', `s3://${bucket.name}/tmp/`, '--all']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(`Aborted 1 incomplete upload in ${bucket.name}.\n`);
    expect(await left()).toEqual(['keep/b.bin']);
  });

  it('answers a missing bucket or a bad address in one line, with a non-zero exit', async () => {
    const missing = await cli(['uploads', 'ls', `s3://${bucket.name}-gone`]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toBe(
      `error: The bucket "${bucket.name}-gone" does not exist. — Check the bucket name, or create it first.\n`,
    );
    const bad = await cli(['uploads', 'abort', `https://${bucket.name}`, '--all']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(
      /^error: "https:\/\/.*" is not an S3 location\. — Write it as s3:\/\//,
    );
    expect(await left()).toEqual(['keep/b.bin']);
  });
});
