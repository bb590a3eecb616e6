import type { Job } from './job.js';

/** Files this small are latency-bound: they get more slots than big ones, which are bandwidth-bound. */
const SMALL_FILE = 1024 * 1024;

/** How far down the queue the scheduler looks for a job it may start. */
const LOOK_AHEAD = 1000;

function isSmall(job: Job): boolean {
  return job.sizeHint !== null && job.sizeHint <= SMALL_FILE;
}

/**
 * Takes out of `pending`, in queue order, the jobs that may start now: at most `concurrency` big files at
 * once, and small ones in the slots left up to four times that (at least 16).
 */
export function takeStartable(
  pending: Job[],
  running: ReadonlySet<Job>,
  concurrency: number,
): Job[] {
  const slots = Math.max(concurrency * 4, 16);
  let big = [...running].filter((j) => !isSmall(j)).length;
  let busy = running.size;
  const start: Job[] = [];
  for (let i = 0; i < pending.length && i < LOOK_AHEAD && busy < slots;) {
    const job = pending[i]!;
    const small = isSmall(job);
    if (!small && big >= concurrency) {
      i++;
      continue;
    }
    pending.splice(i, 1);
    if (!small) big++;
    busy++;
    start.push(job);
  }
  return start;
}
