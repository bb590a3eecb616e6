import { rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { app } from 'electron';
import type { Settings } from '../../src-shared/contract/index.js';
import type { EngineEvents } from '../engine/events.js';
import type { Logger } from '../engine/logger.js';
import { writeFileAtomic } from '../engine/store/atomic.js';

/** The argument a login item starts Ferry with: straight to the tray, no window. */
export const HIDDEN_ARG = '--hidden';

/** Where and how Ferry is started at login on this machine. */
export interface LoginItemTarget {
  platform: string;
  /** The program to start: the AppImage when running from one, else Electron's executable. */
  executable: string;
  /** XDG's autostart folder (`$XDG_CONFIG_HOME/autostart`), used on Linux. */
  autostartDir: string;
}

/** The freedesktop.org autostart entry that starts Ferry hidden at login. */
export function autostartEntry(executable: string): string {
  // Desktop Entry `Exec` quoting: the path in double quotes with `"`, `` ` ``, `$` and `\` escaped by a
  // backslash, and that backslash doubled again by the file's string escaping; `%` is a field code.
  const escaped = executable.replace(/(["`$\\])/g, '\\\\$1').replace(/%/g, '%%');
  const quoted = `"${escaped}"`;
  return [
    '[Desktop Entry]',
    'Type=Application',
    'Name=Ferry',
    'Comment=Desktop client for RustFS and S3-compatible storage',
    `Exec=${quoted} ${HIDDEN_ARG}`,
    'Terminal=false',
    'X-GNOME-Autostart-enabled=true',
    '',
  ].join('\n');
}

/**
 * Applies the start-at-login setting: Electron's login items on macOS and Windows; an XDG autostart
 * entry on Linux, where Electron has no such API.
 */
export async function applyLoginItem(settings: Settings, target: LoginItemTarget): Promise<void> {
  if (target.platform !== 'linux') {
    app.setLoginItemSettings({ openAtLogin: settings.startAtLogin, args: [HIDDEN_ARG] });
    return;
  }
  const file = path.join(target.autostartDir, 'ferry.desktop');
  if (settings.startAtLogin) await writeFileAtomic(file, autostartEntry(target.executable), 0o644);
  else await rm(file, { force: true });
}

/** Applies the setting now and whenever it changes; failures are logged, never fatal. */
export function followLoginSetting(
  engine: { settings: { get(): Settings }; events: Pick<EngineEvents, 'on'>; logger: Logger },
  platform: string,
): void {
  const target: LoginItemTarget = {
    platform,
    // Inside an AppImage, execPath is a temporary mount: the login item must start the AppImage itself.
    executable: process.env['APPIMAGE'] || process.execPath,
    autostartDir: path.join(
      process.env['XDG_CONFIG_HOME'] || path.join(os.homedir(), '.config'),
      'autostart',
    ),
  };
  const apply = (settings: Settings) =>
    void applyLoginItem(settings, target).catch((error: unknown) => {
      engine.logger.warn('start at login could not be changed', { error: String(error) });
    });
  apply(engine.settings.get());
  engine.events.on('settings.changed', apply);
}
