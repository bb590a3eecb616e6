import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { app, ipcMain, type BrowserWindow } from 'electron';
import { Engine } from '../engine/engine.js';
import { lineLogger } from '../engine/logger.js';
import { defaultConfigDir } from '../engine/store/paths.js';
import { forwardEvents, registerIpc, trustWindow } from './ipc.js';
import { registerAppScheme, serveRenderer } from './protocol.js';
import { createMainWindow } from './window.js';

/** Paths of the built files, relative to dist/main/desktop.js. */
export function builtPaths(mainFile: string): { preload: string; renderer: string; icon: string } {
  const dist = path.resolve(path.dirname(mainFile), '..');
  return {
    preload: path.join(dist, 'main', 'preload.cjs'),
    renderer: path.join(dist, 'renderer'),
    icon: path.join(dist, '..', 'assets', 'icon.png'),
  };
}

/** Starts the desktop app: one instance, one engine, one hardened window. */
export async function startDesktop(mainFile = fileURLToPath(import.meta.url)): Promise<void> {
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return;
  }
  registerAppScheme();
  const paths = builtPaths(mainFile);
  const logger = lineLogger((line) => process.stderr.write(`${line}\n`), 'info');
  let window: BrowserWindow | undefined;

  app.on('second-instance', () => {
    if (!window || window.isDestroyed()) return;
    if (window.isMinimized()) window.restore();
    window.focus();
  });
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });

  await app.whenReady();
  serveRenderer(paths.renderer);
  const engine = await Engine.create({
    logger,
    face: 'desktop',
    env: process.env,
    // The same folder as the CLI's, so profiles and watches are shared between the faces.
    configDir: defaultConfigDir(process.env),
    platform: os.platform(),
    homeDir: os.homedir(),
  });
  const contents = () => (window && !window.isDestroyed() ? window.webContents : undefined);
  registerIpc(ipcMain, engine, trustWindow(contents));
  forwardEvents(engine, contents);

  const open = () => {
    window = createMainWindow(paths.preload, paths.icon);
  };
  open();
  app.on('activate', () => {
    if (!window || window.isDestroyed()) open();
  });
  app.on('will-quit', () => void engine.dispose());
}
