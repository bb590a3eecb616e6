import { sleep } from './retry.js';

/**
 * A token bucket shared by every transfer: the bandwidth limit. The rate is read on every request, so a change
 * in settings takes effect at once, mid-transfer.
 */
export class Throttle {
  readonly #rate: () => number;
  #tokens = 0;
  #last = Date.now();
  #queue: Promise<void> = Promise.resolve();

  /** @param rate bytes per second; 0 means unlimited. */
  constructor(rate: () => number) {
    this.#rate = rate;
  }

  /**
   * The most one request should ask for at once: about a quarter second of the limit (1 KiB to 64 KiB), so
   * that under a low limit no request sits idle for long between writes; unlimited, any size.
   */
  get piece(): number {
    const rate = this.#rate();
    return rate > 0 ? Math.min(64 * 1024, Math.max(1024, Math.floor(rate / 4))) : Infinity;
  }

  /** Whether a limit is set right now. */
  get limited(): boolean {
    return this.#rate() > 0;
  }

  /** Waits until `bytes` may be sent; callers are served in order. */
  take(bytes: number, signal?: AbortSignal): Promise<void> {
    if (this.#rate() <= 0) return Promise.resolve();
    const turn = this.#queue.then(() => this.#wait(bytes, signal));
    this.#queue = turn.catch(() => {});
    return turn;
  }

  async #wait(bytes: number, signal?: AbortSignal): Promise<void> {
    for (;;) {
      const rate = this.#rate();
      if (rate <= 0) return;
      const now = Date.now();
      // A quarter second of burst: smooth enough for a progress bar, coarse enough to keep timers few.
      const burst = Math.max(rate / 4, 64 * 1024);
      this.#tokens = Math.min(burst, this.#tokens + ((now - this.#last) * rate) / 1000);
      this.#last = now;
      if (this.#tokens >= Math.min(bytes, burst)) {
        this.#tokens -= bytes;
        return;
      }
      const waitMs = Math.min(
        250,
        Math.ceil(((Math.min(bytes, burst) - this.#tokens) * 1000) / rate),
      );
      await sleep(waitMs, signal);
    }
  }
}
