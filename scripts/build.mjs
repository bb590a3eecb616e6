// Builds every face: the renderer with Vite, and the main-process bundles (desktop, its engine worker,
// preload, CLI) with esbuild. The desktop bundle keeps its dependencies external so electron-builder
// packs them from node_modules; the CLI is one self-contained file, started through V8's code cache (see
// bin/ferry).
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, rmSync } from 'node:fs';
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

/**
 * The AWS SDK and Smithy packages are CommonJS. Imported from an ESM bundle, Node first scans each of their
 * files for export names (about 70 ms at every start of the CLI, the desktop app and `serve`); required, they
 * load without that scan. Each import of them becomes a require() through the banner's createRequire.
 */
const requireCommonJs = {
  name: 'require-commonjs',
  setup(build) {
    const namespace = 'require-commonjs';
    build.onResolve({ filter: /^@(aws-sdk|smithy)\// }, (args) =>
      args.namespace === namespace
        ? { path: args.path, external: true }
        : { path: args.path, namespace },
    );
    build.onLoad({ filter: /.*/, namespace }, (args) => ({
      contents: `module.exports = require(${JSON.stringify(args.path)});`,
      loader: 'js',
    }));
  },
};

const started = Date.now();
await Promise.all([
  esbuild({
    ...common,
    entryPoints: { desktop: 'src-main/desktop/main.ts' },
    outdir: 'dist/main',
    format: 'esm',
    packages: 'external',
    plugins: [requireCommonJs],
    // ESM bundles of CommonJS dependencies need a require().
    banner: {
      js: "import { createRequire as __ferryRequire } from 'node:module'; const require = __ferryRequire(import.meta.url);",
    },
  }),
  // The CLI (and `ferry serve`): one CommonJS file with every dependency inside, so a start resolves and
  // reads no other module, and V8 can cache its compiled code (bin/ferry). `ferry --version` took 0.26 s of
  // CPU as an ESM bundle loading the SDK from node_modules, 0.14 s so.
  esbuild({
    ...common,
    entryPoints: { cli: 'src-main/cli/index.ts' },
    outdir: 'dist/main',
    outExtension: { '.js': '.cjs' },
    format: 'cjs',
    define: { ...define, 'import.meta.url': '__ferryModuleUrl' },
    banner: { js: "const __ferryModuleUrl = require('node:url').pathToFileURL(__filename).href;" },
  }),
  // The desktop app's engine thread (src-main/engine/port/worker.ts), self-contained like the CLI: the
  // worker resolves no module at start, from the app's asar or anywhere else.
  esbuild({
    ...common,
    entryPoints: { 'engine-worker': 'src-main/engine/port/worker.ts' },
    outdir: 'dist/main',
    outExtension: { '.js': '.cjs' },
    format: 'cjs',
    define: { ...define, 'import.meta.url': '__ferryModuleUrl' },
    banner: { js: "const __ferryModuleUrl = require('node:url').pathToFileURL(__filename).href;" },
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
// A code cache made for the previous build must not outlive it; one start makes the new one.
for (const file of readdirSync('dist/main')) {
  if (file.endsWith('.cache')) rmSync(`dist/main/${file}`);
}
execFileSync(process.execPath, ['bin/ferry', '--version'], { stdio: 'ignore' });
if (!quiet) console.log(`built dist/ in ${((Date.now() - started) / 1000).toFixed(1)} s`);
