import type { CliCommand } from './command.js';
import { cp } from './cp.js';
import { ls } from './ls.js';
import { serve } from './serve.js';
import { uploads } from './uploads.js';

/** Every subcommand, in the order `ferry --help` lists them. */
export const cliCommands: CliCommand[] = [ls, cp, uploads, serve];
