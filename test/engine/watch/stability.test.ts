import { open, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  StabilityTracker,
  type StabilityEvents,
} from '../../../src-main/engine/watch/stability.js';
import { tempFolder } from '../../support/watch.js';

const folders: string[] = [];
afterEach(async () => {
  for (const f of folders.splice(0)) await rm(f, { recursive: true, force: true });
});

type Report = { kind: 'stable' | 'gone' | 'unreadable'; rel: string; size?: number; at: number };

function tracker(windowMs: number) {
  const folder = tempFolder('stab');
  folders.push(folder);
  const reports: Report[] = [];
  let notify: () => void = () => {};
  const events: StabilityEvents = {
    stable: (rel, file) => (
      reports.push({ kind: 'stable', rel, size: file.size, at: Date.now() }),
      notify()
    ),
    gone: (rel) => (reports.push({ kind: 'gone', rel, at: Date.now() }), notify()),
    unreadable: (rel) => (reports.push({ kind: 'unreadable', rel, at: Date.now() }), notify()),
  };
  const t = new StabilityTracker(folder, windowMs, events, Date.now);
  const next = () => new Promise<Report>((resolve) => (notify = () => resolve(reports.at(-1)!)));
  return { folder, t, reports, next };
}

describe('write-finish detection', () => {
  it('does not report a file while it keeps growing, then reports it once complete', async () => {
    const { folder, t, reports, next } = tracker(500);
    const file = path.join(folder, 'growing.bin');
    const handle = await open(file, 'w');
    const settled = next();
    let lastWrite = 0;
    for (let i = 0; i < 12; i++) {
      await handle.write(Buffer.alloc(1000, i));
      lastWrite = Date.now();
      t.touch('growing.bin');
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    await handle.close();
    const report = await settled;
    expect(reports).toHaveLength(1);
    expect(report).toMatchObject({ kind: 'stable', rel: 'growing.bin', size: 12_000 });
    // Reported after the last write plus the window (less the file system's mtime granularity), not
    // before; a loaded machine can only make it later.
    expect(report.at - lastWrite).toBeGreaterThanOrEqual(450);
    t.close();
  });

  it('reports a burst of events for one file once', async () => {
    const { folder, t, reports, next } = tracker(300);
    await writeFile(path.join(folder, 'a.txt'), 'done');
    const settled = next();
    for (let i = 0; i < 50; i++) t.touch('a.txt');
    await settled;
    expect(reports.map((r) => r.kind)).toEqual(['stable']);
    expect(t.pending).toBe(0);
    t.close();
  });

  it('reports a file that vanished before settling as gone', async () => {
    const { folder, t, next } = tracker(300);
    await writeFile(path.join(folder, 'tmp.txt'), 'brief');
    const settled = next();
    t.touch('tmp.txt');
    await rm(path.join(folder, 'tmp.txt'));
    expect(await settled).toMatchObject({ kind: 'gone', rel: 'tmp.txt' });
    t.close();
  });
});
