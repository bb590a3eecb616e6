import { fileURLToPath } from 'node:url';
import type { Engine } from '../../src-main/engine/engine.js';
import { startServer, type RunningServer } from '../../src-main/serve/server.js';
import { testEngine } from './engine.js';

export const rendererDir = fileURLToPath(new URL('../../dist/renderer/', import.meta.url));

/** A `ferry serve` in-process, with its own engine, on a random loopback port. */
export async function startTestServer(
  env: Record<string, string> = {},
  options: { configDir?: string } = {},
): Promise<RunningServer & { engine: Engine }> {
  const engine = await testEngine({ env, ...options });
  const server = await startServer({ engine, rendererDir });
  return {
    ...server,
    engine,
    close: async () => {
      await server.close();
      await engine.dispose();
    },
  };
}
