import type { Engine } from '../engine.js';
import type { Handlers } from '../dispatch.js';

type MigrationCommand =
  'migrations.plan' | 'migrations.start' | 'migrations.list' | 'migrations.cancel';

/** `migrations.*` commands: bucket → bucket copies in the background (sync/migrations.ts). */
export function migrationHandlers(engine: Engine): Pick<Handlers, MigrationCommand> {
  const migrations = engine.migrations;
  return {
    'migrations.plan': async (request) => migrations.plan(request),
    'migrations.start': async (request) => migrations.start(request),
    'migrations.list': async () => migrations.list(),
    'migrations.cancel': async ({ id }) => migrations.cancel(id),
  };
}
