import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { GetBucketCorsCommand } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { runFerry } from '../support/cli.js';
import { tempConfigDir } from '../support/engine.js';
import { createTestBucket, rawClient, serverKind } from '../support/s3.js';

const s3 = rawClient();
const config = tempConfigDir();
const ferry = (...args: string[]) => runFerry(args, config);

let bucket: Awaited<ReturnType<typeof createTestBucket>>;
beforeAll(async () => {
  bucket = await createTestBucket('clicfg');
});
afterAll(() => bucket.remove());

it.runIf(serverKind() === 'ceph')(
  'ferry lifecycle prints rules as sentences; ferry cors takes an S3 JSON file',
  async () => {
    const set = await ferry(
      'lifecycle',
      'set',
      `s3://${bucket.name}/logs/`,
      '--expire-days',
      '30',
      '--abort-multipart-days',
      '7',
    );
    expect(set).toMatchObject({
      code: 0,
      stdout:
        '[ferry logs/] Objects under "logs/": expire 30 days after upload; unfinished multipart uploads are aborted after 7 days.\n',
    });
    const file = path.join(config, 'cors.json');
    writeFileSync(
      file,
      JSON.stringify({ CORSRules: [{ AllowedOrigins: ['*'], AllowedMethods: ['GET'] }] }),
    );
    expect(await ferry('cors', 'set', `s3://${bucket.name}`, file)).toMatchObject({
      code: 0,
      stdout: 'GET from *\n',
    });
    writeFileSync(file, '{"CORSRules": [{"AllowedOrigins": []}]}');
    const bad = await ferry('cors', 'set', `s3://${bucket.name}`, file);
    expect(bad.stderr).toMatch(
      /^error: The CORS rules are not valid: CORSRules\.0\.AllowedOrigins/,
    );
    const kept = await s3.send(new GetBucketCorsCommand({ Bucket: bucket.name }));
    expect(kept.CORSRules?.[0]?.AllowedMethods).toEqual(['GET']);
  },
);

it.runIf(serverKind() === 'swift')(
  'ferry lifecycle and ferry tag say this server does not support them, exit 1',
  async () => {
    const lifecycle = await ferry('lifecycle', 'get', `s3://${bucket.name}`);
    expect(lifecycle).toMatchObject({ code: 1, stdout: '' });
    expect(lifecycle.stderr).toMatch(/^error: This server does not support lifecycle rules\. — /);
    const tag = await ferry('tag', 'set', `s3://${bucket.name}`, 'team=web');
    expect(tag.stderr).toMatch(/^error: This server does not support tags\. — /);
  },
);
