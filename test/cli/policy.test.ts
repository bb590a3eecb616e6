import { execFile } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runFerry } from '../support/cli.js';
import { ferryInProcess } from '../support/cli-in-process.js';
import { tempConfigDir } from '../support/engine.js';
import { createTestBucket, rawClient, serverKind } from '../support/s3.js';

const configDir = tempConfigDir();
/** The built command, for the proof a user would run; the rest runs the same code in this process. */
const ferryBin = (...args: string[]) => runFerry(args, configDir);
const ferry = (...args: string[]) => ferryInProcess(args, configDir);
let bucket: Awaited<ReturnType<typeof createTestBucket>>;

/** An anonymous GET with curl: no credentials, no signature. Answers the HTTP status. */
async function curlStatus(url: string): Promise<number> {
  const { stdout } = await promisify(execFile)('curl', [
    '-s',
    '-o',
    '/dev/null',
    '-w',
    '%{http_code}',
    url,
  ]);
  return Number(stdout);
}

beforeAll(async () => {
  bucket = await createTestBucket('clipolicy');
  await rawClient().send(
    new PutObjectCommand({ Bucket: bucket.name, Key: 'site/index.html', Body: '<h1>hi</h1>' }),
  );
});
afterAll(() => bucket.remove());

describe.runIf(serverKind() === 'ceph')('ferry policy and ferry url', () => {
  it('an anonymous curl downloads the object after public-read and gets 403 after private', async () => {
    const url = await ferryBin('url', `s3://${bucket.name}/site/index.html`);
    expect(url.code).toBe(0);
    const link = url.stdout.trim();
    expect(link).toMatch(new RegExp(`/${bucket.name}/site/index\\.html$`));
    expect(url.stderr).toContain(`ferry policy set s3://${bucket.name}/site/ public-read`);
    expect(await curlStatus(link)).toBe(403);

    const set = await ferryBin('policy', 'set', `s3://${bucket.name}/site`, 'public-read');
    expect(set).toMatchObject({ code: 0, stderr: '' });
    expect(set.stdout).toContain(
      `s3://${bucket.name}/site/: public read (anyone can download; listing stays private)`,
    );
    expect(await curlStatus(link)).toBe(200);
    const json = await ferry('url', '--json', `s3://${bucket.name}/site/index.html`);
    expect(JSON.parse(json.stdout)).toEqual({ url: link, reachable: true, status: 200 });

    const get = await ferry('policy', 'get', '--json', `s3://${bucket.name}/site/sub/`);
    expect(JSON.parse(get.stdout)).toMatchObject({ access: 'private', coveredBy: 'site/' });

    expect((await ferryBin('policy', 'set', `s3://${bucket.name}/site/`, 'private')).code).toBe(0);
    expect(await curlStatus(link)).toBe(403);
  });

  it('sets a custom policy from a file, refuses a broken one locally, and removes the whole policy', async () => {
    const dir = tempConfigDir();
    const broken = path.join(dir, 'broken.json');
    writeFileSync(broken, '{"Statement": [');
    const refused = await ferry('policy', 'set', `s3://${bucket.name}`, broken);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/^error: The policy is not valid JSON: .* — Check the quotes/);

    const file = path.join(dir, 'policy.json');
    writeFileSync(
      file,
      JSON.stringify({
        Version: '2012-10-17',
        Statement: [
          {
            Effect: 'Allow',
            Principal: '*',
            Action: 's3:GetObject',
            Resource: `arn:aws:s3:::${bucket.name}/site/*`,
          },
        ],
      }),
    );
    const custom = await ferry('policy', 'set', `s3://${bucket.name}`, file);
    expect(custom.code).toBe(0);
    expect(custom.stdout).toContain('1 statement(s) Ferry did not write');
    expect((await ferry('policy', 'remove', `s3://${bucket.name}`)).code).toBe(0);
    const get = await ferry('policy', 'get', '--json', `s3://${bucket.name}`);
    expect(JSON.parse(get.stdout)).toMatchObject({ access: 'private', policy: null });
  });
});

describe.runIf(serverKind() === 'swift')('ferry policy on a server without bucket policies', () => {
  it('says so in one line and exits 1', async () => {
    const set = await ferry('policy', 'set', `s3://${bucket.name}/site/`, 'public-read');
    expect(set.code).toBe(1);
    expect(set.stderr).toMatch(/^error: This server does not support bucket policies\. — /);
    expect(set.stderr.trim().split('\n')).toHaveLength(1);
  });
});
