import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { GetObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rawClient } from '../support/s3.js';
import { MiB } from '../support/transfer.js';
import { openBucket, openPage } from './app.js';
import { binaryMd5, dropBinary, dropTexts } from './drops.js';
import { e2eRig } from './rig.js';

describe('uploading onto keys that exist, cancelling, and the Upload button', () => {
  const rig = e2eRig('e2e-conf');
  const s3 = rawClient();
  const read = async (key: string) =>
    (
      await s3.send(new GetObjectCommand({ Bucket: rig.bucket.name, Key: key }))
    ).Body?.transformToString().catch(() => null);
  const local = mkdtempSync(path.join(os.tmpdir(), 'ferry-pick-'));
  afterAll(() => rmSync(local, { recursive: true, force: true }));

  beforeAll(async () => {
    for (const [Key, text] of [
      ['report.txt', 'old'],
      ['report (1).txt', 'older'],
      ['a.txt', 'old a'],
      ['b.txt', 'old b'],
    ] as const)
      await s3.send(new PutObjectCommand({ Bucket: rig.bucket.name, Key, Body: text }));
  });

  it('asks before replacing; "Keep both" takes the first free "name (n).ext"', async () => {
    const { page, errors } = await openPage(rig.browser, rig.server.url);
    await openBucket(page, rig.bucket.name);
    await page.getByRole('option', { name: /^report\.txt/ }).waitFor();
    await dropTexts(page, [{ path: 'report.txt', text: 'new' }]);
    const dialog = page.getByRole('dialog', { name: 'Already in the bucket' });
    await dialog.getByText(`“report.txt” already exists in ${rig.bucket.name}/.`).waitFor();
    await dialog.getByRole('button', { name: 'Keep both' }).click();
    await page.getByText('1 uploaded, 0 failed').waitFor();
    expect(await read('report (2).txt')).toBe('new');
    expect(await read('report.txt')).toBe('old');

    await dropTexts(page, [{ path: 'report.txt', text: 'newer' }]);
    await dialog.getByRole('button', { name: 'Replace' }).click();
    await page.getByText('1 uploaded, 0 failed').waitFor();
    expect(await read('report.txt')).toBe('newer');
    expect(errors).toEqual([]);
  });

  it('"for all" answers every conflict of the drop at once', async () => {
    const { page } = await openPage(rig.browser, rig.server.url);
    await openBucket(page, rig.bucket.name);
    await page.getByRole('option', { name: /^a\.txt/ }).waitFor();
    await dropTexts(page, [
      { path: 'a.txt', text: 'new a' },
      { path: 'b.txt', text: 'new b' },
      { path: 'c.txt', text: 'new c' },
    ]);
    const dialog = page.getByRole('dialog', { name: 'Already in the bucket' });
    await dialog.getByRole('checkbox', { name: 'Do the same for the other conflict' }).check();
    await dialog.getByRole('button', { name: 'Skip' }).click();
    await page.getByText(`1 file, 5 B → ${rig.bucket.name}/`).waitFor();
    await page.getByText('1 uploaded, 0 failed').waitFor();
    expect(await dialog.count()).toBe(0);
    expect(await read('c.txt')).toBe('new c');
    expect(await read('a.txt')).toBe('old a');
    expect(await read('b.txt')).toBe('old b');
  });

  it(
    'lists a cancelled drop as Cancelled (not Failed), and Retry uploads it',
    {
      timeout: 60_000,
    },
    async () => {
      await rig.server.engine.settings.update({ bandwidthLimit: 256 * 1024 });
      try {
        const { page } = await openPage(rig.browser, rig.server.url);
        await openBucket(page, rig.bucket.name);
        await dropBinary(page, 'cancelled.bin', 2 * MiB, 5);
        await page.getByRole('button', { name: 'Transfers' }).click();
        const row = page
          .getByRole('list', { name: 'Transfer queue' })
          .getByRole('listitem', { name: 'cancelled.bin' });
        await row.getByText('Transferring', { exact: true }).waitFor();
        await row.getByRole('button', { name: 'Cancel' }).click();
        await row.getByText('Cancelled', { exact: true }).waitFor();
        await page.getByText('0 running, 0 queued, 0 failed').waitFor();
        await page.getByRole('tab', { name: 'Failed 0' }).waitFor();
        await page.getByRole('tab', { name: 'Cancelled 1' }).click();
        await row.waitFor();

        await rig.server.engine.settings.update({ bandwidthLimit: 0 });
        await row.getByRole('button', { name: 'Retry' }).click();
        await page.getByRole('tab', { name: 'All' }).click();
        await row.getByText('Done', { exact: true }).waitFor({ timeout: 20_000 });
        const out = await s3.send(
          new GetObjectCommand({ Bucket: rig.bucket.name, Key: 'cancelled.bin' }),
        );
        const { createHash } = await import('node:crypto');
        expect(
          createHash('md5')
            .update(await out.Body!.transformToByteArray())
            .digest('hex'),
        ).toBe(binaryMd5(2 * MiB, 5));
      } finally {
        await rig.server.engine.settings.update({ bandwidthLimit: 0 });
      }
    },
  );

  it(
    'uploads files and a folder through the Upload button, from the keyboard',
    {
      timeout: 60_000,
    },
    async () => {
      writeFileSync(path.join(local, 'picked.txt'), 'picked');
      mkdirSync(path.join(local, 'trip', 'day1'), { recursive: true });
      writeFileSync(path.join(local, 'trip', 'day1', 'sea.txt'), 'sea');
      writeFileSync(path.join(local, 'trip', 'plan.txt'), 'plan');

      const { page } = await openPage(rig.browser, rig.server.url);
      await openBucket(page, rig.bucket.name);
      const upload = page.getByRole('toolbar').getByRole('button', { name: 'Upload' });
      // Headless Chromium here intercepts the OS file dialog only now and then, so the test records which
      // input Enter asked to open, then answers that input as the OS dialog would.
      await page.evaluate(
        "HTMLInputElement.prototype.click = function () { window.picked = this.webkitdirectory ? 'folder' : this.multiple ? 'files' : 'one'; }",
      );
      const picked = () => page.evaluate('window.picked');
      const focused = () => page.evaluate('document.activeElement?.textContent?.trim()');
      await upload.focus();
      await page.keyboard.press('Enter');
      await expect.poll(focused).toBe('Files…');
      await page.keyboard.press('Enter');
      await expect.poll(picked).toBe('files');
      await page
        .locator('input[type=file][multiple]:not([webkitdirectory])')
        .setInputFiles(path.join(local, 'picked.txt'));
      await page.getByText('1 uploaded, 0 failed').waitFor();
      expect(await read('picked.txt')).toBe('picked');
      // Focus came back to the button.
      await expect.poll(focused).toBe('Upload');

      // The folder picker, one ArrowDown away.
      await upload.focus();
      await page.keyboard.press('Enter');
      await expect.poll(focused).toBe('Files…');
      await page.keyboard.press('ArrowDown');
      await expect.poll(focused).toBe('Folder…');
      await page.keyboard.press('Enter');
      await expect.poll(() => page.evaluate('window.picked')).toBe('folder');
      await page.locator('input[webkitdirectory]').setInputFiles(path.join(local, 'trip'));
      await page.getByText('2 uploaded, 0 failed').waitFor();
      expect(await read('trip/day1/sea.txt')).toBe('sea');
      expect(await read('trip/plan.txt')).toBe('plan');
    },
  );
});
