import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { _electron as electron } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { createTestBucket, gatewayEnv } from '../support/s3.js';

/**
 * The Electron binary's path, or undefined where it could not be downloaded (as on our CI machines).
 * Reads electron's path.txt rather than require('electron'), which would try to download the binary.
 */
function electronBinary(): string | undefined {
  if (process.env['FERRY_ELECTRON_PATH']) return process.env['FERRY_ELECTRON_PATH'];
  const packageDir = path.dirname(createRequire(import.meta.url).resolve('electron/package.json'));
  const pathFile = path.join(packageDir, 'path.txt');
  if (!existsSync(pathFile)) return undefined;
  const binary = path.join(packageDir, 'dist', readFileSync(pathFile, 'utf8').trim());
  return existsSync(binary) ? binary : undefined;
}

const binary = electronBinary();
const root = fileURLToPath(new URL('../..', import.meta.url));

describe('the Electron app (smoke)', () => {
  it.skipIf(!binary)('launches, lists buckets from the gateway and quits', async () => {
    const bucket = await createTestBucket('electron');
    const app = await electron.launch({
      executablePath: binary!,
      args: [root],
      // A throwaway config folder, so the test never touches the developer's own profiles.
      env: {
        ...process.env,
        ...gatewayEnv(),
        FERRY_CONFIG_DIR: mkdtempSync(path.join(os.tmpdir(), 'ferry-electron-')),
      } as Record<string, string>,
    });
    try {
      const window = await app.firstWindow();
      await window
        .getByRole('list', { name: 'Buckets' })
        .getByText(bucket.name, { exact: true })
        .waitFor();
      expect(
        await window.evaluate(() => typeof (window as unknown as { require?: unknown }).require),
      ).toBe('undefined');
    } finally {
      await app.close();
      await bucket.remove();
    }
  });
});
