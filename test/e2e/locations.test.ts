import { PutObjectCommand } from '@aws-sdk/client-s3';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { runPool } from '../../src-main/engine/objects/pool.js';
import { rawClient } from '../support/s3.js';
import { openBucket, openPage } from './app.js';
import { e2eRig } from './rig.js';

describe('locations in the URL and folder sizes', () => {
  const rig = e2eRig('e2e-loc');
  const s3 = rawClient();
  const put = (key: string, body: string) =>
    s3.send(new PutObjectCommand({ Bucket: rig.bucket.name, Key: key, Body: body }));

  beforeAll(async () => {
    await Promise.all([put('a/b/deep.txt', 'deep'), put('a/top.txt', 'top'), put('root.txt', 'r')]);
    // 1,250 objects of 4 bytes: past the 1,000 keys of one listing page.
    await runPool(1250, 32, async (i) => {
      await put(`many/${String(i).padStart(4, '0')}.bin`, 'data');
    });
  }, 120_000);

  const option = (page: Page, name: string) =>
    page.getByRole('option', { name: new RegExp(`^${name}\\b`) });
  const crumbs = (page: Page) => page.getByRole('navigation', { name: 'Location' });

  it('keeps the folder across a reload, and Back/Forward walk the folders and screens', async () => {
    const { page, errors } = await openPage(rig.browser, rig.server.url);
    await openBucket(page, rig.bucket.name);
    await option(page, 'a').dblclick();
    await option(page, 'b').dblclick();
    await option(page, 'deep.txt').waitFor();
    const url = new URL(page.url());
    expect(url.search).toBe('');
    expect(page.url()).not.toContain('token');
    expect(decodeURIComponent(url.hash)).toBe(
      `#/objects?c=environment&b=${rig.bucket.name}&p=a/b/`,
    );

    await page.reload();
    await option(page, 'deep.txt').waitFor();
    expect(await crumbs(page).getByRole('button').allTextContents()).toEqual([
      'Buckets',
      rig.bucket.name,
      'a',
      'b',
    ]);

    await page.goBack();
    await option(page, 'top.txt').waitFor();
    await page.goBack();
    await option(page, 'root.txt').waitFor();
    await page.goForward();
    await option(page, 'top.txt').waitFor();

    await page.getByRole('button', { name: 'Transfers' }).click();
    expect(page.url()).toContain('#/transfers');
    await page.getByRole('heading', { name: 'Transfers' }).waitFor();
    await page.goBack();
    await option(page, 'top.txt').waitFor();
    await page.goBack();
    await page.goBack();
    await page.getByRole('list', { name: 'Buckets' }).waitFor();
    expect(errors).toEqual([]);
  });

  it('opens a link to a folder in a new tab of the same browser without the token', async () => {
    const { page } = await openPage(rig.browser, rig.server.url);
    await page.getByRole('list', { name: 'Buckets' }).waitFor();
    // The cookie from the first visit lets a bare link in: the token is needed once.
    const link = `${new URL(rig.server.url).origin}/#/objects?c=environment&b=${rig.bucket.name}&p=a%2Fb%2F`;
    const tab = await page.context().newPage();
    await tab.goto(link);
    await option(tab, 'deep.txt').waitFor();
    await tab.goto(`${new URL(rig.server.url).origin}/#/settings`);
    await tab.reload();
    await tab.getByRole('heading', { name: 'Settings' }).waitFor();
  });

  it('counts a folder of 1,250 objects in Properties as the listing streams', async () => {
    const { page, errors } = await openPage(
      rig.browser,
      `${rig.server.url}#/objects?c=environment&b=${rig.bucket.name}`,
    );
    await option(page, 'many').click({ button: 'right' });
    await page.getByRole('menuitem', { name: 'Properties' }).click();
    const dialog = page.getByRole('dialog', { name: 'Properties of many' });
    await dialog.getByText('Counted everything inside the folder.').waitFor({ timeout: 20_000 });
    expect(await dialog.getByTestId('folder-objects').textContent()).toBe('1,250');
    expect(await dialog.getByTestId('folder-bytes').textContent()).toContain('(5,000 B)');
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    expect(errors).toEqual([]);
  });
});
