import { readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { dispatch } from '../../src-main/engine/dispatch.js';
import { silentLogger } from '../../src-main/engine/logger.js';
import { defaultConfigDir } from '../../src-main/engine/store/paths.js';
import { tempConfigDir, testEngine } from '../support/engine.js';

describe('settings', () => {
  it('start from defaults and persist a change across restarts', async () => {
    const configDir = tempConfigDir();
    const first = await testEngine({ configDir });
    expect(first.settings.get()).toMatchObject({
      concurrency: 4,
      theme: 'system',
      language: 'system',
    });
    const result = await dispatch(
      first.handlers(),
      'settings.set',
      { concurrency: 8, theme: 'dark' },
      silentLogger,
    );
    expect(result).toMatchObject({ ok: true, value: { concurrency: 8, theme: 'dark' } });

    const file = path.join(configDir, 'settings.json');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const second = await testEngine({ configDir });
    expect(second.settings.get()).toMatchObject({ concurrency: 8, theme: 'dark' });
  });

  it('change only the fields sent: a second change keeps the first', async () => {
    const engine = await testEngine();
    const set = (change: object) =>
      dispatch(engine.handlers(), 'settings.set', change, silentLogger);
    await set({ language: 'pt-BR', bandwidthLimit: 7 * 1024 * 1024, concurrency: 5 });
    const result = await set({ theme: 'dark' });
    expect(result).toMatchObject({
      ok: true,
      value: { theme: 'dark', language: 'pt-BR', bandwidthLimit: 7 * 1024 * 1024, concurrency: 5 },
    });
  });

  it('refuses out-of-range values and keeps the old ones', async () => {
    const engine = await testEngine();
    for (const change of [
      { concurrency: 0 },
      { partSize: 1024 },
      { theme: 'neon' },
      { unknown: 1 },
    ]) {
      const result = await dispatch(engine.handlers(), 'settings.set', change, silentLogger);
      expect(result).toMatchObject({ ok: false, error: { code: 'InvalidRequest' } });
    }
    expect(engine.settings.get().concurrency).toBe(4);
  });

  it('fall back to defaults when the file is damaged, without crashing', async () => {
    const configDir = tempConfigDir();
    writeFileSync(path.join(configDir, 'settings.json'), '{ not json');
    const engine = await testEngine({ configDir });
    expect(engine.settings.get().concurrency).toBe(4);
    expect(readFileSync(path.join(configDir, 'settings.json'), 'utf8')).toBe('{ not json');
  });

  it('live in the platform config dir', () => {
    expect(defaultConfigDir({}, 'linux', '/home/ana')).toBe('/home/ana/.config/ferry');
    expect(defaultConfigDir({ XDG_CONFIG_HOME: '/x' }, 'linux', '/home/ana')).toBe('/x/ferry');
    expect(defaultConfigDir({}, 'darwin', '/Users/ana')).toBe(
      '/Users/ana/Library/Application Support/Ferry',
    );
    expect(
      defaultConfigDir({ APPDATA: 'C:\\Users\\ana\\AppData\\Roaming' }, 'win32', 'C:\\Users\\ana'),
    ).toContain('Ferry');
    expect(defaultConfigDir({ FERRY_CONFIG_DIR: '/tmp/f' }, 'linux', '/home/ana')).toBe('/tmp/f');
  });
});
