import type { ErrorKey } from '../error-keys.js';
import { ptBRBucketConfigErrors } from './errors-pt-br-bucket-config.js';
import { ptBRCliErrors } from './errors-pt-br-cli.js';
import type { ErrorText } from './errors-en.js';
import { ptBRConnectionErrors } from './errors-pt-br-connection.js';
import { ptBRWorkErrors } from './errors-pt-br-work.js';

/** Brazilian Portuguese texts of every engine error key; a key missing from every file fails here. */
export const ptBRErrors: Record<ErrorKey, ErrorText> = {
  ...ptBRConnectionErrors,
  ...ptBRWorkErrors,
  ...ptBRBucketConfigErrors,
  ...ptBRCliErrors,
};
