import type { IpcMain, IpcMainInvokeEvent, WebContents } from 'electron';
import { commandChannel, commandNames, eventChannel } from '../../src-shared/contract/index.js';
import type { Result } from '../../src-shared/errors.js';
import { dispatch, type Handlers } from '../engine/dispatch.js';
import { FerryError } from '../engine/errors.js';
import type { EngineEvents } from '../engine/events.js';
import type { Logger } from '../engine/logger.js';
import { isAppUrl } from './window.js';

/** Decides whether an IPC call comes from our own window showing our own renderer. */
export type SenderCheck = (event: IpcMainInvokeEvent) => boolean;

/** Trusts only the given window's top frame, and only while it shows app://ferry. */
export function trustWindow(getContents: () => WebContents | undefined): SenderCheck {
  return (event) => {
    const contents = getContents();
    const frame = event.senderFrame;
    return (
      contents !== undefined &&
      event.sender === contents &&
      frame !== null &&
      frame.parent === null &&
      isAppUrl(frame.url)
    );
  };
}

const REFUSED: Result<never> = {
  ok: false,
  error: FerryError.of('AccessDenied', 'desktop.notFerryPage').toData(),
};

/** What IPC serves: the engine itself, or the desktop's proxy to the engine in its worker thread. */
export interface CommandSource {
  handlers(): Handlers;
  logger: Logger;
}

/**
 * Registers one handler per contract command; returns a function that removes them. `overrides` replace
 * the engine's defaults (the desktop-only commands).
 */
export function registerIpc(
  ipcMain: IpcMain,
  engine: CommandSource,
  isTrusted: SenderCheck,
  overrides: Partial<Handlers> = {},
): () => void {
  const handlers: Handlers = { ...engine.handlers(), ...overrides };
  for (const name of commandNames) {
    ipcMain.handle(commandChannel(name), async (event, payload: unknown) => {
      if (!isTrusted(event)) {
        engine.logger.warn('ipc: dropped a call from an untrusted sender', { command: name });
        return REFUSED;
      }
      return dispatch(handlers, name, payload, engine.logger);
    });
  }
  return () => {
    for (const name of commandNames) ipcMain.removeHandler(commandChannel(name));
  };
}

/** Forwards every engine event to the window while it is alive. */
export function forwardEvents(
  engine: { events: Pick<EngineEvents, 'onAny'> },
  getContents: () => WebContents | undefined,
): () => void {
  return engine.events.onAny((name, payload) => {
    const contents = getContents();
    if (contents && !contents.isDestroyed()) contents.send(eventChannel(name), payload);
  });
}
