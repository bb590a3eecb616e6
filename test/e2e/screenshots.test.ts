import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from '../support/browser.js';
import { createTestBucket, gatewayEnv, rawClient } from '../support/s3.js';
import { startTestServer } from '../support/serve.js';
import { en } from '../../src-renderer/lib/i18n/en.js';
import { ptBR } from '../../src-renderer/lib/i18n/pt-br.js';
import { openBucket, openPage, snap } from './app.js';

/** Every main screen in light and dark, as artifacts in test-results/ (the README shows a selection). */
describe('screenshots of every main screen', () => {
  let browser: Browser;
  let server: Awaited<ReturnType<typeof startTestServer>>;
  let bucket: Awaited<ReturnType<typeof createTestBucket>>;
  const folder = mkdtempSync(path.join(os.tmpdir(), 'ferry-e2e-shots-'));

  beforeAll(async () => {
    bucket = await createTestBucket('photos');
    const s3 = rawClient();
    const files: [string, number][] = [
      ['2026/march/harbour.jpg', 2_400_000],
      ['2026/april/lighthouse.jpg', 3_100_000],
      ['albums/.keep', 0],
      ['drafts/.keep', 0],
      ['ferry-at-dawn.jpg', 4_200_000],
      ['index.html', 2_300],
      ['notes.md', 1_100],
      ['passenger-list.csv', 48_000],
      ['timetable-2026.pdf', 860_000],
    ];
    await Promise.all(
      files.map(([key, size]) =>
        s3.send(
          new PutObjectCommand({ Bucket: bucket.name, Key: key, Body: Buffer.alloc(size, 7) }),
        ),
      ),
    );
    server = await startTestServer(gatewayEnv());
    await server.engine.handlers()['watches.add']({
      folder,
      profileId: 'environment',
      bucket: bucket.name,
      prefix: 'inbox/',
      include: [],
      exclude: [],
      defaultExcludes: true,
      followSymlinks: false,
      stabilityMs: 1500,
      mode: 'upload',
      pollSeconds: 60,
      deletePolicy: 'keep',
      maxDeletes: 50,
      maxDeletePercent: 10,
    });
    // A few finished uploads, so the transfers screen has something to show.
    const local = mkdtempSync(path.join(os.tmpdir(), 'ferry-e2e-shots-up-'));
    const paths = ['crossing-log.txt', 'deck-plan.svg', 'route-map.png', 'tide-table.csv'].map(
      (name, i) => {
        writeFileSync(path.join(local, name), Buffer.alloc(40_000 * (i + 1), 1));
        return path.join(local, name);
      },
    );
    const engine = server.engine;
    const allDone = new Promise<void>((resolve) => {
      const check = () => {
        const list = engine.transfers.list();
        if (list.length === paths.length && list.every((t) => t.state === 'done')) resolve();
      };
      engine.events.on('transfers.changed', check);
    });
    await engine.handlers()['transfers.upload']({
      profileId: 'environment',
      bucket: bucket.name,
      prefix: 'uploads/',
      paths,
    });
    await allDone;
    rmSync(local, { recursive: true, force: true });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await bucket?.remove();
    rmSync(folder, { recursive: true, force: true });
  });

  async function tour(page: Page, scheme: 'light' | 'dark'): Promise<void> {
    await page.getByRole('list', { name: 'Buckets' }).getByText(bucket.name).waitFor();
    await snap(page, `buckets-${scheme}`);
    await openBucket(page, bucket.name);
    await page.getByRole('option', { name: /^notes\.md/ }).click();
    await page
      .getByRole('option', { name: /^passenger-list\.csv/ })
      .click({ modifiers: ['Shift'] });
    await snap(page, `browser-${scheme}`);
    await page.getByRole('option', { name: /^ferry-at-dawn\.jpg/ }).click({ button: 'right' });
    await page.getByRole('menu').waitFor();
    await snap(page, `context-menu-${scheme}`);
    await page.keyboard.press('Escape');
    await page
      .getByRole('navigation', { name: 'Ferry' })
      .getByRole('button', { name: 'Transfers' })
      .click();
    await page.getByRole('heading', { name: 'Transfers' }).waitFor();
    await snap(page, `transfers-${scheme}`);
    await page.getByRole('button', { name: 'Watched folders' }).click();
    await page.getByText('Up to date').waitFor();
    await snap(page, `watches-${scheme}`);
    await page.getByRole('button', { name: 'Settings' }).click();
    await page.getByRole('heading', { name: 'Settings' }).waitFor();
    await snap(page, `settings-${scheme}`);
    await page.getByRole('button', { name: 'Manage connections' }).click();
    await page.getByRole('button', { name: 'Add connection' }).click();
    await page.getByRole('form', { name: 'Connection' }).waitFor();
    await snap(page, `connection-form-${scheme}`);
  }

  for (const scheme of ['light', 'dark'] as const) {
    it(`tours the interface in ${scheme} mode`, async () => {
      const { page, errors } = await openPage(browser, server.url, { colorScheme: scheme });
      await tour(page, scheme);
      expect(errors).toEqual([]);
    });
  }

  it('tours the interface in Portuguese, light and dark, with no English left on screen', async () => {
    const pt = ptBR;
    for (const scheme of ['light', 'dark'] as const) {
      const { page, errors } = await openPage(browser, server.url, {
        colorScheme: scheme,
        locale: 'pt-BR',
      });
      const leaks: string[] = [];
      const look = async (name: string) => {
        leaks.push(...(await englishOnScreen(page)).map((line) => `${name}: ${line}`));
        await snap(page, `${name}-pt-br-${scheme}`);
      };
      await page.getByRole('list', { name: pt['buckets.title'] }).getByText(bucket.name).waitFor();
      // first(): another test file may have a bucket of its own on the same gateway at this moment.
      await page.locator('.region', { hasText: 'default' }).first().waitFor();
      await look('buckets');
      await page
        .getByRole('list', { name: pt['buckets.title'] })
        .getByRole('button', { name: new RegExp(`^${bucket.name}`) })
        .click();
      await page.getByRole('option', { name: /^notes\.md/ }).click();
      await look('browser');
      await page.getByRole('option', { name: /^ferry-at-dawn\.jpg/ }).click({ button: 'right' });
      await page.getByRole('menu').waitFor();
      await look('context-menu');
      await page.keyboard.press('Escape');
      await page.getByRole('button', { name: pt['nav.transfers'] }).click();
      await page.getByRole('heading', { name: pt['transfers.title'] }).waitFor();
      await look('transfers');
      await page.getByRole('button', { name: pt['nav.watches'] }).click();
      await page.getByRole('heading', { name: pt['watches.title'] }).waitFor();
      await look('watches');
      await page.getByRole('button', { name: pt['nav.settings'] }).click();
      await page.getByRole('heading', { name: pt['settings.title'] }).waitFor();
      await look('settings');
      await page.getByRole('button', { name: pt['nav.manageConnections'] }).click();
      await page.getByRole('button', { name: pt['connections.add'] }).click();
      await page.getByRole('form', { name: pt['profile.form'] }).waitFor();
      await look('connection-form');
      expect(leaks).toEqual([]);
      expect(errors).toEqual([]);
    }
  });
});

/** English catalogue texts without parameters whose Portuguese differs: none may show in Portuguese. */
const englishOnly = new Set(
  (Object.keys(en) as (keyof typeof en)[])
    .filter((k) => !en[k].includes('{') && en[k] !== ptBR[k])
    .flatMap((k) => en[k].split(' | ')),
);

/** Lines of the page's text (and its accessible names and tooltips) that are English catalogue texts. */
async function englishOnScreen(page: Page): Promise<string[]> {
  const text = await page.locator('body').innerText();
  const attributes = await page
    .locator('[aria-label], [title], [placeholder]')
    .evaluateAll((nodes) =>
      nodes.flatMap((n) =>
        ['aria-label', 'title', 'placeholder'].map((a) => n.getAttribute(a) ?? ''),
      ),
    );
  return [...text.split('\n'), ...attributes]
    .map((line) => line.trim())
    .filter((line) => englishOnly.has(line));
}
