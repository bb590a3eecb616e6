import type { ErrorKey } from '../../../src-shared/error-keys.js';
import type { Handlers } from '../dispatch.js';
import { FerryError } from '../errors.js';

/** The desktop-only commands; the Electron shell replaces these defaults with real implementations. */
export type DesktopCommand =
  'desktop.pickFolder' | 'desktop.reveal' | 'desktop.open' | 'desktop.dragOut' | 'desktop.keychain';

/** The error every desktop-only command answers outside the desktop app. */
export function desktopOnly(key: ErrorKey): FerryError {
  return FerryError.of('DesktopOnly', key);
}

/** `desktop.*` defaults for faces without a desktop (`ferry serve`, the CLI). */
export function desktopHandlers(): Pick<Handlers, DesktopCommand> {
  return {
    'desktop.pickFolder': async () => {
      throw desktopOnly('desktopOnly.pickFolder');
    },
    'desktop.reveal': async () => {
      throw desktopOnly('desktopOnly.reveal');
    },
    'desktop.open': async () => {
      throw desktopOnly('desktopOnly.open');
    },
    'desktop.dragOut': async () => {
      throw desktopOnly('desktopOnly.dragOut');
    },
    'desktop.keychain': async () => {
      throw desktopOnly('desktopOnly.keychain');
    },
  };
}
