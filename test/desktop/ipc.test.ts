import { beforeEach, describe, expect, it } from 'vitest';
import { commandChannel, commandNames, eventChannel } from '../../src-shared/contract/index.js';
import { forwardEvents, registerIpc, trustWindow } from '../../src-main/desktop/ipc.js';
import { createMainWindow } from '../../src-main/desktop/window.js';
import { testEngine } from '../support/engine.js';
import { fake, resetFake, WebContents, type BrowserWindow } from '../support/fake-electron.js';
import { ipcMain } from '../support/fake-electron.js';

beforeEach(resetFake);

async function setup() {
  const engine = await testEngine({ face: 'desktop' });
  const window = createMainWindow('/p.cjs') as unknown as BrowserWindow;
  const contents = () => window.webContents as unknown as Electron.WebContents;
  registerIpc(ipcMain as unknown as Electron.IpcMain, engine, trustWindow(contents));
  const call = (
    name: string,
    payload: unknown,
    sender: WebContents = window.webContents,
    url?: string,
  ) =>
    fake.ipcHandlers.get(`ferry:cmd:${name}`)!(
      { sender, senderFrame: { url: url ?? sender.url, parent: null } },
      payload,
    );
  return { engine, window, call };
}

describe('IPC handlers', () => {
  it('registers exactly one handler per contract command', async () => {
    await setup();
    expect([...fake.ipcHandlers.keys()].sort()).toEqual(commandNames.map(commandChannel).sort());
  });

  it('answers our own window', async () => {
    const { call } = await setup();
    expect(await call('app.info', {})).toMatchObject({ ok: true, value: { face: 'desktop' } });
  });

  it('drops calls from another webContents', async () => {
    const { call } = await setup();
    const stranger = new WebContents();
    stranger.url = 'app://ferry/index.html';
    expect(await call('profiles.list', {}, stranger)).toMatchObject({
      ok: false,
      error: { code: 'AccessDenied' },
    });
  });

  it('drops calls from our window when it shows a foreign page', async () => {
    const { call, window } = await setup();
    expect(
      await call('profiles.list', {}, window.webContents, 'https://evil.example/'),
    ).toMatchObject({
      ok: false,
      error: { code: 'AccessDenied' },
    });
  });

  it('drops calls from a subframe', async () => {
    const { window } = await setup();
    const result = await fake.ipcHandlers.get('ferry:cmd:profiles.list')!(
      { sender: window.webContents, senderFrame: { url: 'app://ferry/x.html', parent: {} } },
      {},
    );
    expect(result).toMatchObject({ ok: false, error: { code: 'AccessDenied' } });
  });

  it('rejects invalid payloads with a message naming the field', async () => {
    const { call } = await setup();
    const result = (await call('buckets.list', { profileId: 12 })) as {
      ok: boolean;
      error: { message: string };
    };
    expect(result.ok).toBe(false);
    expect(result.error.message).toContain('profileId');
  });

  it('forwards engine events to the window', async () => {
    const { engine, window } = await setup();
    forwardEvents(engine, () => window.webContents as unknown as Electron.WebContents);
    engine.events.emit('profiles.changed', { profiles: [] });
    expect(window.webContents.sent).toEqual([
      { channel: eventChannel('profiles.changed'), args: [{ profiles: [] }] },
    ]);
  });
});
