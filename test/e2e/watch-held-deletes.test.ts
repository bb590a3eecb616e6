import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DeleteObjectsCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import type { Page } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import type { WatchMode } from '../../src-shared/contract/index.js';
import { keysOf, rawClient } from '../support/s3.js';
import { openPage, snap } from './app.js';
import { e2eRig } from './rig.js';

/**
 * Mirror deletes above the safety cap wait for the user: the row says how many, a dialog names the side they
 * happen on, and only its confirmation carries them out.
 */
describe('deletes held back by the safety cap of a watch', () => {
  const root = mkdtempSync(path.join(os.tmpdir(), 'ferry-e2e-held-'));
  const rig = e2eRig('e2e-held');
  const s3 = rawClient();
  afterAll(() => rmSync(root, { recursive: true, force: true }));
  const names = (n: number) =>
    Array.from({ length: n }, (_, i) => `file-${String(i).padStart(2, '0')}.txt`);

  /** A watch with mirror deletes on a fresh folder, once its first sync has indexed `files` files. */
  async function watch(mode: WatchMode, prefix: string, files: number, maxDeletes = 50) {
    const folder = path.join(root, prefix.replace('/', ''));
    mkdirSync(folder);
    if (mode === 'download') {
      for (const name of names(files)) {
        await s3.send(
          new PutObjectCommand({ Bucket: rig.bucket.name, Key: prefix + name, Body: name }),
        );
      }
    } else for (const name of names(files)) writeFileSync(path.join(folder, name), name);
    const engine = rig.server.engine;
    const { rule } = await engine.watches.add({
      folder,
      profileId: 'environment',
      bucket: rig.bucket.name,
      prefix,
      mode,
      pollSeconds: 3600,
      stabilityMs: 200,
      deletePolicy: 'mirror',
      maxDeletes,
    });
    const status = async () =>
      (await engine.watches.list()).find((w) => w.rule.id === rule.id)!.status;
    await expect.poll(async () => (await status()).counts.indexed, { timeout: 30_000 }).toBe(files);
    await expect.poll(async () => (await status()).state, { timeout: 10_000 }).toBe('idle');
    return { folder, id: rule.id, status };
  }

  const dialogOf = (page: Page, title: string) => page.getByRole('dialog', { name: title });

  it('an upload watch: "58 deletes held back", cancel keeps everything, confirm deletes from the bucket', async () => {
    const { folder, id, status } = await watch('upload', 'up/', 60);
    const engine = rig.server.engine;
    await engine.watches.setPaused([id], true);
    for (const name of names(58)) rmSync(path.join(folder, name));
    const { page, errors } = await openPage(rig.browser, `${rig.server.url}#/watches`);
    const row = page.getByRole('listitem', { name: folder });
    await row.getByRole('button', { name: 'Resume' }).click();
    const state = row.getByRole('status').getByText('58 deletes held back', { exact: true });
    await state.waitFor({ timeout: 20_000 });
    expect(await row.getByText('Up to date').count()).toBe(0);
    const lastSync = (await status()).lastSyncAt;

    // Sync now without the confirmation leaves them held back, and does not claim the sides agree.
    await row.getByRole('button', { name: 'Sync now' }).click();
    await expect.poll(async () => (await status()).state).toBe('idle');
    await state.waitFor();
    expect((await status()).lastSyncAt).toBe(lastSync);
    expect(await keysOf(s3, rig.bucket.name, 'up/')).toHaveLength(60);
    await snap(page, 'watch-held-row-en');

    await row.getByRole('button', { name: 'Review deletes' }).click();
    const dialog = dialogOf(page, 'Delete 58 files for good?');
    await dialog
      .getByText(
        `58 files are in the bucket but no longer in ${folder}. Confirming deletes them from the bucket: they are gone for good.`,
      )
      .waitFor();
    // A few names, so the user can tell what would go; the rest counted.
    const sample = dialog.getByRole('list', { name: 'Among them' });
    expect(await sample.getByText(/^file-\d\d\.txt$/).allTextContents()).toEqual(
      names(5).map(String),
    );
    await sample.getByText('and 53 more', { exact: true }).waitFor();
    await dialog.getByText(/more than 50 files, or 10% of them/).waitFor();
    await snap(page, 'watch-held-dialog-en');

    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await dialog.waitFor({ state: 'detached' });
    await state.waitFor();
    expect(await keysOf(s3, rig.bucket.name, 'up/')).toHaveLength(60);
    expect((await status()).deletesAwaitingConfirmation).toBe(58);

    await row.getByRole('button', { name: 'Review deletes' }).click();
    await dialog.getByRole('button', { name: 'Delete 58 files' }).click();
    await dialog.waitFor({ state: 'detached' });
    await row
      .getByRole('status')
      .getByText('Up to date', { exact: true })
      .waitFor({ timeout: 20_000 });
    expect(await keysOf(s3, rig.bucket.name, 'up/')).toEqual(['up/file-58.txt', 'up/file-59.txt']);
    expect(await row.getByRole('button', { name: 'Review deletes' }).count()).toBe(0);
    expect((await status()).lastSyncAt).not.toBe(lastSync);
    expect(readdirSync(folder).sort()).toEqual(['file-58.txt', 'file-59.txt']);
    expect(errors).toEqual([]);
  });

  it('a download watch in Portuguese: the deletes happen in the folder', async () => {
    const { folder } = await watch('download', 'down/', 15);
    await s3.send(
      new DeleteObjectsCommand({
        Bucket: rig.bucket.name,
        Delete: { Objects: names(12).map((n) => ({ Key: `down/${n}` })) },
      }),
    );
    const { page, errors } = await openPage(rig.browser, `${rig.server.url}#/watches`, {
      locale: 'pt-BR',
    });
    const row = page.getByRole('listitem', { name: folder });
    await row.getByRole('button', { name: 'Sincronizar agora' }).click();
    const state = row.getByRole('status').getByText('12 exclusões retidas', { exact: true });
    await state.waitFor({ timeout: 20_000 });
    expect(await row.getByText('Em dia').count()).toBe(0);
    await row.getByRole('button', { name: 'Revisar exclusões' }).click();
    const dialog = dialogOf(page, 'Apagar 12 arquivos de vez?');
    await dialog
      .getByText(
        `12 arquivos apagados do bucket continuam em ${folder}. Ao confirmar, eles são apagados da pasta de vez: não tem volta.`,
      )
      .waitFor();
    await dialog.getByText('e mais 7', { exact: true }).waitFor();
    await snap(page, 'watch-held-dialog-pt-br');
    await dialog.getByRole('button', { name: 'Cancelar' }).click();
    await dialog.waitFor({ state: 'detached' });
    expect(readdirSync(folder)).toHaveLength(15);
    await state.waitFor();

    await row.getByRole('button', { name: 'Revisar exclusões' }).click();
    await dialog.getByRole('button', { name: 'Apagar 12 arquivos' }).click();
    await row.getByRole('status').getByText('Em dia', { exact: true }).waitFor({ timeout: 20_000 });
    expect(readdirSync(folder).sort()).toEqual(['file-12.txt', 'file-13.txt', 'file-14.txt']);
    expect(errors).toEqual([]);
  });

  it('a two-way watch in Portuguese, with the singular and the side of each file', async () => {
    const { folder } = await watch('two-way', 'both/', 3, 0);
    rmSync(path.join(folder, 'file-01.txt'));
    const { page, errors } = await openPage(rig.browser, `${rig.server.url}#/watches`, {
      locale: 'pt-BR',
    });
    const row = page.getByRole('listitem', { name: folder });
    await row.getByRole('button', { name: 'Sincronizar agora' }).click();
    await row
      .getByRole('status')
      .getByText('1 exclusão retida', { exact: true })
      .waitFor({ timeout: 20_000 });
    await snap(page, 'watch-held-row-pt-br');
    await row.getByRole('button', { name: 'Revisar exclusões' }).click();
    const dialog = dialogOf(page, 'Apagar 1 arquivo de vez?');
    await dialog
      .getByText(
        /^1 arquivo apagado de um lado continua no outro\. Ao confirmar, ele é apagado do bucket ou da pasta/,
      )
      .waitFor();
    const item = dialog.getByRole('list').getByRole('listitem');
    expect(await item.textContent()).toMatch(/file-01\.txt\s*no bucket/);
    await dialog.getByRole('button', { name: 'Apagar 1 arquivo' }).click();
    await row.getByRole('status').getByText('Em dia', { exact: true }).waitFor({ timeout: 20_000 });
    expect(await keysOf(s3, rig.bucket.name, 'both/')).toEqual([
      'both/file-00.txt',
      'both/file-02.txt',
    ]);
    expect(existsSync(path.join(folder, 'file-01.txt'))).toBe(false);
    expect(errors).toEqual([]);
  });
});
