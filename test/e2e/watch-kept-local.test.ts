import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { afterAll, describe, expect, it } from 'vitest';
import { rawClient } from '../support/s3.js';
import { openPage, snap } from './app.js';
import { e2eRig } from './rig.js';

/**
 * A download-only watch never overwrites a file the user edited: its row says so, with what to do, instead
 * of "Up to date", until the folder matches the bucket again.
 */
describe('local edits a download watch keeps', () => {
  const folder = mkdtempSync(path.join(os.tmpdir(), 'ferry-e2e-kept-'));
  const rig = e2eRig('e2e-kept');
  const s3 = rawClient();
  afterAll(() => rmSync(folder, { recursive: true, force: true }));

  it('says how many local files differ from the bucket, in English and Portuguese, until they are gone', async () => {
    const engine = rig.server.engine;
    for (const name of ['a.txt', 'b.txt']) {
      await s3.send(
        new PutObjectCommand({ Bucket: rig.bucket.name, Key: name, Body: `bucket ${name}` }),
      );
    }
    const { rule } = await engine.watches.add({
      folder,
      profileId: 'environment',
      bucket: rig.bucket.name,
      mode: 'download',
      pollSeconds: 3600,
    });
    const status = async () =>
      (await engine.watches.list()).find((w) => w.rule.id === rule.id)!.status;
    await expect.poll(async () => (await status()).counts.indexed, { timeout: 30_000 }).toBe(2);
    await expect.poll(async () => (await status()).state, { timeout: 10_000 }).toBe('idle');
    writeFileSync(path.join(folder, 'a.txt'), 'edited here, a');
    writeFileSync(path.join(folder, 'b.txt'), 'edited here, b');

    const en = await openPage(rig.browser, `${rig.server.url}#/watches`);
    let row = en.page.getByRole('listitem', { name: folder });
    await row.getByRole('status').getByText('Up to date', { exact: true }).waitFor();
    await row.getByRole('button', { name: 'Sync now' }).click();
    await row
      .getByRole('status')
      .getByText('2 local files differ from the bucket', { exact: true })
      .waitFor({ timeout: 20_000 });
    await row
      .getByText(
        'Kept as you changed them: a download-only watch never overwrites them. Delete or move them to get the bucket’s version again, or switch to Two-way to upload them.',
        { exact: true },
      )
      .waitFor();
    expect(await row.getByText('Up to date').count()).toBe(0);
    await snap(en.page, 'watch-kept-local-en');
    expect(en.errors).toEqual([]);

    // One file removed: the bucket's version comes back, the other edit is still kept.
    rmSync(path.join(folder, 'a.txt'));
    const pt = await openPage(rig.browser, `${rig.server.url}#/watches`, { locale: 'pt-BR' });
    row = pt.page.getByRole('listitem', { name: folder });
    await row.getByRole('button', { name: 'Sincronizar agora' }).click();
    await row
      .getByRole('status')
      .getByText('1 arquivo local difere do bucket', { exact: true })
      .waitFor({ timeout: 20_000 });
    await row
      .getByText(
        'Mantido como você o mudou: uma pasta que só baixa nunca o sobrescreve. Apague-o ou mova-o para receber de novo a versão do bucket, ou mude para Nos dois sentidos para enviá-lo.',
        { exact: true },
      )
      .waitFor();
    await snap(pt.page, 'watch-kept-local-pt-br');

    rmSync(path.join(folder, 'b.txt'));
    await row.getByRole('button', { name: 'Sincronizar agora' }).click();
    await row.getByRole('status').getByText('Em dia', { exact: true }).waitFor({ timeout: 20_000 });
    expect(await row.getByText(/difere|Mantido/).count()).toBe(0);
    expect((await status()).counts.keptLocal).toBe(0);
    expect(pt.errors).toEqual([]);
  });
});
