import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import {
  emptyShellState,
  overallProgress,
  trayIconFile,
  trayMenu,
  trayState,
  withFinished,
  type ShellState,
} from '../../src-main/desktop/shell-state.js';
import { DesktopTray } from '../../src-main/desktop/tray.js';
import { desktopStrings } from '../../src-main/desktop/strings.js';
import { fake, resetFake, type MenuItem, type NativeImage } from '../support/fake-electron.js';

beforeEach(resetFake);

const t = desktopStrings('en', 'en-US');
const iconDir = path.resolve('assets/tray');

function busy(): ShellState {
  const state = emptyShellState();
  state.transfers = { running: 3, queued: 9, paused: 0, failed: 0, bytesDone: 25, bytesTotal: 100 };
  state.watches = [
    { id: 'w1', name: 'Photos', status: 'watching' },
    { id: 'w2', name: 'Backups', status: 'paused' },
  ];
  return withFinished(state, {
    id: 'd1',
    direction: 'download',
    bucket: 'b',
    key: 'reports/q1.pdf',
    localPath: '/home/ana/Downloads/q1.pdf',
    ok: true,
  });
}

function setup(state: ShellState, platform = 'linux') {
  const calls: unknown[][] = [];
  const record =
    (name: string) =>
    (...args: unknown[]) =>
      calls.push([name, ...args]);
  const tray = new DesktopTray(
    {
      iconDir,
      platform,
      darkTaskbar: () => true,
      t: () => t,
      actions: {
        open: record('open'),
        pauseAll: record('pauseAll'),
        resumeAll: record('resumeAll'),
        toggleWatch: record('toggleWatch'),
        showFinished: record('showFinished'),
        quit: record('quit'),
      },
    },
    state,
  );
  const items = () => fake.trays[0]!.menu!.items;
  const click = (label: string) => items().find((i) => i.label === label)!.click!();
  return { tray, calls, items, click };
}

describe('the tray', () => {
  it('shows the state of the transfers and watches as icon and tooltip', () => {
    const { tray } = setup(emptyShellState());
    expect((fake.trays[0]!.image as NativeImage).path).toBe(
      path.join(iconDir, 'tray-idle-dark.png'),
    );
    expect(fake.trays[0]!.tooltip).toBe('Ferry — idle');
    tray.update(busy());
    expect((fake.trays[0]!.image as NativeImage).path).toBe(
      path.join(iconDir, 'tray-active-dark.png'),
    );
    expect(fake.trays[0]!.tooltip).toBe('Ferry — 12 transferring');
  });

  it('builds its menu from engine state: open, pause all, each watch, recent, quit', () => {
    const { items } = setup(busy());
    const view = items().map((i: MenuItem) =>
      i.type === 'separator' ? '---' : `${i.label}${i.enabled === false ? ' (off)' : ''}`,
    );
    expect(view).toEqual([
      'Open Ferry',
      '---',
      'Pause all transfers',
      'Resume all transfers (off)',
      '---',
      'Watched folders (off)',
      'Photos — watching',
      'Backups — paused',
      '---',
      'Recently finished (off)',
      '✓ q1.pdf',
      '---',
      'Quit Ferry',
    ]);
    expect(items().find((i) => i.label === 'Photos — watching')!.checked).toBe(true);
    expect(items().find((i) => i.label === 'Backups — paused')!.checked).toBe(false);
  });

  it('runs the right action for each item', () => {
    const { click, calls } = setup(busy());
    click('Open Ferry');
    click('Pause all transfers');
    click('Photos — watching');
    click('Backups — paused');
    click('✓ q1.pdf');
    click('Quit Ferry');
    expect(calls.map((c) => c.slice(0, 3))).toEqual([
      ['open'],
      ['pauseAll'],
      ['toggleWatch', 'w1', false],
      ['toggleWatch', 'w2', true],
      ['showFinished', expect.objectContaining({ localPath: '/home/ana/Downloads/q1.pdf' })],
      ['quit'],
    ]);
  });

  it('opens the window on a left click outside macOS', () => {
    const { calls } = setup(emptyShellState(), 'win32');
    fake.trays[0]!.emit('click');
    expect(calls).toEqual([['open']]);
  });

  it('does not rebuild the menu when only byte counts change', () => {
    const { tray } = setup(busy());
    const menu = fake.trays[0]!.menu;
    const next = busy();
    next.transfers.bytesDone = 80;
    tray.update(next);
    expect(fake.trays[0]!.menu).toBe(menu);
  });

  it('lists no more than five recent transfers, newest first', () => {
    let state = emptyShellState();
    for (let i = 0; i < 8; i++) {
      state = withFinished(state, {
        id: `u${i}`,
        direction: 'upload',
        bucket: 'b',
        key: `k/file${i}.txt`,
        localPath: `/x/file${i}.txt`,
        ok: i !== 6,
      });
    }
    const labels = trayMenu(state, t)
      .filter((i) => i.action?.kind === 'showFinished')
      .map((i) => i.label);
    expect(labels).toEqual([
      '✓ file7.txt',
      '✗ file6.txt',
      '✓ file5.txt',
      '✓ file4.txt',
      '✓ file3.txt',
    ]);
  });
});

describe('tray state and icons', () => {
  it('prefers progress, then errors, then a paused queue', () => {
    const s = emptyShellState();
    expect(trayState(s)).toBe('idle');
    s.transfers.paused = 2;
    expect(trayState(s)).toBe('paused');
    s.transfers.failed = 1;
    expect(trayState(s)).toBe('error');
    s.transfers.queued = 1;
    expect(trayState(s)).toBe('active');
  });

  it('uses template images on macOS and taskbar-matched .ico files on Windows', () => {
    expect(trayIconFile('active', 'darwin', true)).toBe('tray-activeTemplate.png');
    expect(trayIconFile('error', 'win32', true)).toBe('tray-error.ico');
    expect(trayIconFile('error', 'win32', false)).toBe('tray-error-light.ico');
    expect(trayIconFile('paused', 'linux', false)).toBe('tray-paused-light.png');
  });

  it('has an icon file in assets/ for every state on every platform', async () => {
    const { existsSync } = await import('node:fs');
    for (const state of ['idle', 'active', 'paused', 'error'] as const) {
      for (const [platform, dark] of [
        ['darwin', false],
        ['win32', true],
        ['win32', false],
        ['linux', true],
        ['linux', false],
      ] as const) {
        expect(existsSync(path.join(iconDir, trayIconFile(state, platform, dark)))).toBe(true);
      }
    }
  });

  it('reports overall progress for the taskbar, hidden when idle', () => {
    expect(overallProgress(emptyShellState())).toBe(-1);
    expect(overallProgress(busy())).toBe(0.25);
  });
});
