import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchBrowser } from '../support/browser.js';
import { createTestBucket, gatewayEnv } from '../support/s3.js';
import { startTestServer } from '../support/serve.js';
import { openPage } from './app.js';

describe('the renderer in a browser, through ferry serve', () => {
  let browser: Browser;
  let server: Awaited<ReturnType<typeof startTestServer>>;
  const buckets: Awaited<ReturnType<typeof createTestBucket>>[] = [];

  beforeAll(async () => {
    buckets.push(await createTestBucket('e2e-photos'), await createTestBucket('e2e-backups'));
    server = await startTestServer(gatewayEnv());
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    for (const b of buckets) await b.remove();
  });

  it('lists the buckets of the environment connection', async () => {
    const { page, errors } = await openPage(browser, server.url);
    const list = page.getByRole('list', { name: 'Buckets' });
    for (const b of buckets) await list.getByText(b.name, { exact: true }).waitFor();
    expect(await page.getByRole('button', { name: /environment/ }).count()).toBe(1);
    expect(page.url()).not.toContain('token=');
    expect(errors).toEqual([]);
  });

  it('shows each bucket with its region, fetched after the list, and its creation date', async () => {
    const { page, errors } = await openPage(browser, server.url);
    const list = page.getByRole('list', { name: 'Buckets' });
    for (const b of buckets) {
      const row = list.getByRole('listitem').filter({ hasText: b.name });
      // Ceph states its zonegroup's name as the location of every bucket.
      await row.locator('.region', { hasText: 'default' }).waitFor();
      expect(await row.locator('.region').getAttribute('title')).toBe(
        'Region, as the server states it',
      );
      expect(await row.textContent()).toMatch(/Created \w{3} \d{1,2}, \d{4}/);
    }
    expect(errors).toEqual([]);
  });

  it('switches the interface to Portuguese in the settings, and keeps it', async () => {
    const { page, errors } = await openPage(browser, server.url);
    await page.getByRole('button', { name: 'Settings' }).click();
    await page.getByLabel('Language').selectOption('pt-BR');
    await page.getByRole('heading', { name: 'Configurações' }).waitFor();
    await page.getByText('Conexões').first().waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('pt-BR');
    // The choice is a setting in the engine: a new window opens in Portuguese.
    const again = await openPage(browser, server.url);
    await again.page.getByRole('button', { name: 'Configurações' }).click();
    await again.page.getByLabel('Idioma').selectOption('system');
    await again.page.getByRole('heading', { name: 'Settings' }).waitFor();
    expect(errors).toEqual([]);
  });

  it('follows the OS language when the setting says system', async () => {
    const { page } = await openPage(browser, server.url, { locale: 'pt-BR' });
    await page.getByRole('button', { name: 'Configurações' }).waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('pt-BR');
  });

  it('pins a dark theme over a light OS, and follows the OS again on System', async () => {
    const { page } = await openPage(browser, server.url, { colorScheme: 'light' });
    // Evaluated in the page, which has a DOM; the tests' own TypeScript has none.
    const background = () =>
      page.evaluate<string>('getComputedStyle(document.body).backgroundColor');
    await page.getByRole('list', { name: 'Buckets' }).waitFor();
    const light = await background();
    await page.getByRole('button', { name: 'Settings' }).click();
    await page.getByRole('radio', { name: 'Dark' }).check();
    // The page's CSP forbids eval, so poll from outside rather than waitForFunction.
    await expect.poll(background).not.toBe(light);
    expect(await page.locator('html').getAttribute('data-theme')).toBe('dark');
    await page.getByRole('radio', { name: 'System' }).check();
    await expect.poll(background).toBe(light);
  });

  it('refuses an out-of-range setting with a clear message and saves a valid one', async () => {
    const { page } = await openPage(browser, server.url);
    await page.getByRole('button', { name: 'Settings' }).click();
    const field = page.getByLabel('Files at once');
    await field.fill('99');
    await field.press('Enter');
    await page.getByText('Enter a whole number from 1 to 32.').waitFor();
    await field.fill('8');
    await field.press('Enter');
    await page.getByText('Saved.').waitFor();
    expect((await server.engine.settings.get()).concurrency).toBe(8);
  });

  it('shows the engine error and hint as a banner for a wrong secret', async () => {
    const bad = await startTestServer(gatewayEnv({ AWS_SECRET_ACCESS_KEY: 'wrong' }));
    try {
      const { page } = await openPage(browser, bad.url);
      const alert = page.getByRole('alert');
      await alert.waitFor();
      expect(await alert.textContent()).toContain('The server rejected the request signature.');
      expect(await alert.textContent()).toContain('Check the secret key');
    } finally {
      await bad.close();
    }
  });
});
