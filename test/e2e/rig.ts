import type { Browser } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { launchBrowser } from '../support/browser.js';
import { createTestBucket, gatewayEnv } from '../support/s3.js';
import { startTestServer } from '../support/serve.js';

/** What a browser test file works with: its own bucket, a `ferry serve` on the gateway, and Chromium. */
export interface E2eRig {
  browser: Browser;
  server: Awaited<ReturnType<typeof startTestServer>>;
  bucket: Awaited<ReturnType<typeof createTestBucket>>;
}

/**
 * Sets the rig up before the file's tests and takes it down after them (call it at the top of a describe;
 * the fields are there once its tests run). Hooks registered after it see the bucket already made.
 */
export function e2eRig(bucketPrefix: string): E2eRig {
  const rig = {} as E2eRig;
  beforeAll(async () => {
    rig.bucket = await createTestBucket(bucketPrefix);
    rig.server = await startTestServer(gatewayEnv());
    rig.browser = await launchBrowser();
  });
  afterAll(async () => {
    await rig.browser?.close();
    await rig.server?.close();
    await rig.bucket?.remove();
  });
  return rig;
}
