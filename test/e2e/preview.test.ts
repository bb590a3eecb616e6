import { PutObjectCommand } from '@aws-sdk/client-s3';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from '../support/browser.js';
import { createTestBucket, gatewayEnv, rawClient } from '../support/s3.js';
import { startTestServer } from '../support/serve.js';
import { openBucket, openPage } from './app.js';

/** A 1×1 PNG. */
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
);

describe('previews of objects another client stored as application/octet-stream', () => {
  let browser: Browser;
  let server: Awaited<ReturnType<typeof startTestServer>>;
  let bucket: Awaited<ReturnType<typeof createTestBucket>>;

  beforeAll(async () => {
    bucket = await createTestBucket('e2e-preview');
    const put = (Key: string, Body: Buffer) =>
      rawClient().send(
        new PutObjectCommand({
          Bucket: bucket.name,
          Key,
          Body,
          ContentType: 'application/octet-stream',
        }),
      );
    await Promise.all([put('scan', PNG), put('notes', Buffer.from('Olá from Ferry\n'))]);
    server = await startTestServer(gatewayEnv());
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await bucket?.remove();
  });

  it('shows an image by its first bytes, and UTF-8 text as text', async () => {
    const { page, errors } = await openPage(browser, server.url);
    await openBucket(page, bucket.name);
    await page.getByRole('option', { name: /^scan\b/ }).dblclick();
    const image = page.getByRole('dialog', { name: 'scan' }).getByRole('img', { name: 'scan' });
    await image.waitFor();
    // Decoded, not a broken-image icon: the data URL carries the right type and bytes.
    const width = (img: unknown) => (img as { naturalWidth: number }).naturalWidth;
    expect(await image.evaluate(width)).toBe(1);
    await page.keyboard.press('Escape');
    await page.getByRole('option', { name: /^notes\b/ }).dblclick();
    await page.getByRole('dialog', { name: 'notes' }).getByText('Olá from Ferry').waitFor();
    expect(errors).toEqual([]);
  });
});
