import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { GetObjectCommand } from '@aws-sdk/client-s3';
import { afterAll, describe, expect, it } from 'vitest';
import { rawClient } from '../support/s3.js';
import { openPage, snap } from './app.js';
import { e2eRig } from './rig.js';

describe('watched folders', () => {
  const folder = mkdtempSync(path.join(os.tmpdir(), 'ferry-e2e-watch-'));

  const rig = e2eRig('e2e-watch');
  afterAll(() => {
    rmSync(folder, { recursive: true, force: true });
  });

  it('adds a watch by path and uploads a new file, showing its status', async () => {
    const { page, errors } = await openPage(rig.browser, rig.server.url);
    await page.getByRole('list', { name: 'Buckets' }).waitFor();
    await page.getByRole('button', { name: 'Watched folders' }).click();
    await page.getByText('No watched folders').waitFor();
    await page.getByRole('button', { name: 'Watch a folder' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Folder', { exact: true }).fill(folder);
    await dialog.getByLabel('Bucket', { exact: true }).selectOption(rig.bucket.name);
    await dialog.getByLabel('Into the folder (prefix)').fill('inbox/');
    await dialog.getByRole('button', { name: 'Start watching' }).click();
    const row = page.getByRole('listitem', { name: folder });
    await row.getByText('Up to date').waitFor();

    writeFileSync(path.join(folder, 'scan-001.txt'), 'a new page');
    await row.getByText(/^1 uploaded/).waitFor({ timeout: 20_000 });
    const body = await rawClient().send(
      new GetObjectCommand({ Bucket: rig.bucket.name, Key: 'inbox/scan-001.txt' }),
    );
    expect(await body.Body?.transformToString()).toBe('a new page');
    await snap(page, 'watches-light');

    await row.getByRole('button', { name: 'Pause' }).click();
    await row.getByText('Paused').waitFor();
    await row.getByRole('button', { name: 'Resume' }).click();
    await row.getByRole('button', { name: 'Stop watching' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Stop watching' }).click();
    await page.getByText('No watched folders').waitFor();
    expect(errors).toEqual([]);
  });
});
