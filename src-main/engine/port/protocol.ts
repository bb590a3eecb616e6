/**
 * What crosses the MessagePort between the desktop's main thread and the engine's worker thread, as zod
 * schemas: the receiving side checks every message against them before acting on it. Contract commands
 * travel inside the `call` operation and are held to the contract's own schemas in the worker: the request
 * by `dispatch` on arrival, the answer and every event before they leave (`contractIssues`), so that work —
 * 10,000 queued transfers take a few hundred milliseconds to check — never lands on the UI thread.
 */
import { z } from 'zod';
import {
  commands,
  DragOutRequest,
  eventNames,
  events,
  FerryErrorSchema,
  isCommandName,
  Profile,
  QueueTotals,
  Settings,
  Transfer,
  Watch,
} from '../../../src-shared/contract/index.js';

/** One operation one side may ask of the other: what it takes and what it answers. */
export interface PortOp<Body extends z.ZodType = z.ZodType, Answer extends z.ZodType = z.ZodType> {
  body: Body;
  answer: Answer;
}

/** A set of operations, by name. */
export type PortOps = Record<string, PortOp>;

const op = <Body extends z.ZodType, Answer extends z.ZodType>(
  body: Body,
  answer: Answer,
): PortOp<Body, Answer> => ({ body, answer });

/** Everything the main thread mirrors of the engine, sent once at start. */
export const EngineSnapshot = z.object({
  settings: Settings,
  profiles: z.array(Profile),
  transfers: z.array(Transfer),
  totals: QueueTotals,
  watches: z.array(Watch),
  /** What opening the transfer journal found (`backup` when it was damaged and moved aside). */
  journalLoad: z.object({ entries: z.number().int().min(0), backup: z.string().optional() }),
});
export type EngineSnapshot = z.infer<typeof EngineSnapshot>;

/** The contract's answer envelope: `{ ok: true, value }` or `{ ok: false, error }`. */
const CommandResult = z.union([
  z.object({ ok: z.literal(true), value: z.unknown() }),
  z.object({ ok: z.literal(false), error: FerryErrorSchema }),
]);

/** What the main thread asks of the engine worker. */
export const workerOps = {
  /** Creates the engine; answers what the main thread mirrors. */
  start: op(
    z
      .object({
        configDir: z.string().min(1),
        platform: z.string(),
        homeDir: z.string(),
        /** Where the main thread's secret store keeps secrets, in the user's words. */
        secretStore: z.string(),
      })
      .strict(),
    EngineSnapshot,
  ),
  /** One contract command, validated again in the worker by `dispatch`. */
  call: op(z.object({ name: z.string().max(100), payload: z.unknown() }).strict(), CommandResult),
  /** Downloads one object to a file the main thread chose (a drag out), with `desktop.dragProgress`. */
  fetchToFile: op(
    z.object({ source: DragOutRequest, file: z.string().min(1).max(4096) }).strict(),
    z.object({ bytes: z.number().int().min(0) }),
  ),
  /** Pauses every transfer into the journal and closes the engine; the worker may then be ended. */
  shutdown: op(z.object({}).strict(), z.object({})),
};

const ProfileRef = z.string().min(1).max(100);

/** What the engine worker asks of the main thread: the keychain lives there. */
export const mainOps = {
  secret: op(
    z.discriminatedUnion('op', [
      z.object({ op: z.literal('get'), profileId: ProfileRef }).strict(),
      z
        .object({ op: z.literal('set'), profileId: ProfileRef, secret: z.string().max(4096) })
        .strict(),
      z.object({ op: z.literal('delete'), profileId: ProfileRef }).strict(),
    ]),
    z.object({ secret: z.string().optional() }).strict(),
  ),
};

export type WorkerOps = typeof workerOps;
export type MainOps = typeof mainOps;

const Id = z.number().int().positive();

/** Every message on the port. */
export const PortMessage = z.discriminatedUnion('kind', [
  z
    .object({ kind: z.literal('request'), id: Id, op: z.string().max(40), body: z.unknown() })
    .strict(),
  z
    .object({
      kind: z.literal('answer'),
      id: Id,
      ok: z.boolean(),
      value: z.unknown().optional(),
      error: FerryErrorSchema.optional(),
    })
    .strict(),
  /** An engine event; `totals` rides along with `transfers.changed`, which does not carry them. */
  z
    .object({
      kind: z.literal('event'),
      name: z.enum(eventNames as [string, ...string[]]),
      payload: z.unknown(),
      totals: QueueTotals.optional(),
    })
    .strict(),
  /** A line for the main thread's log; fields are redacted before they are posted. */
  z
    .object({
      kind: z.literal('log'),
      level: z.enum(['debug', 'info', 'warn', 'error']),
      message: z.string().max(10_000),
      fields: z.record(z.string(), z.unknown()).optional(),
    })
    .strict(),
]);
export type PortMessage = z.infer<typeof PortMessage>;

/** Where a schema found fault, by path only: values may be secrets and never reach a log. */
export function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 3)
    .map((issue) => `${issue.path.join('.') || 'message'}: ${issue.code}`)
    .join('; ');
}

/** How an engine answer or event breaks the contract (paths only), or undefined when it keeps to it. */
export function contractIssues(
  kind: 'answer' | 'event',
  name: string,
  value: unknown,
): string | undefined {
  const schema =
    kind === 'answer'
      ? isCommandName(name)
        ? commands[name].response
        : undefined
      : Object.hasOwn(events, name)
        ? events[name as keyof typeof events]
        : undefined;
  if (!schema) return `${name}: not in the contract`;
  const parsed = schema.safeParse(value);
  return parsed.success ? undefined : describeIssues(parsed.error);
}
