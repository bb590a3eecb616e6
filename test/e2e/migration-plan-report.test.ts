import { PutObjectCommand } from '@aws-sdk/client-s3';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { keysOf, rawClient } from '../support/s3.js';
import { figure, openPage, snap } from './app.js';
import { e2eRig } from './rig.js';

/** The Migration screen's labels in one language. */
const labels = {
  en: { from: 'From', to: 'To', bucket: 'Bucket', prefix: 'Folder (prefix, optional)' },
  'pt-BR': { from: 'De', to: 'Para', bucket: 'Bucket', prefix: 'Pasta (prefixo, opcional)' },
};

/** Opens the Migration screen and sets both sides to prefixes of one bucket. */
async function openMigration(
  url: string,
  rig: ReturnType<typeof e2eRig>,
  locale: keyof typeof labels,
  prefixes: { from: string; to: string },
): Promise<{ page: Page; errors: string[] }> {
  const opened = await openPage(rig.browser, `${url}#/migration`, { locale });
  const { page } = opened;
  const l = labels[locale];
  for (const [group, prefix] of [
    [l.from, prefixes.from],
    [l.to, prefixes.to],
  ] as const) {
    const side = page.getByRole('group', { name: group, exact: true });
    await side
      .getByLabel(l.bucket)
      .locator(`option[value="${rig.bucket.name}"]`)
      .waitFor({ state: 'attached' });
    await side.getByLabel(l.bucket).selectOption(rig.bucket.name);
    await side.getByLabel(l.prefix).fill(prefix);
  }
  return opened;
}

/**
 * What the plan and the report say when the safety cap holds deletes back, and why an object cannot be
 * copied, in English and Brazilian Portuguese.
 */
describe('the Migration plan and report', () => {
  const rig = e2eRig('e2e-migwords');
  const s3 = rawClient();
  const put = (key: string) =>
    s3.send(new PutObjectCommand({ Bucket: rig.bucket.name, Key: key, Body: 'k' }));
  const long = `long/${'l'.repeat(1015)}`;

  beforeAll(async () => {
    // Each language's destination has 12 objects the source lacks: over 10 % of its 13, so held back.
    for (const lang of ['en', 'pt']) {
      await put(`held-${lang}/keep.txt`);
      await put(`copy-${lang}/keep.txt`);
      for (let i = 0; i < 12; i++) await put(`copy-${lang}/extra-${i}.txt`);
    }
    // 1,043 bytes under the destination prefix below, over S3's 1,024.
    await put(long);
    await put('long/short.txt');
  });

  it('says deletes are held back by the safety cap, ends saying so, and deletes once "Delete them anyway" is ticked', async () => {
    const { page, errors } = await openMigration(rig.server.url, rig, 'en', {
      from: 'held-en/',
      to: 'copy-en/',
    });
    await page.getByLabel('Also delete at the destination what the source does not have').check();
    await page.getByRole('button', { name: 'Plan' }).click();
    const plan = page.getByRole('region', { name: 'What the migration would do' });
    await plan
      .getByRole('note')
      .getByText(
        '12 deletes are held back by the safety cap: nothing will be deleted unless "Delete them anyway" is ticked.',
      )
      .waitFor();
    expect(await figure(plan, 'Deletes held back')).toBe('12');
    expect(await figure(plan, 'To delete')).toBe('0');
    await plan
      .getByText('Nothing to copy: the destination already has every object of the source.')
      .waitFor();
    expect(await plan.getByText(/Nothing to do/).count()).toBe(0);
    await snap(page, 'migration-held-plan-en');

    await page.getByRole('button', { name: 'Start' }).click();
    const state = page.getByRole('status');
    await state.getByText('Finished with deletes held back').waitFor({ timeout: 20_000 });
    const run = page.getByRole('region', { name: /→/ });
    await run
      .getByRole('note')
      .getByText(
        '12 deletes were held back by the safety cap: nothing was deleted. Check the source is the right one, then start again with "Delete them anyway" ticked.',
      )
      .waitFor();
    expect(await figure(run, 'Deletes held back')).toBe('12');
    expect(await figure(run, 'Deleted')).toBe('0');
    expect(await figure(run, 'Failed')).toBe('0');
    await run.getByText('Nothing to copy or delete').waitFor();
    expect(await run.getByText(/0 of 0|failures|Fix what stopped/).count()).toBe(0);
    expect(await run.getByRole('alert').count()).toBe(0);
    expect(await keysOf(s3, rig.bucket.name, 'copy-en/')).toHaveLength(13);
    await snap(page, 'migration-held-report-en');

    await page.getByRole('button', { name: 'New migration' }).click();
    await page.getByLabel('Delete them anyway, above the safety cap').check();
    await page.getByRole('button', { name: 'Plan' }).click();
    expect(await figure(plan, 'To delete')).toBe('12');
    expect(await figure(plan, 'Deletes held back')).toBe('0');
    expect(await plan.getByRole('note').count()).toBe(0);
    await page.getByRole('button', { name: 'Start' }).click();
    await state.getByText('Done').waitFor({ timeout: 20_000 });
    await run.getByText('12 of 12 deletes').waitFor();
    expect(await figure(run, 'Deleted')).toBe('12');
    expect(await keysOf(s3, rig.bucket.name, 'copy-en/')).toEqual(['copy-en/keep.txt']);
    expect(errors).toEqual([]);
  });

  it('says the same in Portuguese', async () => {
    const { page, errors } = await openMigration(rig.server.url, rig, 'pt-BR', {
      from: 'held-pt/',
      to: 'copy-pt/',
    });
    await page.getByLabel('Também apagar no destino o que a origem não tem').check();
    await page.getByRole('button', { name: 'Planejar' }).click();
    const plan = page.getByRole('region', { name: 'O que a migração faria' });
    await plan
      .getByRole('note')
      .getByText(
        '12 exclusões estão retidas pelo limite de segurança: nada será apagado a menos que "Apagar mesmo assim" esteja marcado.',
      )
      .waitFor();
    expect(await figure(plan, 'Exclusões retidas')).toBe('12');
    await plan.getByText('Nada a copiar: o destino já tem todos os objetos da origem.').waitFor();
    await snap(page, 'migration-held-plan-pt-br');

    await page.getByRole('button', { name: 'Iniciar' }).click();
    await page
      .getByRole('status')
      .getByText('Terminou com exclusões retidas')
      .waitFor({ timeout: 20_000 });
    const run = page.getByRole('region', { name: /→/ });
    await run
      .getByRole('note')
      .getByText(
        '12 exclusões foram retidas pelo limite de segurança: nada foi apagado. Confira se a origem é a certa e inicie de novo marcando "Apagar mesmo assim".',
      )
      .waitFor();
    expect(await figure(run, 'Exclusões retidas')).toBe('12');
    expect(await figure(run, 'Falharam')).toBe('0');
    await run.getByText('Nada a copiar nem apagar').waitFor();
    expect(await run.getByText(/0 de 0|falhas/).count()).toBe(0);
    await snap(page, 'migration-held-report-pt-br');
    expect(errors).toEqual([]);
  });

  for (const [locale, text] of [
    ['en', /would be 1,043 bytes long at the destination, over the 1,024 bytes S3 allows/],
    ['pt-BR', /ficaria com 1\.043 bytes no destino, acima dos 1\.024 bytes que o S3 permite/],
  ] as const) {
    it(`words why an object cannot be copied in the interface's language (${locale})`, async () => {
      const { page, errors } = await openMigration(rig.server.url, rig, locale, {
        from: 'long/',
        to: 'a-much-longer-target-prefix/',
      });
      await page.getByRole('button', { name: locale === 'en' ? 'Plan' : 'Planejar' }).click();
      const skip = page.locator('.migration-actions li[data-action="skip"]');
      await skip.getByText(text).waitFor();
      expect(await skip.locator('.name').textContent()).toBe(long);
      // The reason wraps beside the key, which keeps a column of its own.
      expect((await skip.locator('.name').boundingBox())?.width).toBeGreaterThan(150);
      // The hint (what to do) is the reason's title, in the same language.
      expect(await skip.getByText(text).getAttribute('title')).toBe(
        locale === 'en'
          ? 'Copy into a shorter prefix, or rename the object on the server.'
          : 'Copie para um prefixo mais curto, ou renomeie o objeto no servidor.',
      );
      await snap(page, `migration-skip-${locale.toLowerCase()}`);
      expect(errors).toEqual([]);
    });
  }
  it('keeps a failure with a long key and reason inside the report, 1200 and 820 pixels wide', async () => {
    const { page, errors } = await openMigration(rig.server.url, rig, 'en', {
      from: 'long/',
      to: 'a-much-longer-target-prefix-for-the-report/',
    });
    await page.getByRole('button', { name: 'Plan' }).click();
    await page.getByRole('button', { name: 'Start' }).click();
    await page.getByRole('status').getByText('Finished with failures').waitFor({ timeout: 20_000 });
    const failures = page.getByRole('list', { name: 'What did not go through' });
    const row = failures.getByRole('listitem').first();
    await row.getByText(/over the 1,024 bytes S3 allows/).waitFor();
    for (const width of [1200, 820]) {
      await page.setViewportSize({ width, height: 760 });
      const list = (await failures.boundingBox())!;
      for (const part of [row.locator('.name'), row.locator('.failure')]) {
        const box = (await part.boundingBox())!;
        expect(box.x).toBeGreaterThanOrEqual(list.x);
        expect(box.x + box.width).toBeLessThanOrEqual(list.x + list.width);
        // Nothing cut off inside its own box either: the key ends in an ellipsis, the reason wraps.
        const spill = await part.evaluate((e) => e.scrollWidth - e.clientWidth);
        if ((await part.getAttribute('class'))?.includes('failure')) expect(spill).toBe(0);
      }
      expect(await row.locator('.name').getAttribute('title')).toBe(long);
      expect(
        await page.evaluate<number>('document.documentElement.scrollWidth'),
      ).toBeLessThanOrEqual(width);
      await snap(page, `migration-failure-${width}`);
    }
    expect(errors).toEqual([]);
  });
});
