import { chmodSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { desktopCommandHandlers } from '../../src-main/desktop/desktop-commands.js';
import { DragOut } from '../../src-main/desktop/drag-out.js';
import { registerIpc, trustWindow } from '../../src-main/desktop/ipc.js';
import { LocalFiles } from '../../src-main/desktop/local-files.js';
import { desktopStrings } from '../../src-main/desktop/strings.js';
import { createMainWindow } from '../../src-main/desktop/window.js';
import { dispatch } from '../../src-main/engine/dispatch.js';
import { silentLogger } from '../../src-main/engine/logger.js';
import { fetchForDrag } from '../../src-main/engine/port/fetch-for-drag.js';
import { tempConfigDir, testEngine } from '../support/engine.js';
import { fake, ipcMain, resetFake, type BrowserWindow } from '../support/fake-electron.js';
import { createTestBucket, gatewayEnv, rawClient } from '../support/s3.js';

let bucket: Awaited<ReturnType<typeof createTestBucket>>;
beforeAll(async () => {
  bucket = await createTestBucket('drag');
  await rawClient().send(
    new PutObjectCommand({ Bucket: bucket.name, Key: 'reports/2026/q1.pdf', Body: 'quarterly' }),
  );
});
afterAll(() => bucket.remove());
beforeEach(resetFake);

async function setup() {
  const engine = await testEngine({ face: 'desktop', env: gatewayEnv() });
  const window = createMainWindow('/p.cjs') as unknown as BrowserWindow;
  const contents = () => window.webContents as unknown as Electron.WebContents;
  const files = new LocalFiles();
  // The app fetches in its engine worker; here the engine is in-process, behind the same function.
  const drag = new DragOut((source, file) => fetchForDrag(engine, source, file), files);
  registerIpc(
    ipcMain as unknown as Electron.IpcMain,
    engine,
    trustWindow(contents),
    desktopCommandHandlers({
      window: () => window as unknown as Electron.BrowserWindow,
      files,
      drag,
      platform: 'linux',
      t: () => desktopStrings('en', 'en-US'),
      dragIcon: '/icons/64x64.png',
    }),
  );
  const call = (name: string, payload: unknown) =>
    fake.ipcHandlers.get(`ferry:cmd:${name}`)!(
      { sender: window.webContents, senderFrame: { url: window.webContents.url, parent: null } },
      payload,
    ) as Promise<{ ok: boolean; value?: unknown; error?: { code: string; message: string } }>;
  return { engine, window, call, files, drag };
}

describe('desktop commands', () => {
  it('drags an object out: fetched to a temporary file first, then a native drag starts', async () => {
    const { call, window, engine, drag } = await setup();
    const progress: unknown[] = [];
    engine.events.on('desktop.dragProgress', (p) => progress.push(p));
    const result = await call('desktop.dragOut', {
      profileId: 'environment',
      bucket: bucket.name,
      key: 'reports/2026/q1.pdf',
    });
    expect(result).toMatchObject({ ok: true, value: { bytes: 9 } });
    const file = (result.value as { path: string }).path;
    expect(path.basename(file)).toBe('q1.pdf');
    expect(readFileSync(file, 'utf8')).toBe('quarterly');
    expect(window.webContents.drags).toEqual([
      { file, icon: expect.objectContaining({ path: '/icons/64x64.png' }) },
    ]);
    expect(progress.at(-1)).toEqual({
      bucket: bucket.name,
      key: 'reports/2026/q1.pdf',
      bytes: 9,
      total: 9,
    });
    // The dragged copy can be revealed; after quitting, it is gone.
    expect(await call('desktop.reveal', { path: file })).toEqual({ ok: true, value: null });
    expect(fake.revealed).toEqual([file]);
    await drag.dispose();
    expect(await call('desktop.reveal', { path: file })).toMatchObject({ ok: false });
  });

  it('starts no drag when the object cannot be fetched, and says why', async () => {
    const { call, window } = await setup();
    const result = await call('desktop.dragOut', {
      profileId: 'environment',
      bucket: bucket.name,
      key: 'missing.txt',
    });
    expect(result).toMatchObject({ ok: false, error: { code: 'NoSuchKey' } });
    expect(window.webContents.drags).toEqual([]);
  });

  it('reveals and opens only files Ferry transferred itself', async () => {
    const { call, files } = await setup();
    const mine = path.join(tempConfigDir(), 'downloaded.txt');
    writeFileSync(mine, 'x');
    files.add(mine);
    expect(await call('desktop.open', { path: mine })).toEqual({ ok: true, value: null });
    expect(fake.openedPaths).toEqual([mine]);
    for (const path of ['/bin/sh', '/etc/passwd', 'relative.txt', `${mine}/../downloaded.txt/..`]) {
      expect(await call('desktop.open', { path })).toMatchObject({
        ok: false,
        error: { code: 'InvalidRequest' },
      });
      expect(await call('desktop.reveal', { path })).toMatchObject({ ok: false });
    }
    expect(fake.openedPaths).toEqual([mine]);
    expect(fake.revealed).toEqual([]);
  });

  it('never starts a downloaded program or script, but can still reveal it', async () => {
    const { call, files } = await setup();
    const dir = tempConfigDir();
    const runnable = ['setup.exe', 'install.SH', 'Ferry.AppImage', 'evil.desktop'].map((name) =>
      path.join(dir, name),
    );
    const executable = path.join(dir, 'no-extension');
    for (const file of [...runnable, executable]) {
      writeFileSync(file, '#!/bin/sh\n');
      files.add(file);
    }
    chmodSync(executable, 0o755);
    for (const file of [...runnable, executable]) {
      expect(await call('desktop.open', { path: file })).toMatchObject({
        ok: false,
        error: { code: 'InvalidRequest', hint: expect.stringContaining('Reveal') },
      });
      expect(await call('desktop.reveal', { path: file })).toEqual({ ok: true, value: null });
    }
    expect(fake.openedPaths).toEqual([]);
  });

  it('answers the folder the user picked, or null when they cancel', async () => {
    const { call } = await setup();
    expect(await call('desktop.pickFolder', { purpose: 'watch-source' })).toEqual({
      ok: true,
      value: { path: null },
    });
    fake.openDialogAnswer = { canceled: false, filePaths: ['/home/ana/Photos'] };
    expect(
      await call('desktop.pickFolder', { purpose: 'download-target', defaultPath: '/home/ana' }),
    ).toEqual({ ok: true, value: { path: '/home/ana/Photos' } });
    expect(fake.openDialogs.at(-1)).toMatchObject({
      title: 'Choose where to download',
      defaultPath: '/home/ana',
      properties: expect.arrayContaining(['openDirectory']),
    });
    expect(await call('desktop.pickFolder', { purpose: 'elsewhere' })).toMatchObject({
      ok: false,
      error: { code: 'InvalidRequest' },
    });
  });

  it('tells the window when secrets are not protected (Linux without a keyring)', async () => {
    const { call } = await setup();
    fake.safeStorage.backend = 'basic_text';
    expect(await call('desktop.keychain', {})).toMatchObject({
      ok: true,
      value: { backend: 'basic_text', secure: false },
    });
  });
});

describe('desktop commands outside the desktop app', () => {
  it('answer a clear "only in the desktop app" error under ferry serve', async () => {
    const engine = await testEngine({ face: 'serve' });
    for (const [name, payload] of [
      ['desktop.pickFolder', { purpose: 'watch-source' }],
      ['desktop.reveal', { path: '/tmp/x' }],
      ['desktop.open', { path: '/tmp/x' }],
      ['desktop.dragOut', { profileId: 'p', bucket: 'b', key: 'k' }],
      ['desktop.keychain', {}],
    ] as const) {
      const result = await dispatch(engine.handlers(), name, payload, silentLogger);
      expect(result).toMatchObject({
        ok: false,
        error: { code: 'DesktopOnly', message: expect.stringContaining('desktop app') },
      });
    }
  });
});
