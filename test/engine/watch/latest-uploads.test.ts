import { describe, expect, it } from 'vitest';
import { FerryError } from '../../../src-main/engine/errors.js';
import {
  LatestUploads,
  type UploadJob,
  type UploadOutcome,
} from '../../../src-main/engine/watch/latest-uploads.js';

const file = { size: 1, mtimeMs: 1, ino: 1 };
const unreachable = () =>
  new FerryError('NetworkError', 'The connection was reset.', 'Retry.', {
    key: 'network.reset.anywhere',
  });

const settle = () => new Promise((resolve) => setTimeout(resolve, 20));

/** Uploads that wait for the test to end them; answers what was sent and the outcomes reported. */
function heldUploads() {
  const outcomes: UploadOutcome[] = [];
  const sent: { job: UploadJob; finish(): void; fail(error: unknown): void }[] = [];
  const uploads = new LatestUploads({
    upload: (job) =>
      new Promise((resolve, reject) => {
        const fail = (error: unknown) => reject(error);
        job.signal.addEventListener('abort', () => fail(job.signal.reason), { once: true });
        sent.push({ job, finish: () => resolve({ etag: `e${job.file.size}` }), fail });
      }),
    outcome: (o) => outcomes.push(o),
  });
  return { uploads, outcomes, sent };
}

describe('the newest version of each watched path', () => {
  it('gives a one-shot sync’s file up after a transient failure, once, so the sync can end and say so', async () => {
    const outcomes: UploadOutcome[] = [];
    let tries = 0;
    const uploads = new LatestUploads({
      upload: () => {
        tries++;
        return Promise.reject(unreachable());
      },
      outcome: (o) => outcomes.push(o),
    });
    uploads.add('a.txt', 'p/a.txt', file);
    uploads.add('b.txt', 'p/b.txt', file);
    await settle();
    expect(outcomes.map((o) => [o.kind, 'rel' in o ? o.rel : ''])).toEqual([
      ['failed', 'a.txt'],
      ['failed', 'b.txt'],
    ]);
    expect(tries).toBe(2);
    expect(uploads.size).toBe(0);
  });

  it('aborts the version on its way when a newer one comes, and sends the newer one next', async () => {
    const { uploads, outcomes, sent } = heldUploads();
    uploads.add('a.txt', 'p/a.txt', file);
    uploads.add('a.txt', 'p/a.txt', file); // the same version again: nothing more is sent
    expect(sent).toHaveLength(1);
    const newer = { size: 2, mtimeMs: 2, ino: 1 };
    uploads.add('a.txt', 'p/a.txt', newer);
    await settle();
    expect(sent[0]!.job.signal.aborted).toBe(true);
    expect(sent.map((s) => s.job.file.size)).toEqual([1, 2]);
    expect(outcomes).toEqual([]); // the abandoned version is not reported
    sent[1]!.finish();
    await settle();
    expect(outcomes).toMatchObject([{ kind: 'uploaded', rel: 'a.txt', file: newer }]);
    expect(uploads.has('a.txt')).toBe(false);
  });

  it('drops a deleted file’s upload, and stops everything when a failure will not pass', async () => {
    const { uploads, outcomes, sent } = heldUploads();
    uploads.add('gone.txt', 'p/gone.txt', file);
    expect(uploads.cancel('gone.txt')).toBe(true);
    expect(uploads.cancel('never.txt')).toBe(false);
    uploads.add('b.txt', 'p/b.txt', file);
    uploads.add('c.txt', 'p/c.txt', file);
    await settle();
    sent[1]!.fail(FerryError.of('AccessDenied', 'auth.denied', {}));
    await settle();
    expect(outcomes.map((o) => o.kind).sort()).toEqual(['changed', 'changed', 'halted']);
    expect(sent[2]!.job.signal.aborted).toBe(true);
    expect(uploads.size).toBe(0);
  });
});
