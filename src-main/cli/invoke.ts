import type {
  CommandName,
  CommandRequest,
  CommandResponse,
} from '../../src-shared/contract/index.js';
import { dispatch } from '../engine/dispatch.js';
import type { Engine } from '../engine/engine.js';
import { FerryError } from '../engine/errors.js';

/**
 * Runs a contract command the way the other faces do (validated, defaults applied) and unwraps the
 * envelope: the CLI stays a thin face over the same engine.
 */
export async function invoke<K extends CommandName>(
  engine: Engine,
  name: K,
  request: CommandRequest<K>,
): Promise<CommandResponse<K>> {
  const result = await dispatch(engine.handlers(), name, request, engine.logger);
  if (result.ok) return result.value as CommandResponse<K>;
  throw FerryError.fromData(result.error);
}
