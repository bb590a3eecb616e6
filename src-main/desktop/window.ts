import { app, BrowserWindow, shell, type WebContents } from 'electron';

/** The origin our renderer is served from (see protocol.ts). Nothing else may call the engine. */
export const APP_ORIGIN = 'app://ferry';
export const APP_URL = `${APP_ORIGIN}/index.html`;

/** The webPreferences of every Ferry window: isolated, sandboxed, no Node in the page. */
export function secureWebPreferences(preload: string): Electron.WebPreferences {
  return {
    preload,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    experimentalFeatures: false,
    webviewTag: false,
    spellcheck: false,
  };
}

/** True when a URL belongs to our own renderer. */
export function isAppUrl(url: string): boolean {
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'app:' && parsed.host === 'ferry';
  } catch {
    return false;
  }
}

const hardened = new WeakSet<WebContents>();

/** Decides which http(s) links may open in the user's browser; none until the app says (see app.ts). */
let linkPolicy: (url: string) => boolean = () => false;

/** Sets the rule for web links the page asks to open (the desktop app trusts its profiles' servers). */
export function trustLinks(policy: (url: string) => boolean): void {
  linkPolicy = policy;
}

/**
 * Blocks everything a compromised page could use to leave the app: navigation away, new windows,
 * webviews and permission prompts. Links the link policy trusts open in the user's browser instead.
 */
export function hardenWebContents(contents: WebContents): void {
  if (hardened.has(contents)) return;
  hardened.add(contents);
  contents.on('will-navigate', (event, url) => {
    if (!isAppUrl(url)) event.preventDefault();
  });
  contents.on('will-redirect', (event, url) => {
    if (!isAppUrl(url)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    if (/^https?:\/\//i.test(url) && linkPolicy(url)) void shell.openExternal(url);
    return { action: 'deny' };
  });
  contents.session.setPermissionRequestHandler((_contents, _permission, callback) =>
    callback(false),
  );
  contents.session.setPermissionCheckHandler(() => false);
}

/**
 * Hardens every web contents the app will create (Electron's checklist: a window, webview or devtools page
 * opened by code other than createMainWindow gets the same limits). Call before the first window.
 */
export function hardenEveryWebContents(): void {
  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents));
}

/** Creates the main window, hardened and pointed at our renderer; `showWhenReady` false keeps it hidden. */
export function createMainWindow(
  preload: string,
  icon?: string,
  showWhenReady = true,
): BrowserWindow {
  const window = new BrowserWindow({
    width: 1200,
    height: 780,
    minWidth: 720,
    minHeight: 480,
    show: false,
    title: 'Ferry',
    ...(icon ? { icon } : {}),
    webPreferences: secureWebPreferences(preload),
  });
  hardenWebContents(window.webContents);
  if (showWhenReady) window.once('ready-to-show', () => window.show());
  // The mouse's back/forward buttons reach Windows apps as app commands, not as clicks in the page; the
  // renderer keeps its location in history entries, so stepping through them moves it.
  window.on('app-command', (_event, command) => {
    const history = window.webContents.navigationHistory;
    if (command === 'browser-backward' && history.canGoBack()) history.goBack();
    else if (command === 'browser-forward' && history.canGoForward()) history.goForward();
  });
  void window.loadURL(APP_URL);
  return window;
}
