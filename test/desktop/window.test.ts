import { beforeEach, describe, expect, it } from 'vitest';
import {
  createMainWindow,
  hardenEveryWebContents,
  isAppUrl,
  trustLinks,
} from '../../src-main/desktop/window.js';
import { isTrustedLink } from '../../src-main/desktop/external-links.js';
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

  it('steps back and forward on the mouse buttons Windows reports as app commands', () => {
    const window = createMainWindow('/p.cjs');
    window.emit('app-command', {}, 'browser-backward');
    window.emit('app-command', {}, 'browser-forward');
    window.emit('app-command', {}, 'media-play-pause');
    expect(fake.windows[0]!.webContents.steps).toEqual([-1, 1]);
  });

  it('blocks navigation away from the app', () => {
    createMainWindow('/p.cjs');
    const contents = fake.windows[0]!.webContents;
    expect(contents.tryNavigate('https://evil.example/')).toBe(true);
    expect(contents.tryNavigate('file:///etc/passwd')).toBe(true);
    expect(contents.tryNavigate('https://evil.example/', 'will-redirect')).toBe(true);
    expect(contents.tryNavigate('app://ferry/index.html')).toBe(false);
  });

  it('denies window.open and sends only the links the policy trusts to the browser', () => {
    createMainWindow('/p.cjs');
    const contents = fake.windows[0]!.webContents;
    const open = (url: string) => contents.windowOpenHandler!({ url });
    expect(open('https://s3.example.com/b/k')).toEqual({ action: 'deny' });
    expect(fake.openedExternal).toEqual([]);
    trustLinks((url) => isTrustedLink(url, [{ endpoint: 'https://s3.example.com' }]));
    for (const url of [
      'https://s3.example.com/b/k?X-Amz-Signature=1',
      'https://evil.example/',
      'file:///etc/passwd',
      'javascript:alert(1)',
    ]) {
      expect(open(url)).toEqual({ action: 'deny' });
    }
    expect(fake.openedExternal).toEqual(['https://s3.example.com/b/k?X-Amz-Signature=1']);
    trustLinks(() => false);
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

describe('web links the page asks to open', () => {
  const profiles = [
    { endpoint: 'http://127.0.0.1:7480' },
    { endpoint: 'https://abc.r2.cloudflarestorage.com' },
    { endpoint: '' },
  ];
  it("trust the profiles' servers, their virtual-hosted buckets and AWS for endpoint-less profiles", () => {
    for (const url of [
      'http://127.0.0.1:7480/bucket/key?X-Amz-Signature=0',
      'https://abc.r2.cloudflarestorage.com/b/k',
      'https://photos.abc.r2.cloudflarestorage.com/k',
      'https://photos.s3.eu-west-1.amazonaws.com/k',
    ]) {
      expect(isTrustedLink(url, profiles), url).toBe(true);
    }
  });
  it('refuse every other host, port, scheme, and links carrying credentials', () => {
    for (const url of [
      'http://127.0.0.1:9000/bucket/key',
      'https://127.0.0.1:7480/bucket/key',
      'http://evil.example/',
      'https://abc.r2.cloudflarestorage.com.evil.example/k',
      'https://evilabc.r2.cloudflarestorage.com/k',
      'http://photos.s3.amazonaws.com/k',
      'https://user:pw@abc.r2.cloudflarestorage.com/k',
      'file:///etc/passwd',
      'javascript:alert(1)',
      'not a url',
    ]) {
      expect(isTrustedLink(url, profiles), url).toBe(false);
    }
    expect(isTrustedLink('https://abc.r2.cloudflarestorage.com/k', [])).toBe(false);
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
