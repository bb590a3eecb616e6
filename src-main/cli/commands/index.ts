import type { CliCommand } from './command.js';
import { cp } from './cp.js';
import { ls } from './ls.js';
import { serve } from './serve.js';
import { sync } from './sync.js';
import { uploads } from './uploads.js';
import { watch } from './watch.js';

/** Every subcommand, in the order `ferry --help` lists them. */
export const cliCommands: CliCommand[] = [ls, serve, cp, uploads, sync, watch];
