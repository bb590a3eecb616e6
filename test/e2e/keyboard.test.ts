import { PutObjectCommand } from '@aws-sdk/client-s3';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { rawClient } from '../support/s3.js';
import { openBucket, openPage } from './app.js';
import { e2eRig } from './rig.js';

/** The folder: big enough that End scrolls far past every row once rendered. */
const COUNT = 3000;
const name = (i: number) => `obj-${String(i).padStart(6, '0')}.txt`;

/** PUTs empty objects, many at a time. */
async function put(bucket: string, keys: string[]): Promise<void> {
  const client = rawClient();
  let next = 0;
  const worker = async () => {
    while (next < keys.length) {
      const key = keys[next++]!;
      await client.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: '' }));
    }
  };
  await Promise.all(Array.from({ length: 48 }, worker));
}

describe('the object list from the keyboard', () => {
  const rig = e2eRig('e2e-keys');
  beforeAll(async () => {
    await put(rig.bucket.name, [
      'docs/a.txt',
      'docs/b.txt',
      'docs/c.txt',
      ...Array.from({ length: COUNT }, (_, i) => `big/${name(i)}`),
    ]);
  }, 600_000);

  const listOf = (page: Page) => page.getByRole('listbox', { name: 'Objects' });
  const focused = (page: Page) => page.locator('[role="listbox"]:focus');
  const selectedNames = (page: Page) =>
    listOf(page).locator('[role="option"][aria-selected="true"] .name').allTextContents();
  const status = (page: Page) => page.getByRole('status').first();
  const row = (page: Page, text: string) =>
    listOf(page).getByRole('option', { name: new RegExp(`^${text}`) });

  it('keeps focus and the cursor across opening, going up, selecting all and Esc', async () => {
    const { page, errors } = await openPage(rig.browser, rig.server.url);
    await openBucket(page, rig.bucket.name);
    await row(page, 'big').waitFor();
    await listOf(page).focus();
    const keys = page.keyboard;

    // Folders first, by name: big/, docs/.
    await keys.press('ArrowDown');
    await keys.press('ArrowDown');
    expect(await selectedNames(page)).toEqual(['docs']);
    await keys.press('Enter');
    await row(page, 'a.txt').waitFor();
    await focused(page).waitFor();
    await keys.press('ArrowDown');
    expect(await selectedNames(page)).toEqual(['a.txt']);
    await keys.press('Control+a');
    await status(page).getByText('3 selected').waitFor();
    expect(await page.evaluate<string>('String(getSelection())')).toBe('');

    // Up again: the list keeps focus, and the cursor is on the folder we came from.
    await keys.press('Backspace');
    await row(page, 'big').waitFor();
    await focused(page).waitFor();
    await expect.poll(() => selectedNames(page)).toEqual(['docs']);
    await keys.press('ArrowUp');
    expect(await selectedNames(page)).toEqual(['big']);
    await keys.press('Enter');
    await row(page, name(0)).waitFor();
    await status(page)
      .getByText(`${COUNT.toLocaleString('en-US')} items`)
      .waitFor({ timeout: 60_000 });
    await focused(page).waitFor();

    await keys.press('End');
    await row(page, name(COUNT - 1)).waitFor();
    expect(await selectedNames(page)).toEqual([name(COUNT - 1)]);
    await keys.press('Home');
    await row(page, name(0)).waitFor();
    expect(await selectedNames(page)).toEqual([name(0)]);
    await keys.press('PageDown');
    const afterPage = await selectedNames(page);
    expect(afterPage).toHaveLength(1);
    expect(afterPage[0]! > name(0)).toBe(true);
    await keys.press('ArrowDown');
    expect((await selectedNames(page))[0]! > afterPage[0]!).toBe(true);

    // A click on a row leaves the keyboard working even once that row has scrolled out of the page.
    await row(page, name(2)).click();
    await keys.press('End');
    await row(page, name(COUNT - 1)).waitFor();
    await keys.press('Home');
    await row(page, name(0)).waitFor();
    expect(await selectedNames(page)).toEqual([name(0)]);

    // Esc clears the selection but not the cursor: ↓ then Shift+↓ selects two rows, not the folder.
    await keys.press('End');
    await keys.press('Escape');
    await expect.poll(() => selectedNames(page)).toEqual([]);
    await keys.press('ArrowUp');
    await keys.press('Shift+ArrowUp');
    await status(page).getByText('2 selected').waitFor();
    expect(await selectedNames(page)).toEqual([name(COUNT - 3), name(COUNT - 2)]);

    // Filtering and clearing the filter with Esc gives the keyboard back to the list.
    await keys.press('Control+f');
    await keys.type('000001.');
    await row(page, name(1)).waitFor();
    await keys.press('Escape');
    await focused(page).waitFor();
    await keys.press('ArrowDown');
    // The selection follows the key press on the next frame: wait for it (a loaded machine is slower).
    await expect.poll(async () => (await selectedNames(page)).length).toBe(1);
    expect(errors).toEqual([]);
  }, 120_000);
});
