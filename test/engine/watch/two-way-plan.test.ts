import { describe, expect, it } from 'vitest';
import type { IndexEntry } from '../../../src-main/engine/watch/index-store.js';
import type { ListedObject } from '../../../src-main/engine/watch/remote.js';
import type { LocalFile } from '../../../src-main/engine/local/walk.js';
import { planTwoWay, type TwoWayInput } from '../../../src-main/engine/watch/two-way-plan.js';

/** `n` synced paths: baseline, file and object agree. */
function synced(n: number) {
  const base = new Map<string, IndexEntry>();
  const local = new Map<string, LocalFile>();
  const remote = new Map<string, ListedObject>();
  for (let i = 0; i < n; i++) {
    const rel = `f${i}.txt`;
    base.set(rel, { size: 10 + i, mtimeMs: 1000 + i, ino: 50 + i, etag: `e${i}`, key: rel });
    local.set(rel, { size: 10 + i, mtimeMs: 1000 + i, ino: 50 + i });
    remote.set(rel, { key: rel, size: 10 + i, etag: `e${i}` });
  }
  return { base, local, remote };
}

function input(s: ReturnType<typeof synced>, extra: Partial<TwoWayInput> = {}): TwoWayInput {
  return {
    mode: 'two-way',
    rule: { deletePolicy: 'mirror', maxDeletes: 2, maxDeletePercent: 100 },
    keyOf: (rel) => rel,
    local: s.local,
    remote: s.remote,
    baseline: s.base,
    held: () => false,
    movedAway: new Set(),
    confirmDeletes: false,
    sameContent: async () => false,
    ...extra,
  };
}

describe('two-way plan', () => {
  it('propagates deletes up to the cap and holds back one past it', async () => {
    const s = synced(5);
    s.local.delete('f0.txt');
    s.local.delete('f1.txt');
    let plan = await planTwoWay(input(s));
    expect(plan.remoteDeletes.map((d) => d.rel)).toEqual(['f0.txt', 'f1.txt']);
    s.local.delete('f2.txt');
    plan = await planTwoWay(input(s));
    expect([plan.remoteDeletes.length, plan.deletesHeldBack]).toEqual([0, 3]);
    // Named for the user with the side they would happen on: the bucket.
    expect(plan.heldBack.map((a) => [a.action, a.path])).toEqual([
      ['delete', 'f0.txt'],
      ['delete', 'f1.txt'],
      ['delete', 'f2.txt'],
    ]);
    plan = await planTwoWay(input(s, { confirmDeletes: true }));
    expect(plan.remoteDeletes).toHaveLength(3);
  });

  it('never deletes a file the other side changed: the changed version comes back', async () => {
    const s = synced(3);
    s.local.delete('f0.txt');
    s.remote.set('f0.txt', { key: 'f0.txt', size: 99, etag: 'changed' });
    s.remote.delete('f1.txt');
    s.local.set('f1.txt', { size: 77, mtimeMs: 5, ino: 51 });
    const plan = await planTwoWay(input(s));
    expect(plan.downloads.map((d) => [d.rel, d.reason])).toEqual([['f0.txt', 'changed']]);
    expect(plan.uploads.map((u) => [u.rel, u.reason])).toEqual([['f1.txt', 'changed']]);
    expect([plan.remoteDeletes, plan.localDeletes]).toEqual([[], []]);
  });

  it('takes two renamed files alike for a delete and a create, and finishes an interrupted move', async () => {
    const s = synced(3);
    // Same size and ETag: which remote key replaced which cannot be told.
    s.base.set('f1.txt', { ...s.base.get('f1.txt')!, size: 10, etag: 'e0' });
    s.local.set('f1.txt', { ...s.local.get('f1.txt')!, size: 10 });
    for (const rel of ['f0.txt', 'f1.txt']) s.remote.delete(rel);
    s.remote.set('new-a.txt', { key: 'new-a.txt', size: 10, etag: 'e0' });
    s.remote.set('new-b.txt', { key: 'new-b.txt', size: 10, etag: 'e0' });
    const plan = await planTwoWay(
      input(s, { rule: { deletePolicy: 'mirror', maxDeletes: 50, maxDeletePercent: 100 } }),
    );
    expect(plan.localMoves).toEqual([]);
    expect(plan.localDeletes.map((d) => d.rel).sort()).toEqual(['f0.txt', 'f1.txt']);

    const t = synced(2);
    t.local.delete('f0.txt');
    const keep = { deletePolicy: 'keep' as const, maxDeletes: 50, maxDeletePercent: 100 };
    const again = await planTwoWay(input(t, { rule: keep, movedAway: new Set(['f0.txt']) }));
    expect(again.remoteDeletes.map((d) => d.rel)).toEqual(['f0.txt']);
    expect(again.downloads).toEqual([]);
  });
});
