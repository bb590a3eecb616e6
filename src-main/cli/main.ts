import os from 'node:os';
import { Engine } from '../engine/engine.js';
import { lineLogger } from '../engine/logger.js';
import { FileSecretStore } from '../engine/store/file-secrets.js';
import { defaultConfigDir } from '../engine/store/paths.js';
import { VERSION } from '../engine/version.js';
import { cliCommands } from './commands/index.js';
import { globalHelp, parseFlags } from './flags.js';
import { formatError, toErrorData, usageError, type Io } from './io.js';

function help(): string {
  const width = Math.max(...cliCommands.map((c) => c.name.length));
  const rows = cliCommands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`).join('\n');
  return `Ferry ${VERSION}: a client for RustFS and every S3-compatible store.

Usage: ferry <command> [options]

Commands:
${rows}

${globalHelp}

Run \`ferry <command> --help\` for a command's own options.`;
}

/** Runs the CLI and resolves to its exit code: 0 only on success. */
export async function main(argv: string[], io: Io): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    io.out(help());
    return name === undefined ? 2 : 0;
  }
  if (name === '--version' || name === '-V' || name === 'version') {
    io.out(VERSION);
    return 0;
  }
  const json = rest.includes('--json');
  const command = cliCommands.find((c) => c.name === name);
  let engine: Engine | undefined;
  try {
    if (!command) {
      const commands = cliCommands.map((c) => c.name).join(', ');
      throw usageError('cli.usage.unknownCommand', { name, commands });
    }
    const { values, positionals } = parseFlags(rest, command.options, command.name);
    if (values.help) {
      io.out(`Usage: ${command.usage}\n\n${command.summary}\n\n${globalHelp}`);
      return 0;
    }
    // Logs go to stderr only when asked, so stdout stays clean for scripts.
    const logger = lineLogger(
      (line) => io.err(line),
      io.env['FERRY_LOG'] === 'debug' ? 'debug' : 'error',
    );
    const configDir = defaultConfigDir(io.env);
    engine = await Engine.create({
      logger,
      face: 'cli',
      env: io.env,
      configDir,
      platform: os.platform(),
      homeDir: os.homedir(),
      // No OS keychain here: saved secrets go to a 0600 file, and `ferry profiles` says where.
      secrets: new FileSecretStore(configDir),
    });
    warnDamagedJournal(io, engine, json);
    return await command.run({ io, engine, flags: values, positionals });
  } catch (error) {
    const data = toErrorData(error);
    io.err(json ? JSON.stringify({ error: data }) : formatError(data));
    return data.code === 'InvalidRequest' ? 2 : 1;
  } finally {
    await engine?.dispose();
  }
}

/**
 * Whichever command opens a damaged journal first moves it aside, so that command says so: a later `cp`
 * would find a clean journal and start over without a word.
 */
function warnDamagedJournal(io: Io, engine: Engine, json: boolean): void {
  const backup = engine.journalLoad.backup;
  if (!backup) return;
  const message = `The transfer journal was damaged; Ferry started a clean one and kept the old one at ${backup}. Interrupted transfers start over.`;
  io.err(
    json
      ? JSON.stringify({ warning: { code: 'JournalDamaged', message, backup } })
      : `warning: ${message[0]!.toLowerCase()}${message.slice(1)}`,
  );
}
