/**
 * The renderer's one typed client. It speaks the contract over whichever transport the page has: the
 * preload's `window.ferry` inside Electron, or a WebSocket to `ferry serve` in a browser.
 */
import {
  type CommandName,
  type CommandRequest,
  type CommandResponse,
  type EventName,
  type EventPayload,
  type FerryBridge,
} from '../../src-shared/contract/index.js';
import type { FerryErrorData, Result } from '../../src-shared/errors.js';

/**
 * Whether the page can reach the engine: `reconnecting` while the server does not answer, `refused` when a
 * server answers on the same address but no longer accepts this page's token (it was restarted).
 */
export type ConnectionState = 'connected' | 'reconnecting' | 'refused';

/** How commands and events travel. */
export interface Transport {
  invoke(name: CommandName, request: unknown): Promise<Result<unknown>>;
  subscribe(name: EventName, listener: (payload: unknown) => void): () => void;
  /** Reports changes of the connection; a transport that cannot lose it (Electron's bridge) never calls. */
  onConnection?(listener: (state: ConnectionState) => void): () => void;
}

/** A failed command, thrown by `call`; carries the engine's message and hint. */
export class CommandError extends Error {
  readonly error: FerryErrorData;
  constructor(error: FerryErrorData) {
    super(error.message);
    this.error = error;
  }
}

/** Electron: each command is a named function on the bridge. */
export function bridgeTransport(bridge: FerryBridge): Transport {
  const table = bridge as unknown as Record<
    string,
    Record<string, (request: unknown) => Promise<Result<unknown>>>
  >;
  const events = bridge.events as unknown as Record<
    string,
    (listener: (payload: unknown) => void) => () => void
  >;
  return {
    invoke: (name, request) => {
      const [namespace, fn] = name.split('.') as [string, string];
      const call = table[namespace]?.[fn];
      if (!call) return Promise.resolve(disconnected(`The window has no function for ${name}.`));
      return call(request);
    },
    subscribe: (name, listener) => events[name]?.(listener) ?? (() => {}),
  };
}

function disconnected(message: string): Result<never> {
  return {
    ok: false,
    error: {
      code: 'NetworkError',
      message,
      hint: 'Reload the page; if it persists, restart Ferry.',
    },
  };
}

/**
 * Browser: a WebSocket to `ferry serve`. When it closes, the page asks the server's HTTP side (`probeUrl`)
 * with backoff before opening a new socket: no answer means the server is away (keep trying), 401 means a
 * server is there but this page's token is not its token (a restarted `ferry serve`; a new URL is needed).
 */
export function webSocketTransport(url: string, probeUrl: string): Transport {
  let socket: WebSocket | undefined;
  let nextId = 1;
  let retryMs = 250;
  let opened = false;
  let state: ConnectionState = 'connected';
  const pending = new Map<number, (result: Result<unknown>) => void>();
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  const watchers = new Set<(state: ConnectionState) => void>();
  const queue: string[] = [];

  const setState = (next: ConnectionState) => {
    if (next === state) return;
    state = next;
    for (const watcher of watchers) watcher(next);
  };
  const later = (attempt: () => void) => {
    setTimeout(attempt, retryMs);
    retryMs = Math.min(retryMs * 2, 5000);
  };

  const probe = async () => {
    let status = 0;
    try {
      status = (await fetch(probeUrl, { method: 'HEAD', cache: 'no-store' })).status;
    } catch {
      // Nothing listens: the server is away.
    }
    if (status === 401) setState('refused');
    // Only a server that takes our token gets a socket; a refused page keeps asking, in case the new URL
    // is opened in another tab (the cookie it sets is this page's too).
    if (status >= 200 && status < 300) connect();
    else later(() => void probe());
  };

  const connect = () => {
    const ws = new WebSocket(url);
    socket = ws;
    ws.onopen = () => {
      retryMs = 250;
      opened = true;
      setState('connected');
      for (const frame of queue.splice(0)) ws.send(frame);
    };
    ws.onmessage = (message) => {
      const frame = JSON.parse(String(message.data)) as
        { id: number; result: Result<unknown> } | { event: string; payload: unknown };
      if ('id' in frame) {
        pending.get(frame.id)?.(frame.result);
        pending.delete(frame.id);
      } else {
        for (const listener of listeners.get(frame.event) ?? []) listener(frame.payload);
      }
    };
    ws.onclose = () => {
      for (const resolve of pending.values())
        resolve(disconnected('Lost the connection to Ferry.'));
      pending.clear();
      if (state === 'connected') setState('reconnecting');
      later(() => void probe());
    };
  };
  connect();

  return {
    invoke: (name, request) =>
      new Promise((resolve) => {
        const id = nextId++;
        const frame = JSON.stringify({ id, command: name, payload: request });
        if (socket?.readyState === WebSocket.OPEN) {
          pending.set(id, resolve);
          socket.send(frame);
        } else if (!opened) {
          // The first connection is still opening: send as soon as it is up.
          pending.set(id, resolve);
          queue.push(frame);
        } else {
          // Once lost, say so at once rather than run the command minutes later when the server is back.
          resolve(disconnected('Ferry is disconnected; try again once it is back.'));
        }
      }),
    subscribe: (name, listener) => {
      const set = listeners.get(name) ?? new Set();
      listeners.set(name, set);
      set.add(listener);
      return () => set.delete(listener);
    },
    onConnection: (watcher) => {
      watchers.add(watcher);
      return () => watchers.delete(watcher);
    },
  };
}

/** The typed client the state classes use. */
export class FerryClient {
  readonly #transport: Transport;

  constructor(transport: Transport) {
    this.#transport = transport;
  }

  /** Runs a command and returns the envelope. */
  invoke<K extends CommandName>(
    name: K,
    request: CommandRequest<K>,
  ): Promise<Result<CommandResponse<K>>> {
    return this.#transport.invoke(name, request) as Promise<Result<CommandResponse<K>>>;
  }

  /** Runs a command and returns its value, or throws a CommandError. */
  async call<K extends CommandName>(
    name: K,
    request: CommandRequest<K>,
  ): Promise<CommandResponse<K>> {
    const result = await this.invoke(name, request);
    if (!result.ok) throw new CommandError(result.error);
    return result.value;
  }

  on<K extends EventName>(name: K, listener: (payload: EventPayload<K>) => void): () => void {
    return this.#transport.subscribe(name, listener as (payload: unknown) => void);
  }

  /** Calls back when the connection to the engine is lost, refused, or back. */
  onConnection(listener: (state: ConnectionState) => void): () => void {
    return this.#transport.onConnection?.(listener) ?? (() => {});
  }
}

/** The client for this page: the bridge when Electron provided one, else the serve WebSocket. */
export function createClient(): FerryClient {
  if (window.ferry) return new FerryClient(bridgeTransport(window.ferry));
  const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
  return new FerryClient(
    webSocketTransport(`${scheme}//${location.host}/ws`, `${location.origin}/`),
  );
}
