import type {
  CommandName,
  CommandRequest,
  CommandResponse,
} from '../../src-shared/contract/index.js';
import { dispatch } from '../../src-main/engine/dispatch.js';
import type { Engine } from '../../src-main/engine/engine.js';
import { silentLogger } from '../../src-main/engine/logger.js';
import { FerryError } from '../../src-main/engine/errors.js';
import { testEngine } from './engine.js';
import { gatewayEnv } from './s3.js';

/** An engine whose `environment` profile points at the run's gateway. */
export function gatewayEngine(overrides: Record<string, string> = {}): Promise<Engine> {
  return testEngine({ face: 'cli', env: gatewayEnv(overrides) });
}

/** Keys a user might really have: spaces, unicode, and characters URLs and shells treat specially. */
export const AWKWARD_KEYS = [
  'with space.txt',
  'ünïcødé/日本語 ファイル.txt',
  'plus+sign.txt',
  'percent%20literal.txt',
  'hash#tag.txt',
  'question?mark.txt',
  'amp&ersand=1.txt',
  `${Array.from({ length: 20 }, (_, i) => `level${i + 1}`).join('/')}/deep file.txt`,
];

/** The FerryError a promise rejects with (fails the test if it resolves or throws something else). */
export async function failureOf(promise: Promise<unknown>): Promise<FerryError> {
  const error = await promise.then(
    () => new Error('expected a failure, but it succeeded'),
    (e: unknown) => e,
  );
  if (!(error instanceof FerryError)) throw error;
  return error;
}

/**
 * Calls a command the way every face does: through the contract's validation (defaults applied), and
 * unwraps the envelope, throwing the FerryError of a failure.
 */
export async function call<K extends CommandName>(
  engine: Engine,
  name: K,
  request: CommandRequest<K>,
): Promise<CommandResponse<K>> {
  const result = await dispatch(engine.handlers(), name, request, silentLogger);
  if (result.ok) return result.value as CommandResponse<K>;
  throw FerryError.fromData(result.error);
}
