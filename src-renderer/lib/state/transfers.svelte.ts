/* eslint-disable svelte/prefer-svelte-reactivity -- the index map is private bookkeeping, never rendered. */
import {
  isFinalState,
  type QueueTotals,
  type Transfer,
} from '../../../src-shared/contract/index.js';
import type { FerryErrorData } from '../../../src-shared/errors.js';
import type { FerryClient } from '../client.js';
import { toErrorData } from '../errors.js';

/** The tabs of the transfers panel. */
export type TransferFilter = 'all' | 'active' | 'queued' | 'finished' | 'failed' | 'cancelled';

const inFilter: Record<TransferFilter, (t: Transfer) => boolean> = {
  all: () => true,
  active: (t) => t.state === 'running' || t.state === 'paused',
  queued: (t) => t.state === 'queued',
  finished: (t) => t.state === 'done',
  // Failed is what the header counts; a transfer the user cancelled did not fail.
  failed: (t) => t.state === 'failed',
  cancelled: (t) => t.state === 'cancelled',
};

/** Running and paused transfers first, then the queue in its order, then finished ones newest first. */
function group(t: Transfer): number {
  return t.state === 'running' || t.state === 'paused' ? 0 : t.state === 'queued' ? 1 : 2;
}

const EMPTY_TOTALS: QueueTotals = {
  queued: 0,
  running: 0,
  paused: 0,
  failed: 0,
  bytesDone: 0,
  bytesTotal: 0,
  speed: 0,
};

/**
 * The transfer queue as the panel shows it. Events arrive batched (a few per second, thousands of items),
 * so the list is one `$state.raw` array replaced per batch, with an id → index map to patch it.
 */
export class TransfersState {
  items = $state.raw<Transfer[]>([]);
  totals = $state<QueueTotals>(EMPTY_TOTALS);
  filter = $state<TransferFilter>('all');
  loaded = $state(false);
  error = $state<FerryErrorData | null>(null);
  /** False while the engine cannot be reached: nothing shown about running transfers is current then. */
  connected = $state(true);
  readonly #client: FerryClient;
  #index = new Map<string, number>();
  /** The order transfers were first seen in: the queue's order for those not yet finished. */
  #seen = new Map<string, number>();
  #seenCount = 0;

  constructor(client: FerryClient) {
    this.#client = client;
    client.on('transfers.changed', ({ transfers, removed }) => this.#merge(transfers, removed));
    client.on('transfers.progress', ({ items, totals }) => {
      this.totals = totals;
      if (items.length === 0) return;
      const next = this.items.slice();
      for (const p of items) {
        const at = this.#index.get(p.id);
        const current = at === undefined ? undefined : next[at];
        if (at !== undefined && current) next[at] = { ...current, ...p };
      }
      this.items = next;
    });
  }

  async load(): Promise<void> {
    try {
      // The queue holds this run's transfers; the history also those of earlier runs (the last 1,000).
      const [{ transfers, totals }, history] = await Promise.all([
        this.#client.call('transfers.list', {}),
        this.#client.call('transfers.history', { limit: 1000 }),
      ]);
      const live = new Set(transfers.map((t) => t.id));
      this.#index = new Map();
      this.#seen = new Map();
      this.items = [];
      this.#merge([...history.filter((t) => !live.has(t.id)), ...transfers], []);
      this.totals = totals;
    } catch (error) {
      this.error = toErrorData(error);
    } finally {
      this.loaded = true;
    }
  }

  get visible(): Transfer[] {
    const keep = inFilter[this.filter];
    return this.filter === 'all' ? this.items : this.items.filter(keep);
  }

  count(filter: TransferFilter): number {
    return filter === 'all' ? this.items.length : this.items.filter(inFilter[filter]).length;
  }

  /** Overall progress of what is queued and running, 0–1, or null when nothing is. */
  get overall(): number | null {
    const { bytesDone, bytesTotal } = this.totals;
    return bytesTotal > 0 ? Math.min(1, bytesDone / bytesTotal) : null;
  }

  pause = (ids?: string[]) => this.#command('transfers.pause', ids);
  resume = (ids?: string[]) => this.#command('transfers.resume', ids);
  cancel = (ids?: string[]) => this.#command('transfers.cancel', ids);
  retry = (ids?: string[]) => this.#command('transfers.retry', ids);
  /** Retries what failed (not what the user cancelled). */
  retryFailed = () => this.retry(this.items.filter(inFilter.failed).map((t) => t.id));

  async clearFinished(): Promise<void> {
    try {
      await this.#client.call('transfers.clear', {});
      // The queue reports what it dropped; transfers of earlier runs shown from the history go too.
      this.#merge(
        [],
        this.items.filter((t) => isFinalState(t.state)).map((t) => t.id),
      );
    } catch (error) {
      this.error = toErrorData(error);
    }
  }

  async #command(
    name: 'transfers.pause' | 'transfers.resume' | 'transfers.cancel' | 'transfers.retry',
    ids?: string[],
  ): Promise<void> {
    try {
      await this.#client.call(name, ids ? { ids } : {});
    } catch (error) {
      this.error = toErrorData(error);
    }
  }

  #merge(changed: Transfer[], removed: string[]): void {
    let next = this.items.slice();
    for (const t of changed) {
      const at = this.#index.get(t.id);
      if (!this.#seen.has(t.id)) this.#seen.set(t.id, this.#seenCount++);
      if (at === undefined) {
        this.#index.set(t.id, next.length);
        next.push(t);
      } else next[at] = t;
    }
    if (removed.length) {
      const gone = new Set(removed);
      next = next.filter((t) => !gone.has(t.id));
      for (const id of removed) this.#seen.delete(id);
    }
    // A state change may move a row between groups; progress samples never do, so they patch in place.
    next.sort((a, b) => this.#compare(a, b));
    this.#index = new Map(next.map((t, i) => [t.id, i]));
    this.items = next;
  }

  #compare(a: Transfer, b: Transfer): number {
    const byGroup = group(a) - group(b);
    if (byGroup !== 0) return byGroup;
    if (group(a) === 2) {
      const newer = (b.finishedAt ?? b.createdAt).localeCompare(a.finishedAt ?? a.createdAt);
      if (newer !== 0) return newer;
    }
    return (this.#seen.get(a.id) ?? 0) - (this.#seen.get(b.id) ?? 0);
  }
}
