import type { CliCommand } from './command.js';
import { ls } from './ls.js';
import { serve } from './serve.js';
import { sync } from './sync.js';
import { watch } from './watch.js';

/** Every subcommand, in the order `ferry --help` lists them. */
export const cliCommands: CliCommand[] = [ls, serve, sync, watch];
