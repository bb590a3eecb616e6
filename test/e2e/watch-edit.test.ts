import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { listBucket } from '../support/watch.js';
import { openPage } from './app.js';
import { e2eRig } from './rig.js';

describe('editing a watched folder', () => {
  const folder = mkdtempSync(path.join(os.tmpdir(), 'ferry-e2e-watch-edit-'));
  const rig = e2eRig('e2e-wedit');
  afterAll(() => rmSync(folder, { recursive: true, force: true }));

  it('shows recent activity and last sync, and a changed prefix and exclude take effect', async () => {
    writeFileSync(path.join(folder, 'first.txt'), 'one');
    await rig.server.engine.watches.add({
      folder,
      profileId: 'environment',
      bucket: rig.bucket.name,
      prefix: 'old/',
      stabilityMs: 300,
    });
    const { page, errors } = await openPage(rig.browser, `${rig.server.url}#/watches`);
    const row = page.getByRole('listitem', { name: folder });
    await row.getByText('Up to date').waitFor({ timeout: 20_000 });
    await row.getByText(/^Last in sync /).waitFor();
    const activity = row.getByRole('list', { name: `Recent activity of ${folder}` });
    await activity.getByText('first.txt').waitFor();
    await activity.getByText('Uploaded').waitFor();

    await row.getByRole('button', { name: 'Edit' }).click();
    const dialog = page.getByRole('dialog', { name: `Edit the watch of ${folder}` });
    expect(await dialog.getByLabel('Into the folder (prefix)').inputValue()).toBe('old/');
    await dialog.getByLabel('Into the folder (prefix)').fill('new/');
    await dialog.getByLabel('Skip files matching').fill('*.log');
    await dialog.getByRole('button', { name: 'Save' }).click();
    await dialog.waitFor({ state: 'detached' });
    await row.getByText(`s3://${rig.bucket.name}/new/`).waitFor();

    writeFileSync(path.join(folder, 'noise.log'), 'skip me');
    writeFileSync(path.join(folder, 'second.txt'), 'two');
    await activity.getByText('second.txt').waitFor({ timeout: 20_000 });
    await expect
      .poll(async () => [...(await listBucket(rig.bucket.name)).keys()].sort(), {
        timeout: 20_000,
      })
      .toEqual(['new/first.txt', 'new/second.txt', 'old/first.txt']);
    expect(errors).toEqual([]);
  });

  it('shows the bytes of the uploads in progress', async () => {
    // 2 MB at 256 KB/s: the upload runs for seconds, long enough to be seen.
    await rig.server.engine.handlers()['settings.set']({ bandwidthLimit: 256 * 1024 });
    const { page } = await openPage(rig.browser, `${rig.server.url}#/watches`);
    const row = page.getByRole('listitem', { name: folder });
    await row.getByText('Up to date').waitFor({ timeout: 20_000 });
    writeFileSync(path.join(folder, 'big.bin'), Buffer.alloc(2_000_000, 1));
    await row.getByText(/^Uploading 1 file: .* of 2 MB$/).waitFor({ timeout: 20_000 });
    await rig.server.engine.handlers()['settings.set']({ bandwidthLimit: 0 });
    await row.getByRole('list').getByText('big.bin').waitFor({ timeout: 20_000 });
  });
});
