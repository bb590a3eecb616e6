import { GetObjectCommand } from '@aws-sdk/client-s3';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { rawClient } from '../support/s3.js';
import { openBucket, openPage, snap } from './app.js';
import { e2eRig } from './rig.js';

/**
 * Drops files on the object list as a desktop would: a synthetic DataTransfer whose files carry their place
 * in a dropped folder (webkitRelativePath), since a page cannot fabricate real directory entries.
 */
async function dropFiles(page: Page, files: { path: string; text: string }[]): Promise<void> {
  await page.evaluate(`(() => {
    const files = ${JSON.stringify(files)};
    const data = new DataTransfer();
    for (const f of files) {
      const file = new File([f.text], f.path.split('/').pop(), { type: 'text/plain' });
      if (f.path.includes('/')) Object.defineProperty(file, 'webkitRelativePath', { value: f.path });
      data.items.add(file);
    }
    const target = document.querySelector('.browser');
    for (const type of ['dragenter', 'dragover', 'drop']) {
      target.dispatchEvent(new DragEvent(type, { dataTransfer: data, bubbles: true, cancelable: true }));
    }
  })()`);
}

describe('dropping files and folders on the browser', () => {
  const rig = e2eRig('e2e-drop');
  const s3 = rawClient();
  const read = async (key: string) =>
    (
      await s3.send(new GetObjectCommand({ Bucket: rig.bucket.name, Key: key }))
    ).Body?.transformToString();

  it('uploads dropped files and a folder into the current folder, keeping the tree', async () => {
    const { page, errors } = await openPage(rig.browser, rig.server.url);
    await openBucket(page, rig.bucket.name);
    await page.getByText('This folder is empty').waitFor();
    await snap(page, 'browser-empty-light');
    await dropFiles(page, [
      { path: 'hello.txt', text: 'hello' },
      { path: 'notes.txt', text: 'some notes' },
      { path: 'album/2026/beach.txt', text: 'sand' },
      { path: 'album/cover.txt', text: 'cover' },
    ]);
    await page.getByText(`4 files, 24 B → ${rig.bucket.name}/`).waitFor();
    await page.getByText('4 uploaded, 0 failed').waitFor();
    const list = page.getByRole('listbox', { name: 'Objects' });
    await list.getByRole('option', { name: /^album/ }).waitFor();
    await list.getByRole('option', { name: /^hello\.txt/ }).waitFor();
    expect(await read('album/2026/beach.txt')).toBe('sand');
    expect(await read('album/cover.txt')).toBe('cover');
    expect(await read('hello.txt')).toBe('hello');

    // Each dropped file went through the transfer queue and shows there as done.
    await page.getByRole('button', { name: 'Transfers' }).click();
    const queue = page.getByRole('list', { name: 'Transfer queue' });
    for (const name of ['hello.txt', 'notes.txt', 'beach.txt', 'cover.txt']) {
      await queue.getByRole('listitem', { name }).getByText('Done').waitFor();
    }
    await page
      .getByRole('tab', { name: /Finished/ })
      .getByText('4')
      .waitFor();
    await snap(page, 'transfers-after-drop-light');
    await page.getByRole('button', { name: 'Clear finished' }).click();
    await page.getByText('No transfers here').waitFor();
    expect(errors).toEqual([]);
  });

  it('uploads into the folder that is open', async () => {
    const { page } = await openPage(rig.browser, rig.server.url);
    await openBucket(page, rig.bucket.name);
    await page.getByRole('option', { name: /^album/ }).dblclick();
    await page.getByRole('option', { name: /^cover\.txt/ }).waitFor();
    await dropFiles(page, [{ path: 'inner.txt', text: 'inside' }]);
    await page.getByRole('option', { name: /^inner\.txt/ }).waitFor();
    expect(await read('album/inner.txt')).toBe('inside');
  });
});
