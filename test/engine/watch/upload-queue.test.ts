import { describe, expect, it } from 'vitest';
import { FerryError } from '../../../src-main/engine/errors.js';
import { UploadQueue, type JobOutcome } from '../../../src-main/engine/watch/upload-queue.js';

const file = { size: 1, mtimeMs: 1, ino: 1 };
const unreachable = () =>
  new FerryError('NetworkError', 'The connection was reset.', 'Retry.', {
    key: 'network.reset.anywhere',
  });

/** A queue whose uploads all fail as a server outage does; answers the outcomes it reports. */
function failingQueue(retry: boolean) {
  const outcomes: JobOutcome[] = [];
  let tries = 0;
  const queue = new UploadQueue({
    concurrency: () => 2,
    retry: () => retry,
    upload: () => {
      tries++;
      return Promise.reject(unreachable());
    },
    outcome: (o) => outcomes.push(o),
  });
  return { queue, outcomes, tries: () => tries };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 20));

describe('the watch’s upload queue after a transient failure', () => {
  it('keeps a watched file queued to try again', async () => {
    const { queue, outcomes } = failingQueue(true);
    queue.add('a.txt', 'p/a.txt', file);
    await settle();
    expect(outcomes.map((o) => o.kind)).toEqual(['retrying']);
    expect(queue.queued).toBe(1);
    queue.clear();
  });

  it('gives a one-shot sync’s file up, once, so the sync can end and say so', async () => {
    const { queue, outcomes, tries } = failingQueue(false);
    queue.add('a.txt', 'p/a.txt', file);
    queue.add('b.txt', 'p/b.txt', file);
    await settle();
    expect(outcomes.map((o) => [o.kind, 'rel' in o ? o.rel : ''])).toEqual([
      ['failed', 'a.txt'],
      ['failed', 'b.txt'],
    ]);
    expect(tries()).toBe(2);
    expect(queue.queued + queue.running).toBe(0);
  });
});
