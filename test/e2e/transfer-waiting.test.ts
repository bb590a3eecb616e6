import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from '../support/browser.js';
import { startFaultProxy, type FaultProxy } from '../support/fault-proxy.js';
import { createTestBucket, gateway, gatewayEnv } from '../support/s3.js';
import { startTestServer } from '../support/serve.js';
import { openPage, snap } from './app.js';

describe('an upload that waits out an outage (a watched folder’s)', () => {
  let proxy: FaultProxy;
  let server: Awaited<ReturnType<typeof startTestServer>>;
  let bucket: Awaited<ReturnType<typeof createTestBucket>>;
  let browser: Awaited<ReturnType<typeof launchBrowser>>;
  beforeAll(async () => {
    bucket = await createTestBucket('e2e-wait');
    proxy = await startFaultProxy({ target: gateway().endpoint });
    server = await startTestServer(gatewayEnv({ AWS_ENDPOINT_URL: proxy.endpoint }));
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await proxy?.close();
    await bucket?.remove();
  });

  it('says it waits to retry, in both languages, then arrives', { timeout: 60_000 }, async () => {
    const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'ferry-e2e-wait-')), 'waiting.txt');
    writeFileSync(file, 'sent once the server is back');
    proxy.cut();
    let told = 0;
    const { done } = server.engine.transfers.enqueueUpload({
      profileId: 'environment',
      bucket: bucket.name,
      key: 'waiting.txt',
      file,
      keepTrying: () => told++,
    });

    const en = await openPage(browser, `${server.url}#/transfers`);
    const row = en.page
      .getByRole('list', { name: 'Transfer queue' })
      .getByRole('listitem', { name: 'waiting.txt' });
    await row.getByText('Waiting to retry', { exact: true }).waitFor({ timeout: 20_000 });
    expect(await row.getByText('Queued', { exact: true }).count()).toBe(0);
    // The header's totals say the same: nothing runs while it waits.
    await en.page.getByText('0 running, 1 queued, 0 failed', { exact: true }).waitFor();
    await snap(en.page, 'transfer-waiting-en');

    const pt = await openPage(browser, `${server.url}#/transfers`, { locale: 'pt-BR' });
    await pt.page
      .getByRole('listitem', { name: 'waiting.txt' })
      .getByText('Aguardando nova tentativa', { exact: true })
      .waitFor();
    await snap(pt.page, 'transfer-waiting-pt-br');

    proxy.restore();
    await done;
    expect(told).toBeGreaterThanOrEqual(1);
    await row.getByText('Done', { exact: true }).waitFor({ timeout: 40_000 });
    expect(en.errors).toEqual([]);
    expect(pt.errors).toEqual([]);
  });
});
