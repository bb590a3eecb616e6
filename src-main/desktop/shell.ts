import { nativeTheme, Notification, shell, type BrowserWindow } from 'electron';
import type { DesktopTarget } from '../../src-shared/contract/index.js';
import type { EngineProxy } from './engine-proxy.js';
import type { LocalFiles } from './local-files.js';
import { Notifier, type NoteSpec, type Schedule } from './notifications.js';
import { ShellModel } from './shell-model.js';
import { overallProgress, type FinishedTransfer } from './shell-state.js';
import type { Translate } from './strings.js';
import { DesktopTray } from './tray.js';

export interface ShellOptions {
  engine: EngineProxy;
  platform: string;
  /** The folder with assets/tray's icons. */
  iconDir: string;
  t: () => Translate;
  window: () => BrowserWindow | undefined;
  /** Shows (or recreates) the window, optionally at a place. */
  showWindow: (target?: DesktopTarget) => void;
  files: LocalFiles;
  quit: () => void;
  schedule?: Schedule;
}

const timers: Schedule = (callback, delayMs) => {
  const timer = setTimeout(callback, delayMs);
  return () => clearTimeout(timer);
};

/** Whether the taskbar/panel is dark: Windows reports it apart from the apps' theme; Linux panels mostly are. */
function darkTaskbar(platform: string): boolean {
  if (platform === 'win32') return nativeTheme.shouldUseDarkColorsForSystemIntegratedUI;
  return platform === 'linux' ? true : nativeTheme.shouldUseDarkColors;
}

/**
 * The desktop chrome around the engine: the tray, batched notifications and the dock/taskbar progress,
 * all fed by one ShellModel. Returns a function that takes it all down.
 */
export function startShell(options: ShellOptions): {
  model: ShellModel;
  /** Shows a notification whatever the notification setting (what the user must hear about). */
  announce: (note: NoteSpec) => void;
  dispose: () => void;
} {
  const { engine, files } = options;
  const model = new ShellModel(engine);
  // Electron drops a notification's click handler once the object is garbage-collected: keep them.
  const live = new Set<Notification>();
  const show = (note: NoteSpec) => {
    if (!Notification.isSupported()) return;
    const n = new Notification({ title: note.title, body: note.body });
    live.add(n);
    n.on('click', () => options.showWindow(note.target));
    n.on('close', () => live.delete(n));
    n.show();
  };
  const notifier = new Notifier({
    clock: engine.clock,
    schedule: options.schedule ?? timers,
    mode: () => engine.settings.get().notifications,
    t: options.t,
    show,
  });
  // A damaged journal was moved aside at start: the user hears it once, whatever the notification setting.
  const backup = engine.journalLoad.backup;
  if (backup) {
    const t = options.t();
    show({
      title: t('journal.damaged.title'),
      body: t('journal.damaged.body', { backup }),
      target: { kind: 'transfers' },
    });
  }
  const tray = new DesktopTray(
    {
      iconDir: options.iconDir,
      platform: options.platform,
      darkTaskbar: () => darkTaskbar(options.platform),
      t: options.t,
      actions: trayActions(options),
    },
    model.state,
  );
  const offs = [
    model.onFinished((item) => {
      if (item.ok && item.localPath) files.add(item.localPath);
      notifier.finished(item);
    }),
    model.onChange((state) => {
      tray.update(state);
      const window = options.window();
      if (window && !window.isDestroyed()) window.setProgressBar(overallProgress(state));
    }),
    engine.events.on('settings.changed', () => tray.update(model.state, true)),
  ];
  const themeChanged = () => tray.update(model.state, true);
  nativeTheme.on('updated', themeChanged);
  return {
    model,
    announce: show,
    dispose: () => {
      for (const off of offs) off();
      nativeTheme.off('updated', themeChanged);
      notifier.dispose();
      model.dispose();
      tray.destroy();
    },
  };
}

function trayActions(options: ShellOptions) {
  const { engine } = options;
  const settle = (what: string, work: Promise<unknown>) =>
    void work.catch((error: unknown) => {
      engine.logger.warn(`tray: could not change ${what}`, { error: String(error) });
    });
  const setWatches = (ids: string[], paused: boolean) =>
    settle('watches', engine.watches.setPaused(ids, paused));
  return {
    open: () => options.showWindow(),
    pauseAll: () => {
      settle('transfers', engine.transfers.pause());
      setWatches(engine.watches.ids(), true);
    },
    resumeAll: () => {
      settle('transfers', engine.transfers.resume());
      setWatches(engine.watches.ids(), false);
    },
    toggleWatch: (id: string, enable: boolean) => setWatches([id], !enable),
    showFinished: (item: FinishedTransfer) => {
      // A finished download is shown where it landed; anything else opens Ferry on it.
      if (item.ok && item.direction === 'download' && options.files.has(item.localPath)) {
        shell.showItemInFolder(item.localPath);
      } else {
        options.showWindow(
          item.watchId ? { kind: 'watch', id: item.watchId } : { kind: 'transfer', id: item.id },
        );
      }
    },
    quit: options.quit,
  };
}
