import { mkdir, rm, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  walkFolder,
  type WalkIssues,
  type WalkOptions,
} from '../../../src-main/engine/local/walk.js';
import { pathFilter } from '../../../src-main/engine/watch/rules.js';
import { FolderWatcher } from '../../../src-main/engine/watch/watcher.js';
import { tempFolder } from '../../support/watch.js';

/** What a walk found and passed over, with the causes. */
async function walk(root: string, options: WalkOptions) {
  const issues: WalkIssues = { unreadable: [], skipped: [] };
  const files: string[] = [];
  for await (const { rel } of walkFolder(root, options, issues)) files.push(rel);
  const skipped = Object.fromEntries(issues.skipped.map((s) => [s.rel, s.cause]));
  return { files, skipped, unreadable: issues.unreadable };
}

describe('the folder walk and its link rule', () => {
  let folder: string;
  let outside: string;
  beforeAll(async () => {
    outside = tempFolder('walk-outside');
    await writeFile(path.join(outside, 'o.txt'), 'o');
    folder = tempFolder('walk');
    await mkdir(path.join(folder, 'sub', 'deeper'), { recursive: true });
    await writeFile(path.join(folder, 'a.txt'), 'a');
    await writeFile(path.join(folder, 'sub', 'deeper', 'c.txt'), 'c');
    await writeFile(path.join(folder, 'sub', 'b.txt'), 'b');
    await symlink(path.join(folder, 'a.txt'), path.join(folder, 'sub', 'to-a'));
    await symlink(path.join(folder, 'sub'), path.join(folder, 'sub', 'deeper', 'back'));
    await symlink(outside, path.join(folder, 'out'));
    await symlink('/', path.join(folder, 'root'));
    await symlink(path.join(folder, 'x1'), path.join(folder, 'x2'));
    await symlink(path.join(folder, 'x2'), path.join(folder, 'x1'));
    await symlink(path.join(folder, 'a.txt'), path.join(folder, 'skip.tmp'));
  });
  afterAll(async () => {
    await rm(folder, { recursive: true, force: true });
    await rm(outside, { recursive: true, force: true });
  });

  it('takes no link unless asked, and reports each one the filter does not leave out', async () => {
    const filter = pathFilter({ include: [], exclude: [], defaultExcludes: true });
    const { files, skipped } = await walk(folder, { filter, followSymlinks: false });
    expect(files).toEqual(['a.txt', 'sub/b.txt', 'sub/deeper/c.txt']);
    // `skip.tmp` is excluded by default, as a file and as a folder: nobody needs to hear of it.
    expect(skipped).toEqual({
      out: 'link',
      root: 'link',
      x1: 'link',
      x2: 'link',
      'sub/to-a': 'link',
      'sub/deeper/back': 'link',
    });
  });

  it('when asked, follows links wherever they lead, in key order, but never back up the tree', async () => {
    const { files, skipped } = await walk(folder, { followSymlinks: true });
    expect(files).toEqual([
      'a.txt',
      'out/o.txt',
      'skip.tmp',
      'sub/b.txt',
      'sub/deeper/c.txt',
      'sub/to-a',
    ]);
    expect(skipped).toEqual({
      root: 'link-cycle',
      'sub/deeper/back': 'link-cycle',
      x1: 'link-broken',
      x2: 'link-broken',
    });
  });

  it('reads a folder only when the walk reaches it, so a big tree is never held whole', async () => {
    const tree = tempFolder('walk-lazy');
    await mkdir(path.join(tree, 'a'));
    await mkdir(path.join(tree, 'b'));
    await writeFile(path.join(tree, 'a', '1.txt'), '1');
    const walked = walkFolder(tree, { followSymlinks: false }, { unreadable: [], skipped: [] });
    expect((await walked.next()).value).toMatchObject({ rel: 'a/1.txt' });
    // Written after the walk began, before it reached `b`: a walk that listed the tree first misses it.
    await writeFile(path.join(tree, 'b', '2.txt'), '2');
    expect((await walked.next()).value).toMatchObject({ rel: 'b/2.txt' });
    expect((await walked.next()).done).toBe(true);
    await rm(tree, { recursive: true, force: true });
  });

  it('throws FolderMissing for a root that is not there, instead of walking nothing', async () => {
    await expect(walk(path.join(folder, 'gone'), { followSymlinks: false })).rejects.toMatchObject({
      code: 'FolderMissing',
    });
  });
});

describe('the folder watcher keeps to the same rule', () => {
  for (const polling of [false, true]) {
    const how = polling ? 'polling' : 'with OS notifications';
    it(`${how}, reports a new link only when links are followed`, { timeout: 20_000 }, async () => {
      for (const followSymlinks of [false, true]) {
        const folder = tempFolder('walk-watch');
        await writeFile(path.join(folder, 'target.txt'), 'target');
        const seen: string[] = [];
        const waits = new Map<string, () => void>();
        const reported = (rel: string) =>
          seen.includes(rel)
            ? Promise.resolve()
            : new Promise<void>((resolve) => waits.set(rel, resolve));
        const filter = pathFilter({ include: [], exclude: [], defaultExcludes: true });
        const watcher = await FolderWatcher.start(
          { root: folder, filter, followSymlinks, polling },
          {
            file: (rel) => {
              seen.push(rel);
              waits.get(rel)?.();
            },
            removed: () => {},
            exhausted: () => {},
            error: () => {},
          },
        );
        try {
          await symlink(path.join(folder, 'target.txt'), path.join(folder, 'link.txt'));
          if (followSymlinks) await reported('link.txt');
          else {
            // Two files written after the link, one after the other's event: the link's would be in by then.
            await writeFile(path.join(folder, 'after.txt'), 'after');
            await reported('after.txt');
            await writeFile(path.join(folder, 'later.txt'), 'later');
            await reported('later.txt');
            expect(seen).not.toContain('link.txt');
          }
        } finally {
          await watcher.close();
          await rm(folder, { recursive: true, force: true });
        }
      }
    });
  }
});
