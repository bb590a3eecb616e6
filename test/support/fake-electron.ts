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
  trays: [] as Tray[],
  notifications: [] as Notification[],
  applicationMenu: null as Menu | null,
  aboutPanel: null as Record<string, unknown> | null,
  loginItem: null as Record<string, unknown> | null,
  revealed: [] as string[],
  openedPaths: [] as string[],
  /** What the next dialog.showOpenDialog answers. */
  openDialogAnswer: { canceled: true, filePaths: [] as string[] },
  openDialogs: [] as Record<string, unknown>[],
  /** Which button the next dialog.showMessageBox answers. */
  messageBoxAnswer: 0,
  messageBoxes: [] as Record<string, unknown>[],
  safeStorage: { available: true, backend: 'gnome_libsecret' as string },
  pathsForFiles: new Map<unknown, string>(),
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
  fake.trays.length = 0;
  fake.notifications.length = 0;
  fake.applicationMenu = null;
  fake.aboutPanel = null;
  fake.loginItem = null;
  fake.revealed.length = 0;
  fake.openedPaths.length = 0;
  fake.openDialogAnswer = { canceled: true, filePaths: [] };
  fake.openDialogs.length = 0;
  fake.messageBoxAnswer = 0;
  fake.messageBoxes.length = 0;
  fake.safeStorage = { available: true, backend: 'gnome_libsecret' };
  fake.pathsForFiles.clear();
  app.removeAllListeners();
  nativeTheme.shouldUseDarkColors = false;
  nativeTheme.shouldUseDarkColorsForSystemIntegratedUI = true;
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
  readonly drags: { file: string; icon: unknown }[] = [];
  reloads = 0;
  /** History steps the app asked for: -1 back, +1 forward. */
  readonly steps: number[] = [];
  readonly navigationHistory = {
    canGoBack: () => true,
    canGoForward: () => true,
    goBack: () => void this.steps.push(-1),
    goForward: () => void this.steps.push(1),
  };
  startDrag(item: { file: string; icon: unknown }): void {
    this.drags.push(item);
  }
  reload(): void {
    this.reloads++;
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
    // As in Electron: the app hears of every new web contents before the constructor returns.
    app.emit('web-contents-created', { preventDefault: () => {} }, this.webContents);
  }
  async loadURL(url: string): Promise<void> {
    this.loadedUrl = url;
    this.webContents.url = url;
    this.webContents.mainFrame.url = url;
  }
  visible = true;
  progress: { value: number; options?: unknown }[] = [];
  show(): void {
    this.visible = true;
  }
  hide(): void {
    this.visible = false;
  }
  isVisible(): boolean {
    return this.visible;
  }
  focus(): void {}
  restore(): void {}
  isMinimized(): boolean {
    return false;
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  setProgressBar(value: number, options?: unknown): void {
    this.progress.push({ value, options });
  }
  /** Simulates the user closing the window; returns true when the app prevented it. */
  tryClose(): boolean {
    let prevented = false;
    this.emit('close', { preventDefault: () => (prevented = true) });
    if (!prevented) {
      this.destroyed = true;
      this.webContents.destroyed = true;
      this.emit('closed');
    }
    return prevented;
  }
  destroy(): void {
    this.destroyed = true;
    this.webContents.destroyed = true;
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
  showItemInFolder(file: string): void {
    fake.revealed.push(file);
  },
  async openPath(file: string): Promise<string> {
    fake.openedPaths.push(file);
    return '';
  },
};

/** A menu item as the fake keeps it: the template with its click handler. */
export interface MenuItem {
  label?: string;
  role?: string;
  type?: string;
  enabled?: boolean;
  checked?: boolean;
  submenu?: MenuItem[] | Menu;
  click?: (...args: unknown[]) => void;
}

export class Menu {
  readonly items: MenuItem[];
  constructor(items: MenuItem[] = []) {
    this.items = items;
  }
  static buildFromTemplate(template: MenuItem[]): Menu {
    return new Menu(template);
  }
  static setApplicationMenu(menu: Menu | null): void {
    fake.applicationMenu = menu;
  }
}

export class NativeImage {
  readonly path: string;
  template = false;
  constructor(path: string) {
    this.path = path;
  }
  isEmpty(): boolean {
    return this.path === '';
  }
  setTemplateImage(value: boolean): void {
    this.template = value;
  }
}

export const nativeImage = {
  createFromPath: (path: string) => new NativeImage(path),
  createEmpty: () => new NativeImage(''),
};

export class Tray extends EventEmitter {
  image: NativeImage | string;
  tooltip = '';
  menu: Menu | null = null;
  destroyed = false;
  constructor(image: NativeImage | string) {
    super();
    this.image = image;
    fake.trays.push(this);
  }
  setImage(image: NativeImage | string): void {
    this.image = image;
  }
  setToolTip(text: string): void {
    this.tooltip = text;
  }
  setContextMenu(menu: Menu | null): void {
    this.menu = menu;
  }
  destroy(): void {
    this.destroyed = true;
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
}

export class Notification extends EventEmitter {
  readonly options: { title: string; body: string; silent?: boolean };
  shown = false;
  constructor(options: { title: string; body: string; silent?: boolean }) {
    super();
    this.options = options;
  }
  static isSupported(): boolean {
    return true;
  }
  show(): void {
    this.shown = true;
    fake.notifications.push(this);
  }
  close(): void {}
}

export const nativeTheme = Object.assign(new EventEmitter(), {
  shouldUseDarkColors: false,
  shouldUseDarkColorsForSystemIntegratedUI: true,
});

/** Reversible "encryption" so tests can see that what is written is not the plain secret. */
export const safeStorage = {
  isEncryptionAvailable: () => fake.safeStorage.available,
  getSelectedStorageBackend: () => fake.safeStorage.backend,
  encryptString(text: string): Buffer {
    if (!fake.safeStorage.available) throw new Error('Encryption is not available.');
    return Buffer.from(`enc:${Buffer.from(text, 'utf8').toString('hex')}`, 'utf8');
  },
  decryptString(data: Buffer): string {
    const text = data.toString('utf8');
    if (!text.startsWith('enc:'))
      throw new Error('Error while decrypting the ciphertext provided.');
    return Buffer.from(text.slice(4), 'hex').toString('utf8');
  },
};

export const dialog = {
  async showOpenDialog(...args: unknown[]): Promise<{ canceled: boolean; filePaths: string[] }> {
    fake.openDialogs.push(args.at(-1) as Record<string, unknown>);
    return fake.openDialogAnswer;
  },
  async showMessageBox(
    ...args: unknown[]
  ): Promise<{ response: number; checkboxChecked: boolean }> {
    fake.messageBoxes.push(args.at(-1) as Record<string, unknown>);
    return { response: fake.messageBoxAnswer, checkboxChecked: false };
  },
};

export const webUtils = {
  getPathForFile(file: unknown): string {
    return fake.pathsForFiles.get(file) ?? '';
  },
};

class FakeApp extends EventEmitter {
  requestSingleInstanceLock(): boolean {
    return fake.singleInstance;
  }
  quit(): void {
    fake.quitCalled++;
    this.emit('fake:quit');
  }
  async whenReady(): Promise<void> {}
  getPath(name: string): string {
    return `/tmp/fake-electron/${name}`;
  }
  getVersion(): string {
    return '0.0.0-test';
  }
  getLocale(): string {
    return 'en-US';
  }
  setLoginItemSettings(settings: Record<string, unknown>): void {
    fake.loginItem = settings;
  }
  setAppUserModelId(_id: string): void {}
  setAboutPanelOptions(options: Record<string, unknown>): void {
    fake.aboutPanel = options;
  }
  readonly dock = { setMenu: () => {} };
}

export const app = new FakeApp();

export default {
  app,
  BrowserWindow,
  contextBridge,
  dialog,
  ipcMain,
  ipcRenderer,
  Menu,
  nativeImage,
  nativeTheme,
  Notification,
  protocol,
  safeStorage,
  shell,
  Tray,
  webUtils,
};
