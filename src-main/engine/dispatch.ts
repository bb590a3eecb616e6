import type { z } from 'zod';
import {
  commands,
  isCommandName,
  type CommandName,
  type CommandResponse,
  type ValidRequest,
} from '../../src-shared/contract/index.js';
import type { Result } from '../../src-shared/errors.js';
import { FerryError } from './errors.js';
import type { Logger } from './logger.js';

/** One function per command: what each face calls after validation. */
export type Handlers = {
  [K in CommandName]: (request: ValidRequest<K>) => Promise<CommandResponse<K>>;
};

/** Requests larger than this are refused before parsing: no command needs more. */
export const MAX_REQUEST_BYTES = 1024 * 1024;

function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 3)
    .map((issue) => `${issue.path.length ? issue.path.join('.') : 'request'}: ${issue.message}`)
    .join('; ');
}

/**
 * Validates a payload against the command's schema, runs the handler and wraps the outcome in the
 * contract's envelope. Expected failures become `{ ok: false }`; anything else is logged and reported as
 * Internal without leaking a stack trace to the page.
 */
export async function dispatch(
  handlers: Handlers,
  name: unknown,
  payload: unknown,
  logger: Logger,
): Promise<Result<unknown>> {
  if (!isCommandName(name)) {
    return fail(
      FerryError.of('UnknownCommand', 'contract.unknownCommand', {
        name: String(name).slice(0, 80),
      }),
    );
  }
  const parsed = commands[name].request.safeParse(payload ?? {});
  if (!parsed.success) {
    return fail(
      FerryError.of('InvalidRequest', 'contract.invalidRequest', {
        name,
        detail: describeIssues(parsed.error),
      }),
    );
  }
  try {
    const handler = handlers[name] as (request: unknown) => Promise<unknown>;
    return { ok: true, value: await handler(parsed.data) };
  } catch (error) {
    if (error instanceof FerryError) return fail(error);
    logger.error('command failed unexpectedly', {
      command: name,
      error: error instanceof Error ? error.message : String(error),
    });
    return fail(FerryError.of('Internal', 'contract.failed', { name }));
  }
}

function fail(error: FerryError): Result<never> {
  return { ok: false, error: error.toData() };
}
