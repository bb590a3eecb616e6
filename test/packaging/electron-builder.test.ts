import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { APP_ID, builtPaths } from '../../src-main/desktop/app.js';

/**
 * The Electron zip cannot be downloaded here, so `npm run dist` cannot run. Instead this loads
 * electron-builder.yml with electron-builder's own loader and schema validator, and runs its own file
 * matcher (the one `dist` uses) over the repository's files.
 */
const require = createRequire(import.meta.url);
const root = path.resolve('.');

interface Config {
  files: unknown;
  asar: boolean;
  linux: { target: string[]; icon: string };
  mac: { target: { target: string; arch: string[] }[]; icon: string };
  win: { target: string[]; icon: string };
  directories: { buildResources: string; output: string };
  [key: string]: unknown;
}
const builder = require('app-builder-lib/out/util/config/config.js') as {
  getConfig(dir: string, file: string, extra: null): Promise<Config>;
  validateConfiguration(config: unknown, logger: unknown): Promise<void>;
};
const { DebugLogger } = require('builder-util') as { DebugLogger: new (on: boolean) => unknown };
const matcher = require('app-builder-lib/out/fileMatcher.js') as {
  getMainFileMatchers(
    ...args: unknown[]
  ): { createFilter(): (file: string, stat: unknown) => boolean }[];
};

async function loadConfig(): Promise<Config> {
  return builder.getConfig(root, 'electron-builder.yml', null);
}

/** What electron-builder would copy into the app from these repository paths. */
function packed(config: Config, files: string[]): string[] {
  const info = {
    projectDir: root,
    buildResourcesDir: config.directories.buildResources,
    isPrepackedAppAsar: false,
    config,
    debugLogger: { isEnabled: false },
  };
  const [main] = matcher.getMainFileMatchers(
    root,
    '/app',
    (pattern: string) => pattern,
    config.linux,
    { info, config },
    path.join(root, config.directories.output),
    false,
  );
  const filter = main!.createFilter();
  const stat = { isDirectory: () => false };
  return files.filter((file) => filter(path.join(root, file), stat));
}

/** The repository's files, plus what `npm run build` writes (it may not have run yet). */
function repositoryFiles(): string[] {
  const tracked = execFileSync('git', ['ls-files'], { cwd: root, encoding: 'utf8' })
    .split('\n')
    .filter(Boolean);
  const built = [
    'dist/main/desktop.js',
    'dist/main/desktop.js.map',
    'dist/main/preload.cjs',
    'dist/main/engine-worker.cjs',
    'dist/main/engine-worker.cjs.map',
    'dist/main/cli.cjs',
    'dist/main/cli.cjs.2833393-1795240258042.cache',
    'dist/renderer/index.html',
    'dist/renderer/assets/index-abc123.js',
    'dist/renderer/assets/index-abc123.css',
    'node_modules/zod/package.json',
  ];
  return [...tracked, ...built];
}

describe('the packaging configuration', () => {
  it('loads and passes electron-builder’s own schema validation', async () => {
    const config = await loadConfig();
    await expect(
      builder.validateConfiguration(config, new DebugLogger(false)),
    ).resolves.toBeUndefined();
  });

  it('is really validated: a wrong option is refused', async () => {
    const config = await loadConfig();
    await expect(
      builder.validateConfiguration(
        { ...config, linux: { ...config.linux, trget: ['AppImage'] } },
        new DebugLogger(false),
      ),
    ).rejects.toThrow(/configuration/i);
  });

  it('builds AppImage and deb, a dmg for arm64 and x64, and an nsis installer, in an asar', async () => {
    const config = await loadConfig();
    expect(config.linux.target).toEqual(['AppImage', 'deb']);
    expect(config.mac.target).toEqual([{ target: 'dmg', arch: ['arm64', 'x64'] }]);
    expect(config.win.target).toEqual(['nsis']);
    expect(config.asar).toBe(true);
    // Windows ties notifications to this identity: the app sets the same one at start.
    expect(config['appId']).toBe(APP_ID);
    for (const icon of [
      config.mac.icon,
      config.win.icon,
      path.join(config.linux.icon, '512x512.png'),
    ]) {
      expect(existsSync(path.join(root, icon))).toBe(true);
    }
  });

  it('packs the built app and its run-time icons, and no sources, tests, maps or tooling', async () => {
    const config = await loadConfig();
    const files = repositoryFiles();
    const shipped = packed(config, files);
    expect(shipped).toEqual(
      expect.arrayContaining([
        'package.json',
        'dist/main/desktop.js',
        'dist/main/preload.cjs',
        // The engine's worker thread, at the path the app starts it from.
        path.relative(root, builtPaths(path.join(root, 'dist', 'main', 'desktop.js')).engineWorker),
        'dist/renderer/index.html',
        'dist/renderer/assets/index-abc123.js',
        'assets/icon.png',
        'assets/icons/64x64.png',
        'assets/tray/tray-idle-dark.png',
        'assets/tray/tray-idle-dark@2x.png',
        'assets/tray/tray-activeTemplate.png',
        'assets/tray/tray-error.ico',
        'assets/tray/tray-paused-light.ico',
      ]),
    );
    const allowed =
      /^(package\.json|dist\/(main|renderer)\/|assets\/(icon\.png|icons\/64x64\.png|tray\/[^/]+\.(png|ico)))/;
    expect(shipped.filter((file) => !allowed.test(file))).toEqual([]);
    for (const banned of [
      /\.map$/,
      /\.cache$/, // the CLI's code cache is made for the Node that built it, not for Electron's
      /\.ts$/,
      /^src-/,
      /^test\//,
      /^bench\//,
      /^scripts\//,
      /^node_modules\//,
    ]) {
      expect(shipped.filter((file) => banned.test(file))).toEqual([]);
    }
    // Every tray icon the app can ask for is in the package.
    const trayIcons = files.filter((f) => /^assets\/tray\/[^/]+\.(png|ico)$/.test(f));
    // Four states, each as macOS template, light and dark PNGs at 1x and @2x, and two .ico files.
    expect(trayIcons).toHaveLength(32);
    expect(trayIcons.filter((f) => !shipped.includes(f))).toEqual([]);
  });
});
