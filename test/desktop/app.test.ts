import { once } from 'node:events';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { ListMultipartUploadsCommand } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { startDesktop, type DesktopApp } from '../../src-main/desktop/app.js';
import { tempConfigDir } from '../support/engine.js';
import {
  app,
  fake,
  resetFake,
  type BrowserWindow,
  type NativeImage,
} from '../support/fake-electron.js';
import { createTestBucket, gatewayEnv, rawClient } from '../support/s3.js';
import { MiB, objectMd5, randomFile, tempDir, transferEngine } from '../support/transfer.js';

const root = path.resolve('.');
const mainFile = path.join(root, 'dist', 'main', 'desktop.js');
let bucket: Awaited<ReturnType<typeof createTestBucket>>;
/** Desktop apps (each with its engine worker) and in-process engines to close at the end. */
const engines: { dispose(): Promise<void> }[] = [];

beforeAll(async () => {
  bucket = await createTestBucket('desktop');
  Object.assign(process.env, gatewayEnv());
});
afterAll(async () => {
  await Promise.all(engines.map((e) => e.dispose().catch(() => {})));
  await bucket.remove();
});
beforeEach(() => {
  resetFake();
  process.env['FERRY_CONFIG_DIR'] = tempConfigDir();
  // Start at login writes an XDG autostart entry on Linux: never into the real home.
  process.env['XDG_CONFIG_HOME'] = tempConfigDir();
});

async function start(): Promise<DesktopApp> {
  const desktop = (await startDesktop(mainFile))!;
  engines.push(desktop.engine);
  return desktop;
}

const win = (desktop: DesktopApp) => desktop.window() as unknown as BrowserWindow;
const call = (desktop: DesktopApp, name: string, payload: unknown) =>
  fake.ipcHandlers.get(`ferry:cmd:${name}`)!(
    {
      sender: win(desktop).webContents,
      senderFrame: { url: 'app://ferry/index.html', parent: null },
    },
    payload,
  );

/**
 * Starts a throttled upload through the window's IPC (the engine runs in its worker thread) and waits until
 * its first part is in the journal file.
 */
async function uploadUnderway(desktop: DesktopApp, key: string) {
  const engine = desktop.engine;
  await engine.settings.update({ partSize: 5 * MiB, partConcurrency: 2, bandwidthLimit: 8 * MiB });
  const { file, md5 } = randomFile(tempDir('quit'), key, 40 * MiB);
  const answer = (await call(desktop, 'transfers.upload', {
    profileId: 'environment',
    bucket: bucket.name,
    paths: [file],
  })) as { ok: true; value: { ids: string[] } };
  const id = answer.value.ids[0]!;
  const journal = path.join(process.env['FERRY_CONFIG_DIR']!, 'transfers', 'journal.jsonl');
  const journaled = () =>
    existsSync(journal) &&
    readFileSync(journal, 'utf8')
      .split('\n')
      .some((line) => line.includes('"kind":"chunk"'));
  while (!journaled()) {
    await new Promise<void>((resolve) => {
      const off = engine.events.on('transfers.progress', () => {
        off();
        resolve();
      });
    });
  }
  return { id, file, md5 };
}

describe('the desktop app', () => {
  it('starts with a hardened window, a tray, the standard menu, the about panel and real desktop commands', async () => {
    const desktop = await start();
    expect(fake.windows).toHaveLength(1);
    expect(fake.windows[0]!.options['webPreferences']).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
    });
    expect(fake.trays).toHaveLength(1);
    expect((fake.trays[0]!.image as NativeImage).path).toBe(
      path.join(root, 'assets', 'tray', 'tray-idle-dark.png'),
    );
    const roles = fake.applicationMenu!.items.map((i) => i.role);
    expect(roles).toEqual(
      expect.arrayContaining(['fileMenu', 'editMenu', 'viewMenu', 'windowMenu']),
    );
    expect(fake.aboutPanel).toMatchObject({
      applicationName: 'Ferry',
      applicationVersion: '0.0.0-test',
    });
    expect(await call(desktop, 'desktop.keychain', {})).toMatchObject({
      ok: true,
      value: { backend: 'gnome_libsecret', secure: true },
    });
    expect(await call(desktop, 'buckets.list', { profileId: 'environment' })).toMatchObject({
      ok: true,
      value: expect.arrayContaining([expect.objectContaining({ name: bucket.name })]),
    });
  });

  it('says in a notification that it found the transfer journal damaged, and where the old one is kept', async () => {
    const transfers = path.join(process.env['FERRY_CONFIG_DIR']!, 'transfers');
    mkdirSync(transfers, { recursive: true });
    writeFileSync(path.join(transfers, 'journal.jsonl'), '{"op":"put"\n\u0000garbage\n{}\n');
    const desktop = await start();
    const backup = desktop.engine.journalLoad.backup!;
    expect(existsSync(backup)).toBe(true);
    const note = fake.notifications.find((n) => n.options.body.includes(backup));
    expect(note?.options.title).toBe('Interrupted transfers start over');
    expect(note?.options.body).toBe(
      `The transfer journal was damaged; Ferry started a clean one and kept the old one at ${backup}.`,
    );
  });

  it('keeps a saved secret key in the keychain file, encrypted, and never sends it to the window', async () => {
    const desktop = await start();
    const secret = gatewayEnv().AWS_SECRET_ACCESS_KEY!;
    const saved = await call(desktop, 'profiles.save', {
      name: 'Gateway',
      endpoint: gatewayEnv().AWS_ENDPOINT_URL,
      accessKeyId: gatewayEnv().AWS_ACCESS_KEY_ID!,
      secretAccessKey: secret,
    });
    expect(saved).toMatchObject({ ok: true });
    const id = (saved as { value: { id: string } }).value.id;
    // The saved profile works: the secret is read back from the keychain in the main process.
    expect(await call(desktop, 'buckets.list', { profileId: id })).toMatchObject({ ok: true });
    const answers = JSON.stringify([
      saved,
      await call(desktop, 'profiles.list', {}),
      win(desktop).webContents.sent,
    ]);
    expect(answers).not.toContain(secret);
    const file = path.join(process.env['FERRY_CONFIG_DIR']!, 'secrets.json');
    expect(existsSync(file)).toBe(true);
    expect(readFileSync(file, 'utf8')).not.toContain(secret);
  });

  it("opens a presigned link to the profile's server in the browser, and no other link", async () => {
    const desktop = await start();
    const link = await call(desktop, 'share.create', {
      profileId: 'environment',
      bucket: bucket.name,
      key: 'a.txt',
      method: 'GET',
      expiresInSeconds: 300,
    });
    expect(link).toMatchObject({ ok: true });
    const url = (link as { value: { url: string } }).value.url;
    const open = win(desktop).webContents.windowOpenHandler!;
    for (const other of [
      'https://evil.example/',
      'http://127.0.0.1:1/x',
      `${url}`.replace('http', 'ftp'),
    ]) {
      expect(open({ url: other })).toEqual({ action: 'deny' });
    }
    expect(fake.openedExternal).toEqual([]);
    expect(open({ url })).toEqual({ action: 'deny' });
    expect(fake.openedExternal).toEqual([url]);
  });

  it('applies the start-at-login setting as soon as it changes', async () => {
    const desktop = await start();
    await call(desktop, 'settings.set', { startAtLogin: true });
    const entry = path.join(process.env['XDG_CONFIG_HOME']!, 'autostart', 'ferry.desktop');
    // The entry is written in the background after the setting is saved.
    await vi.waitFor(() => expect(existsSync(entry)).toBe(true));
    expect(readFileSync(entry, 'utf8')).toContain('--hidden');
  });

  it('keeps running in the tray when the window is closed, and comes back from the tray', async () => {
    const desktop = await start();
    const window = win(desktop);
    expect(window.tryClose()).toBe(true);
    expect(window.isVisible()).toBe(false);
    fake.trays[0]!.menu!.items.find((i) => i.label === 'Open Ferry')!.click!();
    expect(window.isVisible()).toBe(true);
    expect(fake.windows).toHaveLength(1);
  });

  it('lets the window go when close-to-tray is off', async () => {
    const desktop = await start();
    await call(desktop, 'settings.set', { closeToTray: false });
    expect(win(desktop).tryClose()).toBe(false);
  });

  it('focuses the existing window when Ferry is started again', async () => {
    const desktop = await start();
    win(desktop).hide();
    app.emit('second-instance');
    expect(win(desktop).isVisible()).toBe(true);
    expect(fake.windows).toHaveLength(1);
  });

  it('reloads a crashed renderer while transfers carry on', async () => {
    const desktop = await start();
    const { id } = await uploadUnderway(desktop, 'crash.bin');
    win(desktop).webContents.emit('render-process-gone', {}, { reason: 'crashed', exitCode: 1 });
    expect(win(desktop).webContents.reloads).toBe(1);
    expect(desktop.engine.transfers.get(id)!.state).toBe('running');
    await desktop.engine.transfers.cancel([id]);
  });

  it('asks before quitting with transfers running, and keeps them when the user says no', async () => {
    const desktop = await start();
    const { id } = await uploadUnderway(desktop, 'stay.bin');
    fake.messageBoxAnswer = 1;
    app.emit('before-quit', { preventDefault: () => {} });
    await desktop.quit.settled();
    expect(fake.messageBoxes[0]).toMatchObject({
      title: 'Transfers are running',
      message: 'A transfer is still running. Quit Ferry?',
    });
    expect(fake.quitCalled).toBe(0);
    expect(desktop.engine.transfers.get(id)!.state).toBe('running');
    await desktop.engine.transfers.cancel([id]);
  });

  it('pauses transfers into the journal on quit, and they resume on the next start', async () => {
    const desktop = await start();
    const configDir = process.env['FERRY_CONFIG_DIR']!;
    const { id, file, md5 } = await uploadUnderway(desktop, 'big.bin');
    let prevented = false;
    const quitting = once(app, 'fake:quit');
    app.emit('before-quit', { preventDefault: () => (prevented = true) });
    await quitting;
    expect(prevented).toBe(true);
    expect(fake.messageBoxes).toHaveLength(1);
    expect(desktop.engine.transfers.get(id)!.state).toBe('paused');
    // The multipart upload is kept on the server for the next start, not aborted.
    const uploads = await rawClient().send(
      new ListMultipartUploadsCommand({ Bucket: bucket.name }),
    );
    expect(uploads.Uploads?.filter((u) => u.Key === 'big.bin')).toHaveLength(1);

    const next = await transferEngine({ configDir });
    engines.push(next);
    await next.settings.update({ bandwidthLimit: 0 });
    const again = next.transfers.enqueueUpload({
      profileId: 'environment',
      bucket: bucket.name,
      key: 'big.bin',
      file,
    });
    await again.done;
    expect(next.transfers.get(again.id)!.resumed).toBe(true);
    expect(await objectMd5(bucket.name, 'big.bin')).toBe(md5);
    // Two 40 MiB uploads against a gateway the whole suite shares.
  }, 90_000);
});
