import type { App, BrowserWindow, Event, RenderProcessGoneDetails, WebContents } from 'electron';
import type { QueueTotals } from '../../src-shared/contract/index.js';
import type { Clock, Logger } from '../engine/logger.js';

export interface QuitGuardOptions {
  app: App;
  /** Where the running transfers are counted (the engine, or its proxy on the main thread). */
  engine: { transfers: { totals(): QueueTotals } };
  /** Asks the user whether to quit while `count` transfers run; true means quit. */
  confirm: (count: number) => Promise<boolean>;
  /** Everything to stop before the process exits (the engine, temporary files). */
  shutdown: () => Promise<void>;
  logger: Logger;
}

/**
 * Quitting with transfers running asks first; when the user agrees, the queue pauses (its journal keeps
 * each upload's parts) so the transfers resume on the next start, and only then does the app exit.
 */
export function guardQuit(options: QuitGuardOptions): QuitGuard {
  const { app, engine, logger } = options;
  let phase: 'running' | 'asking' | 'stopping' | 'stopped' = 'running';
  let attempt: Promise<void> = Promise.resolve();
  const tryQuit = async () => {
    const totals = engine.transfers.totals();
    const active = totals.running + totals.queued;
    if (active > 0 && !(await options.confirm(active))) {
      phase = 'running';
      return;
    }
    phase = 'stopping';
    try {
      await options.shutdown();
    } catch (error) {
      logger.error('shutdown failed', { error: String(error) });
    }
    phase = 'stopped';
    app.quit();
  };
  app.on('before-quit', (event: Event) => {
    if (phase === 'stopped') return;
    event.preventDefault();
    if (phase !== 'running') return;
    phase = 'asking';
    attempt = tryQuit().catch((error: unknown) => {
      logger.error('quit failed', { error: String(error) });
      phase = 'running';
    });
  });
  return { isQuitting: () => phase !== 'running', settled: () => attempt };
}

/** What guardQuit gives back. */
export interface QuitGuard {
  /** True from the moment the user asked to quit (close handlers then let the window go). */
  isQuitting(): boolean;
  /** Resolves when the last quit attempt was answered (and, if confirmed, carried out). */
  settled(): Promise<void>;
}

export interface WindowKeeperOptions {
  /** Whether closing the window should keep Ferry running in the tray. */
  closeToTray: () => boolean;
  isQuitting: () => boolean;
  logger: Logger;
  clock: Clock;
  /** Crashes allowed within `crashWindowMs` before Ferry stops reloading the page. */
  maxCrashes?: number;
  crashWindowMs?: number;
}

/**
 * Keeps the engine independent of the window: closing hides it to the tray (when that setting is on),
 * and a renderer crash reloads the page while transfers carry on in the main process.
 */
export function keepWindow(window: BrowserWindow, options: WindowKeeperOptions): void {
  window.on('close', (event: Event) => {
    if (options.isQuitting() || !options.closeToTray()) return;
    event.preventDefault();
    window.hide();
  });
  reloadAfterCrash(window.webContents, options);
}

/** Reloads a crashed renderer, but not forever: a page that keeps crashing is left alone. */
export function reloadAfterCrash(contents: WebContents, options: WindowKeeperOptions): void {
  const max = options.maxCrashes ?? 3;
  const span = options.crashWindowMs ?? 60_000;
  let crashes: number[] = [];
  contents.on('render-process-gone', (_event: Event, details: RenderProcessGoneDetails) => {
    if (details.reason === 'clean-exit') return;
    const now = options.clock.now();
    crashes = [...crashes.filter((at) => now - at < span), now];
    if (crashes.length > max) {
      options.logger.error('renderer keeps crashing; not reloading', { reason: details.reason });
      return;
    }
    options.logger.warn('renderer gone; reloading (transfers continue)', {
      reason: details.reason,
    });
    if (!contents.isDestroyed()) contents.reload();
  });
}
