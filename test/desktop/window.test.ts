import { beforeEach, describe, expect, it } from 'vitest';
import {
  createMainWindow,
  hardenEveryWebContents,
  isAppUrl,
} from '../../src-main/desktop/window.js';
import { app, BrowserWindow, fake, resetFake, WebContents } from '../support/fake-electron.js';

beforeEach(resetFake);

describe('the main window', () => {
  it('is isolated, sandboxed and has no Node integration', () => {
    createMainWindow('/app/preload.cjs');
    const prefs = fake.windows[0]!.options['webPreferences'] as Record<string, unknown>;
    expect(prefs).toMatchObject({
      preload: '/app/preload.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
    });
  });

  it('loads the renderer from the app:// origin, not file://', () => {
    const window = createMainWindow('/p.cjs');
    expect((window as unknown as { loadedUrl: string }).loadedUrl).toBe('app://ferry/index.html');
  });

  it('blocks navigation away from the app', () => {
    createMainWindow('/p.cjs');
    const contents = fake.windows[0]!.webContents;
    expect(contents.tryNavigate('https://evil.example/')).toBe(true);
    expect(contents.tryNavigate('file:///etc/passwd')).toBe(true);
    expect(contents.tryNavigate('https://evil.example/', 'will-redirect')).toBe(true);
    expect(contents.tryNavigate('app://ferry/index.html')).toBe(false);
  });

  it('denies window.open and sends web links to the browser, nothing else', () => {
    createMainWindow('/p.cjs');
    const contents = fake.windows[0]!.webContents;
    expect(contents.windowOpenHandler!({ url: 'https://docs.rustfs.com/' })).toEqual({
      action: 'deny',
    });
    expect(contents.windowOpenHandler!({ url: 'file:///etc/passwd' })).toEqual({ action: 'deny' });
    expect(contents.windowOpenHandler!({ url: 'javascript:alert(1)' })).toEqual({ action: 'deny' });
    expect(fake.openedExternal).toEqual(['https://docs.rustfs.com/']);
  });

  it('refuses every permission request', () => {
    createMainWindow('/p.cjs');
    const session = fake.windows[0]!.webContents.session;
    let granted: boolean | undefined;
    session.permissionRequestHandler!(null, 'media', (answer: boolean) => (granted = answer));
    expect(granted).toBe(false);
    expect(session.permissionCheckHandler!()).toBe(false);
  });

  it('recognises only app://ferry as its own', () => {
    expect(isAppUrl('app://ferry/index.html')).toBe(true);
    expect(isAppUrl('app://evil/index.html')).toBe(false);
    expect(isAppUrl('http://ferry/')).toBe(false);
    expect(isAppUrl('not a url')).toBe(false);
  });
});

describe('web contents other than the main window', () => {
  it('get the same limits the moment the app creates them', () => {
    hardenEveryWebContents();
    const stray = new WebContents();
    app.emit('web-contents-created', { preventDefault: () => {} }, stray);
    for (const contents of [stray, new BrowserWindow().webContents]) {
      expect(contents.tryNavigate('https://evil.example/')).toBe(true);
      expect(contents.tryNavigate('file:///etc/passwd', 'will-redirect')).toBe(true);
      expect(contents.windowOpenHandler?.({ url: 'file:///etc/passwd' })).toEqual({
        action: 'deny',
      });
      let webviewPrevented = false;
      contents.emit('will-attach-webview', { preventDefault: () => (webviewPrevented = true) });
      expect(webviewPrevented).toBe(true);
      let granted: boolean | undefined;
      contents.session.permissionRequestHandler?.(
        contents,
        'media',
        (ok: boolean) => (granted = ok),
      );
      expect(granted).toBe(false);
      expect(contents.session.permissionCheckHandler?.(contents, 'media')).toBe(false);
    }
    expect(fake.openedExternal).toEqual([]);
  });

  it('are hardened once, however many times they are announced', () => {
    hardenEveryWebContents();
    const window = createMainWindow('/p.cjs');
    expect(window.webContents.listenerCount('will-navigate')).toBe(1);
  });
});
