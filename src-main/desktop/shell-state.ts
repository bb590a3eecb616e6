/**
 * What the tray, the notifications and the taskbar progress show, as plain data: a small model fed by the
 * engine's transfer and watch events, and pure functions from it to icons and menus. Nothing here imports
 * electron, so every rule is tested without it.
 */
import type { FerryErrorData } from '../../src-shared/errors.js';
import type { Translate } from './strings.js';

/** The four tray icons of assets/tray. */
export type TrayState = 'idle' | 'active' | 'paused' | 'error';

/** A watched folder as the tray lists it. */
export interface WatchView {
  id: string;
  name: string;
  status: 'watching' | 'scanning' | 'uploading' | 'downloading' | 'paused' | 'error';
}

/** A transfer that finished (or failed for good). */
export interface FinishedTransfer {
  id: string;
  direction: 'upload' | 'download';
  bucket: string;
  key: string;
  /** The local file: the source of an upload, the target of a download. */
  localPath: string;
  ok: boolean;
  /** Why it failed, in the user's words (English; `error` lets the shell say it in the user's language). */
  reason?: string;
  error?: FerryErrorData;
  /** Set when a watched folder started it. */
  watchId?: string;
}

/** Counts and bytes of the transfer queue. */
export interface TransferCounts {
  running: number;
  queued: number;
  paused: number;
  failed: number;
  bytesDone: number;
  bytesTotal: number;
}

/** Everything the desktop chrome shows. */
export interface ShellState {
  transfers: TransferCounts;
  watches: WatchView[];
  /** Newest first, at most RECENT_LIMIT. */
  recent: FinishedTransfer[];
}

/** How many finished transfers the tray lists. */
export const RECENT_LIMIT = 5;

export const emptyShellState = (): ShellState => ({
  transfers: { running: 0, queued: 0, paused: 0, failed: 0, bytesDone: 0, bytesTotal: 0 },
  watches: [],
  recent: [],
});

/** Adds a finished transfer to the front of the recent list, keeping it short. */
export function withFinished(state: ShellState, item: FinishedTransfer): ShellState {
  const recent = [item, ...state.recent.filter((r) => r.id !== item.id)].slice(0, RECENT_LIMIT);
  return { ...state, recent };
}

/** Running work wins (the user wants to see progress); then failures; then a paused queue. */
export function trayState({ transfers: t, watches }: ShellState): TrayState {
  if (t.running + t.queued > 0 || watches.some((w) => w.status === 'uploading')) return 'active';
  if (t.failed > 0 || watches.some((w) => w.status === 'error')) return 'error';
  if (t.paused > 0) return 'paused';
  return 'idle';
}

/**
 * The icon file for a state: template images on macOS (the system tints them), .ico on Windows matched to
 * the taskbar's own light/dark setting, and the light-glyph PNGs on Linux, whose panels are mostly dark.
 */
export function trayIconFile(state: TrayState, platform: string, darkTaskbar: boolean): string {
  if (platform === 'darwin') return `tray-${state}Template.png`;
  if (platform === 'win32') return darkTaskbar ? `tray-${state}.ico` : `tray-${state}-light.ico`;
  return darkTaskbar ? `tray-${state}-dark.png` : `tray-${state}-light.png`;
}

/** The tooltip naming the state and, when useful, a count. */
export function trayTooltip(state: ShellState, t: Translate): string {
  const s = trayState(state);
  const { running, queued, failed } = state.transfers;
  const watching = (status: WatchView['status']) =>
    state.watches.filter((w) => w.status === status).length;
  if (s === 'active') return t('state.active', { count: running + queued + watching('uploading') });
  if (s === 'error') return t('state.error', { count: failed + watching('error') });
  return t(s === 'paused' ? 'state.paused' : 'state.idle');
}

/** The overall progress for the dock/taskbar: 0..1, or -1 to hide the bar. */
export function overallProgress({ transfers: t }: ShellState): number {
  if (t.running + t.queued === 0 || t.bytesTotal <= 0) return -1;
  return Math.min(1, Math.max(0, t.bytesDone / t.bytesTotal));
}

/** What a tray item does when clicked. */
export type TrayAction =
  | { kind: 'open' }
  | { kind: 'pauseAll' }
  | { kind: 'resumeAll' }
  | { kind: 'toggleWatch'; id: string; enable: boolean }
  | { kind: 'showFinished'; item: FinishedTransfer }
  | { kind: 'quit' };

/** A menu item as data; tray.ts turns it into an Electron menu. */
export interface MenuSpec {
  label?: string;
  type?: 'normal' | 'separator' | 'checkbox';
  enabled?: boolean;
  checked?: boolean;
  action?: TrayAction;
  submenu?: MenuSpec[];
}

const separator: MenuSpec = { type: 'separator' };

function watchItems(state: ShellState, t: Translate): MenuSpec[] {
  if (state.watches.length === 0) return [{ label: t('noWatches'), enabled: false }];
  return state.watches.map((w) => {
    const on = w.status !== 'paused';
    return {
      label: `${w.name} — ${t(`watch.${w.status}`)}`,
      type: 'checkbox',
      checked: on,
      action: { kind: 'toggleWatch', id: w.id, enable: !on },
    };
  });
}

function recentItems(state: ShellState): MenuSpec[] {
  return state.recent.map((item) => ({
    label: `${item.ok ? '✓' : '✗'} ${baseName(item.direction === 'upload' ? item.key : item.localPath)}`,
    action: { kind: 'showFinished', item },
  }));
}

/** The tray menu: open, pause/resume all, each watch with a toggle, recent transfers, quit. */
export function trayMenu(state: ShellState, t: Translate): MenuSpec[] {
  const { running, queued, paused } = state.transfers;
  const menu: MenuSpec[] = [
    { label: t('open'), action: { kind: 'open' } },
    separator,
    { label: t('pauseAll'), enabled: running + queued > 0, action: { kind: 'pauseAll' } },
    { label: t('resumeAll'), enabled: paused > 0, action: { kind: 'resumeAll' } },
    separator,
    { label: t('watches'), enabled: false },
    ...watchItems(state, t),
  ];
  if (state.recent.length > 0) {
    menu.push(separator, { label: t('recent'), enabled: false }, ...recentItems(state));
  }
  menu.push(separator, { label: t('quit'), action: { kind: 'quit' } });
  return menu;
}

/** The last segment of a key or path, whichever separator it uses. */
export function baseName(pathOrKey: string): string {
  const parts = pathOrKey.split(/[\\/]/).filter(Boolean);
  return parts.at(-1) ?? pathOrKey;
}
