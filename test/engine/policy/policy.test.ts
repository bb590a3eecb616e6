import { PutBucketPolicyCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../../../src-main/engine/engine.js';
import { call, failureOf, gatewayEngine } from '../../support/gateway-engine.js';
import { createTestBucket, rawClient, serverKind } from '../../support/s3.js';

const s3 = rawClient();
const profileId = 'environment';
let engine: Engine;
let bucket: Awaited<ReturnType<typeof createTestBucket>>;

beforeAll(async () => {
  engine = await gatewayEngine();
  bucket = await createTestBucket('policy');
  for (const key of ['pub/a b.txt', 'priv/x.txt'])
    await s3.send(new PutObjectCommand({ Bucket: bucket.name, Key: key, Body: `body of ${key}` }));
});
afterAll(async () => {
  await bucket.remove();
  await engine.dispose();
});

const where = () => ({ profileId, bucket: bucket.name });

describe.runIf(serverKind() === 'ceph')('public access through the bucket policy', () => {
  it("opens one folder to anonymous readers, keeps another's statement, and closes it again", async () => {
    const other = {
      Sid: 'SomeoneElses',
      Effect: 'Allow',
      Principal: { AWS: ['*'] },
      Action: ['s3:GetObject'],
      Resource: [`arn:aws:s3:::${bucket.name}/shared/*`],
    };
    await s3.send(
      new PutBucketPolicyCommand({
        Bucket: bucket.name,
        Policy: JSON.stringify({ Version: '2012-10-17', Statement: [other] }),
      }),
    );
    const link = await call(engine, 'policy.publicUrl', { ...where(), key: 'pub/a b.txt' });
    expect(link).toMatchObject({ reachable: false, status: 403 });

    const opened = await call(engine, 'policy.setAccess', {
      ...where(),
      prefix: 'pub/',
      access: 'public-read',
    });
    expect(opened).toMatchObject({ access: 'public-read', listing: false, otherStatements: 1 });
    const body = await fetch(link.url);
    expect(body.status).toBe(200);
    expect(await body.text()).toBe('body of pub/a b.txt');
    expect(await call(engine, 'policy.publicUrl', { ...where(), key: 'pub/a b.txt' })).toEqual({
      ...link,
      reachable: true,
      status: 200,
    });
    const privateUrl = link.url.replace('pub/a%20b.txt', 'priv/x.txt');
    expect((await fetch(privateUrl)).status).toBe(403);
    // Listing stays private unless asked.
    const listUrl = `${link.url.slice(0, link.url.indexOf('/pub/'))}?list-type=2&prefix=pub/`;
    expect((await fetch(listUrl)).status).toBe(403);
    await call(engine, 'policy.setAccess', {
      ...where(),
      prefix: 'pub/',
      access: 'public-read',
      listing: true,
    });
    expect((await fetch(listUrl)).status).toBe(200);

    const closed = await call(engine, 'policy.setAccess', {
      ...where(),
      prefix: 'pub/',
      access: 'private',
    });
    expect(closed.access).toBe('private');
    expect((await fetch(link.url)).status).toBe(403);
    expect(JSON.parse(closed.policy ?? '{}')).toMatchObject({ Statement: [other] });
  });

  it('refuses a custom policy that is not JSON before sending, and shows the server refusing one', async () => {
    const local = await failureOf(
      call(engine, 'policy.put', { ...where(), policy: '{"Statement": [' }),
    );
    expect(local).toMatchObject({ code: 'InvalidRequest', key: 'policy.notJson' });
    const bogus = JSON.stringify({
      Version: '2012-10-17',
      Statement: [
        {
          Effect: 'Allow',
          Principal: '*',
          Action: 's3:NoSuchAction',
          Resource: `arn:aws:s3:::${bucket.name}/*`,
        },
      ],
    });
    const server = await failureOf(call(engine, 'policy.put', { ...where(), policy: bogus }));
    expect(server.code).toBe('ServerRefused');
    expect(server.message).toContain('InvalidArgument');

    const custom = bogus.replace('s3:NoSuchAction', 's3:GetObject');
    const put = await call(engine, 'policy.put', { ...where(), policy: custom });
    expect(put).toMatchObject({ access: 'private', otherStatements: 1 });
    expect((await call(engine, 'policy.get', { ...where(), prefix: 'priv/' })).policy).toContain(
      's3:GetObject',
    );
    const gone = await call(engine, 'policy.delete', where());
    expect(gone.policy).toBeNull();
    expect((await call(engine, 'policy.get', where())).policy).toBeNull();
  });
});

describe.runIf(serverKind() === 'swift')(
  'public access on a server without bucket policies',
  () => {
    it('says plainly that the server does not support bucket policies', async () => {
      for (const attempt of [
        () => call(engine, 'policy.get', where()),
        () =>
          call(engine, 'policy.setAccess', { ...where(), prefix: 'pub/', access: 'public-read' }),
      ]) {
        const error = await failureOf(attempt());
        expect(error).toMatchObject({
          code: 'NotSupported',
          key: 'policy.unsupported',
          message: 'This server does not support bucket policies.',
        });
      }
      // The permanent link is still made; it just does not open.
      const link = await call(engine, 'policy.publicUrl', { ...where(), key: 'pub/a b.txt' });
      expect(link.url).toMatch(/\/pub\/a%20b\.txt$/);
      expect(link.reachable).toBe(false);
    });
  },
);
