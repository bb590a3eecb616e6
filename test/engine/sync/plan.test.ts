import { describe, expect, it } from 'vitest';
import type { BucketBase, FolderBase } from '../../../src-main/engine/sync/baseline.js';
import { planBuckets } from '../../../src-main/engine/sync/bucket-plan.js';
import { planDown } from '../../../src-main/engine/sync/down-plan.js';
import type { FerryError } from '../../../src-main/engine/errors.js';
import { conflictName, syncedPath } from '../../../src-main/engine/sync/local-name.js';
import type { ListedObject } from '../../../src-main/engine/watch/remote.js';
import type { LocalFile } from '../../../src-main/engine/local/walk.js';

const MD5 = '0123456789abcdef0123456789abcdef';
const obj = (rel: string, size: number, etag = MD5): [string, ListedObject] => [
  rel,
  { key: `p/${rel}`, size, etag },
];
const file = (size: number, mtimeMs = 1000): LocalFile => ({ size, mtimeMs, ino: 7 });
const caps = { maxDeletes: 50, maxDeletePercent: 10 };

function down(
  remote: [string, ListedObject][],
  local: [string, LocalFile][],
  base: [string, FolderBase][],
  more: { mirror?: boolean; same?: boolean } = {},
) {
  const baseline = new Map(base);
  const asked: string[] = [];
  return {
    asked,
    plan: planDown({
      remote: new Map(remote),
      local: new Map(local),
      baseline: { folder: (rel) => baseline.get(rel), rels: () => [...baseline.keys()] },
      skips: [],
      mirror: more.mirror ?? false,
      confirmDeletes: false,
      caps,
      sameContent: async (rel) => {
        asked.push(rel);
        return more.same ?? false;
      },
    }),
  };
}

const synced = (size: number, etag = MD5): FolderBase => ({
  size,
  mtimeMs: 1000,
  ino: 7,
  etag,
  own: false,
});

describe('bucket → folder plan', () => {
  it('downloads new and remotely changed objects and leaves untouched ones alone', async () => {
    const { plan } = down(
      [obj('new', 1), obj('same', 2), obj('changed', 3, 'ffffffffffffffffffffffffffffffff-2')],
      [
        ['same', file(2)],
        ['changed', file(3)],
      ],
      [
        ['same', synced(2)],
        ['changed', synced(3, 'eeeeeeeeeeeeeeeeeeeeeeeeeeeeeeee-2')],
      ],
    );
    const r = await plan;
    expect(r.downloads.map((d) => [d.rel, d.reason])).toEqual([
      ['new', 'new'],
      ['changed', 'changed'],
    ]);
    expect(r.unchanged).toBe(1);
  });

  it('never overwrites a local change: kept when the object is the same, both kept when it changed too', async () => {
    const r = await down(
      [obj('mine', 4), obj('both', 5, 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa')],
      [
        ['mine', file(9, 2000)],
        ['both', file(5, 2000)],
      ],
      [
        ['mine', synced(4)],
        ['both', synced(5)],
      ],
    ).plan;
    expect(r.downloads).toEqual([]);
    expect(r.keeps.map((k) => k.rel)).toEqual(['mine']);
    expect(r.conflicts.map((c) => c.rel)).toEqual(['both']);
  });

  it('adopts a local file with the same content instead of downloading it, asking only at equal sizes', async () => {
    const { plan, asked } = down(
      [obj('a', 4), obj('b', 5)],
      [
        ['a', file(4)],
        ['b', file(6)],
      ],
      [],
      { same: true },
    );
    const r = await plan;
    expect(asked).toEqual(['a']);
    expect(r.adopted.map((a) => a.rel)).toEqual(['a']);
    expect(r.conflicts.map((c) => c.rel)).toEqual(['b']);
  });

  it('deletes only synced, untouched files, only with mirror, and holds back past the cap or an empty listing', async () => {
    const local: [string, LocalFile][] = [
      ['gone', file(1)],
      ['edited', file(2, 5)],
      ['never-synced', file(3)],
      ['kept', file(1)],
    ];
    const base: [string, FolderBase][] = [
      ['gone', synced(1)],
      ['edited', synced(2)],
      ['kept', synced(1)],
    ];
    const keep = await down([obj('kept', 1)], local, base).plan;
    expect(keep.deletes).toEqual([]);
    expect(keep.keeps.map((k) => k.rel).sort()).toEqual(['edited', 'gone']);
    const mirror = await down([obj('kept', 1)], local, base, { mirror: true }).plan;
    expect(mirror.deletes.map((d) => d.rel)).toEqual(['gone']);
    const emptied = await down([], local, base, { mirror: true }).plan;
    expect(emptied.deletes).toEqual([]);
    expect(emptied.deletesHeldBack).toBe(2);
    const many = Array.from({ length: 51 }, (_, i): [string, LocalFile] => [`f${i}`, file(1)]);
    const capped = await down(
      [obj('kept', 1)],
      [...many, ['kept', file(1)]],
      [...many.map(([rel]): [string, FolderBase] => [rel, synced(1)]), ['kept', synced(1)]],
      { mirror: true },
    ).plan;
    expect(capped.deletesHeldBack).toBe(51);
  });
});

describe('bucket → bucket plan', () => {
  const plan = (
    source: [string, ListedObject][],
    target: [string, ListedObject][],
    base: [string, BucketBase][],
    mirror = false,
  ) => {
    const baseline = new Map(base);
    return planBuckets({
      source: new Map(source),
      target: new Map(target),
      baseline: { bucket: (rel) => baseline.get(rel), rels: () => [...baseline.keys()] },
      skips: [],
      mirror,
      confirmDeletes: false,
      caps,
    });
  };

  it('copies what is missing or changed; a multipart copy whose ETag differs is still up to date', () => {
    const mp = 'cccccccccccccccccccccccccccccccc-3';
    const r = plan(
      [obj('new', 1), obj('same', 2), obj('mp', 20, mp), obj('changed', 3)],
      [
        obj('same', 2),
        obj('mp', 20, 'dddddddddddddddddddddddddddddddd-2'),
        obj('changed', 3, 'bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb'),
      ],
      [
        ['mp', { size: 20, srcEtag: mp, dstEtag: 'dddddddddddddddddddddddddddddddd-2' }],
        [
          'changed',
          {
            size: 3,
            srcEtag: 'bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb',
            dstEtag: 'bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb',
          },
        ],
      ],
    );
    expect(r.copies.map((c) => [c.rel, c.reason])).toEqual([
      ['new', 'new'],
      ['changed', 'changed'],
    ]);
    expect(r.unchanged).toBe(2);
    expect(r.adopted.map((a) => a.rel)).toEqual(['same']);
  });

  it('keeps an object edited only at the target, and sends the source when both changed (one way)', () => {
    const [a, b, c] = ['a', 'b', 'c'].map((x) => x.repeat(32));
    const synced: BucketBase = { size: 3, srcEtag: a!, dstEtag: a! };
    const r = plan(
      [obj('edited-there', 3, a), obj('grown-there', 3, a), obj('both', 3, b)],
      [obj('edited-there', 3, c), obj('grown-there', 9, a), obj('both', 3, c)],
      [
        ['edited-there', synced],
        ['grown-there', synced],
        ['both', synced],
      ],
    );
    expect(r.keeps.map((k) => [k.rel, k.reason])).toEqual([
      ['edited-there', 'changed at the target, unchanged at the source: kept'],
      ['grown-there', 'changed at the target, unchanged at the source: kept'],
    ]);
    expect(r.copies.map((x) => [x.rel, x.reason])).toEqual([['both', 'changed']]);
    expect(r.unchanged).toBe(0);
  });

  it('deletes target objects the source lost only with mirror', () => {
    expect(plan([], [obj('x', 1)], [], false).deletes).toEqual([]);
    expect(plan([obj('y', 1)], [obj('x', 1), obj('y', 1)], [], true).deletes).toEqual([
      { rel: 'x', key: 'p/x', size: 1 },
    ]);
  });
});

describe('synced file names', () => {
  it('refuses keys that are no plain relative path, and names conflict copies', () => {
    for (const rel of ['../x', 'a/../../x', '/etc/x', 'C:/x', 'a\\b', 'a//b', './x', 'a\nb']) {
      expect(() => syncedPath('/root', rel, `p/${rel}`)).toThrow(/cannot be a file in the folder/);
    }
    expect(syncedPath('/root', 'a/b.txt', 'p/a/b.txt')).toBe('/root/a/b.txt');
    const at = new Date(2026, 11, 2, 9, 5).getTime();
    expect(conflictName('/r/report.pdf', at)).toBe('/r/report (conflict 2026-12-02 0905).pdf');
    expect(conflictName('/r/.bashrc', at)).toBe('/r/.bashrc (conflict 2026-12-02 0905)');
  });

  it('names the actual problem of each refused key', () => {
    const why = (rel: string, key: string) => {
      try {
        syncedPath('/root', rel, key);
      } catch (error) {
        return (error as FerryError).key;
      }
      return 'accepted';
    };
    // [path under the prefix, key]: the prefix is `big/`, or none for a key used as it is.
    const cases: [string, string, string][] = [
      ['/x', '/x', 'sync.unsafeKey.absolute'],
      ['C:/x', 'C:/x', 'sync.unsafeKey.absolute'],
      ['/dbl.txt', 'big//dbl.txt', 'sync.unsafeKey.emptySegment'],
      ['a//b', 'big/a//b', 'sync.unsafeKey.emptySegment'],
      ['a//b', 'a//b', 'sync.unsafeKey.emptySegment'],
      ['a/', 'big/a/', 'sync.unsafeKey.emptySegment'],
      ['./x', 'big/./x', 'sync.unsafeKey.dotSegment'],
      ['../x', 'big/../x', 'sync.unsafeKey.dotSegment'],
      ['a\\b', 'big/a\\b', 'sync.unsafeKey.backslash'],
      ['a\nb', 'big/a\nb', 'sync.unsafeKey.controlCharacter'],
      ['a/.b', 'big/a/.b', 'accepted'],
    ];
    expect(cases.map(([rel, key]) => [rel, key, why(rel, key)])).toEqual(cases);
  });
});
