import type { ErrorKey } from '../error-keys.js';
import { enBucketConfigErrors } from './errors-en-bucket-config.js';
import { enCliErrors } from './errors-en-cli.js';
import { enConnectionErrors } from './errors-en-connection.js';
import { enWorkErrors } from './errors-en-work.js';

/** One engine error in one language: what happened, and what to do. `{name}` marks a parameter. */
export type ErrorText = readonly [message: string, hint: string];

/**
 * English texts of every engine error key (the engine's own English, with its values as parameters), in files by
 * subject; a key missing from all of them fails the type check here.
 */
export const enErrors: Record<ErrorKey, ErrorText> = {
  ...enConnectionErrors,
  ...enWorkErrors,
  ...enBucketConfigErrors,
  ...enCliErrors,
};
