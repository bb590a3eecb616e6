import { describe, expect, it } from 'vitest';
import { WatchOptions } from '../../../src-shared/contract/index.js';
import type { IndexEntry } from '../../../src-main/engine/watch/index-store.js';
import { reconcile, type PlanInput } from '../../../src-main/engine/watch/plan.js';
import type { RemoteObject } from '../../../src-main/engine/watch/remote.js';
import { pathFilter } from '../../../src-main/engine/watch/rules.js';
import { compareKeys, type LocalFile } from '../../../src-main/engine/local/walk.js';

const options = WatchOptions.parse({});
const f = (size: number, mtimeMs = 1): LocalFile => ({ size, mtimeMs });

async function* inOrder<T>(items: T[], key: (item: T) => string): AsyncGenerator<T> {
  yield* [...items].sort((a, b) => compareKeys(key(a), key(b)));
}

/** Plans with the folder and the listing in key order, as the walk and S3 give them. */
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
    local: inOrder(
      Object.entries(local).map(([rel, file]) => ({ rel, file })),
      (e) => e.rel,
    ),
    issues: { unreadable: [], skipped: [] },
    index: { get: (rel) => index.get(rel), entries: () => index.entries() },
    remote: inOrder(
      Object.entries(remote).map(([key, o]) => ({ key, ...o })),
      (o) => o.key,
    ),
    confirmDeletes: false,
    ...extra,
    rule,
  });
}

const known = (size: number, key: string): IndexEntry => ({ size, mtimeMs: 1, etag: 'e', key });

describe('reconciliation plan', () => {
  it('leaves files unchanged since the index alone when their objects are listed', async () => {
    const r = await plan(
      { 'a.txt': f(3) },
      { 'a.txt': known(3, 'p/a.txt') },
      { 'p/a.txt': { size: 3, etag: 'e' } },
    );
    expect(r.uploads).toEqual([]);
    expect(r.unchanged).toBe(1);
  });

  it('uploads new and changed files, and files whose object disappeared', async () => {
    const r = await plan(
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

  it('never deletes with the default keep policy; it only forgets the local file', async () => {
    const r = await plan(
      {},
      { 'gone.txt': known(1, 'p/gone.txt') },
      { 'p/gone.txt': { size: 1, etag: 'e' } },
    );
    expect(r.deletes).toEqual([]);
    expect(r.forget).toEqual(['gone.txt']);
  });

  it('mirrors a delete within the cap, and never touches excluded or foreign keys', async () => {
    const r = await plan(
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

  it('holds back deletes above the cap until confirmed', async () => {
    const remote = Object.fromEntries(
      Array.from({ length: 100 }, (_, i) => [`p/f${i}`, { size: 1, etag: 'e' }]),
    );
    const local = Object.fromEntries(Array.from({ length: 80 }, (_, i) => [`f${i}`, f(1)]));
    const held = await plan(local, {}, remote, { rule: { deletePolicy: 'mirror' } });
    expect(held.deletes).toEqual([]);
    expect(held.deletesHeldBack).toBe(20);
    // Five of them are named for the user to recognise, never all twenty.
    expect(held.heldBack.map((a) => [a.action, a.key])).toEqual(
      Object.keys(remote)
        .filter((k) => !(k.slice(2) in local))
        .slice(0, 5)
        .map((k) => ['delete', k]),
    );
    const confirmed = await plan(local, {}, remote, {
      rule: { deletePolicy: 'mirror' },
      confirmDeletes: true,
    });
    expect(confirmed.deletes).toHaveLength(20);
    expect(confirmed.heldBack).toEqual([]);
  });

  it('treats an empty folder facing a full bucket as unmounted: no deletes without confirmation', async () => {
    const r = await plan(
      {},
      {},
      { 'p/a': { size: 1, etag: 'e' } },
      { rule: { deletePolicy: 'mirror' } },
    );
    expect(r.deletes).toEqual([]);
    expect(r.deletesHeldBack).toBe(1);
  });

  it('does not delete or forget anything under a folder it could not read', async () => {
    const r = await plan(
      {},
      { 'locked/a.txt': known(1, 'p/locked/a.txt') },
      { 'p/locked/a.txt': { size: 1, etag: 'e' }, 'p/open.txt': { size: 1, etag: 'e' } },
      {
        rule: { deletePolicy: 'mirror' },
        confirmDeletes: true,
        issues: { unreadable: ['locked'], skipped: [] },
      },
    );
    expect(r.deletes.map((d) => d.key)).toEqual(['p/open.txt']);
    expect(r.forget).toEqual([]);
  });

  it('matches files and objects across names that sort differently in UTF-16 and in UTF-8', async () => {
    const names = ['a.txt', 'a/b.txt', 'a0', 'z\uFB01le', '\u{1F600}.txt', 'Z'];
    const local = Object.fromEntries(names.map((n) => [n, f(1)]));
    const indexed = Object.fromEntries(names.map((n) => [n, known(1, `p/${n}`)]));
    const remote = Object.fromEntries(names.map((n) => [`p/${n}`, { size: 1, etag: 'e' }]));
    const r = await plan(local, indexed, remote, { rule: { deletePolicy: 'mirror' } });
    expect(r.unchanged).toBe(names.length);
    expect(r.uploads).toEqual([]);
    expect(r.deletes).toEqual([]);
  });

  it('neither deletes nor misses a file when the server lists in another order', async () => {
    const rule = { ...options, deletePolicy: 'mirror' as const };
    async function* backwards() {
      yield { key: 'p/b.txt', size: 1, etag: 'e' };
      yield { key: 'p/a.txt', size: 1, etag: 'e' };
    }
    async function* files() {
      yield { rel: 'a.txt', file: f(1) };
      yield { rel: 'b.txt', file: f(1) };
    }
    const index = new Map([
      ['a.txt', known(1, 'p/a.txt')],
      ['b.txt', known(1, 'p/b.txt')],
    ]);
    const r = await reconcile({
      rule,
      prefix: 'p/',
      filter: pathFilter(rule),
      local: files(),
      issues: { unreadable: [], skipped: [] },
      remote: backwards(),
      index: { get: (rel) => index.get(rel), entries: () => index.entries() },
      confirmDeletes: true,
    });
    expect(r.deletes).toEqual([]);
    expect(r.unchanged + r.uploads.length).toBe(2);
  });
});

describe('key order', () => {
  it('sorts as S3 lists: by UTF-8 bytes, not UTF-16 units', () => {
    const keys = ['\u{1F600}', '\uFB01', 'a/b', 'a.b', 'a0', 'A'];
    const bytes = [...keys].sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)));
    expect([...keys].sort(compareKeys)).toEqual(bytes);
    expect(['\u{1F600}', '\uFB01'].sort()).toEqual(['\u{1F600}', '\uFB01']);
  });
});
