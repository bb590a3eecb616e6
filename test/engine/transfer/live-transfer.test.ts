import { describe, expect, it } from 'vitest';
import type { Engine } from '../../../src-main/engine/engine.js';
import type { LiveTransfer } from '../../../src-main/engine/transfer/live-transfer.js';
import { testEngine } from '../../support/engine.js';

/** A browser download as `ferry serve` lists it; no server is asked (the caller moves the bytes). */
function track(engine: Engine): LiveTransfer {
  return engine.transfers.track(
    'download',
    { profileId: 'p', bucket: 'b', key: 'photos/cat.jpg' },
    { source: 's3://b/photos/cat.jpg', target: 'cat.jpg' },
    null,
  );
}

describe('transfers whose caller moves the bytes (browser downloads)', () => {
  it('show as running with their progress, and end done in the history', async () => {
    const engine = await testEngine();
    try {
      const live = track(engine);
      expect(engine.transfers.get(live.id)?.state).toBe('running');
      live.setTotal(10);
      await live.take(4);
      live.progress(4);
      expect(engine.transfers.get(live.id)).toMatchObject({ bytesDone: 4, bytesTotal: 10 });
      live.progress(6);
      live.end();
      expect(engine.transfers.get(live.id)).toMatchObject({ state: 'done', bytesDone: 10 });
      expect(engine.transfers.history.list(10).map((t) => t.id)).toEqual([live.id]);
    } finally {
      await engine.dispose();
    }
  });

  it('are cancelled, not failed, when the user cancels: the signal aborts and a later end changes nothing', async () => {
    const engine = await testEngine();
    try {
      const live = track(engine);
      engine.transfers.cancel([live.id]);
      expect(live.signal.aborted).toBe(true);
      live.end(live.signal.reason);
      live.end();
      expect(engine.transfers.get(live.id)).toMatchObject({ state: 'cancelled', error: null });
      expect(engine.transfers.history.list(10)).toHaveLength(1);
    } finally {
      await engine.dispose();
    }
  });

  it('end failed with the reason when the bytes stop coming', async () => {
    const engine = await testEngine();
    try {
      const live = track(engine);
      live.end(Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }));
      const t = engine.transfers.get(live.id);
      expect(t?.state).toBe('failed');
      expect(t?.error?.code).toBe('NetworkError');
    } finally {
      await engine.dispose();
    }
  });

  it('are cancelled when Ferry shuts down, since a browser download cannot be continued later', async () => {
    const engine = await testEngine();
    const live = track(engine);
    await engine.dispose();
    expect(live.signal.aborted).toBe(true);
  });
});
