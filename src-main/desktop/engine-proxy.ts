import { Worker } from 'node:worker_threads';
import type { z } from 'zod';
import {
  commandNames,
  type CommandName,
  type CommandRequest,
  type CommandResponse,
  type EventName,
  type Settings,
  type Transfer,
  type Watch,
} from '../../src-shared/contract/index.js';
import type { Result } from '../../src-shared/errors.js';
import type { Handlers } from '../engine/dispatch.js';
import { FerryError } from '../engine/errors.js';
import { EngineEvents } from '../engine/events.js';
import { systemClock, type Clock, type Logger } from '../engine/logger.js';
import {
  mainOps,
  workerOps,
  type MainOps,
  type PortMessage,
  type WorkerOps,
} from '../engine/port/protocol.js';
import { PortPeer } from '../engine/port/transport.js';
import type { SecretStore } from '../engine/store/secrets.js';
import { EngineMirror } from './engine-mirror.js';

type Peer = PortPeer<MainOps, WorkerOps>;

export interface EngineProxyOptions {
  /** The built worker entry (dist/main/engine-worker.cjs). */
  workerFile: string;
  logger: Logger;
  clock?: Clock;
  platform: string;
  configDir: string;
  homeDir: string;
  /** The keychain; it stays on this thread and answers the worker's requests for secrets. */
  secrets: SecretStore;
  /** The environment the engine reads AWS_* from. */
  env: Record<string, string | undefined>;
  /** Crashes within `crashWindowMs` after which the worker is not started again. */
  maxRestarts?: number;
  crashWindowMs?: number;
  /** How long a quit waits for the worker to pause its transfers before ending it anyway. */
  shutdownTimeoutMs?: number;
}

/** Why a call cannot be answered: the engine is not running. Reported as Internal by `dispatch`. */
const stopped = () => new Error('the engine worker is not running');

/**
 * The engine as the desktop's main thread sees it: contract commands and desktop requests go over a
 * MessagePort to a worker thread running the real engine; its events come back and are re-emitted here.
 * State the shell reads synchronously (settings, totals, watches) is mirrored from those events.
 */
export class EngineProxy {
  readonly events = new EngineEvents();
  readonly logger: Logger;
  readonly clock: Clock;
  readonly platform: string;
  readonly #options: EngineProxyOptions;
  #mirror: EngineMirror | undefined;
  #peer: Promise<Peer>;
  #worker: Worker | undefined;
  #crashes: number[] = [];
  #stopping = false;
  #handlers: Handlers | undefined;
  readonly #crashListeners = new Set<(restarted: boolean) => void>();

  private constructor(options: EngineProxyOptions) {
    this.#options = options;
    this.logger = options.logger;
    this.clock = options.clock ?? systemClock;
    this.platform = options.platform;
    this.#peer = this.#boot();
  }

  /** Starts the worker and its engine; resolves once the first snapshot has arrived. */
  static async start(options: EngineProxyOptions): Promise<EngineProxy> {
    const proxy = new EngineProxy(options);
    try {
      await proxy.#peer;
    } catch (error) {
      await proxy.#end();
      throw error;
    }
    return proxy;
  }

  get #state(): EngineMirror {
    if (!this.#mirror) throw stopped();
    return this.#mirror;
  }

  /** Told when the worker died: `restarted` is false once Ferry gave up starting it again. */
  onCrash(listener: (restarted: boolean) => void): () => void {
    this.#crashListeners.add(listener);
    return () => this.#crashListeners.delete(listener);
  }

  /** The worker thread, while one runs (tests end it to see a crash handled). */
  get worker(): Worker | undefined {
    return this.#worker;
  }

  /** What opening the transfer journal found. */
  get journalLoad() {
    return this.#state.journalLoad;
  }

  readonly settings = {
    get: (): Settings => this.#state.settings,
    update: (change: Partial<Settings>) => this.invoke('settings.set', change),
  };

  readonly profiles = { list: () => this.#state.profiles };

  readonly transfers = {
    list: (): Transfer[] => this.#state.transfers(),
    get: (id: string): Transfer | undefined => this.#state.transfer(id),
    totals: () => this.#state.totals,
    pause: (ids?: string[]) => this.invoke('transfers.pause', ids ? { ids } : {}),
    resume: (ids?: string[]) => this.invoke('transfers.resume', ids ? { ids } : {}),
    cancel: (ids?: string[]) => this.invoke('transfers.cancel', ids ? { ids } : {}),
  };

  readonly watches = {
    list: (): Watch[] => this.#state.watches,
    ids: (): string[] => this.#state.watches.map((w) => w.rule.id),
    setPaused: (ids: string[], paused: boolean) =>
      Promise.all(
        ids.map((id) => this.invoke(paused ? 'watches.pause' : 'watches.resume', { id })),
      ),
  };

  /**
   * One handler per contract command, each forwarding to the worker: what `registerIpc` serves, after
   * validating the request here as well (the worker validates it again).
   */
  handlers(): Handlers {
    this.#handlers ??= Object.fromEntries(
      commandNames.map((name) => [
        name,
        async (request: unknown) => {
          const result = await this.call(name, request);
          if (result.ok) return result.value;
          throw FerryError.fromData(result.error);
        },
      ]),
    ) as unknown as Handlers;
    return this.#handlers;
  }

  /**
   * Sends one command to the engine. The worker validated the request and held its answer to the
   * contract before posting it; the port's own schema is checked here.
   */
  async call(name: CommandName, payload: unknown): Promise<Result<unknown>> {
    const peer = await this.#peer;
    const result = await peer.request('call', { name, payload });
    // The setting is what the next line of main-thread code reads (close to tray, language).
    if (result.ok && (name === 'settings.set' || name === 'settings.get')) {
      this.#state.settings = result.value as Settings;
    }
    return result;
  }

  /** A command from main-thread code: the typed answer, or the engine's FerryError thrown. */
  async invoke<K extends CommandName>(
    name: K,
    request: CommandRequest<K>,
  ): Promise<CommandResponse<K>> {
    const result = await this.call(name, request);
    if (!result.ok) throw FerryError.fromData(result.error);
    return result.value as CommandResponse<K>;
  }

  /** Downloads an object to `file` in the worker (a drag out); progress arrives as events. */
  async fetchToFile(
    source: { profileId: string; bucket: string; key: string },
    file: string,
  ): Promise<number> {
    const peer = await this.#peer;
    return (await peer.request('fetchToFile', { source, file })).bytes;
  }

  /**
   * Pauses every transfer into the journal, closes the engine and ends the worker. A worker that does not
   * answer within the timeout is ended anyway (its journal is fsynced record by record).
   */
  async shutdown(): Promise<void> {
    if (this.#stopping) return;
    this.#stopping = true;
    const peer = await this.#peer.catch(() => undefined);
    if (peer) {
      const ms = this.#options.shutdownTimeoutMs ?? 20_000;
      let timer: NodeJS.Timeout | undefined;
      const late = new Promise<'late'>((resolve) => {
        timer = setTimeout(() => resolve('late'), ms);
      });
      const answer = await Promise.race([peer.request('shutdown', {}), late]).catch(
        (error: unknown) => {
          this.logger.error('engine: shutdown failed', { error: String(error) });
        },
      );
      clearTimeout(timer);
      if (answer === 'late') this.logger.warn('engine: the worker did not stop in time; ending it');
    }
    await this.#end();
  }

  /** The same as `shutdown`, under the name the engine's callers know. */
  dispose(): Promise<void> {
    return this.shutdown();
  }

  async #end(): Promise<void> {
    this.#stopping = true;
    const worker = this.#worker;
    this.#worker = undefined;
    (await this.#peer.catch(() => undefined))?.close(stopped());
    await worker?.terminate();
  }

  /** Starts a worker and its engine, and (re)fills the mirror from its snapshot. */
  async #boot(): Promise<Peer> {
    const options = this.#options;
    const worker = new Worker(options.workerFile, { env: options.env });
    this.#worker = worker;
    const peer: Peer = new PortPeer({
      port: worker,
      served: mainOps,
      asked: workerOps,
      logger: this.logger,
      handlers: { secret: (body) => this.#secret(body) },
      onMessage: (message) => this.#receive(message),
    });
    worker.on('error', (error) => {
      this.logger.error('engine: the worker failed', { error: error.message });
    });
    worker.once('exit', (code) => this.#exited(worker, peer, code));
    const snapshot = await peer
      .request('start', {
        configDir: options.configDir,
        platform: options.platform,
        homeDir: options.homeDir,
        secretStore: options.secrets.description,
      })
      .catch(async (error: unknown) => {
        // An engine that cannot start is no crash to retry: its worker is ended, the error reported.
        if (this.#worker === worker) this.#worker = undefined;
        peer.close(stopped());
        await worker.terminate();
        throw error;
      });
    if (!this.#mirror) this.#mirror = new EngineMirror(snapshot);
    else {
      // A restarted engine: everything the shell and the window show is told again.
      const removed = this.#mirror.reset(snapshot);
      this.events.emit('settings.changed', snapshot.settings);
      this.events.emit('profiles.changed', { profiles: snapshot.profiles });
      this.events.emit('watches.changed', { watches: snapshot.watches });
      this.events.emit('transfers.changed', { transfers: snapshot.transfers, removed });
    }
    return peer;
  }

  #exited(worker: Worker, peer: Peer, code: number): void {
    peer.close(stopped());
    if (this.#stopping || worker !== this.#worker) return;
    this.#worker = undefined;
    this.logger.error('engine: the worker stopped unexpectedly', { exitCode: code });
    const now = this.clock.now();
    const span = this.#options.crashWindowMs ?? 60_000;
    this.#crashes = [...this.#crashes.filter((at) => now - at < span), now];
    if (this.#crashes.length > (this.#options.maxRestarts ?? 3)) {
      this.logger.error('engine: the worker keeps stopping; not starting it again');
      this.#peer = Promise.reject(stopped());
      this.#peer.catch(() => {});
      for (const listener of this.#crashListeners) listener(false);
      return;
    }
    this.#peer = this.#boot();
    this.#peer.then(
      () => this.logger.info('engine: the worker was started again'),
      (error: unknown) =>
        this.logger.error('engine: could not start again', { error: String(error) }),
    );
    for (const listener of this.#crashListeners) listener(true);
  }

  #receive(message: Extract<PortMessage, { kind: 'event' | 'log' }>): void {
    if (message.kind === 'log') {
      this.logger[message.level](message.message, message.fields);
      return;
    }
    // The worker held the payload to the contract before posting it; the port's schema checked the name.
    const name = message.name as EventName;
    this.#mirror?.apply(name, message.payload as never, message.totals);
    this.events.emit(name, message.payload as never);
  }

  /** The worker asks for a secret: the keychain answers here, and nothing of it is logged. */
  async #secret(body: z.output<MainOps['secret']['body']>): Promise<{ secret?: string }> {
    const { secrets } = this.#options;
    if (body.op === 'get') {
      const secret = await secrets.get(body.profileId);
      return secret === undefined ? {} : { secret };
    }
    if (body.op === 'set') await secrets.set(body.profileId, body.secret);
    else await secrets.delete(body.profileId);
    return {};
  }
}
