/**
 * Electron's security checklist, item by item, against the fake electron module: what the desktop code
 * asks Electron for is what a reviewer would check by hand.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { commandNames, eventNames } from '../../src-shared/contract/index.js';
import { CONTENT_SECURITY_POLICY } from '../../src-shared/csp.js';
import type { DesktopApp } from '../../src-main/desktop/app.js';
import { registerIpc, trustWindow } from '../../src-main/desktop/ipc.js';
import { rendererFile, serveRenderer } from '../../src-main/desktop/protocol.js';
import { createMainWindow } from '../../src-main/desktop/window.js';
import { Figures } from '../reliability/figures.js';
import { tempConfigDir, testEngine } from '../support/engine.js';
import { app, fake, ipcMain, resetFake, WebContents } from '../support/fake-electron.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const figures = new Figures('security-electron', 'npx vitest run test/security/electron.test.ts');
let checks = 0;
afterAll(async () => {
  figures.add({
    test: 'Electron security checklist (fake electron module)',
    injected:
      'hostile navigations, window.open URLs, permission requests, IPC from foreign senders, app:// traversal',
    times: checks,
    held: `${checks} attempts refused; isolation, sandbox, CSP, no remote module, app-wide web-contents hardening asserted`,
  });
  await figures.save();
});
beforeEach(resetFake);

const window = () => {
  createMainWindow('/app/preload.cjs');
  return fake.windows[0]!;
};

/** Every source file under a folder (for the "never used" checks). */
function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const file = path.join(dir, name);
    if (statSync(file).isDirectory()) return sources(file);
    return /\.(ts|svelte|js|cjs|mjs)$/.test(name) ? [file] : [];
  });
}

const HOSTILE_URLS = [
  'https://evil.example/',
  'http://127.0.0.1:9000/',
  'file:///etc/passwd',
  'javascript:alert(1)',
  'data:text/html,<script>alert(1)</script>',
  'app://evil/index.html',
  'app://ferry.evil.example/index.html',
  'chrome://settings',
  'devtools://devtools/bundled/inspector.html',
  'about:blank',
];

describe('Electron security checklist', () => {
  it('1-3. isolates the page: contextIsolation, sandbox, no Node integration anywhere', () => {
    const prefs = window().options['webPreferences'] as Record<string, unknown>;
    expect(prefs['contextIsolation']).toBe(true);
    expect(prefs['sandbox']).toBe(true);
    expect(prefs['nodeIntegration']).toBe(false);
    expect(prefs['nodeIntegrationInWorker']).toBe(false);
    expect(prefs['nodeIntegrationInSubFrames']).toBe(false);
    expect(prefs['webSecurity']).toBe(true);
    expect(prefs['allowRunningInsecureContent']).toBe(false);
    expect(prefs['experimentalFeatures']).toBe(false);
    expect(prefs['webviewTag']).toBe(false);
    expect(prefs).not.toHaveProperty('enableRemoteModule');
    expect(prefs).not.toHaveProperty('enableBlinkFeatures');
  });

  it('4. serves the page with a CSP that allows no inline or evaluated script and no framing', async () => {
    expect(CONTENT_SECURITY_POLICY).toContain("default-src 'none'");
    expect(CONTENT_SECURITY_POLICY).toMatch(/script-src 'self'(;|$)/);
    expect(CONTENT_SECURITY_POLICY).not.toContain('unsafe-eval');
    expect(CONTENT_SECURITY_POLICY).toContain("object-src 'none'");
    serveRenderer(path.join(root, 'dist', 'renderer'));
    const handler = fake.protocolHandlers.get('app')!;
    const res = await handler(new Request('app://ferry/index.html'));
    const header = res.headers.get('content-security-policy') ?? '';
    expect(header).toContain(CONTENT_SECURITY_POLICY);
    expect(header).toContain("frame-ancestors 'none'");
    checks++;
  });

  it('5. never loads the page from file:// or http(s)', () => {
    expect((window() as unknown as { loadedUrl: string }).loadedUrl).toMatch(/^app:\/\/ferry\//);
  });

  it('6. serves nothing outside the renderer folder over app://', async () => {
    const dir = path.join(root, 'dist', 'renderer');
    for (const p of [
      '/../../package.json',
      '/..%2f..%2fpackage.json',
      '/%2e%2e/%2e%2e/etc/passwd',
    ]) {
      const file = rendererFile(dir, p);
      expect(file === undefined || file.startsWith(dir + path.sep), p).toBe(true);
      checks++;
    }
    serveRenderer(dir);
    const handler = fake.protocolHandlers.get('app')!;
    expect((await handler(new Request('app://evil/index.html'))).status).toBe(404);
    checks++;
  });

  it('7. blocks every navigation and redirect away from app://ferry', () => {
    const contents = window().webContents;
    for (const url of HOSTILE_URLS) {
      expect(contents.tryNavigate(url), url).toBe(true);
      expect(contents.tryNavigate(url, 'will-redirect'), url).toBe(true);
      checks += 2;
    }
    expect(contents.tryNavigate('app://ferry/index.html#/settings')).toBe(false);
  });

  it('8. refuses webviews', () => {
    const contents = window().webContents;
    let prevented = false;
    contents.emit('will-attach-webview', { preventDefault: () => (prevented = true) }, {}, {});
    expect(prevented).toBe(true);
    checks++;
  });

  it('9. denies every new window, and hands only http(s) links to the browser', () => {
    const contents = window().webContents;
    for (const url of [
      ...HOSTILE_URLS,
      'smb://evil/share',
      'ms-msdt:/id',
      'vbscript:x',
      ' https://x',
    ]) {
      expect(contents.windowOpenHandler!({ url })).toEqual({ action: 'deny' });
      checks++;
    }
    const opened = fake.openedExternal;
    expect(opened.every((url) => /^https?:\/\//.test(url))).toBe(true);
    expect(opened).not.toContain('file:///etc/passwd');
    expect(opened).not.toContain('javascript:alert(1)');
  });

  it('10. denies every permission request and check', () => {
    const session = window().webContents.session;
    for (const permission of [
      'media',
      'geolocation',
      'notifications',
      'clipboard-read',
      'openExternal',
      'fullscreen',
      'hid',
      'serial',
      'usb',
    ]) {
      let granted: boolean | undefined;
      session.permissionRequestHandler!(null, permission, (answer: boolean) => (granted = answer));
      expect(granted, permission).toBe(false);
      expect(session.permissionCheckHandler!(null, permission), permission).toBe(false);
      checks += 2;
    }
  });

  it('11. answers IPC only from its own window, top frame, on app://ferry', async () => {
    const engine = await testEngine({ face: 'desktop' });
    const win = window();
    registerIpc(
      ipcMain as unknown as Electron.IpcMain,
      engine,
      trustWindow(() => win.webContents as unknown as Electron.WebContents),
    );
    const stranger = new WebContents();
    const senders: [string, unknown, { url: string; parent: unknown } | null][] = [
      ['another webContents', stranger, { url: 'app://ferry/index.html', parent: null }],
      ['a subframe', win.webContents, { url: 'app://ferry/index.html', parent: {} }],
      [
        'a foreign page in our window',
        win.webContents,
        { url: 'https://evil.example/', parent: null },
      ],
      ['no frame', win.webContents, null],
    ];
    for (const name of commandNames) {
      for (const [label, sender, senderFrame] of senders) {
        const result = await fake.ipcHandlers.get(`ferry:cmd:${name}`)!(
          { sender, senderFrame },
          {},
        );
        expect(result, `${name} from ${label}`).toMatchObject({
          ok: false,
          error: { code: 'AccessDenied' },
        });
        checks++;
      }
    }
    await engine.dispose();
  });

  it('12. gives the page named contract functions only, never ipcRenderer or a generic send', async () => {
    await import('../../src-main/desktop/preload.js');
    const api = fake.exposed.get('ferry') as Record<string, Record<string, unknown>>;
    expect([...fake.exposed.keys()]).toEqual(['ferry']);
    const names = Object.entries(api)
      .filter(([ns]) => ns !== 'events')
      .flatMap(([ns, fns]) => Object.keys(fns).map((fn) => `${ns}.${fn}`));
    expect(names.sort()).toEqual([...commandNames].sort());
    expect(Object.keys(api['events']!).sort()).toEqual([...eventNames].sort());
    for (const banned of [
      'send',
      'invoke',
      'sendSync',
      'on',
      'ipcRenderer',
      'require',
      'process',
    ]) {
      expect(api, banned).not.toHaveProperty(banned);
    }
  });

  it('13. uses no remote module, sendSync or insecure switches anywhere in the sources', () => {
    const pkg = readFileSync(path.join(root, 'package.json'), 'utf8');
    expect(pkg).not.toContain('@electron/remote');
    const banned = [
      /@electron\/remote/,
      /enableRemoteModule/,
      /\bsendSync\s*\(/,
      /nodeIntegration:\s*true/,
      /contextIsolation:\s*false/,
      /sandbox:\s*false/,
      /webSecurity:\s*false/,
      /allowRunningInsecureContent:\s*true/,
      /disable-web-security|ignore-certificate-errors/,
    ];
    const files = ['src-main', 'src-renderer', 'src-shared'].flatMap((dir) =>
      sources(path.join(root, dir)),
    );
    expect(files.length).toBeGreaterThan(10);
    for (const file of files) {
      const text = readFileSync(file, 'utf8');
      for (const pattern of banned)
        expect(text, `${path.relative(root, file)} ${pattern}`).not.toMatch(pattern);
    }
  });

  it('14. calls shell.openExternal only from the window-open handler, behind the http(s) check', () => {
    const files = sources(path.join(root, 'src-main'));
    const callers = files.filter((file) => /openExternal\s*\(/.test(readFileSync(file, 'utf8')));
    for (const file of callers) {
      const text = readFileSync(file, 'utf8');
      // Each call sits right after a scheme check on the same URL.
      for (const match of text.matchAll(/openExternal\s*\(([^)]*)\)/g)) {
        const before = text.slice(Math.max(0, match.index - 200), match.index);
        expect(before, path.relative(root, file)).toMatch(/https\?|isSafeExternal|allowedExternal/);
      }
    }
  });

  // Was a gap: only the main window was hardened. startDesktop now registers an app-wide
  // 'web-contents-created' handler, so any other web contents gets the same limits.
  it('15. hardens every web contents the app creates, not only the main window', async () => {
    const previous = process.env['FERRY_CONFIG_DIR'];
    process.env['FERRY_CONFIG_DIR'] = tempConfigDir();
    let desktop: DesktopApp | undefined;
    try {
      const { startDesktop } = await import('../../src-main/desktop/app.js');
      desktop = await startDesktop(path.join(root, 'dist', 'main', 'desktop.js'));
      const stray = new WebContents();
      app.emit('web-contents-created', { preventDefault: () => {} }, stray);
      for (const url of HOSTILE_URLS) {
        checks++;
        expect(stray.tryNavigate(url), url).toBe(true);
        checks++;
        expect(stray.windowOpenHandler?.({ url }), url).toEqual({ action: 'deny' });
      }
      checks++;
      let webviewPrevented = false;
      stray.emit('will-attach-webview', { preventDefault: () => (webviewPrevented = true) });
      expect(webviewPrevented).toBe(true);
      checks++;
      let granted: boolean | undefined;
      stray.session.permissionRequestHandler?.(stray, 'media', (ok: boolean) => (granted = ok));
      expect(granted).toBe(false);
      expect(stray.session.permissionCheckHandler?.(stray, 'geolocation')).toBe(false);
    } finally {
      await desktop?.engine.dispose();
      if (previous === undefined) delete process.env['FERRY_CONFIG_DIR'];
      else process.env['FERRY_CONFIG_DIR'] = previous;
    }
  });
});
