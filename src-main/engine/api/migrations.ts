import type { Engine } from '../engine.js';
import type { Handlers } from '../dispatch.js';

type MigrationCommand =
  'migrations.plan' | 'migrations.start' | 'migrations.list' | 'migrations.cancel';

/** `migrations.*` commands. PLACEHOLDER until the migration engine lands (issue 18). */
export function migrationHandlers(_engine: Engine): Pick<Handlers, MigrationCommand> {
  const todo = (): never => {
    throw new Error('migrations are not built yet');
  };
  return {
    'migrations.plan': async () => todo(),
    'migrations.start': async () => todo(),
    'migrations.list': async () => [],
    'migrations.cancel': async () => todo(),
  };
}
