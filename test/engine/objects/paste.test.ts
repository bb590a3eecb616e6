import { HeadObjectCommand, ListObjectsV2Command, PutObjectCommand } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../../../src-main/engine/engine.js';
import { numberedName } from '../../../src-main/engine/objects/paste-plan.js';
import { runPool } from '../../../src-main/engine/objects/pool.js';
import { call, failureOf, gatewayEngine } from '../../support/gateway-engine.js';
import { createTestBucket, rawClient } from '../../support/s3.js';

const s3 = rawClient();
const profileId = 'environment';
let engine: Engine;
let a: Awaited<ReturnType<typeof createTestBucket>>;
let b: Awaited<ReturnType<typeof createTestBucket>>;

const put = (bucket: string, key: string, body: string) =>
  s3.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: body }));

async function body(bucket: string, key: string): Promise<number | null> {
  try {
    return (await s3.send(new HeadObjectCommand({ Bucket: bucket, Key: key }))).ContentLength ?? 0;
  } catch {
    return null;
  }
}

async function count(bucket: string, prefix: string): Promise<number> {
  let n = 0;
  let token: string | undefined;
  do {
    const out = await s3.send(
      new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix, ContinuationToken: token }),
    );
    n += out.KeyCount ?? 0;
    token = out.NextContinuationToken;
  } while (token);
  return n;
}

/** Plans and starts a paste with answers, and waits for the job to end. */
async function paste(
  request: { sources: { bucket: string; key: string }[]; to: { bucket: string; prefix: string } },
  options: { move?: boolean; otherwise?: 'overwrite' | 'keep-both' | 'skip' } = {},
) {
  const plan = await call(engine, 'copies.plan', {
    profileId,
    ...request,
    move: options.move ?? false,
  });
  const job = await call(engine, 'copies.start', {
    planId: plan.planId,
    otherwise: options.otherwise ?? 'skip',
  });
  return { plan, job: (await engine.copies.whenDone(job.id))! };
}

beforeAll(async () => {
  engine = await gatewayEngine();
  [a, b] = await Promise.all([createTestBucket('paste-a'), createTestBucket('paste-b')]);
});
afterAll(async () => {
  await Promise.all([a?.remove(), b?.remove()]);
  await engine?.dispose();
});

describe('pasting objects and folders server-side', () => {
  it('refuses a folder pasted into itself or its own subfolder', async () => {
    await put(a.name, 'self/x.txt', 'x');
    for (const prefix of ['self/', 'self/sub/']) {
      const error = await failureOf(
        call(engine, 'copies.plan', {
          profileId,
          sources: [{ bucket: a.name, key: 'self/' }],
          to: { bucket: a.name, prefix },
        }),
      );
      expect(error.key).toBe('copy.intoItself');
    }
  });

  it('reports existing targets, then replaces, keeps both or skips as answered', async () => {
    await Promise.all([
      put(a.name, 'src/one.txt', 'new one'),
      put(a.name, 'src/two.txt', 'new two'),
      put(a.name, 'src/three.txt', 'new three'),
      put(a.name, 'dst/one.txt', 'old'),
      put(a.name, 'dst/two.txt', 'old'),
    ]);
    const plan = await call(engine, 'copies.plan', {
      profileId,
      sources: ['one', 'two', 'three'].map((n) => ({ bucket: a.name, key: `src/${n}.txt` })),
      to: { bucket: a.name, prefix: 'dst/' },
    });
    expect(plan.conflicts.map((c) => c.target)).toEqual(['dst/one.txt', 'dst/two.txt']);
    const started = await call(engine, 'copies.start', {
      planId: plan.planId,
      actions: [
        { index: 0, action: 'overwrite' },
        { index: 1, action: 'keep-both' },
      ],
    });
    const job = (await engine.copies.whenDone(started.id))!;
    expect(job).toMatchObject({ state: 'done', objectsDone: 3, failed: 0 });
    expect(await body(a.name, 'dst/one.txt')).toBe('new one'.length);
    expect(await body(a.name, 'dst/two.txt')).toBe('old'.length);
    expect(await body(a.name, 'dst/two (1).txt')).toBe('new two'.length);
    expect(await body(a.name, 'dst/three.txt')).toBe('new three'.length);
    // A plan is used once.
    const again = await failureOf(call(engine, 'copies.start', { planId: plan.planId }));
    expect(again.key).toBe('copy.planGone');
  });

  it('copies an object onto itself only as a numbered copy', async () => {
    await put(a.name, 'same/report.pdf', 'pdf');
    const { plan, job } = await paste(
      {
        sources: [{ bucket: a.name, key: 'same/report.pdf' }],
        to: { bucket: a.name, prefix: 'same/' },
      },
      { otherwise: 'keep-both' },
    );
    expect(plan.conflicts).toMatchObject([{ same: true }]);
    expect(job.state).toBe('done');
    expect(await body(a.name, 'same/report (1).pdf')).toBe(3);
    expect(numberedName('.env', 2, false)).toBe('.env (2)');
    expect(numberedName('photos', 2, true)).toBe('photos (2)');
  });

  it('moves a folder of 1,001 objects to another bucket, deleting sources after the copies', async () => {
    await runPool(1001, 32, async (i) => {
      await put(a.name, `big/f${String(i).padStart(4, '0')}.txt`, `${i}`);
    });
    const { plan, job } = await paste(
      { sources: [{ bucket: a.name, key: 'big/' }], to: { bucket: b.name, prefix: 'in/' } },
      { move: true },
    );
    expect(plan.conflicts).toEqual([]);
    expect(job).toMatchObject({
      state: 'done',
      objectsDone: 1001,
      objectsTotal: 1001,
      deleted: 1001,
      listed: true,
    });
    expect(await count(b.name, 'in/big/')).toBe(1001);
    expect(await count(a.name, 'big/')).toBe(0);
  }, 60_000);
});
