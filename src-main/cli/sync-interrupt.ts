import type { Io } from './io.js';

/**
 * Ctrl-C (or SIGTERM) on `ferry sync`: one line saying it stopped, how much was done, and that the same command
 * finishes the job; then the process ends with 130 (143). The sync has nothing to wait for on the way out: its
 * baseline and the transfer journal are written as it goes, and a download is written to a `.ferry-partial`
 * file renamed into place only once verified, so the next run neither redoes what was done nor finds half a
 * file (test/cli/sync-kill.test.ts kills it mid-copy with SIGKILL and runs it again). Answers a function that
 * stops listening.
 */
export function sayWhenInterrupted(io: Io, done: () => number): () => void {
  const off = io.onInterrupt?.((code) => {
    const n = done();
    io.err(
      `stopped: ${n} ${n === 1 ? 'action' : 'actions'} done before the interruption. Run the same command again to finish: nothing done is done twice, and no half-written file is left in place.`,
    );
    process.exit(code);
  });
  return off ?? (() => {});
}
