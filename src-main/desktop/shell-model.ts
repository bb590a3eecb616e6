import path from 'node:path';
import {
  isFinalState,
  type QueueTotals,
  type Transfer,
  type Watch,
} from '../../src-shared/contract/index.js';
import type { EngineEvents } from '../engine/events.js';
import { identityKey, identityOf, type TransferIdentity } from '../engine/transfer/identity.js';
import type { Clock } from '../engine/logger.js';
import {
  emptyShellState,
  withFinished,
  type FinishedTransfer,
  type ShellState,
  type WatchView,
} from './shell-state.js';

/** How long a failure is remembered to drop its second report. */
const FAILURE_MEMORY_MS = 60_000;

/** A watch as the tray shows it: named after its folder, its state folded into four words. */
export function watchView({ rule, status }: Watch): WatchView {
  const name = path.basename(rule.folder) || rule.folder;
  const map = {
    idle: 'watching',
    scanning: 'scanning',
    uploading: 'uploading',
    downloading: 'downloading',
    paused: 'paused',
    error: 'error',
  } as const;
  return { id: rule.id, name, status: rule.paused ? 'paused' : map[status.state] };
}

/** A transfer that reached a final state, as the tray and notifications describe it. */
export function finishedTransfer(t: Transfer): FinishedTransfer {
  const item: FinishedTransfer = {
    id: t.id,
    direction: t.direction,
    bucket: t.bucket,
    key: t.key,
    localPath: t.localPath,
    ok: t.state === 'done',
  };
  if (t.error) {
    item.reason = t.error.message;
    item.error = t.error;
  }
  return item;
}

/** What the shell reads of the engine: its events, and its transfers and watches as they are now. */
export interface ShellSource {
  events: Pick<EngineEvents, 'on'>;
  clock: Clock;
  transfers: { list(): Transfer[]; totals(): QueueTotals };
  watches: { list(): Watch[] };
}

/**
 * Keeps the shell state up to date from engine events, and reports each transfer that finishes (once,
 * however many `transfers.changed` batches mention it afterwards).
 */
export class ShellModel {
  #state: ShellState = emptyShellState();
  readonly #engine: ShellSource;
  readonly #final = new Set<string>();
  readonly #listeners = new Set<(state: ShellState) => void>();
  readonly #finished = new Set<(item: FinishedTransfer) => void>();
  readonly #off: (() => void)[] = [];
  readonly #failures = new Map<string, number>();

  constructor(engine: ShellSource) {
    this.#engine = engine;
    // Transfers already final when we start (history of this session) are not news.
    for (const t of engine.transfers.list()) if (isFinalState(t.state)) this.#final.add(t.id);
    const events = engine.events;
    this.#off.push(
      events.on('transfers.changed', ({ transfers }) => this.#transfersChanged(transfers)),
      events.on('transfers.progress', () => this.#refreshTotals()),
      events.on('watches.changed', () => this.#refreshWatches()),
      events.on('watches.status', () => this.#refreshWatches()),
      events.on('watches.activity', (a) => {
        // Watched uploads run through the transfer queue, which reports them; only failures the
        // queue never saw (an unreadable file, a name S3 cannot hold) come from here.
        if (!a.error) return;
        const watch = engine.watches.list().find((w) => w.rule.id === a.id);
        if (!watch) return;
        const localPath = path.join(watch.rule.folder, ...a.path.split('/'));
        const { profileId, bucket } = watch.rule;
        const identity = identityOf('upload', { profileId, bucket, key: a.key, file: localPath });
        this.#report(identity, {
          id: `${a.id}:${a.key}:${a.at}`,
          direction: 'upload',
          bucket: watch.rule.bucket,
          key: a.key,
          localPath,
          ok: false,
          reason: a.error.message,
          error: a.error,
          watchId: a.id,
        });
      }),
    );
    this.#refreshTotals(false);
    this.#refreshWatches(false);
  }

  get state(): ShellState {
    return this.#state;
  }

  /** Called with the new state after every change. */
  onChange(listener: (state: ShellState) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** Called once for each transfer or watch upload that finishes or fails. */
  onFinished(listener: (item: FinishedTransfer) => void): () => void {
    this.#finished.add(listener);
    return () => this.#finished.delete(listener);
  }

  dispose(): void {
    for (const off of this.#off.splice(0)) off();
  }

  #transfersChanged(transfers: Transfer[]): void {
    for (const t of transfers) {
      if (!isFinalState(t.state)) this.#final.delete(t.id);
      else if (!this.#final.has(t.id)) {
        this.#final.add(t.id);
        // A cancel is the user's own doing: list nothing, notify nothing.
        if (t.state !== 'cancelled') {
          const identity = identityOf(t.direction, { ...t, file: t.localPath });
          this.#report(identity, this.#tagWatch(finishedTransfer(t)), false);
        }
      }
    }
    this.#refreshTotals();
  }

  /** Marks a transfer a watched folder started (its file is in the folder, its key goes to the watch's bucket). */
  #tagWatch(item: FinishedTransfer): FinishedTransfer {
    const watch = this.#engine.watches.list().find(({ rule }) => {
      const inside = path.relative(rule.folder, item.localPath);
      return (
        item.direction === 'upload' &&
        rule.bucket === item.bucket &&
        item.key.startsWith(rule.prefix) &&
        inside !== '' &&
        !inside.startsWith('..') &&
        !path.isAbsolute(inside)
      );
    });
    return watch ? { ...item, watchId: watch.rule.id } : item;
  }

  /**
   * A watched upload that fails is reported by the queue and by the watch, in either order: once is enough.
   * The two reports are of the same transfer when their identities match (identity.ts).
   */
  #seenFailure(identity: TransferIdentity): boolean {
    const now = this.#engine.clock.now();
    for (const [key, at] of this.#failures)
      if (now - at > FAILURE_MEMORY_MS) this.#failures.delete(key);
    const key = identityKey(identity);
    const seen = this.#failures.has(key);
    this.#failures.set(key, now);
    return seen;
  }

  #report(identity: TransferIdentity, item: FinishedTransfer, emit = true): void {
    if (!item.ok && this.#seenFailure(identity)) return;
    this.#state = withFinished(this.#state, item);
    for (const listener of this.#finished) listener(item);
    if (emit) this.#emit();
  }

  #refreshTotals(emit = true): void {
    const { queued, running, paused, failed, bytesDone, bytesTotal } =
      this.#engine.transfers.totals();
    this.#state = {
      ...this.#state,
      transfers: { queued, running, paused, failed, bytesDone, bytesTotal },
    };
    if (emit) this.#emit();
  }

  #refreshWatches(emit = true): void {
    this.#state = { ...this.#state, watches: this.#engine.watches.list().map(watchView) };
    if (emit) this.#emit();
  }

  #emit(): void {
    for (const listener of this.#listeners) listener(this.#state);
  }
}
