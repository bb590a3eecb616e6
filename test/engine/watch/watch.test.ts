import { createHash } from 'node:crypto';
import { mkdir, open, rm, unlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Engine } from '../../../src-main/engine/engine.js';
import { tempConfigDir } from '../../support/engine.js';
import { createTestBucket } from '../../support/s3.js';
import {
  listBucket,
  nextEvent,
  readObject,
  recordActivity,
  tempFolder,
  uploadsReach,
  watchEngine,
} from '../../support/watch.js';

const cleanup: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step();
});

async function setup(label: string, configDir?: string) {
  const bucket = await createTestBucket(label);
  const folder = tempFolder(label);
  const engine = await watchEngine(configDir);
  cleanup.push(
    () => bucket.remove(),
    () => rm(folder, { recursive: true, force: true }),
    () => engine.dispose(),
  );
  return { bucket: bucket.name, folder, engine };
}

function addWatch(engine: Engine, folder: string, bucket: string, extra: object = {}) {
  return engine.handlers()['watches.add']({
    folder,
    profileId: 'environment',
    bucket,
    prefix: 'inbox',
    stabilityMs: 400,
    ...extra,
  });
}

const uploadsOf = (seen: ReturnType<typeof recordActivity>, rel: string) =>
  seen.filter((a) => a.action === 'upload' && a.path === rel && a.error === null);

describe('watched folders', () => {
  it('uploads a file written slowly over 3 s once, complete', async () => {
    const { bucket, folder, engine } = await setup('slow');
    const seen = recordActivity(engine);
    await addWatch(engine, folder, bucket, { stabilityMs: 1000 });
    const chunk = 'x'.repeat(4096);
    const full = chunk.length * 20;
    const uploaded = nextEvent(engine, 'watches.activity', (a) => a.action === 'upload');
    const handle = await open(path.join(folder, 'slow.bin'), 'w');
    for (let i = 0; i < 20; i++) {
      await handle.write(chunk);
      await handle.sync();
      // A writer that pauses between chunks (a download, a slow copy): 20 × 150 ms = 3 s.
      await new Promise((resolve) => setTimeout(resolve, 150));
    }
    await handle.close();
    const first = await uploaded;
    expect(first.size).toBe(full);
    await engine.watches
      .runner((await engine.handlers()['watches.list']({}))[0]!.rule.id)
      .whenIdle();
    expect(uploadsOf(seen, 'slow.bin')).toHaveLength(1);
    expect((await listBucket(bucket)).get('inbox/slow.bin')).toBe(full);
  });

  it('uploads 500 files dropped at once exactly once each', async () => {
    const { bucket, folder, engine } = await setup('burst');
    const seen = recordActivity(engine);
    const watch = await addWatch(engine, folder, bucket);
    const all = uploadsReach(engine, 500);
    await mkdir(path.join(folder, 'a', 'b'), { recursive: true });
    await Promise.all(
      Array.from({ length: 500 }, (_, i) =>
        writeFile(path.join(folder, i % 2 ? 'a/b' : '', `f${i}.txt`), `file ${i}`),
      ),
    );
    await all;
    await engine.watches.runner(watch.rule.id).whenIdle();
    const listed = await listBucket(bucket);
    expect(listed.size).toBe(500);
    const uploads = seen.filter((a) => a.action === 'upload');
    expect(new Set(uploads.map((a) => a.key)).size).toBe(500);
    expect(uploads).toHaveLength(500);
  });

  it('catches up on start with changes made while it was stopped, re-uploading nothing unchanged', async () => {
    const configDir = tempConfigDir();
    const first = await setup('catchup', configDir);
    await writeFile(path.join(first.folder, 'same.txt'), 'unchanged');
    await writeFile(path.join(first.folder, 'edit.txt'), 'version 1');
    const both = uploadsReach(first.engine, 2);
    await addWatch(first.engine, first.folder, first.bucket);
    await both;
    await first.engine.dispose();

    await writeFile(path.join(first.folder, 'edit.txt'), 'version 2, longer');
    await writeFile(path.join(first.folder, 'new.txt'), 'new while stopped');
    const engine = await watchEngine(configDir);
    cleanup.push(() => engine.dispose());
    const seen = recordActivity(engine);
    const caughtUp = uploadsReach(engine, 2);
    await engine.watches.startAll();
    await caughtUp;
    const [watch] = engine.watches.list();
    await engine.watches.runner(watch!.rule.id).whenIdle();
    expect(
      seen
        .filter((a) => a.action === 'upload')
        .map((a) => a.path)
        .sort(),
    ).toEqual(['edit.txt', 'new.txt']);
    expect(await readObject(first.bucket, 'inbox/edit.txt')).toBe('version 2, longer');
    expect(engine.watches.list()[0]!.status.counts.indexed).toBe(3);
  });

  it('keeps remote copies when local files are deleted (the default)', async () => {
    const { bucket, folder, engine } = await setup('keep');
    const watch = await addWatch(engine, folder, bucket);
    const up = uploadsReach(engine, 1);
    await writeFile(path.join(folder, 'precious.txt'), 'keep me');
    await up;
    await unlink(path.join(folder, 'precious.txt'));
    const plan = await engine.handlers()['watches.syncNow']({ id: watch.rule.id });
    expect(plan.actions.filter((a) => a.action === 'delete')).toEqual([]);
    expect([...(await listBucket(bucket)).keys()]).toEqual(['inbox/precious.txt']);
  });

  it('honours the default and custom excludes', async () => {
    const { bucket, folder, engine } = await setup('excl');
    const seen = recordActivity(engine);
    const watch = await addWatch(engine, folder, bucket, { exclude: ['logs/**', '*.bak'] });
    await mkdir(path.join(folder, 'logs'));
    const litter = ['.DS_Store', 'Thumbs.db', 'draft.tmp', '~$report.docx', '.~lock.sheet.ods#'];
    const more = ['movie.part', 'file.crdownload', '.notes.swp', 'x.ferry-partial', 'old.bak'];
    for (const name of [...litter, ...more, 'logs/today.log']) {
      await writeFile(path.join(folder, name), 'litter');
    }
    const up = uploadsReach(engine, 1);
    await writeFile(path.join(folder, 'real.txt'), 'wanted');
    await up;
    await engine.handlers()['watches.syncNow']({ id: watch.rule.id });
    await engine.watches.runner(watch.rule.id).whenIdle();
    expect([...(await listBucket(bucket)).keys()]).toEqual(['inbox/real.txt']);
    expect(seen.filter((a) => a.action === 'upload').map((a) => a.path)).toEqual(['real.txt']);
  });

  it('deletes nothing remotely when the watched folder is removed, even with mirror deletes on', async () => {
    const { bucket, folder, engine } = await setup('gone');
    const up = uploadsReach(engine, 3);
    const watch = await addWatch(engine, folder, bucket, { deletePolicy: 'mirror' });
    for (const n of ['a', 'b', 'c']) await writeFile(path.join(folder, `${n}.txt`), n);
    await up;
    const missing = nextEvent(engine, 'watches.status', (s) => s.reason?.code === 'FolderMissing');
    await rm(folder, { recursive: true, force: true });
    const status = await missing;
    expect(status.state).toBe('error');
    await expect(engine.handlers()['watches.syncNow']({ id: watch.rule.id })).rejects.toMatchObject(
      {
        code: 'FolderMissing',
      },
    );
    expect((await listBucket(bucket)).size).toBe(3);
  });

  it('uploads the new content when a file is rewritten, never a mix', async () => {
    const { bucket, folder, engine } = await setup('rewrite');
    const watch = await addWatch(engine, folder, bucket);
    const file = path.join(folder, 'doc.bin');
    const v1 = Buffer.alloc(3 * 1024 * 1024, 1);
    const v2 = Buffer.alloc(3 * 1024 * 1024, 2);
    const started = nextEvent(engine, 'watches.status', (s) => s.uploading > 0);
    await writeFile(file, v1);
    await started;
    await writeFile(file, v2);
    const md5 = createHash('md5').update(v2).digest('hex');
    await nextEvent(engine, 'watches.activity', (a) => a.action === 'upload');
    await engine.watches.runner(watch.rule.id).whenIdle();
    const body = Buffer.from(await readObject(bucket, 'inbox/doc.bin'), 'binary');
    expect(body.length).toBe(v2.length);
    expect(
      createHash('md5')
        .update(await readFileBuffer(bucket))
        .digest('hex'),
    ).toBe(md5);
  });
});

async function readFileBuffer(bucket: string): Promise<Buffer> {
  const { rawClient } = await import('../../support/s3.js');
  const { GetObjectCommand } = await import('@aws-sdk/client-s3');
  const out = await rawClient().send(
    new GetObjectCommand({ Bucket: bucket, Key: 'inbox/doc.bin' }),
  );
  return Buffer.from(await out.Body!.transformToByteArray());
}
