import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ShellModel, watchView } from '../../src-main/desktop/shell-model.js';
import type { FinishedTransfer } from '../../src-main/desktop/shell-state.js';
import { trayState } from '../../src-main/desktop/shell-state.js';
import type { Engine } from '../../src-main/engine/engine.js';
import { createTestBucket } from '../support/s3.js';
import { randomFile, tempDir, transferEngine } from '../support/transfer.js';

let engine: Engine;
let bucket: Awaited<ReturnType<typeof createTestBucket>>;
beforeAll(async () => {
  engine = await transferEngine();
  bucket = await createTestBucket('shell');
});
afterAll(async () => {
  await engine.dispose();
  await bucket.remove();
});

describe('the shell model over real transfers', () => {
  it('reports each finished upload once, with failures and their reasons', async () => {
    const model = new ShellModel(engine);
    const finished: FinishedTransfer[] = [];
    model.onFinished((item) => finished.push(item));
    const dir = tempDir('shell');
    const handles = ['a.txt', 'b.txt', 'c.txt'].map((name) =>
      engine.transfers.enqueueUpload({
        profileId: 'environment',
        bucket: bucket.name,
        key: `notes/${name}`,
        file: randomFile(dir, name, 1000).file,
      }),
    );
    const failing = engine.transfers.enqueueUpload({
      profileId: 'environment',
      bucket: `${bucket.name}-missing`,
      key: 'x.txt',
      file: randomFile(dir, 'x.txt', 10).file,
    });
    await Promise.all(handles.map((h) => h.done));
    await failing.done.catch(() => {});
    // The queue batches its change events; wait for the one that carries the last outcome.
    while (finished.length < 4) {
      await new Promise<void>((resolve) => {
        const off = engine.events.on('transfers.changed', () => {
          off();
          resolve();
        });
      });
    }
    expect(
      finished
        .filter((f) => f.ok)
        .map((f) => f.key)
        .sort(),
    ).toEqual(['notes/a.txt', 'notes/b.txt', 'notes/c.txt']);
    const failed = finished.find((f) => !f.ok)!;
    expect(failed.reason).toMatch(/bucket/i);
    expect(model.state.recent).toHaveLength(4);
    expect(model.state.transfers).toMatchObject({ running: 0, queued: 0, failed: 1 });
    expect(trayState(model.state)).toBe('error');
    model.dispose();
  });
});

describe('watches in the tray', () => {
  it('lists a real watch and reports the files it uploads, tagged with the watch', async () => {
    const model = new ShellModel(engine);
    const finished: FinishedTransfer[] = [];
    model.onFinished((item) => finished.push(item));
    const folder = tempDir('watched');
    const watch = await engine.watches.add(
      { folder, profileId: 'environment', bucket: bucket.name, prefix: 'inbox/', stabilityMs: 100 },
      { persist: false },
    );
    expect(model.state.watches).toEqual([
      expect.objectContaining({ id: watch.rule.id, name: watch.rule.folder.split(/[\\/]/).at(-1) }),
    ]);
    const uploaded = new Promise<void>((resolve) => {
      const off = model.onFinished(() => {
        if (finished.length < 2) return;
        off();
        resolve();
      });
    });
    randomFile(folder, 'one.jpg', 100);
    randomFile(folder, 'two.jpg', 100);
    await uploaded;
    expect(finished.map((f) => [f.key, f.watchId, f.ok]).sort()).toEqual([
      ['inbox/one.jpg', watch.rule.id, true],
      ['inbox/two.jpg', watch.rule.id, true],
    ]);
    await engine.watches.remove(watch.rule.id);
    model.dispose();
  });

  it('names a watch after its folder and folds its state into what the tray shows', () => {
    const rule = { id: 'w1', folder: '/home/ana/Photos', paused: false } as never;
    const status = (state: string) => ({ state }) as never;
    expect(watchView({ rule, status: status('idle') })).toEqual({
      id: 'w1',
      name: 'Photos',
      status: 'watching',
    });
    expect(watchView({ rule, status: status('uploading') }).status).toBe('uploading');
    expect(
      watchView({ rule: { ...(rule as object), paused: true } as never, status: status('idle') })
        .status,
    ).toBe('paused');
  });
});
