import { readFile } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { openPage } from './app.js';
import { e2eRig } from './rig.js';

const MiB = 1024 * 1024;

describe('settings', () => {
  const rig = e2eRig('e2e-settings');
  const saved = async () =>
    JSON.parse(await readFile(rig.server.engine.settings.file, 'utf8')) as Record<string, unknown>;
  /** Waits until the engine has written what the page asked for. */
  const savedAs = async (expected: Record<string, unknown>) => {
    await expect
      .poll(async () => saved().catch(() => ({})), { timeout: 5000 })
      .toMatchObject(expected);
  };
  const number = (page: Page, label: string) => page.getByRole('spinbutton', { name: label });

  it('changes only the setting the user changed: Portuguese stays when the theme turns dark', async () => {
    const { page, errors } = await openPage(rig.browser, rig.server.url);
    await page
      .getByRole('navigation', { name: 'Ferry' })
      .getByRole('button', { name: 'Settings' })
      .click();
    await page.getByLabel('Language').selectOption('pt-BR');
    await page.getByRole('heading', { name: 'Configurações' }).waitFor();
    await savedAs({ language: 'pt-BR' });
    await page.getByRole('radio', { name: 'Escuro' }).check();
    await savedAs({ language: 'pt-BR', theme: 'dark' });
    // The page stays in Portuguese, dark.
    await page.getByRole('heading', { name: 'Configurações' }).waitFor();
    expect(await page.locator('html').getAttribute('data-theme')).toBe('dark');

    await number(page, 'Limite de banda').fill('7');
    await number(page, 'Limite de banda').press('Enter');
    await savedAs({ bandwidthLimit: 7 * MiB });
    await number(page, 'Arquivos simultâneos').fill('5');
    await number(page, 'Arquivos simultâneos').press('Enter');
    await savedAs({ concurrency: 5 });
    await page.getByRole('radio', { name: 'Claro' }).check();
    await savedAs({ theme: 'light' });
    await page.getByRole('radio', { name: 'Escuro' }).check();
    await savedAs({ theme: 'dark' });
    expect(await saved()).toMatchObject({
      language: 'pt-BR',
      theme: 'dark',
      bandwidthLimit: 7 * MiB,
      concurrency: 5,
    });

    // After a reload, the page and the file both hold every choice.
    await page.reload();
    await page.getByRole('button', { name: 'Configurações' }).click();
    await page.getByRole('heading', { name: 'Configurações' }).waitFor();
    expect(await page.locator('html').getAttribute('data-theme')).toBe('dark');
    expect(await number(page, 'Limite de banda').inputValue()).toBe('7');
    expect(await number(page, 'Arquivos simultâneos').inputValue()).toBe('5');
    expect(await page.getByLabel('Idioma').inputValue()).toBe('pt-BR');
    expect(await saved()).toMatchObject({ language: 'pt-BR', theme: 'dark', concurrency: 5 });
    expect(errors).toEqual([]);
  });
});
