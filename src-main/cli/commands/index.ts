import type { CliCommand } from './command.js';
import { cp } from './cp.js';
import { ls } from './ls.js';
import { mb } from './mb.js';
import { mv } from './mv.js';
import { presign } from './presign.js';
import { profiles } from './profiles.js';
import { rb } from './rb.js';
import { rm } from './rm.js';
// Versions (issue 19)
import { restore } from './restore.js';
import { serve } from './serve.js';
import { stat } from './stat.js';
import { sync } from './sync.js';
import { uploads } from './uploads.js';
import { watch } from './watch.js';
// Public access and search (issue 19)
import { du } from './du.js';
import { find } from './find.js';
import { policy } from './policy.js';
import { url } from './url.js';
// Bucket configuration (issue 19)
import { cors } from './cors.js';
import { lifecycle } from './lifecycle.js';
import { lock } from './lock.js';
import { tag } from './tag.js';

/** Every subcommand, in the order `ferry --help` lists them. */
export const cliCommands: CliCommand[] = [
  ls,
  mb,
  rb,
  rm,
  restore,
  cp,
  mv,
  stat,
  presign,
  uploads,
  sync,
  watch,
  profiles,
  serve,
  policy,
  url,
  find,
  du,
  // Bucket configuration (issue 19)
  lifecycle,
  tag,
  lock,
  cors,
];
