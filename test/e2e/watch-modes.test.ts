import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { afterAll, describe, expect, it } from 'vitest';
import { rawClient } from '../support/s3.js';
import { openPage, snap } from './app.js';
import { e2eRig } from './rig.js';

describe('the direction of a watched folder', () => {
  const folder = mkdtempSync(path.join(os.tmpdir(), 'ferry-e2e-watch-modes-'));
  const rig = e2eRig('e2e-wmodes');
  const s3 = rawClient();
  afterAll(() => rmSync(folder, { recursive: true, force: true }));
  const rule = async () => (await rig.server.engine.watches.list())[0]?.rule;
  const put = (key: string) =>
    s3.send(new PutObjectCommand({ Bucket: rig.bucket.name, Key: key, Body: key }));

  it('adds a two-way watch with a poll interval, then edits it to download only', async () => {
    await put('first.txt');
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
    // The delete option says which side it deletes on, in each direction.
    await dialog
      .getByRole('checkbox', { name: /^Also delete from the bucket what is deleted here/ })
      .waitFor();
    await dialog.getByRole('radio', { name: /^Download only/ }).check();
    await dialog
      .getByRole('checkbox', { name: /^Also delete here what is deleted from the bucket/ })
      .waitFor();
    await dialog.getByText(/comes back from the bucket either way/).waitFor();
    expect(await dialog.getByText(/delete from the bucket what is deleted here/).count()).toBe(0);
    await dialog.getByRole('checkbox').scrollIntoViewIfNeeded();
    await snap(page, 'watch-form-download-en');
    await dialog.getByRole('radio', { name: /^Two-way/ }).check();
    await dialog.getByRole('checkbox', { name: /^Mirror deletes both ways/ }).waitFor();
    await dialog.getByText(/a file deleted on one side comes back from the other/).waitFor();
    await dialog.getByText(/listed as a conflict/).waitFor();
    await dialog.getByLabel('Check the bucket every (seconds)').fill('30');
    await snap(page, 'watch-modes-en');
    await dialog.getByRole('button', { name: 'Start watching' }).click();

    const row = page.getByRole('listitem', { name: folder });
    await row.getByText('Two-way', { exact: true }).waitFor();
    expect(await rule()).toMatchObject({ mode: 'two-way', pollSeconds: 30 });
    await row.getByText('↔', { exact: true }).waitFor();
    await row
      .getByText('0 uploaded · 1 downloaded · 0 waiting · 0 skipped', { exact: true })
      .waitFor({ timeout: 20_000 });
    await row.getByRole('status').getByText('Up to date', { exact: true }).waitFor();

    await row.getByRole('button', { name: 'Edit' }).click();
    const edit = page.getByRole('dialog', { name: `Edit the watch of ${folder}` });
    expect(await edit.getByRole('radio', { name: /^Two-way/ }).isChecked()).toBe(true);
    expect(await edit.getByLabel('Check the bucket every (seconds)').inputValue()).toBe('30');
    await edit.getByRole('checkbox', { name: /^Mirror deletes both ways/ }).waitFor();
    // The prefix field speaks of the direction chosen: what a new prefix uploads, downloads, or both.
    const prefixHelp = edit.locator('#we-prefix-help');
    expect(await edit.getByLabel('Bucket folder (prefix)').inputValue()).toBe('');
    expect(await prefixHelp.textContent()).toMatch(
      /both ways: what is missing there goes up, what is missing here comes down/,
    );
    await edit.getByRole('radio', { name: /^Upload only/ }).check();
    await edit.getByLabel('Into the folder (prefix)').waitFor();
    expect(await prefixHelp.textContent()).toMatch(/what was uploaded under the old one stays/);
    await edit.getByRole('radio', { name: /^Download only/ }).check();
    await edit
      .getByRole('checkbox', { name: /^Also delete here what is deleted from the bucket/ })
      .waitFor();
    await edit.getByLabel('From the folder (prefix)').waitFor();
    expect(await prefixHelp.textContent()).toMatch(/what is new there comes down/);
    expect(await prefixHelp.textContent()).not.toMatch(/upload|goes up/);
    await edit.getByRole('button', { name: 'Save' }).click();
    await edit.waitFor({ state: 'detached' });
    await row.getByText('Download only', { exact: true }).waitFor();
    expect(await rule()).toMatchObject({ mode: 'download', pollSeconds: 30 });
    // A download watch counts what it downloads, and never uploads.
    await row.getByText('←', { exact: true }).waitFor();
    await row.getByText(/^\d+ downloaded · \d+ waiting · \d+ skipped$/).waitFor();
    expect(await row.getByText(/uploaded/).count()).toBe(0);
    await snap(page, 'watch-rows-en');
    expect(errors).toEqual([]);
  });

  it('speaks Portuguese, with the singular for one file', async () => {
    const { page, errors } = await openPage(rig.browser, `${rig.server.url}#/watches`, {
      locale: 'pt-BR',
    });
    const row = page.getByRole('listitem', { name: folder });
    await row.getByText('Só baixar', { exact: true }).waitFor();
    await put('second.txt');
    await row.getByRole('button', { name: 'Sincronizar agora' }).click();
    await row
      .getByText('1 baixado · 0 aguardando · 0 ignorados', { exact: true })
      .waitFor({ timeout: 20_000 });
    await snap(page, 'watch-rows-pt-br');
    await row.getByRole('button', { name: 'Editar' }).click();
    // A watched folder is "monitorada" throughout the Portuguese interface, its edit form too.
    const edit = page.getByRole('dialog', { name: `Editar o monitoramento de ${folder}` });
    await edit.getByText(/nada da pasta é enviado/).waitFor();
    await edit.getByLabel('Da pasta (prefixo)').waitFor();
    expect(await edit.locator('#we-prefix-help').textContent()).toMatch(
      /o que for novo lá é baixado/,
    );
    expect(await edit.locator('#we-prefix-help').textContent()).not.toMatch(/enviado/);
    await edit.getByLabel('Verificar o bucket a cada (segundos)').waitFor();
    await edit
      .getByRole('checkbox', { name: /^Também apagar aqui o que for apagado do bucket/ })
      .waitFor();
    await edit.getByText(/volta do bucket de qualquer jeito/).waitFor();
    await edit.getByRole('radio', { name: /^Nos dois sentidos/ }).check();
    await edit.getByRole('checkbox', { name: /^Espelhar exclusões nos dois sentidos/ }).waitFor();
    await edit.getByRole('radio', { name: /^Só enviar/ }).check();
    await edit
      .getByRole('checkbox', { name: /^Também apagar do bucket o que for apagado aqui/ })
      .waitFor();
    await edit.getByRole('radio', { name: /^Só baixar/ }).check();
    await edit.getByRole('checkbox', { name: /^Também apagar aqui/ }).scrollIntoViewIfNeeded();
    await snap(page, 'watch-modes-pt-br');
    expect(errors).toEqual([]);
  });

  it('stays readable in a window 820 pixels wide', async () => {
    const { page, errors } = await openPage(rig.browser, `${rig.server.url}#/watches`, {
      locale: 'pt-BR',
    });
    await page.setViewportSize({ width: 820, height: 700 });
    const row = page.getByRole('listitem', { name: folder });
    await row.getByText('Só baixar', { exact: true }).waitFor();
    const box = async (selector: string) => {
      const b = await row.locator(selector).first().boundingBox();
      if (!b) throw new Error(`${selector} is not shown`);
      return b;
    };
    const name = await box('.watch-main .name');
    const target = await box('.watch-target');
    const status = await box('.watch-status');
    // The folder gets the width of the row, not a sliver that shows "/".
    expect(name.width).toBeGreaterThan(250);
    // The connection and bucket fit on one line (ellipsis rather than a word a line).
    expect(target.height).toBeLessThan(24);
    // The status and recent events sit below the folder, not over it.
    expect(status.y).toBeGreaterThanOrEqual(target.y + target.height);
    const pageWidth = await page.evaluate<number>('document.documentElement.scrollWidth');
    expect(pageWidth).toBeLessThanOrEqual(820);
    await snap(page, 'watch-rows-820-pt-br');
    expect(errors).toEqual([]);
  });
});
