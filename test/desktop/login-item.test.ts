import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { applyLoginItem, autostartEntry } from '../../src-main/desktop/login-item.js';
import { Settings } from '../../src-shared/contract/index.js';
import { tempConfigDir } from '../support/engine.js';
import { fake, resetFake } from '../support/fake-electron.js';

beforeEach(resetFake);

const on = Settings.parse({ startAtLogin: true });
const off = Settings.parse({ startAtLogin: false });

describe('start at login', () => {
  it('uses the system login items on macOS and Windows, starting hidden in the tray', async () => {
    for (const platform of ['darwin', 'win32']) {
      const target = { platform, executable: '/x', autostartDir: tempConfigDir() };
      await applyLoginItem(on, target);
      expect(fake.loginItem).toEqual({ openAtLogin: true, args: ['--hidden'] });
      await applyLoginItem(off, target);
      expect(fake.loginItem).toEqual({ openAtLogin: false, args: ['--hidden'] });
    }
  });

  it('writes and removes an XDG autostart entry on Linux', async () => {
    const dir = path.join(tempConfigDir(), 'autostart');
    const target = {
      platform: 'linux',
      executable: '/opt/Ferry/Ferry.AppImage',
      autostartDir: dir,
    };
    await applyLoginItem(on, target);
    const file = path.join(dir, 'ferry.desktop');
    expect(readFileSync(file, 'utf8')).toContain('Exec="/opt/Ferry/Ferry.AppImage" --hidden');
    expect(statSync(file).mode & 0o777).toBe(0o644);
    await applyLoginItem(off, target);
    expect(existsSync(file)).toBe(false);
    await applyLoginItem(off, target);
    expect(fake.loginItem).toBeNull();
  });

  it('quotes the program path so spaces and shell characters stay part of it', () => {
    const exec = autostartEntry('/home/ana/My Apps/Fe"rry$1 100%.AppImage')
      .split('\n')
      .find((line) => line.startsWith('Exec='));
    // In the file: each special character behind two backslashes, `%` doubled (freedesktop spec).
    expect(exec).toBe(String.raw`Exec="/home/ana/My Apps/Fe\\"rry\\$1 100%%.AppImage" --hidden`);
  });
});
