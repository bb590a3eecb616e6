import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { app, dialog, ipcMain, type BrowserWindow } from 'electron';
import type { DesktopTarget } from '../../src-shared/contract/index.js';
import { lineLogger, type Logger } from '../engine/logger.js';
import { defaultConfigDir } from '../engine/store/paths.js';
import { desktopCommandHandlers } from './desktop-commands.js';
import { DragOut } from './drag-out.js';
import { EngineProxy } from './engine-proxy.js';
import { forwardEvents, registerIpc, trustWindow } from './ipc.js';
import { SafeStorageSecretStore } from './keychain.js';
import { guardQuit, keepWindow, type QuitGuard } from './lifecycle.js';
import { LocalFiles } from './local-files.js';
import { followLoginSetting, HIDDEN_ARG } from './login-item.js';
import { installApplicationMenu } from './menu.js';
import { registerAppScheme, serveRenderer } from './protocol.js';
import { startShell } from './shell.js';
import { desktopStrings, type Translate } from './strings.js';
import { isTrustedLink } from './external-links.js';
import { createMainWindow, hardenEveryWebContents, trustLinks } from './window.js';

/** The application's identity; the same as `appId` in electron-builder.yml. */
export const APP_ID = 'dev.ferry.app';

/** Paths of the built and packaged files, relative to dist/main/desktop.js. */
export function builtPaths(mainFile: string) {
  const dist = path.resolve(path.dirname(mainFile), '..');
  const assets = path.join(dist, '..', 'assets');
  return {
    preload: path.join(dist, 'main', 'preload.cjs'),
    engineWorker: path.join(dist, 'main', 'engine-worker.cjs'),
    renderer: path.join(dist, 'renderer'),
    icon: path.join(assets, 'icon.png'),
    trayIcons: path.join(assets, 'tray'),
    dragIcon: path.join(assets, 'icons', '64x64.png'),
  };
}

/** Asks before quitting with transfers running; true means quit. */
async function confirmQuit(t: Translate, window: BrowserWindow | undefined, count: number) {
  const options: Electron.MessageBoxOptions = {
    type: 'question',
    buttons: [t('quit.confirm'), t('quit.cancel')],
    defaultId: 0,
    cancelId: 1,
    title: t('quit.title'),
    message: count === 1 ? t('quit.message.one') : t('quit.message', { count }),
    detail: t('quit.detail'),
  };
  const answer = window
    ? await dialog.showMessageBox(window, options)
    : await dialog.showMessageBox(options);
  return answer.response === 0;
}

/** The running app's parts, for tests and for main.ts to ignore. */
export interface DesktopApp {
  /** The engine, running in a worker thread, as the main thread sees it. */
  engine: EngineProxy;
  window: () => BrowserWindow | undefined;
  quit: QuitGuard;
}

/** Starts the desktop app: one instance, one engine in a worker thread, one hardened window, a tray. */
export async function startDesktop(
  mainFile = fileURLToPath(import.meta.url),
): Promise<DesktopApp | undefined> {
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return undefined;
  }
  hardenEveryWebContents();
  registerAppScheme();
  // Windows shows notifications only for an app with an identity (the installer's, electron-builder's appId).
  if (process.platform === 'win32') app.setAppUserModelId(APP_ID);
  const paths = builtPaths(mainFile);
  const logger = lineLogger((line) => process.stderr.write(`${line}\n`), 'info');
  const platform = os.platform();
  await app.whenReady();
  serveRenderer(paths.renderer);
  installApplicationMenu(platform, paths.icon);
  const configDir = defaultConfigDir(process.env);
  const engine = await EngineProxy.start({
    workerFile: paths.engineWorker,
    logger,
    env: process.env,
    // The same folder as the CLI's, so profiles and watches are shared between the faces.
    configDir,
    platform,
    homeDir: os.homedir(),
    // The keychain stays on this thread (safeStorage needs the app to be ready: on Linux it picks the
    // keyring then); the worker asks it for a profile's secret when it needs one.
    secrets: new SafeStorageSecretStore(configDir, platform),
  });
  // The page opens presigned links to the user's own servers; nothing else leaves for the browser.
  trustLinks((url) => isTrustedLink(url, engine.profiles.list()));
  return runDesktop(engine, paths, logger, !process.argv.includes(HIDDEN_ARG));
}

/** Wires window, IPC, tray, notifications and the quit guard around a running engine. */
function runDesktop(
  engine: EngineProxy,
  paths: ReturnType<typeof builtPaths>,
  logger: Logger,
  showAtStart: boolean,
): DesktopApp {
  const platform = engine.platform;
  const t = () => desktopStrings(engine.settings.get().language, app.getLocale());
  const files = new LocalFiles();
  const drag = new DragOut((source, file) => engine.fetchToFile(source, file), files);
  let window: BrowserWindow | undefined;
  const current = () => (window && !window.isDestroyed() ? window : undefined);

  const showWindow = (target?: DesktopTarget) => {
    let shown = current();
    const navigate = () => target && engine.events.emit('desktop.navigate', target);
    if (shown) navigate();
    else {
      shown = window = openWindow(true);
      // A new page cannot hear the event before it has loaded.
      shown.webContents.once('did-finish-load', navigate);
    }
    if (shown.isMinimized()) shown.restore();
    shown.show();
    shown.focus();
  };
  const quit = guardQuit({
    app,
    engine,
    logger,
    // A sheet on a hidden window would never be seen (quitting from the tray): no parent then.
    confirm: (count) => {
      const shown = current();
      return confirmQuit(t(), shown?.isVisible() ? shown : undefined, count);
    },
    shutdown: async () => {
      chrome.dispose();
      // The worker pauses every transfer into the journal, closes the engine, and is then ended.
      await engine.shutdown();
      await drag.dispose();
    },
  });
  const openWindow = (show: boolean) => {
    const created = createMainWindow(paths.preload, paths.icon, show);
    keepWindow(created, {
      closeToTray: () => engine.settings.get().closeToTray,
      isQuitting: quit.isQuitting,
      logger,
      clock: engine.clock,
    });
    return created;
  };

  const contents = () => current()?.webContents;
  registerIpc(
    ipcMain,
    engine,
    trustWindow(contents),
    desktopCommandHandlers({ window: current, files, drag, platform, t, dragIcon: paths.dragIcon }),
  );
  forwardEvents(engine, contents);
  const chrome = startShell({
    engine,
    platform,
    iconDir: paths.trayIcons,
    t,
    window: current,
    showWindow,
    files,
    quit: () => app.quit(),
  });
  followLoginSetting(engine, platform);
  // A crashed engine is started again (its transfers resume from the journal); the user hears of it.
  engine.onCrash((restarted) => {
    const say = t();
    const which = restarted ? 'restarted' : 'stopped';
    chrome.announce({
      title: say(`engine.${which}.title`),
      body: say(`engine.${which}.body`),
      target: { kind: 'transfers' },
    });
  });

  window = openWindow(showAtStart);
  app.on('second-instance', () => showWindow());
  app.on('activate', () => showWindow());
  app.on('window-all-closed', () => {
    // Reached only when close-to-tray is off (otherwise closing hides the window).
    if (platform !== 'darwin') app.quit();
  });
  return { engine, window: current, quit };
}
