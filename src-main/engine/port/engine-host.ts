/**
 * The engine behind a MessagePort. The desktop app runs this in a worker thread (worker.ts), so the
 * engine's file reads, hashing and S3 traffic never hold up the thread that serves the window; the main
 * thread keeps the keychain and is asked for secrets through the port.
 */
import type { z } from 'zod';
import { dispatch } from '../dispatch.js';
import { Engine } from '../engine.js';
import { redactFields, type Logger } from '../logger.js';
import type { SecretStore } from '../store/secrets.js';
import { fetchForDrag } from './fetch-for-drag.js';
import {
  contractIssues,
  mainOps,
  workerOps,
  type EngineSnapshot,
  type MainOps,
  type PortMessage,
  type WorkerOps,
} from './protocol.js';
import { failedUnexpectedly, PortPeer, type MessagePortLike } from './transport.js';

type Level = 'debug' | 'info' | 'warn' | 'error';
const LEVELS: Level[] = ['debug', 'info', 'warn', 'error'];

/** Log fields as plain data (errors as their message), so posting them can never throw. */
function plainFields(fields: Record<string, unknown>): Record<string, unknown> {
  try {
    return JSON.parse(
      JSON.stringify(fields, (_key, value: unknown) =>
        value instanceof Error ? value.message : typeof value === 'bigint' ? String(value) : value,
      ),
    ) as Record<string, unknown>;
  } catch {
    return { fields: '[not serialisable]' };
  }
}

/** A logger that hands each line to the main thread, secret-looking fields already redacted. */
function portLogger(send: (message: Extract<PortMessage, { kind: 'log' }>) => void): Logger {
  const line = (level: Level) => (message: string, fields?: Record<string, unknown>) => {
    const entry: Extract<PortMessage, { kind: 'log' }> = { kind: 'log', level, message };
    if (fields) entry.fields = plainFields(redactFields(fields));
    send(entry);
  };
  const [debug, info, warn, error] = LEVELS.map(line) as [
    Logger['debug'],
    Logger['info'],
    Logger['warn'],
    Logger['error'],
  ];
  return { debug, info, warn, error };
}

/** The main thread's keychain, seen from the worker: every secret is asked for when needed. */
class PortSecretStore implements SecretStore {
  readonly description: string;
  readonly #peer: OpenPeer;

  constructor(description: string, peer: OpenPeer) {
    this.description = description;
    this.#peer = peer;
  }

  #ask(body: z.input<MainOps['secret']['body']>): Promise<{ secret?: string }> {
    return this.#peer.request('secret', body);
  }

  async get(profileId: string): Promise<string | undefined> {
    return (await this.#ask({ op: 'get', profileId })).secret;
  }

  async set(profileId: string, secret: string): Promise<void> {
    await this.#ask({ op: 'set', profileId, secret });
  }

  async delete(profileId: string): Promise<void> {
    await this.#ask({ op: 'delete', profileId });
  }
}

type OpenPeer = PortPeer<WorkerOps, MainOps>;

/** What the main thread mirrors, taken in one go. */
function snapshot(engine: Engine): EngineSnapshot {
  return {
    settings: engine.settings.get(),
    profiles: engine.profiles.list(),
    transfers: engine.transfers.list(),
    totals: engine.transfers.totals(),
    watches: engine.watches.list(),
    journalLoad: engine.journalLoad,
  };
}

export interface HostOptions {
  port: MessagePortLike;
  /** The environment the engine reads AWS_* from (the worker's copy of the app's). */
  env: Record<string, string | undefined>;
  /** Lines below this level stay in the worker. */
  level?: Level;
}

/** Serves one engine over `port`: created by `start`, closed by `shutdown`. */
export function hostEngine(options: HostOptions): void {
  const min = LEVELS.indexOf(options.level ?? 'info');
  const logger = portLogger((entry) => {
    if (LEVELS.indexOf(entry.level) >= min) peer.send(entry);
  });
  let engine: Engine | undefined;
  const running = (): Engine => {
    if (!engine) throw new Error('the engine has not started');
    return engine;
  };
  const peer: OpenPeer = new PortPeer({
    port: options.port,
    served: workerOps,
    asked: mainOps,
    logger,
    handlers: {
      start: async (body) => {
        if (engine) throw new Error('the engine has already started');
        engine = await Engine.create({
          logger,
          face: 'desktop',
          env: options.env,
          configDir: body.configDir,
          platform: body.platform,
          homeDir: body.homeDir,
          secrets: new PortSecretStore(body.secretStore, peer),
          // Transfers an earlier run left unfinished (a quit pauses them into the journal) carry on.
          resumeTransfers: true,
        });
        const started = engine;
        // The snapshot and the subscription in one turn: no event falls between them.
        const state = snapshot(started);
        started.events.onAny((name, payload) => {
          const issues = contractIssues('event', name, payload);
          if (issues) {
            logger.error('engine: an event broke the contract; not sent', { event: name, issues });
            return;
          }
          const totals = name === 'transfers.changed' ? started.transfers.totals() : undefined;
          peer.send({ kind: 'event', name, payload, ...(totals ? { totals } : {}) });
        });
        setImmediate(() => {
          void started.watches.startAll().catch((error: unknown) => {
            logger.error('watches could not start', { error: String(error) });
          });
        });
        return state;
      },
      call: async ({ name, payload }) => {
        const result = await dispatch(running().handlers(), name, payload, logger);
        const issues = result.ok ? contractIssues('answer', name, result.value) : undefined;
        if (!issues) return result;
        logger.error('engine: an answer broke the contract; not sent', { command: name, issues });
        return { ok: false, error: failedUnexpectedly(name) };
      },
      fetchToFile: async ({ source, file }) => ({
        bytes: await fetchForDrag(running(), source, file),
      }),
      shutdown: async () => {
        // Pausing first keeps each running upload's parts in the journal for the next start.
        engine?.transfers.pause();
        await engine?.dispose();
        return {};
      },
    },
  });
}
