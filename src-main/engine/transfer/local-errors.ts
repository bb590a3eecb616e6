import { FerryError } from '../errors.js';

/** Turns a local file-system error into a FerryError that names the file. */
export function localError(error: unknown, file: string): FerryError {
  if (error instanceof FerryError) return error;
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  switch (code) {
    case 'ENOSPC':
    case 'EDQUOT':
      return FerryError.of('DiskFull', 'local.diskFull', { file });
    case 'ENOENT':
      return FerryError.of('LocalFileError', 'local.missing', { file });
    case 'EACCES':
    case 'EPERM':
      return FerryError.of('LocalFileError', 'local.permission', { file });
    case 'EISDIR':
      return FerryError.of('LocalFileError', 'local.isFolder', { file });
    default:
      return code
        ? FerryError.of('LocalFileError', 'local.failedCode', { file, code })
        : FerryError.of('LocalFileError', 'local.failed', { file, code: '' });
  }
}
