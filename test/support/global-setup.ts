import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { startGateway, type Gateway } from './gateway.js';

export interface GatewayInfo {
  endpoint: string;
  accessKey: string;
  secretKey: string;
  region: string;
}

declare module 'vitest' {
  export interface ProvidedContext {
    gateway: GatewayInfo;
  }
}

let gateway: Gateway | undefined;
let runDir: string | undefined;

/**
 * Starts one throwaway Ceph RADOS Gateway for the whole run, or uses the one named by the
 * FERRY_GATEWAY_* variables that `npm run sandbox` prints, and stops what it started by PID at the end.
 */
export async function setup(project: TestProject): Promise<void> {
  // Every temporary folder of the run (the tests', the gateway's, Chromium's) lands in one, removed at the
  // end: the test workers inherit TMPDIR. Left in /tmp, a run's folders took about 1 GB.
  runDir = mkdtempSync(path.join(os.tmpdir(), 'ferry-test-run-'));
  // Others may pass through it (not list it): tests run the CLI as `nobody` in folders they hand over.
  chmodSync(runDir, 0o711);
  process.env['TMPDIR'] = runDir;
  const endpoint = process.env['FERRY_GATEWAY_ENDPOINT'];
  if (endpoint) {
    project.provide('gateway', {
      endpoint,
      accessKey: process.env['FERRY_GATEWAY_ACCESS_KEY'] ?? '',
      secretKey: process.env['FERRY_GATEWAY_SECRET_KEY'] ?? '',
      region: process.env['FERRY_GATEWAY_REGION'] ?? 'us-east-1',
    });
    return;
  }
  const started = Date.now();
  gateway = await startGateway();
  process.stderr.write(`gateway: ${gateway.endpoint} up in ${Date.now() - started} ms\n`);
  const { endpoint: ep, accessKey, secretKey, region } = gateway;
  project.provide('gateway', { endpoint: ep, accessKey, secretKey, region });
}

export async function teardown(): Promise<void> {
  await gateway?.stop();
  if (runDir) rmSync(runDir, { recursive: true, force: true });
}
