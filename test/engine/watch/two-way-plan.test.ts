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
    movedIntact: async () => true,
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

  it('moves a renamed folder of files written in one clock tick: the inode tells them apart', async () => {
    for (const deletePolicy of ['mirror', 'keep'] as const) {
      const s = synced(0);
      for (let i = 0; i < 300; i++) {
        const stats = { size: 3, mtimeMs: 1000, ino: 500 + i };
        s.base.set(`d/r${i}`, { ...stats, etag: `e${i}`, key: `d/r${i}` });
        s.remote.set(`d/r${i}`, { key: `d/r${i}`, size: 3, etag: `e${i}` });
        s.local.set(`e/r${i}`, stats);
      }
      const plan = await planTwoWay(
        input(s, { rule: { deletePolicy, maxDeletes: 2, maxDeletePercent: 1 } }),
      );
      expect(plan.remoteMoves).toHaveLength(300);
      expect(plan.remoteMoves.every((m) => m.from.replace('d/', 'e/') === m.to && !m.keep)).toBe(
        true,
      );
      expect([plan.uploads, plan.downloads, plan.remoteDeletes, plan.deletesHeldBack]).toEqual([
        [],
        [],
        [],
        0,
      ]);
    }
  });

  it('takes a rename it cannot pin down for a delete and a create: a shared inode, other bytes', async () => {
    const keep = { deletePolicy: 'keep' as const, maxDeletes: 50, maxDeletePercent: 100 };
    const s = synced(0);
    const stats = { size: 3, mtimeMs: 1000, ino: 7 };
    // Two names of one file (hard links), both gone; one new name.
    for (const rel of ['a', 'b']) {
      s.base.set(rel, { ...stats, etag: 'e', key: rel });
      s.remote.set(rel, { key: rel, size: 3, etag: 'e' });
    }
    s.local.set('c', stats);
    let plan = await planTwoWay(input(s, { rule: keep }));
    expect(plan.remoteMoves).toEqual([]);
    expect(plan.uploads.map((u) => u.rel)).toEqual(['c']);
    expect(plan.downloads.map((d) => d.rel).sort()).toEqual(['a', 'b']);

    // An inode reused after a delete, for a file of the same size and mtime whose bytes differ.
    s.base.delete('b');
    s.remote.delete('b');
    plan = await planTwoWay(input(s, { rule: keep, movedIntact: async () => false }));
    expect(plan.remoteMoves).toEqual([]);
    expect([plan.uploads.length, plan.downloads.length]).toEqual([1, 1]);
    plan = await planTwoWay(input(s, { rule: keep }));
    expect(plan.remoteMoves.map((m) => [m.from, m.to])).toEqual([['a', 'c']]);
  });

  it('finishes a rename seen in two halves: a copy while the old path is there, its delete once gone', async () => {
    const keep = { deletePolicy: 'keep' as const, maxDeletes: 2, maxDeletePercent: 1 };
    const s = synced(0);
    for (let i = 0; i < 300; i++) {
      const stats = { size: 3, mtimeMs: 1000, ino: 500 + i };
      s.base.set(`d/r${i}`, { ...stats, etag: `e${i}`, key: `d/r${i}` });
      s.remote.set(`d/r${i}`, { key: `d/r${i}`, size: 3, etag: `e${i}` });
      s.local.set(`d/r${i}`, stats);
      s.local.set(`e/r${i}`, stats);
    }
    let plan = await planTwoWay(input(s, { rule: keep }));
    expect(plan.remoteMoves.filter((m) => m.keep)).toHaveLength(300);
    expect([plan.uploads, plan.remoteDeletes]).toEqual([[], []]);

    // The copies done (or a kill after them), the old paths gone: their objects go, mirror off, past the cap.
    for (const m of plan.remoteMoves) {
      s.base.set(m.to, { ...m.file, etag: m.etag, key: m.key });
      s.remote.set(m.to, { key: m.key, size: m.size, etag: m.etag });
      s.local.delete(m.from);
    }
    plan = await planTwoWay(input(s, { rule: keep }));
    expect(plan.remoteDeletes).toHaveLength(300);
    expect(plan.remoteDeletes.every((d) => d.movedTo === d.rel.replace('d/', 'e/'))).toBe(true);
    expect([plan.downloads, plan.uploads, plan.remoteMoves, plan.deletesHeldBack]).toEqual([
      [],
      [],
      [],
      0,
    ]);
  });

  it('counts the local edits a download watch keeps, not files touched back to the same bytes', async () => {
    const s = synced(4);
    // Edited (another size), edited at the same size, touched only (same bytes), and in step.
    s.local.set('f0.txt', { size: 99, mtimeMs: 7000, ino: 50 });
    s.local.set('f1.txt', { size: 11, mtimeMs: 7001, ino: 51 });
    s.local.set('f2.txt', { size: 12, mtimeMs: 7002, ino: 52 });
    const asked: string[] = [];
    const download = input(s, {
      mode: 'download',
      sameContent: async (rel) => (asked.push(rel), rel === 'f2.txt'),
    });
    let plan = await planTwoWay(download);
    expect(plan.keptLocal).toBe(2);
    expect(asked.sort()).toEqual(['f1.txt', 'f2.txt']);
    expect(plan.adopted.map((a) => a.rel)).toEqual(['f2.txt']);
    expect([plan.uploads, plan.downloads, plan.conflicts]).toEqual([[], [], []]);
    // The same edits in a two-way watch go up: nothing is kept back.
    plan = await planTwoWay(input(s));
    expect(plan.keptLocal).toBe(0);
    expect(plan.uploads.map((u) => u.rel).sort()).toEqual(['f0.txt', 'f1.txt', 'f2.txt']);
  });
});
