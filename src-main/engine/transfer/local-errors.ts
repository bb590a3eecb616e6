import { FerryError } from '../errors.js';

/** Turns a local file-system error into a FerryError that names the file. */
export function localError(error: unknown, file: string): FerryError {
  if (error instanceof FerryError) return error;
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  switch (code) {
    case 'ENOSPC':
    case 'EDQUOT':
      return new FerryError(
        'DiskFull',
        `The disk is full while writing ${file}.`,
        'Free some space, then retry: Ferry keeps what it downloaded and continues from there.',
        { key: 'local.diskFull', params: { file } },
      );
    case 'ENOENT':
      return new FerryError(
        'LocalFileError',
        `${file} does not exist (any more).`,
        'Check the path; the file may have been moved or deleted.',
        { key: 'local.missing', params: { file } },
      );
    case 'EACCES':
    case 'EPERM':
      return new FerryError(
        'LocalFileError',
        `Ferry may not read or write ${file}.`,
        'Check the permissions of the file and its folder.',
        { key: 'local.permission', params: { file } },
      );
    case 'EISDIR':
      return new FerryError(
        'LocalFileError',
        `${file} is a folder.`,
        'Upload folders with -r (the command line) or drop the folder itself.',
        { key: 'local.isFolder', params: { file } },
      );
    default:
      return new FerryError(
        'LocalFileError',
        `Reading or writing ${file} failed${code ? ` (${code})` : ''}.`,
        'Check the disk and the file, then retry.',
        { key: code ? 'local.failedCode' : 'local.failed', params: { file, code: code ?? '' } },
      );
  }
}
