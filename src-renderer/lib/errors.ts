import type { FerryErrorData } from '../../src-shared/errors.js';
import { CommandError } from './client.js';
import { i18n } from './i18n/i18n.svelte.js';

/** Any failure as the `{ code, message, hint }` a banner shows; never a stack trace. */
export function toErrorData(error: unknown): FerryErrorData {
  if (error instanceof CommandError) return error.error;
  return {
    code: 'Internal',
    message: error instanceof Error ? error.message : String(error),
    hint: i18n.t('error.pageHint'),
  };
}
