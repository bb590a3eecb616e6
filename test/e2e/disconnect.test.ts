import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../../src-main/engine/engine.js';
import { startServer, type RunningServer } from '../../src-main/serve/server.js';
import { launchBrowser } from '../support/browser.js';
import { testEngine } from '../support/engine.js';
import { createTestBucket, gatewayEnv } from '../support/s3.js';
import { rendererDir } from '../support/serve.js';
import { MiB, randomFile, tempDir } from '../support/transfer.js';
import { openPage, snap } from './app.js';

describe('when ferry serve goes away', () => {
  let browser: Browser;
  let bucket: Awaited<ReturnType<typeof createTestBucket>>;
  let engine: Engine;
  let server: RunningServer | undefined;

  beforeAll(async () => {
    bucket = await createTestBucket('e2e-disconnect');
    engine = await testEngine({ env: gatewayEnv() });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await engine?.dispose();
    await bucket?.remove();
  });

  it('says so, reconnects when the same server returns, and asks for the new URL when it cannot', async () => {
    // A transfer slow enough to be running the whole time: 40 MiB at 1 MiB/s.
    await engine.settings.update({ bandwidthLimit: 1 * MiB, partSize: 5 * MiB });
    const { file } = randomFile(tempDir('e2e-disconnect'), 'slow.bin', 40 * MiB);
    const { ids } = await engine.handlers()['transfers.upload']({
      profileId: 'environment',
      bucket: bucket.name,
      prefix: '',
      paths: [file],
    });
    server = await startServer({ engine, rendererDir, token: 'first-token' });
    const { port } = server;

    const { page } = await openPage(browser, server.url);
    await page
      .getByRole('navigation', { name: 'Ferry' })
      .getByRole('button', { name: 'Transfers' })
      .click();
    const row = page.getByRole('listitem', { name: 'slow.bin' });
    await row.getByText('Transferring').waitFor();
    await row.getByText(/B\/s/).waitFor();

    // The server stops (as a killed process would: every socket closes).
    await server.close();
    server = undefined;
    const banner = page.getByRole('alert').filter({ hasText: 'Disconnected' });
    await banner.getByText('Disconnected — reconnecting…').waitFor();
    // Nothing on the page claims a transfer is moving while Ferry cannot know.
    await row.getByText('Transferring').waitFor({ state: 'detached' });
    expect(await row.getByText(/B\/s/).count()).toBe(0);
    await snap(page, 'disconnected-light');

    // The same server (same port, same token) comes back: the page reconnects on its own.
    server = await startServer({ engine, rendererDir, port, token: 'first-token' });
    await banner.waitFor({ state: 'detached', timeout: 15_000 });
    await row.getByText('Transferring').waitFor();

    // A restarted server has a new token: the page cannot get back in and says what to do.
    await server.close();
    server = await startServer({ engine, rendererDir, port, token: 'second-token' });
    await page
      .getByRole('alert')
      .getByText(/open the new URL/i)
      .waitFor({ timeout: 15_000 });
    await snap(page, 'disconnected-new-token-light');

    await engine.handlers()['transfers.cancel']({ ids });
  });
});
