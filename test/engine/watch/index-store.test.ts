import { appendFile, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { silentLogger } from '../../../src-main/engine/logger.js';
import { IndexStore } from '../../../src-main/engine/watch/index-store.js';
import { tempConfigDir } from '../../support/engine.js';

const entry = (n: number) => ({ size: n, mtimeMs: 1000 + n, etag: `e${n}`, key: `k/${n}` });

describe('watch index (append-only log)', () => {
  it('remembers entries and deletions across a reopen', async () => {
    const file = path.join(tempConfigDir(), 'watch-index', 'w.log');
    const index = await IndexStore.open(file, silentLogger);
    index.set('a.txt', entry(1));
    index.set('b.txt', entry(2));
    index.set('a.txt', entry(3));
    index.delete('b.txt');
    await index.close();
    const again = await IndexStore.open(file, silentLogger);
    expect([...again.entries()]).toEqual([['a.txt', entry(3)]]);
    await again.close();
  });

  it('appends one short record per change instead of rewriting the file', async () => {
    const file = path.join(tempConfigDir(), 'w.log');
    const index = await IndexStore.open(file, silentLogger);
    for (let i = 0; i < 200; i++) index.set(`f${i}`, entry(i));
    await index.flush();
    const before = (await stat(file)).size;
    index.set('one-more', entry(7));
    await index.flush();
    const grown = (await stat(file)).size - before;
    expect(grown).toBeGreaterThan(0);
    expect(grown).toBeLessThan(100);
    await index.close();
  });

  it('ignores a torn last line left by a crash', async () => {
    const file = path.join(tempConfigDir(), 'w.log');
    const index = await IndexStore.open(file, silentLogger);
    index.set('kept.txt', entry(1));
    await index.close();
    await appendFile(file, '["s","torn.txt",12,');
    const again = await IndexStore.open(file, silentLogger);
    expect(again.get('kept.txt')).toEqual(entry(1));
    expect(again.get('torn.txt')).toBeUndefined();
    expect(again.size).toBe(1);
    await again.close();
  });

  it('compacts when dead records outnumber live ones, keeping every live entry', async () => {
    const file = path.join(tempConfigDir(), 'w.log');
    const index = await IndexStore.open(file, silentLogger);
    for (let round = 0; round < 5; round++) {
      for (let i = 0; i < 500; i++) index.set(`f${i}`, entry(round * 1000 + i));
      await index.flush();
    }
    await index.close();
    const lines = (await readFile(file, 'utf8')).trim().split('\n');
    // 2,500 changes to 500 entries: compaction kept the log near the live size.
    expect(lines.length).toBeLessThan(1200);
    const again = await IndexStore.open(file, silentLogger);
    expect(again.size).toBe(500);
    expect(again.get('f499')).toEqual(entry(4499));
    await again.close();
  });
});
