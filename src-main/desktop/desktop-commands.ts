import { dialog, nativeImage, shell, type BrowserWindow } from 'electron';
import type { DesktopCommand } from '../engine/api/desktop.js';
import type { Handlers } from '../engine/dispatch.js';
import { FerryError } from '../engine/errors.js';
import type { DragOut } from './drag-out.js';
import { keychainStatus } from './keychain.js';
import { isRunnable, type LocalFiles } from './local-files.js';
import type { Translate } from './strings.js';

export interface DesktopCommandDeps {
  window: () => BrowserWindow | undefined;
  files: LocalFiles;
  drag: DragOut;
  platform: string;
  t: () => Translate;
  /** The image shown under the pointer while dragging (must not be empty on macOS). */
  dragIcon: string;
}

/** The real implementations of the desktop-only commands, replacing the engine's defaults. */
export function desktopCommandHandlers(deps: DesktopCommandDeps): Pick<Handlers, DesktopCommand> {
  return {
    'desktop.pickFolder': async ({ purpose, defaultPath }) => {
      const t = deps.t();
      const options: Electron.OpenDialogOptions = {
        title: t(`pick.${purpose}`),
        buttonLabel: t('pick.button'),
        properties: ['openDirectory', 'createDirectory'],
        ...(defaultPath ? { defaultPath } : {}),
      };
      const window = deps.window();
      const result = window
        ? await dialog.showOpenDialog(window, options)
        : await dialog.showOpenDialog(options);
      return { path: result.canceled ? null : (result.filePaths[0] ?? null) };
    },
    'desktop.reveal': async ({ path }) => {
      shell.showItemInFolder(await deps.files.require(path));
      return null;
    },
    'desktop.open': async ({ path }) => {
      const file = await deps.files.require(path);
      if (await isRunnable(file)) {
        throw FerryError.of('InvalidRequest', 'desktop.refuseExecutable');
      }
      const failure = await shell.openPath(file);
      if (failure) {
        throw FerryError.of('InvalidRequest', 'desktop.openFailed', { detail: failure });
      }
      return null;
    },
    'desktop.dragOut': async (source) => {
      const fetched = await deps.drag.fetch(source);
      const contents = deps.window()?.webContents;
      if (contents && !contents.isDestroyed()) {
        contents.startDrag({ file: fetched.path, icon: nativeImage.createFromPath(deps.dragIcon) });
      }
      return fetched;
    },
    'desktop.keychain': async () => keychainStatus(deps.platform),
  };
}
