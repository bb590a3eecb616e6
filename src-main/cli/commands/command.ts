import type { ParseArgsConfig } from 'node:util';
import type { Engine } from '../../engine/engine.js';
import type { GlobalFlags } from '../flags.js';
import type { Io } from '../io.js';

/** What a command's run() receives. */
export interface CommandContext {
  io: Io;
  engine: Engine;
  flags: GlobalFlags & Record<string, string | boolean | undefined>;
  positionals: string[];
}

/** One `ferry <name>` subcommand. */
export interface CliCommand {
  name: string;
  summary: string;
  /** Usage lines shown by `ferry <name> --help`. */
  usage: string;
  options: NonNullable<ParseArgsConfig['options']>;
  /** Resolves to the process exit code. */
  run(ctx: CommandContext): Promise<number>;
}
