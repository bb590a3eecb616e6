import { fileURLToPath } from 'node:url';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  plugins: [svelte()],
  resolve: {
    // Desktop code is tested against a fake electron module: no Electron binary can be downloaded here.
    alias: { electron: fileURLToPath(new URL('./test/support/fake-electron.ts', import.meta.url)) },
  },
  define: { __FERRY_VERSION__: JSON.stringify('0.0.0-test') },
  test: {
    include: ['test/**/*.test.ts'],
    exclude: ['test/fixtures/**', 'node_modules/**'],
    // One real gateway per run; each test file makes its own buckets.
    globalSetup: ['test/support/global-setup.ts'],
    // The SDK's notice that future releases need Node 22 is noise in test output.
    env: { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
    testTimeout: 30_000,
    hookTimeout: 90_000,
    pool: 'forks',
    reporters: ['default', './test/support/summary-reporter.ts'],
  },
});
