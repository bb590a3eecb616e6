/**
 * A fake `electron` module for unit tests of src-main/desktop (no Electron binary can be downloaded here),
 * in the spirit of electron/fiddle's mocks: it records what the code asked for so tests can assert it.
 */
import { EventEmitter } from 'node:events';

type Handler = (event: unknown, ...args: unknown[]) => unknown;

/** Everything the fake has seen; reset between tests with `resetFake()`. */
export const fake = {
  windows: [] as BrowserWindow[],
  ipcHandlers: new Map<string, Handler>(),
  privilegedSchemes: [] as unknown[],
  protocolHandlers: new Map<string, (request: Request) => Promise<Response> | Response>(),
  openedExternal: [] as string[],
  exposed: new Map<string, unknown>(),
  invoked: [] as { channel: string; args: unknown[] }[],
  rendererListeners: new Map<string, Set<(...args: unknown[]) => void>>(),
  singleInstance: true,
  quitCalled: 0,
};

export function resetFake(): void {
  fake.windows.length = 0;
  fake.ipcHandlers.clear();
  fake.privilegedSchemes.length = 0;
  fake.protocolHandlers.clear();
  fake.openedExternal.length = 0;
  fake.exposed.clear();
  fake.invoked.length = 0;
  fake.rendererListeners.clear();
  fake.singleInstance = true;
  fake.quitCalled = 0;
}

class FakeSession {
  permissionRequestHandler: ((...args: unknown[]) => void) | null = null;
  permissionCheckHandler: ((...args: unknown[]) => boolean) | null = null;
  setPermissionRequestHandler(handler: (...args: unknown[]) => void): void {
    this.permissionRequestHandler = handler;
  }
  setPermissionCheckHandler(handler: (...args: unknown[]) => boolean): void {
    this.permissionCheckHandler = handler;
  }
}

export class WebContents extends EventEmitter {
  static nextId = 1;
  readonly id = WebContents.nextId++;
  readonly session = new FakeSession();
  readonly sent: { channel: string; args: unknown[] }[] = [];
  url = '';
  destroyed = false;
  windowOpenHandler: ((details: { url: string }) => { action: string }) | null = null;
  mainFrame = { url: '', parent: null as unknown };

  setWindowOpenHandler(handler: (details: { url: string }) => { action: string }): void {
    this.windowOpenHandler = handler;
  }
  send(channel: string, ...args: unknown[]): void {
    this.sent.push({ channel, args });
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  /** Simulates a navigation attempt; returns true when the app prevented it. */
  tryNavigate(url: string, kind: 'will-navigate' | 'will-redirect' = 'will-navigate'): boolean {
    let prevented = false;
    this.emit(kind, { preventDefault: () => (prevented = true) }, url);
    return prevented;
  }
}

export class BrowserWindow extends EventEmitter {
  readonly options: Record<string, unknown>;
  readonly webContents = new WebContents();
  loadedUrl = '';
  destroyed = false;

  constructor(options: Record<string, unknown> = {}) {
    super();
    this.options = options;
    fake.windows.push(this);
  }
  async loadURL(url: string): Promise<void> {
    this.loadedUrl = url;
    this.webContents.url = url;
    this.webContents.mainFrame.url = url;
  }
  show(): void {}
  focus(): void {}
  restore(): void {}
  isMinimized(): boolean {
    return false;
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
}

export const ipcMain = {
  handle(channel: string, handler: Handler): void {
    if (fake.ipcHandlers.has(channel)) throw new Error(`second handler for ${channel}`);
    fake.ipcHandlers.set(channel, handler);
  },
  removeHandler(channel: string): void {
    fake.ipcHandlers.delete(channel);
  },
};

export const ipcRenderer = {
  invoke: async (channel: string, ...args: unknown[]) => {
    fake.invoked.push({ channel, args });
    return { ok: true, value: null };
  },
  on(channel: string, listener: (...args: unknown[]) => void): void {
    const set = fake.rendererListeners.get(channel) ?? new Set();
    set.add(listener);
    fake.rendererListeners.set(channel, set);
  },
  removeListener(channel: string, listener: (...args: unknown[]) => void): void {
    fake.rendererListeners.get(channel)?.delete(listener);
  },
};

export const contextBridge = {
  exposeInMainWorld(key: string, api: unknown): void {
    fake.exposed.set(key, api);
  },
};

export const protocol = {
  registerSchemesAsPrivileged(schemes: unknown[]): void {
    fake.privilegedSchemes.push(...schemes);
  },
  handle(scheme: string, handler: (request: Request) => Promise<Response> | Response): void {
    fake.protocolHandlers.set(scheme, handler);
  },
};

export const shell = {
  async openExternal(url: string): Promise<void> {
    fake.openedExternal.push(url);
  },
};

class FakeApp extends EventEmitter {
  requestSingleInstanceLock(): boolean {
    return fake.singleInstance;
  }
  quit(): void {
    fake.quitCalled++;
  }
  async whenReady(): Promise<void> {}
  getPath(name: string): string {
    return `/tmp/fake-electron/${name}`;
  }
  getVersion(): string {
    return '0.0.0-test';
  }
}

export const app = new FakeApp();

export default {
  app,
  BrowserWindow,
  contextBridge,
  ipcMain,
  ipcRenderer,
  protocol,
  shell,
};
