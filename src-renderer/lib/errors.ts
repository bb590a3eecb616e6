import type { FerryErrorData } from '../../src-shared/errors.js';
import { CommandError } from './client.js';

/** Any failure as the `{ code, message, hint }` a banner shows; never a stack trace. */
export function toErrorData(error: unknown): FerryErrorData {
  if (error instanceof CommandError) return error.error;
  return {
    code: 'Internal',
    message: error instanceof Error ? error.message : String(error),
    hint: 'Reload the page; if it persists, restart Ferry.',
  };
}
