import { isIP } from 'node:net';
import { fileURLToPath } from 'node:url';
import { startServer } from '../../serve/server.js';
import { usageError } from '../io.js';
import type { CliCommand } from './command.js';

const LOOPBACK = new Set(['127.0.0.1', '::1', 'localhost']);

/** `ferry serve`: the interface in a browser, on loopback, behind a token. */
export const serve: CliCommand = {
  name: 'serve',
  summary: 'serve the Ferry interface to a browser on this machine',
  usage: 'ferry serve [--port N] [--host 127.0.0.1]',
  options: { port: { type: 'string' }, host: { type: 'string' } },
  async run({ io, engine, flags }) {
    const host = typeof flags['host'] === 'string' ? flags['host'] : '127.0.0.1';
    if (!LOOPBACK.has(host) && !(isIP(host) === 4 && host.startsWith('127.'))) {
      throw usageError('cli.usage.serve.host', { host });
    }
    const port = typeof flags['port'] === 'string' ? Number(flags['port']) : 0;
    if (!Number.isInteger(port) || port < 0 || port > 65535) {
      throw usageError('cli.usage.serve.port', { value: String(flags['port']) });
    }
    const rendererDir = fileURLToPath(new URL('../renderer/', import.meta.url));
    // Transfers an earlier run left unfinished continue here, as they would in the desktop app.
    engine.transfers.restorePending();
    const server = await startServer({ engine, rendererDir, host, port });
    // The browser face runs the configured watched folders too (the desktop app does the same).
    void engine.watches.startAll();
    io.out(`Ferry is serving on ${server.url}`);
    io.out('Open that URL in a browser on this machine. Press Ctrl-C to stop.');
    await new Promise<void>((resolve) => {
      const stop = () => resolve();
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });
    await server.close();
    return 0;
  },
};
