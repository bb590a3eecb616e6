import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { Journal } from '../../../src-main/engine/journal/journal.js';
import { silentLogger } from '../../../src-main/engine/logger.js';
import { tempDir } from '../../support/transfer.js';

type Entry = { n: number };

describe('the transfer journal', () => {
  it('keeps entries across a reopen, and forgets dropped ones', async () => {
    const file = path.join(tempDir('journal'), 'j.jsonl');
    const a = new Journal<Entry>(file, silentLogger);
    await a.open();
    await a.put('one', { n: 1 });
    await a.put('two', { n: 2 });
    await a.patch('two', { n: 22 });
    await a.dropMany(['one']);
    await a.close();
    const b = new Journal<Entry>(file, silentLogger);
    expect(await b.open()).toEqual({ entries: 1 });
    expect(b.entries()).toEqual([['two', { n: 22 }]]);
    await b.close();
  });

  it('ignores a torn last line, as a crash mid-append leaves it', async () => {
    const file = path.join(tempDir('journal'), 'j.jsonl');
    writeFileSync(file, '{"op":"put","id":"a","entry":{"n":1}}\n{"op":"put","id":"b","ent');
    const j = new Journal<Entry>(file, silentLogger);
    const load = await j.open();
    expect(load.backup).toBeUndefined();
    expect(j.entries()).toEqual([['a', { n: 1 }]]);
    await j.close();
    // Compaction rewrote the file without the torn line.
    expect(readFileSync(file, 'utf8')).toBe('{"op":"put","id":"a","entry":{"n":1}}\n');
  });

  it('starts clean from a damaged file, keeping a backup and saying where', async () => {
    const file = path.join(tempDir('journal'), 'j.jsonl');
    const damaged = 'garbage\n{"op":"put","id":"a","entry":{"n":1}}\n';
    writeFileSync(file, damaged);
    const warnings: string[] = [];
    const logger = { ...silentLogger, warn: (m: string) => warnings.push(m) };
    const j = new Journal<Entry>(file, logger);
    const load = await j.open(() => 42);
    expect(load.backup).toBe(`${file}.damaged-42`);
    expect(readFileSync(load.backup!, 'utf8')).toBe(damaged);
    expect(j.entries()).toEqual([]);
    expect(warnings.some((w) => /damaged/.test(w))).toBe(true);
    await j.put('b', { n: 2 });
    await j.close();
    expect(existsSync(file)).toBe(true);
  });

  it('compacts itself once many records are dead', async () => {
    const file = path.join(tempDir('journal'), 'j.jsonl');
    const j = new Journal<Entry>(file, silentLogger);
    await j.open();
    for (let i = 0; i < 1100; i++) {
      await j.put(`k${i}`, { n: i });
      await j.drop(`k${i}`);
    }
    await j.put('last', { n: 1 });
    await j.close();
    const lines = readFileSync(file, 'utf8').split('\n').filter(Boolean);
    expect(lines.length).toBeLessThan(2200);
    const reopened = new Journal<Entry>(file, silentLogger);
    await reopened.open();
    expect(reopened.entries()).toEqual([['last', { n: 1 }]]);
    await reopened.close();
  });

  it('appends to a file that holds only live entries instead of rewriting it at every start', async () => {
    const file = path.join(tempDir('journal'), 'j.jsonl');
    const compact =
      '{"op":"put","id":"a","entry":{"n":1}}\n{"op":"put","id":"b","entry":{"n":2}}\n';
    writeFileSync(file, compact);
    const inode = statSync(file).ino;
    const j = new Journal<Entry>(file, silentLogger);
    expect(await j.open()).toEqual({ entries: 2 });
    // A rewrite goes through a temporary file and a rename, which gives the path a new inode.
    expect(statSync(file).ino).toBe(inode);
    await j.put('c', { n: 3 });
    await j.close();
    const reopened = new Journal<Entry>(file, silentLogger);
    expect(await reopened.open()).toEqual({ entries: 3 });
    await reopened.close();
  });

  it('rewrites a file whose last record lacks its newline, so the next record gets a line of its own', async () => {
    const file = path.join(tempDir('journal'), 'j.jsonl');
    writeFileSync(file, '{"op":"put","id":"a","entry":{"n":1}}');
    const j = new Journal<Entry>(file, silentLogger);
    await j.open();
    await j.put('b', { n: 2 });
    await j.close();
    const reopened = new Journal<Entry>(file, silentLogger);
    const load = await reopened.open();
    expect(load.backup).toBeUndefined();
    expect(reopened.entries()).toEqual([
      ['a', { n: 1 }],
      ['b', { n: 2 }],
    ]);
    await reopened.close();
  });
});
