import {
  DeleteObjectCommand,
  GetBucketCorsCommand,
  GetBucketLifecycleConfigurationCommand,
  GetObjectLockConfigurationCommand,
  GetObjectTaggingCommand,
  HeadObjectCommand,
  ListObjectVersionsCommand,
  PutObjectCommand,
  PutObjectLegalHoldCommand,
} from '@aws-sdk/client-s3';
import { describe, expect, it } from 'vitest';
import { rawClient, removeBucket, uniqueBucketName } from '../support/s3.js';
import { openBucket, openPage } from './app.js';
import { e2eRig } from './rig.js';

const s3 = rawClient();

describe('bucket settings in the interface', () => {
  const rig = e2eRig('e2e-cfg');

  it('adds a lifecycle rule and a browser-upload CORS rule, makes a locked bucket and holds an object', async () => {
    const { page, errors } = await openPage(rig.browser, rig.server.url);
    const bucket = rig.bucket.name;
    const row = page
      .getByRole('list', { name: 'Buckets' })
      .getByRole('listitem')
      .filter({ hasText: bucket });

    await row.getByRole('button', { name: 'Lifecycle' }).click();
    const lifecycle = page.getByRole('dialog', { name: `Lifecycle of ${bucket}` });
    await lifecycle.getByText('No lifecycle rules').waitFor();
    await lifecycle.getByRole('button', { name: 'Add rule' }).click();
    await lifecycle.getByLabel('Applies to objects under').fill('logs/');
    await lifecycle.getByLabel('Delete objects after (days)').fill('30');
    await lifecycle.getByLabel('Abort unfinished uploads after (days)').fill('7');
    await lifecycle.getByRole('button', { name: 'Save rule' }).click();
    await lifecycle
      .getByText(
        'Objects under “logs/”: are deleted 30 days after upload; unfinished multipart uploads are aborted after 7 days.',
      )
      .waitFor();
    const rules = await s3.send(new GetBucketLifecycleConfigurationCommand({ Bucket: bucket }));
    expect(rules.Rules?.[0]).toMatchObject({
      Expiration: { Days: 30 },
      AbortIncompleteMultipartUpload: { DaysAfterInitiation: 7 },
    });
    await lifecycle.getByRole('button', { name: 'Close' }).last().click();

    await row.getByRole('button', { name: 'CORS' }).click();
    const cors = page.getByRole('dialog', { name: `CORS of ${bucket}` });
    await cors.getByLabel('Origin of the web page').fill('https://app.example.com');
    await cors.getByRole('button', { name: 'Allow uploads' }).click();
    await cors.getByText('PUT from https://app.example.com').waitFor();
    const corsRules = await s3.send(new GetBucketCorsCommand({ Bucket: bucket }));
    expect(corsRules.CORSRules?.[0]?.AllowedOrigins).toEqual(['https://app.example.com']);
    await cors.getByRole('button', { name: 'Close' }).last().click();

    const locked = uniqueBucketName('e2e-lock');
    await page.getByRole('button', { name: 'New bucket' }).first().click();
    const create = page.getByRole('dialog', { name: 'New bucket' });
    await create.getByLabel('Bucket name').fill(locked);
    await create.getByLabel(/^Object lock/).check();
    await create.getByRole('button', { name: 'Create' }).click();
    await create.waitFor({ state: 'detached' });
    try {
      const lock = await s3.send(new GetObjectLockConfigurationCommand({ Bucket: locked }));
      expect(lock.ObjectLockConfiguration?.ObjectLockEnabled).toBe('Enabled');
      await s3.send(new PutObjectCommand({ Bucket: locked, Key: 'contract.pdf', Body: 'x' }));
      await openBucket(page, locked);
      await page.getByRole('option', { name: /contract\.pdf/ }).click({ button: 'right' });
      await page.getByRole('menuitem', { name: 'Properties' }).click();
      const props = page.getByRole('dialog', { name: 'Properties of contract.pdf' });
      await props.getByRole('button', { name: 'Add tag' }).click();
      await props.getByLabel('Tag name').fill('case');
      await props.getByLabel('Tag value').fill('42');
      await props.getByRole('button', { name: 'Save tags' }).click();
      await props.getByText('Tags saved.').waitFor();
      await props.getByLabel(/^Legal hold/).check();
      await expect
        .poll(async () => {
          const head = await s3.send(
            new HeadObjectCommand({ Bucket: locked, Key: 'contract.pdf' }),
          );
          return head.ObjectLockLegalHoldStatus;
        })
        .toBe('ON');
      const tags = await s3.send(
        new GetObjectTaggingCommand({ Bucket: locked, Key: 'contract.pdf' }),
      );
      expect(tags.TagSet).toEqual([{ Key: 'case', Value: '42' }]);
    } finally {
      const { Versions = [] } = await s3.send(new ListObjectVersionsCommand({ Bucket: locked }));
      for (const v of Versions) {
        const ref = { Bucket: locked, Key: v.Key!, VersionId: v.VersionId };
        await s3.send(new PutObjectLegalHoldCommand({ ...ref, LegalHold: { Status: 'OFF' } }));
        await s3.send(new DeleteObjectCommand(ref));
      }
      await removeBucket(s3, locked);
    }
    expect(errors).toEqual([]);
  });
});
