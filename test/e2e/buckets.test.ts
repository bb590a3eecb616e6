import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchBrowser } from '../support/browser.js';
import { createTestBucket, gatewayEnv } from '../support/s3.js';
import { startTestServer } from '../support/serve.js';

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
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
    await page.goto(server.url);
    const list = page.getByRole('list', { name: 'Buckets' });
    for (const b of buckets) await list.getByText(b.name, { exact: true }).waitFor();
    expect(await page.getByRole('button', { name: /environment/ }).count()).toBe(1);
    expect(page.url()).not.toContain('token=');
    expect(errors).toEqual([]);
    await page.screenshot({ path: 'test-results/buckets-light.png' });
  });

  it('switches the interface to Portuguese', async () => {
    const page = await browser.newPage();
    await page.goto(server.url);
    await page.getByRole('list', { name: 'Buckets' }).waitFor();
    await page.getByLabel('Language').selectOption('pt-BR');
    await page.getByRole('heading', { name: 'Buckets' }).waitFor();
    await page.getByText('Conexões').first().waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('pt-BR');
  });

  it('shows the engine error and hint as a banner for a wrong secret', async () => {
    const bad = await startTestServer(gatewayEnv({ AWS_SECRET_ACCESS_KEY: 'wrong' }));
    try {
      const page = await browser.newPage();
      await page.goto(bad.url);
      const alert = page.getByRole('alert');
      await alert.waitFor();
      expect(await alert.textContent()).toContain('The server rejected the request signature.');
      expect(await alert.textContent()).toContain('Check the secret key');
    } finally {
      await bad.close();
    }
  });
});
