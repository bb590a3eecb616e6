import { execFile } from 'node:child_process';
import { statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { GetObjectCommand, HeadBucketCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempConfigDir } from '../support/engine.js';
import {
  createTestBucket,
  gateway,
  gatewayEnv,
  rawClient,
  uniqueBucketName,
} from '../support/s3.js';

const ferry = fileURLToPath(new URL('../../bin/ferry', import.meta.url));
const run = promisify(execFile);
const s3 = rawClient();

/** Runs the built `bin/ferry` with only the given environment (the gateway's AWS_* by default). */
async function cli(
  args: string[],
  env: Record<string, string> = gatewayEnv(),
  configDir = tempConfigDir(),
) {
  try {
    const { stdout, stderr } = await run(ferry, args, {
      env: {
        PATH: process.env['PATH'] ?? '',
        HOME: configDir,
        FERRY_CONFIG_DIR: configDir,
        ...env,
      },
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

async function put(bucket: string, key: string, body = key) {
  await s3.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: body }));
}

async function read(bucket: string, key: string): Promise<string | null> {
  try {
    const out = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
    return await out.Body!.transformToString();
  } catch {
    return null;
  }
}

let bucket: Awaited<ReturnType<typeof createTestBucket>>;
beforeAll(async () => {
  bucket = await createTestBucket('clis3');
  for (const key of ['docs/a b.txt', 'docs/ünï+1.txt', 'docs/sub/c#?.txt', 'top.txt'])
    await put(bucket.name, key);
});
afterAll(() => bucket.remove());

describe('ferry ls s3://', () => {
  it('lists one folder level, folders first, like aws s3 ls', async () => {
    const { code, stdout } = await cli(['ls', `s3://${bucket.name}/docs/`]);
    expect(code).toBe(0);
    const lines = stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^\s+PRE {2}sub\/$/);
    expect(lines.slice(1).map((l) => l.split(/\s{2,}/).at(-1))).toEqual(['a b.txt', 'ünï+1.txt']);
  });

  it('lists every key below a prefix with -r, as JSON', async () => {
    const { code, stdout } = await cli(['ls', '-r', '--json', `s3://${bucket.name}/docs/`]);
    expect(code).toBe(0);
    const keys = (JSON.parse(stdout) as { key: string }[]).map((e) => e.key);
    expect(keys.sort()).toEqual(['docs/a b.txt', 'docs/sub/c#?.txt', 'docs/ünï+1.txt']);
  });

  it('says a missing bucket does not exist, in one line, exit 1', async () => {
    const { code, stderr } = await cli(['ls', `s3://${bucket.name}-missing`]);
    expect(code).toBe(1);
    expect(stderr).toMatch(
      /^error: The bucket "t-clis3-\w+-missing" does not exist\. — Check the bucket name/,
    );
    expect(stderr.trim().split('\n')).toHaveLength(1);
  });
});

describe('ferry mb / rb', () => {
  it('makes and removes a bucket, refusing a non-empty one without --force', async () => {
    const name = uniqueBucketName('climb');
    expect((await cli(['mb', `s3://${name}`])).stdout.trim()).toBe(`make_bucket: ${name}`);
    await put(name, 'one.txt');
    const refused = await cli(['rb', `s3://${name}`]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(
      /^error: The bucket ".*" is not empty: it holds 1 object \(7 B\)\. — .*--force/,
    );
    expect(await read(name, 'one.txt')).toBe('one.txt');
    const forced = await cli(['rb', `s3://${name}`, '--force', '--json']);
    expect(forced.code).toBe(0);
    expect(JSON.parse(forced.stdout)).toEqual({ bucket: name, deletedObjects: 1 });
    await expect(s3.send(new HeadBucketCommand({ Bucket: name }))).rejects.toThrow();
  });

  it('refuses an invalid bucket name, saying which rule', async () => {
    const { code, stderr } = await cli(['mb', 's3://Bad_Name']);
    expect(code).toBe(1);
    expect(stderr).toMatch(
      /^error: "Bad_Name" is not a valid bucket name: it must not contain uppercase letters\./,
    );
  });
});

describe('ferry cp / mv / rm / stat', () => {
  it('copies within and across buckets, never over an existing object without --overwrite', async () => {
    const copied = await cli([
      'cp',
      `s3://${bucket.name}/top.txt`,
      `s3://${bucket.name}/copies/top copy.txt`,
    ]);
    expect(copied).toMatchObject({ code: 0, stdout: 'copied 1 object (7 B)\n' });
    await put(bucket.name, 'copies/keep.txt', 'precious');
    const refused = await cli([
      'cp',
      `s3://${bucket.name}/top.txt`,
      `s3://${bucket.name}/copies/keep.txt`,
    ]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/already exists\. — .*--overwrite/);
    expect(await read(bucket.name, 'copies/keep.txt')).toBe('precious');
  });

  it('moves a folder with -r, sources gone only after their copies exist', async () => {
    const out = await cli([
      'mv',
      '-r',
      `s3://${bucket.name}/docs`,
      `s3://${bucket.name}/archive/docs`,
      '--json',
    ]);
    expect(out.code).toBe(0);
    expect(JSON.parse(out.stdout)).toMatchObject({ copied: 3, deleted: 3, failures: [] });
    expect(await read(bucket.name, 'archive/docs/sub/c#?.txt')).toBe('docs/sub/c#?.txt');
    expect(await read(bucket.name, 'docs/a b.txt')).toBeNull();
  });

  it('refuses a local path: cp here copies between S3 locations', async () => {
    const { code, stderr } = await cli(['cp', './file.txt', `s3://${bucket.name}/x`]);
    expect(code).toBe(2);
    expect(stderr).toMatch(/^error: "\.\/file\.txt" is a local path/);
  });

  it('shows metadata with stat', async () => {
    const { code, stdout } = await cli(['stat', `s3://${bucket.name}/top.txt`]);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^Key:\s+s3:\/\/.*\/top\.txt$/m);
    expect(stdout).toMatch(/^Size:\s+7 \(7 B\)$/m);
    expect(stdout).toMatch(/^ETag:\s+"[0-9a-f]{32}"$/m);
  });

  it('deletes objects, and a folder only with -r', async () => {
    const refused = await cli(['rm', `s3://${bucket.name}/archive/`]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/is a folder\. — Use rm -r/);
    const one = await cli(['rm', `s3://${bucket.name}/copies/top copy.txt`]);
    expect(one.stdout).toBe('deleted 1 object\n');
    const all = await cli(['rm', '-r', `s3://${bucket.name}/archive/`, '--json']);
    expect(JSON.parse(all.stdout)).toEqual({ deleted: 3, failures: [] });
    expect(await read(bucket.name, 'archive/docs/a b.txt')).toBeNull();
  });
});

describe('ferry presign', () => {
  it('prints a working GET link with its expiry', async () => {
    const { code, stdout } = await cli([
      'presign',
      `s3://${bucket.name}/top.txt`,
      '--expires',
      '10m',
    ]);
    expect(code).toBe(0);
    const [url, expires, curl] = stdout.trim().split('\n');
    expect(url).toContain('X-Amz-Expires=600');
    expect(expires).toMatch(/^expires \d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC$/);
    expect(curl).toMatch(/^download with: curl -o 'top\.txt' '/);
    expect(await (await fetch(url!)).text()).toBe('top.txt');
  });

  it('refuses 8 days, explaining the 7-day limit, without printing a link', async () => {
    const { code, stdout, stderr } = await cli([
      'presign',
      '--put',
      `s3://${bucket.name}/x`,
      '--expires',
      '8d',
    ]);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toMatch(
      /^error: A link cannot stay valid for 8 days: presigned links last at most 7 days\. — S3 signatures/,
    );
  });
});

describe('ferry profiles', () => {
  it('adds a profile, says where its secret is kept, lists, tests and removes it', async () => {
    const configDir = tempConfigDir();
    const g = gateway();
    const add = await cli(
      [
        'profiles',
        'add',
        'Lab',
        '--preset',
        'rustfs',
        '--endpoint',
        g.endpoint,
        '--access-key',
        g.accessKey,
        '--secret-key',
        g.secretKey,
      ],
      {},
      configDir,
    );
    expect(add.code).toBe(0);
    const secrets = path.join(configDir, 'secrets.json');
    expect(add.stdout).toContain(
      `Its secret key is kept in a file readable only by you (mode 0600): ${secrets}`,
    );
    expect(statSync(secrets).mode & 0o777).toBe(0o600);

    const listed = await cli(['profiles', '--json'], {}, configDir);
    expect(JSON.parse(listed.stdout)).toMatchObject({
      profiles: [{ id: 'lab', preset: 'rustfs', hasSecret: true }],
    });

    const tested = await cli(['profiles', 'test', 'lab'], {}, configDir);
    expect(tested.code).toBe(0);
    expect(tested.stdout).toMatch(/^ok {4}Reach http/m);
    expect(tested.stdout).toMatch(/^ok {4}Sign in and list buckets: \d+ buckets? visible$/m);

    const ls = await cli(['ls', '--profile', 'lab'], {}, configDir);
    expect(ls.stdout).toContain(bucket.name);

    expect((await cli(['profiles', 'remove', 'lab'], {}, configDir)).code).toBe(0);
    const gone = await cli(['ls', '--profile', 'lab'], {}, configDir);
    expect(gone.stderr).toMatch(/^error: There is no connection profile named "lab"\./);
  });

  it('reports a failing test step and exits 1', async () => {
    const { code, stdout } = await cli(
      ['profiles', 'test'],
      gatewayEnv({ AWS_SECRET_ACCESS_KEY: 'not-the-secret-9f2' }),
    );
    expect(code).toBe(1);
    expect(stdout).toMatch(
      /^FAIL {2}Sign in and list buckets: The server rejected the request signature\./m,
    );
    expect(stdout).not.toContain('not-the-secret-9f2');
  });

  it('refuses an empty access key and an invalid endpoint', async () => {
    const noKey = await cli(
      ['profiles', 'add', 'x', '--endpoint', 'http://localhost:9000', '--secret-key', 's'],
      {},
    );
    expect(noKey.stderr).toMatch(/^error: The access key is empty\./);
    const badUrl = await cli(
      [
        'profiles',
        'add',
        'x',
        '--endpoint',
        'localhost:9000',
        '--access-key',
        'k',
        '--secret-key',
        's',
      ],
      {},
    );
    expect(badUrl.stderr).toMatch(/^error: The endpoint must use http or https/);
  });
});
