import path from 'node:path';
import { Menu, nativeImage, Tray, type MenuItemConstructorOptions } from 'electron';
import {
  trayIconFile,
  trayMenu,
  trayState,
  trayTooltip,
  type FinishedTransfer,
  type MenuSpec,
  type ShellState,
  type TrayAction,
} from './shell-state.js';
import type { Translate } from './strings.js';

/** What the tray's items do; app.ts supplies them. */
export interface TrayActions {
  open(): void;
  pauseAll(): void;
  resumeAll(): void;
  toggleWatch(id: string, enable: boolean): void;
  showFinished(item: FinishedTransfer): void;
  quit(): void;
}

export interface TrayOptions {
  /** The folder holding assets/tray's files. */
  iconDir: string;
  platform: string;
  /** Whether the taskbar or panel is dark (Windows reports it apart from the apps' theme). */
  darkTaskbar: () => boolean;
  t: () => Translate;
  actions: TrayActions;
}

/** The tray icon and its menu, rebuilt from the shell state when something visible changes. */
export class DesktopTray {
  readonly #tray: Tray;
  readonly #options: TrayOptions;
  #shown = '';

  constructor(options: TrayOptions, state: ShellState) {
    this.#options = options;
    this.#tray = new Tray(this.#icon(state));
    // Windows and most Linux panels expect a left click to open the app; the menu is on the right click.
    if (options.platform !== 'darwin') this.#tray.on('click', () => options.actions.open());
    this.update(state, true);
  }

  /** Shows a new state; does nothing when icon, tooltip and menu would stay the same. */
  update(state: ShellState, force = false): void {
    const t = this.#options.t();
    const spec = trayMenu(state, t);
    const tooltip = trayTooltip(state, t);
    const icon = this.#iconFile(state);
    const key = JSON.stringify([spec, tooltip, icon]);
    if (!force && key === this.#shown) return;
    this.#shown = key;
    this.#tray.setImage(this.#icon(state));
    this.#tray.setToolTip(tooltip);
    this.#tray.setContextMenu(Menu.buildFromTemplate(spec.map((item) => this.#item(item))));
  }

  destroy(): void {
    if (!this.#tray.isDestroyed()) this.#tray.destroy();
  }

  #iconFile(state: ShellState): string {
    const { platform, darkTaskbar } = this.#options;
    return trayIconFile(trayState(state), platform, darkTaskbar());
  }

  #icon(state: ShellState): Electron.NativeImage {
    return nativeImage.createFromPath(path.join(this.#options.iconDir, this.#iconFile(state)));
  }

  #item(spec: MenuSpec): MenuItemConstructorOptions {
    const item: MenuItemConstructorOptions = {};
    if (spec.label !== undefined) item.label = spec.label;
    if (spec.type) item.type = spec.type;
    if (spec.enabled !== undefined) item.enabled = spec.enabled;
    if (spec.checked !== undefined) item.checked = spec.checked;
    if (spec.submenu) item.submenu = spec.submenu.map((s) => this.#item(s));
    const action = spec.action;
    if (action) item.click = () => this.#run(action);
    return item;
  }

  #run(action: TrayAction): void {
    const { actions } = this.#options;
    switch (action.kind) {
      case 'open':
        return actions.open();
      case 'pauseAll':
        return actions.pauseAll();
      case 'resumeAll':
        return actions.resumeAll();
      case 'toggleWatch':
        return actions.toggleWatch(action.id, action.enable);
      case 'showFinished':
        return actions.showFinished(action.item);
      case 'quit':
        return actions.quit();
    }
  }
}
