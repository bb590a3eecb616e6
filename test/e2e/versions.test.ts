import {
  GetObjectCommand,
  ListObjectVersionsCommand,
  PutBucketVersioningCommand,
  PutObjectCommand,
} from '@aws-sdk/client-s3';
import { describe, expect, it } from 'vitest';
import { rawClient } from '../support/s3.js';
import { openBucket, openPage, snap } from './app.js';
import { e2eRig } from './rig.js';

const s3 = rawClient();

describe('versions in the object browser', () => {
  const rig = e2eRig('e2e-versions');

  it('restores an old version, deletes one for good, and undeletes a deleted object', async () => {
    const bucket = rig.bucket.name;
    await s3.send(
      new PutBucketVersioningCommand({
        Bucket: bucket,
        VersioningConfiguration: { Status: 'Enabled' },
      }),
    );
    const ids: string[] = [];
    for (const body of ['first', 'second!', 'third']) {
      const out = await s3.send(
        new PutObjectCommand({ Bucket: bucket, Key: 'plan.txt', Body: body }),
      );
      ids.push(out.VersionId!);
    }
    const current = async () =>
      (
        await s3.send(new GetObjectCommand({ Bucket: bucket, Key: 'plan.txt' }))
      ).Body!.transformToString();

    const { page, errors } = await openPage(rig.browser, rig.server.url);
    await openBucket(page, bucket);

    // Versions… from the context menu: three versions, the newest current.
    await page.getByRole('option', { name: /^plan\.txt\b/ }).click({ button: 'right' });
    await page.getByRole('menuitem', { name: 'Versions…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Versions of plan.txt' });
    const rows = dialog.getByRole('table', { name: 'Versions' }).locator('tbody tr');
    await dialog.getByText('3 versions').waitFor();
    await expect.poll(() => rows.count()).toBe(3);
    expect(await rows.first().getAttribute('data-version')).toBe(ids[2]);
    await snap(page, 'versions-dialog');

    // Restore the first: a fourth version, holding the first one's bytes.
    await dialog.getByRole('button', { name: `Restore version ${ids[0]}` }).click();
    await dialog.getByText(/^Restored/).waitFor();
    await expect.poll(() => rows.count()).toBe(4);
    expect(await current()).toBe('first');

    // Delete the second for good: only after typing the confirmation word.
    await dialog.getByRole('button', { name: `Delete version ${ids[1]} permanently` }).click();
    const confirm = dialog.getByRole('button', { name: 'Delete version', exact: true });
    expect(await confirm.isDisabled()).toBe(true);
    await dialog.getByRole('textbox', { name: 'Confirmation word' }).fill('delete');
    await confirm.click();
    await dialog.getByText('The version was deleted permanently.').waitFor();
    await expect.poll(() => rows.count()).toBe(3);
    await page.keyboard.press('Escape');

    // Delete says it can be undone; then "Show deleted" lists the object, and Undelete brings it back.
    await page.getByRole('option', { name: /^plan\.txt\b/ }).click();
    await page.keyboard.press('Delete');
    await page.getByText(/a delete adds a delete marker/).waitFor();
    await page.getByRole('dialog').getByRole('button', { name: 'Delete' }).click();
    await page.getByRole('option', { name: /^plan\.txt\b/ }).waitFor({ state: 'detached' });
    await page.getByRole('checkbox', { name: 'Show deleted' }).check();
    await page.getByRole('button', { name: 'Undelete plan.txt' }).click();
    await page.getByRole('option', { name: /^plan\.txt\b/ }).waitFor();
    expect(await current()).toBe('first');
    const history = await s3.send(
      new ListObjectVersionsCommand({ Bucket: bucket, Prefix: 'plan.txt' }),
    );
    expect(history.Versions?.map((v) => v.VersionId)).not.toContain(ids[1]);
    expect(errors).toEqual([]);
  });
});
