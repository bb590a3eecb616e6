import { EventEmitter } from 'node:events';
import type { EventName, EventPayload } from '../../src-shared/contract/index.js';

type Listener<K extends EventName> = (payload: EventPayload<K>) => void;

/** The engine's outgoing events, typed by the contract. Faces forward them to their renderers. */
export class EngineEvents {
  readonly #emitter = new EventEmitter();
  readonly #any = new Set<(name: EventName, payload: unknown) => void>();

  constructor() {
    // Every open window and browser tab subscribes; that is more than Node's default warning threshold.
    this.#emitter.setMaxListeners(0);
  }

  emit<K extends EventName>(name: K, payload: EventPayload<K>): void {
    this.#emitter.emit(name, payload);
    for (const listener of this.#any) listener(name, payload);
  }

  on<K extends EventName>(name: K, listener: Listener<K>): () => void {
    this.#emitter.on(name, listener);
    return () => this.#emitter.off(name, listener);
  }

  /** Every event, for faces that forward all of them (IPC, WebSocket). */
  onAny(listener: (name: EventName, payload: unknown) => void): () => void {
    this.#any.add(listener);
    return () => this.#any.delete(listener);
  }
}
