import type { TransferNoteKey } from '../../../src-shared/contract/transfers.js';

/** A note: its English text and its catalogue entry. */
export type TransferNote = TransferNoteKey & { text: string };

/**
 * Notes a transfer carries when something the user should know is not an error: the English text (what the
 * command line prints) and its catalogue key with parameters (what the interface says in its language).
 */
export const notes = {
  keyRenamed: (key: string, shown: string): TransferNote => ({
    text: `The key "${key}" was saved as "${shown}" inside the folder.`,
    key: 'keyRenamed',
    params: { key, shown },
  }),
  skipped: (file: string): TransferNote => ({
    text: `${file} already exists; skipped.`,
    key: 'skipped',
    params: { file },
  }),
  objectChanged: (): TransferNote => ({
    text: 'The object changed on the server during the download; Ferry started over.',
    key: 'objectChanged',
    params: {},
  }),
  objectChangedSince: (): TransferNote => ({
    text: 'The object changed on the server since the interrupted download; Ferry started over.',
    key: 'objectChangedSince',
    params: {},
  }),
  fileChangedSince: (): TransferNote => ({
    text: 'The file changed since the interrupted upload; Ferry started it over.',
    key: 'fileChangedSince',
    params: {},
  }),
};
