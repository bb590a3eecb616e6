import type { ErrorKey } from '../../../src-shared/error-keys.js';
import type { Handlers } from '../dispatch.js';
import { FerryError } from '../errors.js';

/** The desktop-only commands; the Electron shell replaces these defaults with real implementations. */
export type DesktopCommand =
  'desktop.pickFolder' | 'desktop.reveal' | 'desktop.open' | 'desktop.dragOut' | 'desktop.keychain';

/** The error every desktop-only command answers outside the desktop app. */
export function desktopOnly(what: string, key: ErrorKey): FerryError {
  return new FerryError(
    'DesktopOnly',
    `${what} is only available in the Ferry desktop app.`,
    'In the browser, use the download button instead; install the desktop app for native integration.',
    { key },
  );
}

/** `desktop.*` defaults for faces without a desktop (`ferry serve`, the CLI). */
export function desktopHandlers(): Pick<Handlers, DesktopCommand> {
  return {
    'desktop.pickFolder': async () => {
      throw desktopOnly('Choosing a folder with the system picker', 'desktopOnly.pickFolder');
    },
    'desktop.reveal': async () => {
      throw desktopOnly('Showing a file in its folder', 'desktopOnly.reveal');
    },
    'desktop.open': async () => {
      throw desktopOnly('Opening a downloaded file', 'desktopOnly.open');
    },
    'desktop.dragOut': async () => {
      throw desktopOnly('Dragging objects to the desktop', 'desktopOnly.dragOut');
    },
    'desktop.keychain': async () => {
      throw desktopOnly('The system keychain', 'desktopOnly.keychain');
    },
  };
}
