import { GetObjectCommand, HeadObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from '../support/browser.js';
import { createTestBucket, gatewayEnv, rawClient } from '../support/s3.js';
import { startTestServer } from '../support/serve.js';
import { openBucket, openPage, snap } from './app.js';

describe('the object browser', () => {
  let browser: Browser;
  let server: Awaited<ReturnType<typeof startTestServer>>;
  let bucket: Awaited<ReturnType<typeof createTestBucket>>;
  const s3 = rawClient();
  const put = (key: string, body: string, contentType = 'text/plain') =>
    s3.send(
      new PutObjectCommand({ Bucket: bucket.name, Key: key, Body: body, ContentType: contentType }),
    );

  beforeAll(async () => {
    bucket = await createTestBucket('e2e-browser');
    await Promise.all([
      put('readme.txt', 'Hello from Ferry\n'),
      put('notes.md', '# Notes\n'),
      put('photos/2026/beach.txt', 'sand'),
      put('photos/2026/sunset.txt', 'orange'),
      put('photos/cover.txt', 'cover'),
      put('zeta/old.txt', 'old'),
    ]);
    server = await startTestServer(gatewayEnv());
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await bucket?.remove();
  });

  const option = (page: Page, name: string) =>
    page.getByRole('option', { name: new RegExp(`^${name}\\b`) });

  it('shows folders first, navigates into them and back by breadcrumb and Backspace', async () => {
    const { page, errors } = await openPage(browser, server.url);
    await openBucket(page, bucket.name);
    await option(page, 'readme.txt').waitFor();
    const names = await page.getByRole('option').locator('.name').allTextContents();
    expect(names).toEqual(['photos', 'zeta', 'notes.md', 'readme.txt']);
    await snap(page, 'browser-navigate-light');
    await option(page, 'photos').dblclick();
    await option(page, 'cover.txt').waitFor();
    await option(page, '2026').dblclick();
    await option(page, 'sunset.txt').waitFor();
    const crumbs = page.getByRole('navigation', { name: 'Location' });
    expect(await crumbs.getByRole('button').allTextContents()).toEqual([
      'Buckets',
      bucket.name,
      'photos',
      '2026',
    ]);
    await crumbs.getByRole('button', { name: 'photos' }).click();
    await option(page, 'cover.txt').waitFor();
    await page.getByRole('listbox', { name: 'Objects' }).focus();
    await page.keyboard.press('Backspace');
    await option(page, 'readme.txt').waitFor();
    expect(errors).toEqual([]);
  });

  it('sorts by size, filters with Ctrl+F and selects with Ctrl+A', async () => {
    const { page } = await openPage(browser, server.url);
    await openBucket(page, bucket.name);
    await option(page, 'readme.txt').waitFor();
    await page.getByRole('button', { name: 'Size' }).click();
    await page.getByRole('button', { name: 'Size, sorted ascending' }).waitFor();
    expect(await page.getByRole('option').locator('.name').allTextContents()).toEqual([
      'photos',
      'zeta',
      'notes.md',
      'readme.txt',
    ]);
    await page.getByRole('button', { name: 'Size, sorted ascending' }).click();
    expect(await page.getByRole('option').locator('.name').allTextContents()).toEqual([
      'photos',
      'zeta',
      'readme.txt',
      'notes.md',
    ]);
    await page.keyboard.press('Control+f');
    await page.keyboard.type('read');
    await page.getByRole('option').first().locator('.name', { hasText: 'readme.txt' }).waitFor();
    expect(await page.getByRole('option').count()).toBe(1);
    await page.keyboard.press('Escape');
    await option(page, 'notes.md').waitFor();
    await page.getByRole('listbox', { name: 'Objects' }).focus();
    await page.keyboard.press('Control+a');
    await page.getByText('4 selected').waitFor();
  });

  it('creates a folder, renames an object with F2 and deletes with a confirmation that counts', async () => {
    const { page } = await openPage(browser, server.url);
    await openBucket(page, bucket.name);
    await page.getByRole('button', { name: 'New folder' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Name').fill('a/b');
    await dialog.getByText('A name cannot contain “/”').waitFor();
    await dialog.getByLabel('Name').fill('inbox');
    await dialog.getByRole('button', { name: 'Create' }).click();
    await option(page, 'inbox').waitFor();

    await option(page, 'notes.md').click();
    await page.keyboard.press('F2');
    await page.getByRole('dialog').getByLabel('Name').fill('renamed.md');
    await page.keyboard.press('Enter');
    await option(page, 'renamed.md').waitFor();
    await s3.send(new HeadObjectCommand({ Bucket: bucket.name, Key: 'renamed.md' }));
    await expect(
      s3.send(new HeadObjectCommand({ Bucket: bucket.name, Key: 'notes.md' })),
    ).rejects.toThrow();

    await option(page, 'zeta').click();
    await option(page, 'renamed.md').click({ modifiers: ['Control'] });
    await page.keyboard.press('Delete');
    await page.getByRole('dialog').getByRole('button', { name: 'Delete' }).waitFor();
    await page
      .getByRole('dialog')
      .getByText('Delete the selection? Objects: 1. Folders: 1, holding 1 more object.')
      .waitFor();
    await snap(page, 'delete-confirm-light');
    await page.getByRole('dialog').getByRole('button', { name: 'Delete' }).click();
    await option(page, 'zeta').waitFor({ state: 'detached' });
    await option(page, 'renamed.md').waitFor({ state: 'detached' });
    await expect(
      s3.send(new HeadObjectCommand({ Bucket: bucket.name, Key: 'zeta/old.txt' })),
    ).rejects.toThrow();
  });

  it('shares a download link that fetches the object, and previews text', async () => {
    const { page } = await openPage(browser, server.url);
    await openBucket(page, bucket.name);
    await option(page, 'readme.txt').click({ button: 'right' });
    await page.getByRole('menuitem', { name: 'Share…' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Expiry amount').fill('8');
    await dialog.getByLabel('Expiry unit').selectOption('days');
    await dialog.getByText('S3 signs links for at most 7 days').waitFor();
    await dialog.getByLabel('Expiry amount').fill('2');
    await dialog.getByRole('button', { name: 'Create link' }).click();
    const url = await dialog.getByLabel('Link', { exact: true }).inputValue();
    expect(url).toContain(bucket.name);
    await dialog.getByRole('img', { name: 'QR code of the link' }).waitFor();
    await snap(page, 'share-light');
    const response = await fetch(url);
    expect(response.status).toBe(200);
    expect(await response.text()).toBe('Hello from Ferry\n');
    await page.keyboard.press('Escape');

    await option(page, 'readme.txt').dblclick();
    await page.getByRole('dialog', { name: 'readme.txt' }).getByText('Hello from Ferry').waitFor();
  });

  it('opens the context menu from the keyboard and gives focus back to the list on Esc', async () => {
    const { page, errors } = await openPage(browser, server.url);
    await openBucket(page, bucket.name);
    const rows = page.getByRole('option');
    await rows.first().waitFor();
    const second = (await rows.nth(1).locator('.name').textContent()) ?? '';
    await rows.first().click();
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Shift+F10');
    const menu = page.getByRole('menu');
    await menu.waitFor();
    // The menu acts on the row under the cursor, and its first command has the focus.
    expect(
      await page.getByRole('option', { selected: true }).locator('.name').allTextContents(),
    ).toEqual([second]);
    await menu.locator('[role=menuitem]:focus', { hasText: 'Open' }).waitFor();
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Escape');
    await menu.waitFor({ state: 'detached' });
    // Back in the list, the keys work again: F2 renames the row under the cursor.
    await page.keyboard.press('F2');
    expect(await page.getByRole('dialog').getByLabel('Name').inputValue()).toBe(second);
    await page.keyboard.press('Escape');
    await page.keyboard.press('ContextMenu');
    await menu.waitFor();
    await page.keyboard.press('Escape');
    expect(errors).toEqual([]);
  });

  it('edits metadata in the properties dialog', async () => {
    const { page } = await openPage(browser, server.url);
    await openBucket(page, bucket.name);
    await option(page, 'readme.txt').click({ button: 'right' });
    await page.getByRole('menuitem', { name: 'Properties' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Content-Type').fill('text/markdown');
    await dialog.getByRole('button', { name: 'Add metadata' }).click();
    await dialog.getByLabel('Metadata name').fill('owner');
    await dialog.getByLabel('Metadata value').fill('ana');
    await dialog.getByRole('button', { name: 'Save', exact: true }).click();
    await dialog.waitFor({ state: 'detached' });
    const head = await s3.send(new HeadObjectCommand({ Bucket: bucket.name, Key: 'readme.txt' }));
    expect(head.ContentType).toBe('text/markdown');
    expect(head.Metadata).toEqual({ owner: 'ana' });
    const body = await s3.send(new GetObjectCommand({ Bucket: bucket.name, Key: 'readme.txt' }));
    expect(await body.Body?.transformToString()).toBe('Hello from Ferry\n');
  });
});
