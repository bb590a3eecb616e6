import type {
  EventName,
  EventPayload,
  Profile,
  QueueTotals,
  Settings,
  Transfer,
  Watch,
} from '../../src-shared/contract/index.js';
import type { EngineSnapshot } from '../engine/port/protocol.js';

/**
 * What the main thread knows of the engine in the worker: a snapshot taken at start, kept current by the
 * events that cross the port. The tray, the notifications, the quit guard and the window's settings read
 * it synchronously, as they read the engine itself when it ran on this thread.
 */
export class EngineMirror {
  settings!: Settings;
  profiles!: Profile[];
  watches!: Watch[];
  totals!: QueueTotals;
  journalLoad!: EngineSnapshot['journalLoad'];
  readonly #transfers = new Map<string, Transfer>();

  constructor(snapshot: EngineSnapshot) {
    this.reset(snapshot);
  }

  /** Takes a new snapshot (a restarted worker); returns the ids of transfers it no longer has. */
  reset(snapshot: EngineSnapshot): string[] {
    this.settings = snapshot.settings;
    this.profiles = snapshot.profiles;
    this.watches = snapshot.watches;
    this.totals = snapshot.totals;
    this.journalLoad = snapshot.journalLoad;
    const kept = new Set(snapshot.transfers.map((t) => t.id));
    const removed = [...this.#transfers.keys()].filter((id) => !kept.has(id));
    this.#transfers.clear();
    for (const t of snapshot.transfers) this.#transfers.set(t.id, t);
    return removed;
  }

  /** Every transfer the engine lists (not in queue order: ask `transfers.list` for that). */
  transfers(): Transfer[] {
    return [...this.#transfers.values()];
  }

  transfer(id: string): Transfer | undefined {
    return this.#transfers.get(id);
  }

  /** Follows one engine event; `totals` comes with `transfers.changed`, which does not carry them. */
  apply<K extends EventName>(name: K, payload: EventPayload<K>, totals?: QueueTotals): void {
    const event = { name, payload } as {
      [N in EventName]: { name: N; payload: EventPayload<N> };
    }[EventName];
    switch (event.name) {
      case 'settings.changed':
        this.settings = event.payload;
        break;
      case 'profiles.changed':
        this.profiles = event.payload.profiles;
        break;
      case 'watches.changed':
        this.watches = event.payload.watches;
        break;
      case 'watches.status': {
        const status = event.payload;
        this.watches = this.watches.map((w) => (w.rule.id === status.id ? { ...w, status } : w));
        break;
      }
      case 'transfers.changed':
        for (const t of event.payload.transfers) this.#transfers.set(t.id, t);
        for (const id of event.payload.removed) this.#transfers.delete(id);
        if (totals) this.totals = totals;
        break;
      case 'transfers.progress':
        for (const item of event.payload.items) {
          const t = this.#transfers.get(item.id);
          if (t) this.#transfers.set(item.id, { ...t, ...item });
        }
        this.totals = event.payload.totals;
        break;
      default:
        break;
    }
  }
}
