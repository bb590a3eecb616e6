import type { WatchStatus } from '../../../src-shared/contract/index.js';
import type { Clock } from '../logger.js';

/** The status of a watch with nothing running: idle, or paused if the user paused it. */
export function idleStatus(id: string, paused: boolean): WatchStatus {
  return {
    id,
    state: paused ? 'paused' : 'idle',
    uploading: 0,
    pending: 0,
    reason: null,
    lastSyncAt: null,
    counts: {
      indexed: 0,
      uploaded: 0,
      deleted: 0,
      skipped: 0,
      failed: 0,
      downloaded: 0,
      conflicts: 0,
      keptLocal: 0,
    },
    watcher: 'stopped',
    deletesAwaitingConfirmation: 0,
    deletesAwaitingSample: [],
  };
}

/**
 * A watch's status: the runner reports what happens, this decides the state shown (idle / scanning /
 * uploading n / paused / error) and pushes changes, coalesced to one event per tick.
 */
export class WatchStatusBook {
  readonly status: WatchStatus;
  /** Stopped by a failure that needs the user (credentials, bucket, missing folder). */
  halted = false;
  readonly #emit: (status: WatchStatus) => void;
  readonly #clock: Clock;
  #scheduled = false;
  #idleWaiters: (() => void)[] = [];

  constructor(id: string, emit: (status: WatchStatus) => void, clock: Clock) {
    this.#emit = emit;
    this.#clock = clock;
    this.status = idleStatus(id, false);
  }

  get counts(): WatchStatus['counts'] {
    return this.status.counts;
  }

  /** Sets fields as given. */
  set(change: Partial<Omit<WatchStatus, 'id' | 'counts'>>): void {
    Object.assign(this.status, change);
    if (change.state === 'scanning' || change.state === 'paused') this.halted = false;
    this.#changed();
  }

  /** Derives the state from the work in hand; `reconciled` marks folder and bucket as agreeing. */
  update(uploading: number, pending: number, reconciled = false): void {
    const s = this.status;
    s.uploading = uploading;
    s.pending = pending;
    if (s.state === 'paused' || this.halted) return this.#changed();
    const retrying = s.state === 'error' && s.reason !== null;
    if (uploading + pending > 0) {
      if (!retrying) s.state = 'uploading';
    } else if (s.state !== 'scanning' || reconciled) {
      if (retrying && s.reason) s.reason = null;
      s.state = 'idle';
      // Deletes held back by the cap, or local edits kept, mean the two sides still differ: they last
      // agreed before.
      if (s.deletesAwaitingConfirmation === 0 && s.counts.keptLocal === 0)
        s.lastSyncAt = new Date(this.#clock.now()).toISOString();
    }
    this.#changed();
  }

  /** Resolves when no work is in hand (idle, paused or stopped by an error). */
  whenIdle(): Promise<void> {
    if (this.#isIdle()) return Promise.resolve();
    return new Promise((resolve) => this.#idleWaiters.push(resolve));
  }

  #isIdle(): boolean {
    const s = this.status;
    return s.state !== 'scanning' && s.uploading === 0 && s.pending === 0;
  }

  #changed(): void {
    if (this.#isIdle() && this.#idleWaiters.length) {
      const waiters = this.#idleWaiters;
      this.#idleWaiters = [];
      for (const w of waiters) w();
    }
    if (this.#scheduled) return;
    this.#scheduled = true;
    setImmediate(() => {
      this.#scheduled = false;
      this.#emit(structuredClone(this.status));
    });
  }
}
