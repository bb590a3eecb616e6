/** A clock and timer the test moves by hand: time passes only when `advance` is called. */
export function manualClock(start = 1_000_000) {
  let now = start;
  const timers: { at: number; callback: () => void; cancelled: boolean }[] = [];
  return {
    clock: { now: () => now },
    schedule(callback: () => void, delayMs: number): () => void {
      const timer = { at: now + Math.max(0, delayMs), callback, cancelled: false };
      timers.push(timer);
      return () => (timer.cancelled = true);
    },
    /** Moves time forward, firing due timers in order. */
    advance(ms: number): void {
      const end = now + ms;
      for (;;) {
        const due = timers
          .filter((t) => !t.cancelled && t.at <= end)
          .sort((a, b) => a.at - b.at)[0];
        if (!due) break;
        due.cancelled = true;
        now = due.at;
        due.callback();
      }
      now = end;
    },
    pending: () => timers.filter((t) => !t.cancelled).length,
  };
}
