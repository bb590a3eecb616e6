import type { CliCommand } from './command.js';
import { ls } from './ls.js';
import { serve } from './serve.js';

/** Every subcommand, in the order `ferry --help` lists them. */
export const cliCommands: CliCommand[] = [ls, serve];
