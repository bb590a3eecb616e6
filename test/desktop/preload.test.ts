import { beforeAll, describe, expect, it } from 'vitest';
import { commandChannel, commandNames, eventNames } from '../../src-shared/contract/index.js';
import { fake } from '../support/fake-electron.js';

beforeAll(async () => {
  await import('../../src-main/desktop/preload.js');
});

describe('the preload bridge', () => {
  it('exposes window.ferry only', () => {
    expect([...fake.exposed.keys()]).toEqual(['ferry']);
  });

  it('has one named function per command and nothing generic', () => {
    const api = fake.exposed.get('ferry') as Record<string, Record<string, unknown>>;
    const names = Object.entries(api)
      .filter(([ns]) => ns !== 'events' && ns !== 'pathForFile')
      .flatMap(([ns, fns]) => Object.keys(fns).map((fn) => `${ns}.${fn}`));
    expect(names.sort()).toEqual([...commandNames].sort());
    for (const banned of ['send', 'invoke', 'on', 'ipcRenderer', 'require']) {
      expect(api).not.toHaveProperty(banned);
    }
    expect(Object.keys(api['events']!).sort()).toEqual([...eventNames].sort());
  });

  it('answers the local path of a dropped file, and nothing for anything else', () => {
    const api = fake.exposed.get('ferry') as { pathForFile(file: unknown): string };
    const dropped = new File(['x'], 'report.pdf');
    fake.pathsForFiles.set(dropped, '/home/ana/report.pdf');
    expect(api.pathForFile(dropped)).toBe('/home/ana/report.pdf');
    expect(api.pathForFile(new File(['x'], 'made-by-page.txt'))).toBe('');
    expect(api.pathForFile({ path: '/etc/passwd' })).toBe('');
    expect(api.pathForFile('/etc/passwd')).toBe('');
  });

  it('calls the command channel with the request', async () => {
    const api = fake.exposed.get('ferry') as { buckets: { list(r: unknown): Promise<unknown> } };
    await api.buckets.list({ profileId: 'x' });
    expect(fake.invoked.at(-1)).toEqual({
      channel: commandChannel('buckets.list'),
      args: [{ profileId: 'x' }],
    });
  });

  it('hands listeners the payload, never the IPC event', () => {
    const api = fake.exposed.get('ferry') as {
      events: Record<string, (l: (...a: unknown[]) => void) => () => void>;
    };
    const seen: unknown[][] = [];
    const off = api.events['profiles.changed']!((...args) => seen.push(args));
    const [listener] = fake.rendererListeners.get('ferry:evt:profiles.changed')!;
    listener!({ sender: 'secret' }, { profiles: [] });
    expect(seen).toEqual([[{ profiles: [] }]]);
    off();
    expect(fake.rendererListeners.get('ferry:evt:profiles.changed')!.size).toBe(0);
  });
});
