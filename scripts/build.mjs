// Builds every face: the renderer with Vite, and the main-process bundles (desktop, preload, CLI) with
// esbuild. Dependencies stay external so electron-builder packs them from node_modules.
import { readFileSync } from 'node:fs';
import { build as esbuild } from 'esbuild';
import { build as viteBuild } from 'vite';

const { version } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
const define = { __FERRY_VERSION__: JSON.stringify(version) };
const quiet = process.argv.includes('--quiet');

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  sourcemap: 'linked',
  define,
  logLevel: 'warning',
};

const started = Date.now();
await Promise.all([
  esbuild({
    ...common,
    entryPoints: { cli: 'src-main/cli/index.ts', desktop: 'src-main/desktop/main.ts' },
    outdir: 'dist/main',
    format: 'esm',
    packages: 'external',
    // ESM bundles of CommonJS dependencies need a require().
    banner: {
      js: "import { createRequire as __ferryRequire } from 'node:module'; const require = __ferryRequire(import.meta.url);",
    },
  }),
  // Sandboxed preloads must be one CommonJS file that requires nothing but electron.
  esbuild({
    ...common,
    entryPoints: { preload: 'src-main/desktop/preload.ts' },
    outdir: 'dist/main',
    outExtension: { '.js': '.cjs' },
    format: 'cjs',
    platform: 'browser',
    external: ['electron'],
    minify: true,
  }),
]);
await viteBuild({ configFile: 'vite.config.ts', logLevel: quiet ? 'error' : 'warn' });
if (!quiet) console.log(`built dist/ in ${((Date.now() - started) / 1000).toFixed(1)} s`);
