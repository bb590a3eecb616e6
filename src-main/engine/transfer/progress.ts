import type { EventName, EventPayload } from '../../../src-shared/contract/index.js';
import type { QueueTotals, Transfer } from '../../../src-shared/contract/transfers.js';
import type { Clock } from '../logger.js';
import { apply, type Job } from './job.js';

type TransferEvent = Extract<EventName, 'transfers.changed' | 'transfers.progress'>;

/**
 * Batches what the queue reports: state changes are gathered and sent together a moment later, progress is
 * sampled on a timer that runs only while something moves. Ten thousand queued files make one event, not ten
 * thousand.
 */
export class ProgressBatcher {
  readonly emit: <K extends TransferEvent>(name: K, payload: EventPayload<K>) => void;
  readonly #clock: Clock;
  readonly #intervalMs: number;
  readonly #snapshot: () => { running: Job[]; totals: QueueTotals };
  readonly #changed = new Set<Job>();
  #removed: string[] = [];
  #flushTimer: NodeJS.Timeout | undefined;
  #tickTimer: NodeJS.Timeout | undefined;

  constructor(
    emit: ProgressBatcher['emit'],
    clock: Clock,
    intervalMs: number,
    snapshot: () => { running: Job[]; totals: QueueTotals },
  ) {
    this.emit = emit;
    this.#clock = clock;
    this.#intervalMs = intervalMs;
    this.#snapshot = snapshot;
  }

  changed(job: Job): void {
    this.#changed.add(job);
    this.#flushTimer ??= setTimeout(() => this.flush(), Math.min(50, this.#intervalMs));
  }

  removed(ids: string[]): void {
    if (ids.length === 0) return;
    this.#removed.push(...ids);
    this.#flushTimer ??= setTimeout(() => this.flush(), Math.min(50, this.#intervalMs));
  }

  /** Bytes moved: make sure the sampling timer runs. */
  progress(_job?: Job): void {
    if (this.#tickTimer) return;
    this.#tickTimer = setInterval(() => this.#tick(), this.#intervalMs);
    this.#tickTimer.unref();
  }

  /** Sends the gathered state changes now. */
  flush(): void {
    clearTimeout(this.#flushTimer);
    this.#flushTimer = undefined;
    if (this.#changed.size === 0 && this.#removed.length === 0) return;
    const transfers = [...this.#changed].map((job) => ({ ...job.t }));
    this.#changed.clear();
    const removed = this.#removed;
    this.#removed = [];
    this.emit('transfers.changed', { transfers, removed });
    // The totals (running, queued, failed …) travel with the samples: a change that moved no byte (an
    // upload refused before its first, waiting to retry) must still reach them. The tick stops itself once
    // nothing runs.
    this.progress();
  }

  #tick(): void {
    const now = this.#clock.now();
    const { running, totals } = this.#snapshot();
    for (const job of running) apply(job, { type: 'tick', now });
    totals.speed = running.reduce((sum, job) => sum + job.t.speed, 0);
    const items = running.map(({ t }) => ({
      id: t.id,
      bytesDone: t.bytesDone,
      bytesTotal: t.bytesTotal,
      speed: Math.round(t.speed),
      etaSeconds: t.etaSeconds,
    }));
    this.emit('transfers.progress', { items, totals });
    if (running.length === 0) {
      clearInterval(this.#tickTimer);
      this.#tickTimer = undefined;
    }
  }

  stop(): void {
    this.flush();
    clearInterval(this.#tickTimer);
    this.#tickTimer = undefined;
  }
}

/** Counts and bytes across the queue, for a status bar. */
export function queueTotals(transfers: Transfer[]): QueueTotals {
  const totals = {
    queued: 0,
    running: 0,
    paused: 0,
    failed: 0,
    bytesDone: 0,
    bytesTotal: 0,
    speed: 0,
  };
  for (const t of transfers) {
    if (t.state === 'queued' || t.state === 'running' || t.state === 'paused') {
      totals[t.state]++;
      totals.bytesDone += t.bytesDone;
      totals.bytesTotal += t.bytesTotal ?? t.bytesDone;
      totals.speed += t.speed;
    } else if (t.state === 'failed') totals.failed++;
  }
  return totals;
}
