import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { call } from '../../support/gateway-engine.js';
import { listBucket, nextEvent, uploadsReach, watchRig } from '../../support/watch.js';

const rig = watchRig({ stabilityMs: 300 });

describe('editing a watch', () => {
  it('moves to a new prefix: files already uploaded go up again under it', async () => {
    const { folder, bucket, engine, add } = await rig.setup('edit-prefix');
    await writeFile(path.join(folder, 'a.txt'), 'alpha');
    const first = uploadsReach(engine, 1);
    const watch = await add({ prefix: 'old/' });
    await first;
    const again = nextEvent(engine, 'watches.activity', (a) => a.key === 'new/a.txt');
    const updated = await call(engine, 'watches.update', {
      id: watch.rule.id,
      change: { prefix: '/new', deletePolicy: 'mirror' },
    });
    expect(updated.rule).toMatchObject({ prefix: 'new/', deletePolicy: 'mirror' });
    expect((await again).action).toBe('upload');
    expect([...(await listBucket(bucket)).keys()].sort()).toEqual(['new/a.txt', 'old/a.txt']);
  });

  it('keeps the recent activity, newest first, and refuses a bad prefix', async () => {
    const { folder, engine, add } = await rig.setup('edit-recent');
    const watch = await add();
    const one = uploadsReach(engine, 1);
    await writeFile(path.join(folder, 'one.txt'), '1');
    await one;
    const two = uploadsReach(engine, 1);
    await writeFile(path.join(folder, 'two.txt'), '2');
    await two;
    const recent = await call(engine, 'watches.recent', { id: watch.rule.id });
    expect(recent.map((a) => [a.action, a.path])).toEqual([
      ['upload', 'two.txt'],
      ['upload', 'one.txt'],
    ]);
    expect(Date.parse(recent[0]!.at)).toBeGreaterThanOrEqual(Date.parse(recent[1]!.at));
    await expect(
      call(engine, 'watches.update', { id: watch.rule.id, change: { prefix: 'a//b/' } }),
    ).rejects.toMatchObject({ code: 'InvalidRequest' });
  });
});
