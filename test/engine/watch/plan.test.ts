import { describe, expect, it } from 'vitest';
import { WatchOptions } from '../../../src-shared/contract/index.js';
import type { IndexEntry } from '../../../src-main/engine/watch/index-store.js';
import { reconcile, type PlanInput } from '../../../src-main/engine/watch/plan.js';
import type { RemoteObject } from '../../../src-main/engine/watch/remote.js';
import { pathFilter } from '../../../src-main/engine/watch/rules.js';
import type { LocalFile } from '../../../src-main/engine/watch/scan.js';

const options = WatchOptions.parse({});
const f = (size: number, mtimeMs = 1): LocalFile => ({ size, mtimeMs });

function plan(
  local: Record<string, LocalFile>,
  indexed: Record<string, IndexEntry>,
  remote: Record<string, RemoteObject>,
  extra: Partial<Omit<PlanInput, 'rule'>> & { rule?: Partial<typeof options> } = {},
) {
  const rule = { ...options, ...extra.rule };
  const index = new Map(Object.entries(indexed));
  return reconcile({
    prefix: 'p/',
    filter: pathFilter(rule),
    scan: { files: new Map(Object.entries(local)), unreadable: [], skipped: [] },
    index: { get: (rel) => index.get(rel), entries: () => index.entries() },
    remote: new Map(Object.entries(remote)),
    confirmDeletes: false,
    ...extra,
    rule,
  });
}

const known = (size: number, key: string): IndexEntry => ({ size, mtimeMs: 1, etag: 'e', key });

describe('reconciliation plan', () => {
  it('leaves files unchanged since the index alone when their objects are listed', () => {
    const r = plan(
      { 'a.txt': f(3) },
      { 'a.txt': known(3, 'p/a.txt') },
      { 'p/a.txt': { size: 3, etag: 'e' } },
    );
    expect(r.uploads).toEqual([]);
    expect(r.unchanged).toBe(1);
  });

  it('uploads new and changed files, and files whose object disappeared', () => {
    const r = plan(
      { 'new.txt': f(1), 'edited.txt': f(9, 2), 'lost.txt': f(4) },
      { 'edited.txt': known(5, 'p/edited.txt'), 'lost.txt': known(4, 'p/lost.txt') },
      { 'p/edited.txt': { size: 5, etag: 'e' } },
    );
    expect(Object.fromEntries(r.uploads.map((u) => [u.rel, u.reason]))).toEqual({
      'new.txt': 'new',
      'edited.txt': 'changed',
      'lost.txt': 'missing-remotely',
    });
  });

  it('never deletes with the default keep policy; it only forgets the local file', () => {
    const r = plan(
      {},
      { 'gone.txt': known(1, 'p/gone.txt') },
      { 'p/gone.txt': { size: 1, etag: 'e' } },
    );
    expect(r.deletes).toEqual([]);
    expect(r.forget).toEqual(['gone.txt']);
  });

  it('mirrors a delete within the cap, and never touches excluded or foreign keys', () => {
    const r = plan(
      { 'stay.txt': f(1) },
      {},
      {
        'p/stay.txt': { size: 1, etag: 'e' },
        'p/gone.txt': { size: 1, etag: 'e' },
        'p/cache.tmp': { size: 1, etag: 'e' },
        'other/x.txt': { size: 1, etag: 'e' },
      },
      { rule: { deletePolicy: 'mirror' } },
    );
    expect(r.deletes.map((d) => d.key)).toEqual(['p/gone.txt']);
  });

  it('holds back deletes above the cap until confirmed', () => {
    const remote = Object.fromEntries(
      Array.from({ length: 100 }, (_, i) => [`p/f${i}`, { size: 1, etag: 'e' }]),
    );
    const local = Object.fromEntries(Array.from({ length: 80 }, (_, i) => [`f${i}`, f(1)]));
    const held = plan(local, {}, remote, { rule: { deletePolicy: 'mirror' } });
    expect(held.deletes).toEqual([]);
    expect(held.deletesHeldBack).toBe(20);
    const confirmed = plan(local, {}, remote, {
      rule: { deletePolicy: 'mirror' },
      confirmDeletes: true,
    });
    expect(confirmed.deletes).toHaveLength(20);
  });

  it('treats an empty folder facing a full bucket as unmounted: no deletes without confirmation', () => {
    const r = plan({}, {}, { 'p/a': { size: 1, etag: 'e' } }, { rule: { deletePolicy: 'mirror' } });
    expect(r.deletes).toEqual([]);
    expect(r.deletesHeldBack).toBe(1);
  });

  it('does not delete or forget anything under a folder it could not read', () => {
    const r = plan(
      {},
      { 'locked/a.txt': known(1, 'p/locked/a.txt') },
      { 'p/locked/a.txt': { size: 1, etag: 'e' }, 'p/open.txt': { size: 1, etag: 'e' } },
      {
        rule: { deletePolicy: 'mirror' },
        confirmDeletes: true,
        scan: { files: new Map(), unreadable: ['locked'], skipped: [] },
      },
    );
    expect(r.deletes.map((d) => d.key)).toEqual(['p/open.txt']);
    expect(r.forget).toEqual([]);
  });
});
