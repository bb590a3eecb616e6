import { PutBucketVersioningCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestBucket, rawClient } from '../support/s3.js';
import { openBucket, openPage, snap } from './app.js';
import { e2eRig } from './rig.js';

const LONG = `a-very-long-name-of-a-scanned-document-${'x'.repeat(120)}.pdf`;
const DEEP = 'first-level-folder/second-level-folder/third-level-folder/fourth-level-folder/';

/** Drops one file on the object list (a synthetic DataTransfer, as drop-upload.test.ts does). */
async function dropFile(page: Page, name: string, text: string): Promise<void> {
  await page.evaluate(`(() => {
    const data = new DataTransfer();
    data.items.add(new File([${JSON.stringify(text)}], ${JSON.stringify(name)}, { type: 'text/plain' }));
    const target = document.querySelector('.browser');
    for (const type of ['dragenter', 'dragover', 'drop']) {
      target.dispatchEvent(new DragEvent(type, { dataTransfer: data, bubbles: true, cancelable: true }));
    }
  })()`);
}

describe('polish a new user notices', () => {
  const rig = e2eRig('e2e-polish');
  // Sorts before the rig's bucket, so "the first bucket" and "the open bucket" differ.
  let earlier: Awaited<ReturnType<typeof createTestBucket>>;
  beforeAll(async () => {
    earlier = await createTestBucket('aaa');
    const s3 = rawClient();
    for (const key of [
      'apple.txt',
      'File2.txt',
      'file1.txt',
      'file10.txt',
      LONG,
      `${DEEP}deep.txt`,
    ])
      await s3.send(new PutObjectCommand({ Bucket: rig.bucket.name, Key: key, Body: 'text' }));
  });
  afterAll(async () => {
    await earlier?.remove();
  });

  const list = (page: Page) => page.getByRole('listbox', { name: 'Objects' });
  const names = (page: Page) => list(page).locator('[role="option"] .name').allTextContents();
  const status = (page: Page) => page.locator('.statusbar');

  it('sorts names naturally, counts in words, selects the stem, and speaks of versions', async () => {
    const { page, errors } = await openPage(rig.browser, rig.server.url);
    await openBucket(page, rig.bucket.name);
    await list(page)
      .getByRole('option', { name: /^apple\.txt/ })
      .waitFor();
    const plain = async () => (await names(page)).filter((n) => /^(apple|file)/i.test(n));
    // Natural and case-insensitive from the first listing (the server's order is File2, apple, …).
    expect(await plain()).toEqual(['apple.txt', 'file1.txt', 'File2.txt', 'file10.txt']);
    await page.getByRole('button', { name: /^Name/ }).click();
    expect(await plain()).toEqual(['file10.txt', 'File2.txt', 'file1.txt', 'apple.txt']);
    await page.getByRole('button', { name: /^Name/ }).click();
    expect(await plain()).toEqual(['apple.txt', 'file1.txt', 'File2.txt', 'file10.txt']);

    // One file is "1 file".
    await dropFile(page, 'one.txt', 'one');
    await status(page).getByText(`1 file, 3 B → ${rig.bucket.name}/`).waitFor();

    // The footer counts what the filter shows, of how many.
    await page.getByRole('searchbox', { name: 'Filter this folder' }).fill('apple');
    await status(page)
      .getByText(/^1 of \d+ items/)
      .waitFor();
    await page.getByRole('searchbox', { name: 'Filter this folder' }).fill('');

    // A long name ends in an ellipsis, and its tooltip has it whole.
    const long = list(page)
      .getByRole('option', { name: new RegExp(`^${LONG.slice(0, 30)}`) })
      .locator('.name');
    expect(await long.getAttribute('title')).toBe(LONG);
    // Polled: the drop's refresh can re-render the list just now, and a row being laid out measures 0.
    await expect
      .poll(() => long.evaluate((el) => el.clientWidth > 0 && el.scrollWidth > el.clientWidth))
      .toBe(true);
    expect(
      await long.evaluate((el) => el.ownerDocument.defaultView!.getComputedStyle(el).textOverflow),
    ).toBe('ellipsis');

    // Rename selects the name without its extension.
    await list(page)
      .getByRole('option', { name: /^file10\.txt/ })
      .click();
    await page.keyboard.press('F2');
    await page.getByRole('dialog', { name: 'Rename' }).waitFor();
    expect(
      await page.evaluate<number[]>(
        '[document.activeElement.selectionStart, document.activeElement.selectionEnd]',
      ),
    ).toEqual([0, 'file10'.length]);
    await page.keyboard.press('Escape');

    // On a bucket that keeps versions, a delete is not for good, and the dialog says so.
    await rawClient().send(
      new PutBucketVersioningCommand({
        Bucket: rig.bucket.name,
        VersioningConfiguration: { Status: 'Enabled' },
      }),
    );
    await page.getByRole('button', { name: 'Refresh' }).click();
    await list(page)
      .getByRole('option', { name: /^file10\.txt/ })
      .click();
    await page.keyboard.press('Delete');
    const confirm = page.getByRole('dialog');
    await confirm.getByText(/delete marker/).waitFor();
    expect(await confirm.textContent()).not.toContain('for good');
    await snap(page, 'delete-versioned-light');
    await confirm.getByRole('button', { name: 'Cancel' }).click();

    // The watch form starts on the bucket that is open, not the first one in the list.
    await page.getByRole('button', { name: 'Watched folders' }).click();
    await page.getByRole('button', { name: 'Watch a folder' }).first().click();
    expect(await page.getByLabel('Bucket', { exact: true }).inputValue()).toBe(rig.bucket.name);
    expect(errors).toEqual([]);
  });

  it('keeps four levels of breadcrumbs and the filter on one row at 1280 px', async () => {
    const { page } = await openPage(rig.browser, rig.server.url);
    await page.setViewportSize({ width: 1280, height: 800 });
    await openBucket(page, rig.bucket.name);
    for (const level of DEEP.split('/').filter(Boolean))
      await list(page)
        .getByRole('option', { name: new RegExp(`^${level}`) })
        .dblclick();
    await list(page)
      .getByRole('option', { name: /^deep\.txt/ })
      .waitFor();
    const crumbs = (await page.getByRole('navigation', { name: 'Location' }).boundingBox())!;
    const filter = (await page
      .getByRole('searchbox', { name: 'Filter this folder' })
      .boundingBox())!;
    expect(Math.abs(crumbs.y + crumbs.height / 2 - (filter.y + filter.height / 2))).toBeLessThan(8);
    await snap(page, 'breadcrumbs-1280-light');
  });

  it('screenshots at 1024 and 1280 px, light and dark, English and Portuguese', async () => {
    for (const width of [1024, 1280])
      for (const colorScheme of ['light', 'dark'] as const)
        for (const locale of ['en-US', 'pt-BR']) {
          const { page } = await openPage(rig.browser, rig.server.url, { colorScheme, locale });
          await page.setViewportSize({ width, height: 720 });
          await page
            .getByRole('list', { name: /Buckets/ })
            .getByRole('button', { name: new RegExp(`^${rig.bucket.name}`) })
            .click();
          await page.locator('[role="option"]').first().waitFor();
          await snap(page, `polish-browser-${width}-${colorScheme}-${locale}`);
          await page.getByRole('option', { name: /^first-level-folder/ }).dblclick();
          await page.getByRole('option', { name: /^second-level-folder/ }).dblclick();
          await page.getByRole('option', { name: /^third-level-folder/ }).dblclick();
          await page.getByRole('option', { name: /^fourth-level-folder/ }).dblclick();
          await page.getByRole('option', { name: /^deep\.txt/ }).waitFor();
          await snap(page, `polish-deep-${width}-${colorScheme}-${locale}`);
          await page.close();
        }
  }, 180_000);
});
