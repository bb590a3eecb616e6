import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from '../support/browser.js';
import { startFaultProxy, type FaultProxy } from '../support/fault-proxy.js';
import { createTestBucket, gateway, gatewayEnv } from '../support/s3.js';
import { startTestServer } from '../support/serve.js';
import { openPage } from './app.js';

describe('bucket regions in the list', () => {
  let browser: Browser;
  let proxy: FaultProxy;
  let server: Awaited<ReturnType<typeof startTestServer>>;
  let bucket: Awaited<ReturnType<typeof createTestBucket>>;

  beforeAll(async () => {
    bucket = await createTestBucket('region');
    // Every GetBucketLocation is refused with 503 SlowDown; everything else reaches the gateway.
    proxy = await startFaultProxy({
      target: gateway().endpoint,
      plan: (info) => (/[?&]location(=|&|$)/.test(info.url) ? 'slowdown' : 'pass'),
    });
    server = await startTestServer(gatewayEnv({ AWS_ENDPOINT_URL: proxy.endpoint }));
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await proxy?.close();
    await bucket?.remove();
  });

  it('shows a quiet dash with the reason as its tooltip when the region cannot be read, in Portuguese', async () => {
    const { page, errors } = await openPage(browser, server.url, { locale: 'pt-BR' });
    const row = page.getByRole('list', { name: 'Buckets' }).getByRole('listitem').filter({
      hasText: bucket.name,
    });
    const region = row.locator('.region');
    await region.getByText('—').waitFor();
    expect(await region.getAttribute('title')).toBe(
      'Região desconhecida. O servidor pede que o Ferry vá mais devagar. O Ferry tenta de novo com espera crescente; diminua a concorrência se continuar acontecendo.',
    );
    expect(await row.textContent()).toContain('Região desconhecida');
    // The list itself and the rest of the row still work.
    expect(await row.textContent()).toMatch(/Criado em/);
    expect(proxy.stats.slowDowns).toBeGreaterThan(0);

    // Once the server answers again, Refresh asks for the regions that failed.
    proxy.configure({ plan: () => 'pass' });
    await page.getByRole('button', { name: 'Atualizar' }).click();
    await region.getByText('default').waitFor();
    expect(errors).toEqual([]);
  });
});
