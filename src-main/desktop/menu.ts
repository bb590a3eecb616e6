import { app, Menu, type MenuItemConstructorOptions } from 'electron';
import { VERSION } from '../engine/version.js';

/**
 * The application menu from the standard roles, so shortcuts (copy, paste, undo, zoom, full screen,
 * close) behave as on every other app of the platform; labels are translated by the OS.
 */
export function applicationMenuTemplate(platform: string): MenuItemConstructorOptions[] {
  const mac = platform === 'darwin';
  const template: MenuItemConstructorOptions[] = [];
  if (mac) template.push({ role: 'appMenu' });
  template.push(
    { role: 'fileMenu' },
    { role: 'editMenu' },
    {
      role: 'viewMenu',
      // Developer tools stay out of the packaged app's menu; reload and zoom are useful to everyone.
      submenu: [
        { role: 'reload' },
        { type: 'separator' },
        { role: 'resetZoom' },
        { role: 'zoomIn' },
        { role: 'zoomOut' },
        { type: 'separator' },
        { role: 'togglefullscreen' },
      ],
    },
    { role: 'windowMenu' },
  );
  if (!mac) template.push({ role: 'help', submenu: [{ role: 'about' }] });
  return template;
}

/** Installs the application menu and fills the about panel with the version. */
export function installApplicationMenu(platform: string, iconPath: string): void {
  app.setAboutPanelOptions({
    applicationName: 'Ferry',
    applicationVersion: VERSION,
    version: VERSION,
    copyright: 'Copyright © 2026 Ferry Engineers',
    website: 'https://ferry.dev',
    iconPath,
  });
  Menu.setApplicationMenu(Menu.buildFromTemplate(applicationMenuTemplate(platform)));
}
