import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openPage, snap } from './app.js';
import { e2eRig } from './rig.js';

describe('the direction of a watched folder', () => {
  const folder = mkdtempSync(path.join(os.tmpdir(), 'ferry-e2e-watch-modes-'));
  const rig = e2eRig('e2e-wmodes');
  afterAll(() => rmSync(folder, { recursive: true, force: true }));
  const rule = async () => (await rig.server.engine.watches.list())[0]?.rule;

  it('adds a two-way watch with a poll interval, then edits it to download only', async () => {
    const { page, errors } = await openPage(rig.browser, rig.server.url);
    await page.getByRole('list', { name: 'Buckets' }).waitFor();
    await page.getByRole('button', { name: 'Watched folders' }).click();
    await page.getByRole('button', { name: 'Watch a folder' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Folder', { exact: true }).fill(folder);
    await dialog.getByLabel('Bucket', { exact: true }).selectOption(rig.bucket.name);
    // Upload only is the default, and it does not read the bucket: no interval to set.
    expect(await dialog.getByRole('radio', { name: /^Upload only/ }).isChecked()).toBe(true);
    expect(await dialog.getByLabel('Check the bucket every (seconds)').count()).toBe(0);
    await dialog.getByText(/the bucket is never copied into the folder/).waitFor();
    await dialog.getByRole('radio', { name: /^Two-way/ }).check();
    await dialog.getByText(/listed as a conflict/).waitFor();
    await dialog.getByLabel('Check the bucket every (seconds)').fill('30');
    await snap(page, 'watch-modes-en');
    await dialog.getByRole('button', { name: 'Start watching' }).click();

    const row = page.getByRole('listitem', { name: folder });
    await row.getByText('Two-way', { exact: true }).waitFor();
    expect(await rule()).toMatchObject({ mode: 'two-way', pollSeconds: 30 });

    await row.getByRole('button', { name: 'Edit' }).click();
    const edit = page.getByRole('dialog', { name: `Edit the watch of ${folder}` });
    expect(await edit.getByRole('radio', { name: /^Two-way/ }).isChecked()).toBe(true);
    expect(await edit.getByLabel('Check the bucket every (seconds)').inputValue()).toBe('30');
    await edit.getByRole('radio', { name: /^Download only/ }).check();
    await edit.getByRole('button', { name: 'Save' }).click();
    await edit.waitFor({ state: 'detached' });
    await row.getByText('Download only', { exact: true }).waitFor();
    expect(await rule()).toMatchObject({ mode: 'download', pollSeconds: 30 });
    expect(errors).toEqual([]);
  });

  it('speaks Portuguese', async () => {
    const { page, errors } = await openPage(rig.browser, `${rig.server.url}#/watches`, {
      locale: 'pt-BR',
    });
    const row = page.getByRole('listitem', { name: folder });
    await row.getByText('Só baixar', { exact: true }).waitFor();
    await row.getByRole('button', { name: 'Editar' }).click();
    const edit = page.getByRole('dialog');
    await edit.getByText(/nada da pasta é enviado/).waitFor();
    await edit.getByLabel('Verificar o bucket a cada (segundos)').waitFor();
    await snap(page, 'watch-modes-pt-br');
    expect(errors).toEqual([]);
  });
});
