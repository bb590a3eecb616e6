/**
 * The preload: builds `window.ferry` from the contract. The page gets one named function per command and
 * one named subscription per event — never ipcRenderer itself, nor a generic send/invoke.
 */
import { contextBridge, ipcRenderer, webUtils, type IpcRendererEvent } from 'electron';
import {
  commandChannel,
  commandNames,
  eventChannel,
  eventNames,
  type FerryBridge,
} from '../../src-shared/contract/index.js';

/** Builds the bridge object; exported for tests. */
export function buildBridge(): FerryBridge {
  const api: Record<string, Record<string, unknown>> = { events: {} };
  for (const name of commandNames) {
    const [namespace, fn] = name.split('.') as [string, string];
    const channel = commandChannel(name);
    (api[namespace] ??= {})[fn] = (request: unknown) => ipcRenderer.invoke(channel, request);
  }
  for (const name of eventNames) {
    const channel = eventChannel(name);
    api['events']![name] = (listener: (payload: unknown) => void) => {
      // Wrap so the page never sees the IpcRendererEvent (it carries `sender`).
      const wrapped = (_event: IpcRendererEvent, payload: unknown) => listener(payload);
      ipcRenderer.on(channel, wrapped);
      return () => ipcRenderer.removeListener(channel, wrapped);
    };
  }
  (api as Record<string, unknown>)['pathForFile'] = pathForFile;
  return api as unknown as FerryBridge;
}

/**
 * The local path of a file dropped on the page ('' for anything that is not a dropped local file). The
 * page gets this one question answered, not webUtils itself.
 */
export function pathForFile(file: unknown): string {
  if (typeof File === 'undefined' || !(file instanceof File)) return '';
  try {
    return webUtils.getPathForFile(file);
  } catch {
    return '';
  }
}

contextBridge.exposeInMainWorld('ferry', buildBridge());
