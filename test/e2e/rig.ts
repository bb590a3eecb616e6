import type { Browser } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { launchBrowser } from '../support/browser.js';
import { startFaultProxy, type FaultOptions, type FaultProxy } from '../support/fault-proxy.js';
import { createTestBucket, gateway, gatewayEnv } from '../support/s3.js';
import { startTestServer } from '../support/serve.js';

/**
 * What a browser test file works with: its own bucket, a `ferry serve` on the gateway (through a fault proxy
 * when asked), and Chromium.
 */
export interface E2eRig {
  browser: Browser;
  server: Awaited<ReturnType<typeof startTestServer>>;
  bucket: Awaited<ReturnType<typeof createTestBucket>>;
  /** The fault proxy `ferry serve` reaches the gateway through, when the rig was asked for one. */
  proxy: FaultProxy;
}

/**
 * Sets the rig up before the file's tests and takes it down after them (call it at the top of a describe;
 * the fields are there once its tests run). Hooks registered after it see the bucket already made.
 */
export function e2eRig(
  bucketPrefix: string,
  options: { proxy?: Omit<FaultOptions, 'target'> } = {},
): E2eRig {
  const rig = {} as E2eRig;
  beforeAll(async () => {
    rig.bucket = await createTestBucket(bucketPrefix);
    if (options.proxy) {
      rig.proxy = await startFaultProxy({ ...options.proxy, target: gateway().endpoint });
    }
    const env = rig.proxy ? gatewayEnv({ AWS_ENDPOINT_URL: rig.proxy.endpoint }) : gatewayEnv();
    rig.server = await startTestServer(env);
    rig.browser = await launchBrowser();
  });
  afterAll(async () => {
    await rig.browser?.close();
    await rig.server?.close();
    await rig.proxy?.close();
    await rig.bucket?.remove();
  });
  return rig;
}
