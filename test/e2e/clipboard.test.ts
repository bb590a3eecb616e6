import { GetObjectCommand, HeadObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestBucket, rawClient } from '../support/s3.js';
import { openPage } from './app.js';
import { e2eRig } from './rig.js';

describe('copy, cut, paste and drag between folders and buckets', () => {
  const rig = e2eRig('e2e-clip');
  const s3 = rawClient();
  let other: Awaited<ReturnType<typeof createTestBucket>>;
  const put = (key: string, body: string, bucket = rig.bucket.name) =>
    s3.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: body }));
  const read = async (key: string, bucket = rig.bucket.name) => {
    try {
      const out = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
      return await out.Body!.transformToString();
    } catch {
      return null;
    }
  };

  beforeAll(async () => {
    other = await createTestBucket('e2e-clip-b');
    await Promise.all([
      put('docs/a.txt', 'a v1'),
      put('docs/b.txt', 'b v1'),
      put('docs/sub/c.txt', 'c'),
      put('inbox/', ''),
      put('photos/x.jpg', 'x'),
    ]);
  });
  afterAll(async () => {
    await other?.remove();
  });

  const option = (page: Page, name: string) =>
    page.getByRole('option', { name: new RegExp(`^${name.replace(/[().]/g, '\\$&')}\\b`) });
  const list = (page: Page) => page.getByRole('listbox', { name: 'Objects' });
  /** Opens a folder with the keyboard: focus the list, move the cursor to it, Enter. */
  async function enter(page: Page, name: string): Promise<void> {
    await option(page, name).waitFor();
    await list(page).focus();
    const names = await page.getByRole('option').locator('.name').allTextContents();
    await page.keyboard.press('Home');
    for (let i = 0; i < names.indexOf(name); i++) await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await page
      .getByRole('navigation', { name: 'Location' })
      .getByRole('button', { name, exact: true })
      .waitFor();
  }
  const openAt = (bucket: string, prefix = '') =>
    openPage(
      rig.browser,
      `${rig.server.url}#/objects?c=environment&b=${bucket}${prefix ? `&p=${prefix}` : ''}`,
    );

  it('copies with Ctrl+C and pastes with Ctrl+V in another folder, all from the keyboard', async () => {
    const { page, errors } = await openAt(rig.bucket.name);
    await enter(page, 'docs');
    await option(page, 'a.txt').waitFor();
    await list(page).focus();
    const names = await page.getByRole('option').locator('.name').allTextContents();
    await page.keyboard.press('Home');
    for (let i = 0; i < names.indexOf('a.txt'); i++) await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Shift+ArrowDown');
    await page.keyboard.press('Control+c');
    await page.getByText('2 items copied').waitFor();
    await page.keyboard.press('Backspace');
    await enter(page, 'inbox');
    await page.getByText('This folder is empty').waitFor();
    await page.keyboard.press('Control+v');
    await option(page, 'a.txt').waitFor();
    await option(page, 'b.txt').waitFor();
    await page.getByText('2 objects copied.').waitFor();
    expect(await read('inbox/a.txt')).toBe('a v1');
    expect(await read('docs/a.txt')).toBe('a v1');

    // The copy is listed in Transfers with its progress.
    await page.getByRole('button', { name: 'Transfers' }).click();
    const job = page.getByRole('region', { name: 'Copies on the server' }).getByRole('listitem');
    await job.first().getByText('2 of 2 objects copied').waitFor();
    await job.first().getByText('Done').waitFor();
    expect(errors).toEqual([]);
  });

  it('asks before replacing: keep both, replace for all, skip', async () => {
    await Promise.all([
      put('docs/a.txt', 'a v2'),
      put('docs/b.txt', 'b v2'),
      put('inbox/a.txt', 'a v1'),
      put('inbox/b.txt', 'b v1'),
    ]);
    const { page, errors } = await openAt(rig.bucket.name, 'docs/');
    await option(page, 'a.txt').click();
    await page.keyboard.press('Control+c');
    const crumbs = page.getByRole('navigation', { name: 'Location' });
    await crumbs.getByRole('button', { name: rig.bucket.name }).click();
    await enter(page, 'inbox');
    await option(page, 'b.txt').waitFor();
    await page.keyboard.press('Control+v');
    const dialog = page.getByRole('dialog', { name: 'Already there' });
    await dialog.getByText('“a.txt” already exists in inbox/.').waitFor();
    await dialog.getByRole('button', { name: 'Keep both' }).click();
    await option(page, 'a (1).txt').waitFor();
    expect(await read('inbox/a (1).txt')).toBe('a v2');
    expect(await read('inbox/a.txt')).toBe('a v1');

    // Two conflicts, answered once for both.
    await crumbs.getByRole('button', { name: rig.bucket.name }).click();
    await enter(page, 'docs');
    await option(page, 'a.txt').click();
    await option(page, 'b.txt').click({ modifiers: ['Shift'] });
    await page.keyboard.press('Control+c');
    await crumbs.getByRole('button', { name: rig.bucket.name }).click();
    await enter(page, 'inbox');
    await page.keyboard.press('Control+v');
    await dialog.getByText('Do the same for the 2 conflicts left').click();
    await dialog.getByRole('button', { name: 'Replace' }).click();
    await page.getByText('2 objects copied.').waitFor();
    expect(await read('inbox/a.txt')).toBe('a v2');
    expect(await read('inbox/b.txt')).toBe('b v2');

    await put('docs/a.txt', 'a v3');
    await page.keyboard.press('Control+v');
    await dialog.getByText('Do the same for the 2 conflicts left').click();
    await dialog.getByRole('button', { name: 'Skip' }).click();
    await page.getByText('0 objects copied.').waitFor();
    expect(await read('inbox/a.txt')).toBe('a v2');
    expect(errors).toEqual([]);
  });

  it('refuses to paste a folder into itself', async () => {
    const { page } = await openAt(rig.bucket.name);
    await option(page, 'docs').click();
    await page.keyboard.press('Control+c');
    await enter(page, 'docs');
    await enter(page, 'sub');
    await page.keyboard.press('Control+v');
    await page.getByText('A folder cannot be copied or moved into itself.').waitFor();
    expect(await read('docs/sub/docs/a.txt')).toBeNull();
  });

  it('cuts in one bucket and pastes in another: a move, from the context menu', async () => {
    const { page, errors } = await openAt(rig.bucket.name);
    await option(page, 'photos').click({ button: 'right' });
    await page.getByRole('menuitem', { name: 'Cut' }).click();
    await expect.poll(() => option(page, 'photos').getAttribute('class')).toContain('cut');
    await page
      .getByRole('navigation', { name: 'Location' })
      .getByRole('button', { name: 'Buckets' })
      .click();
    await page
      .getByRole('list', { name: 'Buckets' })
      .getByRole('button', { name: new RegExp(`^${other.name}`) })
      .click();
    await page.getByText('This folder is empty').waitFor();
    await page.keyboard.press('Control+v');
    await option(page, 'photos').waitFor();
    await page.getByText('1 object moved.').waitFor();
    expect(await read('photos/x.jpg', other.name)).toBe('x');
    expect(await read('photos/x.jpg')).toBeNull();
    expect(errors).toEqual([]);
  });

  it('moves rows dragged onto a breadcrumb or a folder row', async () => {
    await put('drag/one.txt', '1');
    await put('drag/two.txt', '2');
    await put('drag/into/', '');
    const { page, errors } = await openAt(rig.bucket.name, 'drag/');
    await option(page, 'one.txt').dragTo(
      page.getByRole('navigation', { name: 'Location' }).getByRole('button', {
        name: rig.bucket.name,
      }),
    );
    await option(page, 'one.txt').waitFor({ state: 'detached' });
    expect(await read('one.txt')).toBe('1');
    expect(await read('drag/one.txt')).toBeNull();

    await option(page, 'two.txt').dragTo(option(page, 'into'));
    await option(page, 'two.txt').waitFor({ state: 'detached' });
    expect(await read('drag/into/two.txt')).toBe('2');
    await s3.send(new HeadObjectCommand({ Bucket: rig.bucket.name, Key: 'drag/into/' }));
    expect(errors).toEqual([]);
  });
});
