/**
 * Requests and answers over a MessagePort (a worker's `parentPort`, or the `Worker` object on the other
 * side), with every message checked against the port's schemas on arrival. Each side serves some
 * operations and asks others; events and log lines go one way, with no answer.
 */
import type { z } from 'zod';
import type { FerryErrorData } from '../../../src-shared/errors.js';
import { FerryError } from '../errors.js';
import type { Logger } from '../logger.js';
import { describeIssues, PortMessage, type PortOps } from './protocol.js';

/** What both ends of a worker's channel offer: `parentPort` in the worker, the `Worker` in main. */
export interface MessagePortLike {
  postMessage(value: unknown): void;
  on(event: 'message', listener: (value: unknown) => void): unknown;
  off(event: 'message', listener: (value: unknown) => void): unknown;
}

/** The implementations of the operations a side serves. */
export type OpHandlers<Ops extends PortOps> = {
  [K in keyof Ops]: (body: z.output<Ops[K]['body']>) => Promise<z.input<Ops[K]['answer']>>;
};

type OneWay = Extract<PortMessage, { kind: 'event' | 'log' }>;

export interface PortPeerOptions<Served extends PortOps, Asked extends PortOps> {
  port: MessagePortLike;
  served: Served;
  handlers: OpHandlers<Served>;
  asked: Asked;
  /** Events and log lines from the other side, already checked against the port's schemas. */
  onMessage?: (message: OneWay) => void;
  logger: Logger;
}

interface Pending {
  op: string;
  resolve(value: unknown): void;
  reject(error: unknown): void;
}

/** The wire form of an unexpected failure: a bug, reported without its stack. */
export function failedUnexpectedly(op: string): FerryErrorData {
  return FerryError.of('Internal', 'contract.failed', { name: op }).toData();
}

/** One end of the port. */
export class PortPeer<Served extends PortOps, Asked extends PortOps> {
  readonly #options: PortPeerOptions<Served, Asked>;
  readonly #pending = new Map<number, Pending>();
  readonly #listener = (value: unknown) => this.#receive(value);
  #nextId = 1;
  #closed: Error | undefined;

  constructor(options: PortPeerOptions<Served, Asked>) {
    this.#options = options;
    options.port.on('message', this.#listener);
  }

  /** Asks the other side; rejects with the FerryError it answered, or when the port closes. */
  request<K extends keyof Asked & string>(
    op: K,
    body: z.input<Asked[K]['body']>,
  ): Promise<z.output<Asked[K]['answer']>> {
    if (this.#closed) return Promise.reject(this.#closed);
    const id = this.#nextId++;
    return new Promise((resolve, reject) => {
      this.#pending.set(id, { op, resolve: resolve as (value: unknown) => void, reject });
      this.#post({ kind: 'request', id, op, body }, () => {
        this.#pending.delete(id);
        reject(new Error(`port: the body of ${op} cannot be posted`));
      });
    });
  }

  /** Sends an event or a log line; nothing comes back. */
  send(message: OneWay): void {
    if (!this.#closed) this.#post(message);
  }

  /** Stops listening and fails every request still waiting for an answer. */
  close(reason: Error): void {
    if (this.#closed) return;
    this.#closed = reason;
    this.#options.port.off('message', this.#listener);
    for (const pending of this.#pending.values()) pending.reject(reason);
    this.#pending.clear();
  }

  #post(message: PortMessage, failed?: () => void): void {
    try {
      this.#options.port.postMessage(message);
    } catch (error) {
      // A value that cannot be cloned (a function, a class with private state) is a bug in the sender.
      this.#options.logger.error('port: a message could not be posted', {
        kind: message.kind,
        error: error instanceof Error ? error.name : 'unknown',
      });
      failed?.();
    }
  }

  #receive(value: unknown): void {
    const parsed = PortMessage.safeParse(value);
    if (!parsed.success) {
      this.#options.logger.warn('port: dropped a malformed message', {
        issues: describeIssues(parsed.error),
      });
      return;
    }
    const message = parsed.data;
    if (message.kind === 'request') void this.#serve(message.id, message.op, message.body);
    else if (message.kind === 'answer') this.#answer(message);
    else this.#options.onMessage?.(message);
  }

  async #serve(id: number, op: string, body: unknown): Promise<void> {
    const { served, handlers, logger } = this.#options;
    const spec = Object.hasOwn(served, op) ? served[op] : undefined;
    const parsed = spec?.body.safeParse(body);
    if (!spec || !parsed?.success) {
      logger.warn('port: refused a request', {
        op: op.slice(0, 40),
        issues: parsed && !parsed.success ? describeIssues(parsed.error) : 'unknown operation',
      });
      this.#post({ kind: 'answer', id, ok: false, error: failedUnexpectedly(op.slice(0, 40)) });
      return;
    }
    try {
      const handler = handlers[op as keyof Served] as (body: unknown) => Promise<unknown>;
      const value = await handler(parsed.data);
      this.#post({ kind: 'answer', id, ok: true, value }, () =>
        this.#post({ kind: 'answer', id, ok: false, error: failedUnexpectedly(op) }),
      );
    } catch (error) {
      if (!(error instanceof FerryError)) {
        logger.error('port: an operation failed unexpectedly', {
          op,
          error: error instanceof Error ? error.message : String(error),
        });
      }
      const data = error instanceof FerryError ? error.toData() : failedUnexpectedly(op);
      this.#post({ kind: 'answer', id, ok: false, error: data });
    }
  }

  #answer(message: Extract<PortMessage, { kind: 'answer' }>): void {
    const pending = this.#pending.get(message.id);
    if (!pending) return;
    this.#pending.delete(message.id);
    if (!message.ok) {
      pending.reject(FerryError.fromData(message.error ?? failedUnexpectedly(pending.op)));
      return;
    }
    const answer = this.#options.asked[pending.op]!.answer.safeParse(message.value);
    if (answer.success) pending.resolve(answer.data);
    else {
      this.#options.logger.error('port: an answer did not match its schema', {
        op: pending.op,
        issues: describeIssues(answer.error),
      });
      pending.reject(new Error(`port: the answer to ${pending.op} did not match its schema`));
    }
  }
}
