import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../../src-main/engine/engine.js';
import { startServer, type RunningServer } from '../../src-main/serve/server.js';
import { launchBrowser } from '../support/browser.js';
import { tempConfigDir, testEngine } from '../support/engine.js';
import { createTestBucket, gatewayEnv } from '../support/s3.js';
import { rendererDir } from '../support/serve.js';
import { tempDir, waitFor } from '../support/transfer.js';
import { openPage } from './app.js';

describe('transfer history in the transfers view', () => {
  const configDir = tempConfigDir();
  let browser: Browser;
  let bucket: Awaited<ReturnType<typeof createTestBucket>>;
  let engine: Engine | undefined;
  let server: RunningServer | undefined;

  /** `ferry serve` on the same config folder, as a restart would find it. */
  const start = async () => {
    engine = await testEngine({ env: gatewayEnv(), configDir });
    server = await startServer({ engine, rendererDir });
    return { engine, server };
  };
  const stop = async () => {
    await server?.close();
    await engine?.dispose();
    server = undefined;
    engine = undefined;
  };

  beforeAll(async () => {
    bucket = await createTestBucket('e2e-history');
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await stop();
    await bucket?.remove();
  });

  it('shows the transfers of an earlier run after a restart, newest first', async () => {
    const first = await start();
    const dir = tempDir('e2e-history');
    for (const name of ['older.txt', 'newer.txt']) {
      const file = path.join(dir, name);
      await writeFile(file, `contents of ${name}`);
      const { ids } = await first.engine.handlers()['transfers.upload']({
        profileId: 'environment',
        bucket: bucket.name,
        prefix: '',
        paths: [file],
      });
      expect((await waitFor(first.engine, ids[0]!)).state).toBe('done');
    }
    await stop();

    const second = await start();
    const { page, errors } = await openPage(browser, second.server.url);
    await page
      .getByRole('navigation', { name: 'Ferry' })
      .getByRole('button', { name: 'Transfers' })
      .click();
    const list = page.getByRole('list', { name: 'Transfer queue' });
    await list.getByRole('listitem', { name: 'newer.txt' }).waitFor();
    await list.getByRole('listitem', { name: 'older.txt' }).waitFor();
    const names = await list
      .getByRole('listitem')
      .evaluateAll((rows) => rows.map((row) => row.getAttribute('aria-label')));
    expect(names).toEqual(['newer.txt', 'older.txt']);
    expect(await page.getByRole('tab', { name: /Finished/ }).textContent()).toContain('2');
    expect(errors).toEqual([]);
  });
});
