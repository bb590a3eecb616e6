import { closeSync, constants, fstatSync, openSync, readSync, statSync, type Stats } from 'node:fs';
import { open, stat, type FileHandle } from 'node:fs/promises';
import type { ErrorKey } from '../../../src-shared/error-keys.js';
import { FerryError } from '../errors.js';
import { localError } from './local-errors.js';
import { hashableBuffer } from './md5-workers.js';
import type { Fingerprint } from './types.js';

/** Opening with it cannot block (on a FIFO); undefined where the system has no such flag (Windows). */
const NONBLOCK: number | undefined = constants.O_NONBLOCK;

/** S3's limit on one object. */
export const MAX_OBJECT_SIZE = 5 * 1024 ** 4;
/** S3 allows at most 10,000 parts in one multipart upload. */
export const MAX_PARTS = 10_000;
const MiB = 1024 * 1024;

/** The part size for a file: the setting, raised (in whole MiB) so the file fits in 10,000 parts. */
export function partSizeFor(size: number, preferred: number): number {
  const needed = Math.ceil(size / MAX_PARTS / MiB) * MiB;
  return Math.max(preferred, needed, 5 * MiB);
}

/** The ways a source can change under an upload. */
export type SourceChange = 'moved' | 'replaced' | 'shrank' | 'grew' | 'modified';

/** The catalogue key for each way a source can change. */
const CHANGE_KEYS = {
  moved: 'transfer.sourceChanged.moved',
  replaced: 'transfer.sourceChanged.replaced',
  shrank: 'transfer.sourceChanged.shrank',
  grew: 'transfer.sourceChanged.grew',
  modified: 'transfer.sourceChanged.modified',
} as const satisfies Record<SourceChange, ErrorKey>;

/** The error for a source that moved under Ferry's feet; nothing partial is published. */
export function sourceChanged(file: string, how: SourceChange): FerryError {
  return FerryError.of('SourceChanged', CHANGE_KEYS[how], { file });
}

/** Opens an upload source and takes its fingerprint; refuses folders and files S3 cannot hold. */
export async function openSource(
  file: string,
): Promise<{ handle: FileHandle; print: Fingerprint }> {
  let handle: FileHandle;
  if (NONBLOCK === undefined) {
    // Checked before opening where O_NONBLOCK does not exist: opening a FIFO would block until a writer
    // appears. (A device such as /dev/zero stats as empty but never ends: the check after opening refuses it.)
    let before: Stats;
    try {
      before = await stat(file);
    } catch (error) {
      throw localError(error, file);
    }
    refuseIrregular(file, before);
  }
  try {
    // O_NONBLOCK: opening a FIFO cannot hang, so no stat is needed before (one file-system call less for
    // each of a thousand small files); what the path turned out to be is checked on the open handle below.
    handle = await open(file, constants.O_RDONLY | (NONBLOCK ?? 0));
  } catch (error) {
    throw openFailure(file, error, await stat(file).catch(() => undefined));
  }
  const info = await handle.stat();
  try {
    refuseIrregular(file, info);
  } catch (error) {
    await handle.close();
    throw error;
  }
  if (info.size > MAX_OBJECT_SIZE) {
    await handle.close();
    const size = (info.size / 1024 ** 4).toFixed(2);
    throw FerryError.of('FileTooLarge', 'transfer.fileTooLarge', { file, size });
  }
  return { handle, print: { size: info.size, mtimeMs: info.mtimeMs, ino: info.ino } };
}

/**
 * Files up to this size are read whole with synchronous calls. Open, stat, read, stat and close take a few
 * microseconds each from the page cache, while each thread-pool round trip of the promise API cost about
 * 40 µs of CPU here (a tenth of a 64 KiB upload's); the event loop waits at most one 1 MiB read.
 */
export const WHOLE_READ_LIMIT = 1024 * 1024;

/**
 * Reads a small upload source whole, with its fingerprint; null when it is larger than WHOLE_READ_LIMIT or
 * where the system cannot open it without blocking (it then goes through openSource). Refuses what
 * openSource refuses, and a file that changed while it was read.
 */
export function readWhole(file: string): { data: Buffer; print: Fingerprint } | null {
  if (NONBLOCK === undefined) return null;
  let fd: number;
  try {
    fd = openSync(file, constants.O_RDONLY | NONBLOCK);
  } catch (error) {
    let info: Stats | undefined;
    try {
      info = statSync(file);
    } catch {
      // the open's own error says it
    }
    throw openFailure(file, error, info);
  }
  try {
    const info = fstatSync(fd);
    refuseIrregular(file, info);
    if (info.size > WHOLE_READ_LIMIT) return null;
    const data = hashableBuffer(info.size);
    for (let done = 0; done < info.size;) {
      const bytesRead = readSync(fd, data, done, info.size - done, done);
      if (bytesRead === 0) throw sourceChanged(file, 'shrank');
      done += bytesRead;
    }
    const print = { size: info.size, mtimeMs: info.mtimeMs, ino: info.ino };
    const how = changeOf(print, fstatSync(fd));
    if (how) throw sourceChanged(file, how);
    return { data, print };
  } catch (error) {
    throw error instanceof FerryError ? error : localError(error, file);
  } finally {
    closeSync(fd);
  }
}

/**
 * The error for a path that could not be opened. Some kinds cannot be opened at all (a socket): when the path
 * could be stat'ed, it says what the path is rather than the bare error.
 */
function openFailure(file: string, error: unknown, info: Stats | undefined): FerryError {
  if (info) refuseIrregular(file, info);
  return localError(error, file);
}

/** Only regular files (or links to them) can be uploaded; folders get their own message. */
function refuseIrregular(file: string, info: Stats): void {
  if (info.isDirectory())
    throw localError(Object.assign(new Error('dir'), { code: 'EISDIR' }), file);
  if (info.isFile()) return;
  const key = info.isFIFO()
    ? 'transfer.notRegularFile.fifo'
    : info.isSocket()
      ? 'transfer.notRegularFile.socket'
      : info.isCharacterDevice() || info.isBlockDevice()
        ? 'transfer.notRegularFile.device'
        : 'transfer.notRegularFile';
  throw FerryError.of('LocalFileError', key, { file });
}

/** Same file, same content as far as the file system can tell. */
export function samePrint(a: Fingerprint, b: Fingerprint): boolean {
  return a.size === b.size && a.mtimeMs === b.mtimeMs && a.ino === b.ino;
}

/** Checks, through the path, that the file is still the one being uploaded. */
export async function checkUnchanged(file: string, print: Fingerprint): Promise<void> {
  let now;
  try {
    now = await stat(file);
  } catch {
    throw sourceChanged(file, 'moved');
  }
  const how = changeOf(print, now);
  if (how) throw sourceChanged(file, how);
}

/** How a file differs from its fingerprint; undefined when it does not. */
function changeOf(print: Fingerprint, now: Fingerprint): SourceChange | undefined {
  if (now.ino !== print.ino) return 'replaced';
  if (now.size !== print.size) return now.size < print.size ? 'shrank' : 'grew';
  if (now.mtimeMs !== print.mtimeMs) return 'modified';
  return undefined;
}

/**
 * Part-sized buffers reused across the parts of one upload, so memory stays at part concurrency × part size
 * however large the file, instead of waiting on the garbage collector for every finished part.
 */
export class BufferPool {
  readonly #free: Buffer[] = [];
  readonly #size: number;

  constructor(size: number) {
    this.#size = size;
  }

  take(): Buffer {
    return this.#free.pop() ?? hashableBuffer(this.#size);
  }

  give(buffer: Buffer): void {
    this.#free.push(buffer);
  }
}

/**
 * The most one read asks for. A 16 MiB part read in one call cost the kernel 0.19-0.26 s per GiB here, in
 * 4 MiB calls 0.12 s (measured with readSync from the page cache; the larger copy no longer fits the cache).
 */
const READ_BLOCK = 4 * MiB;

/** Reads exactly `length` bytes at `position`; a short read means the file was truncated meanwhile. */
export async function readExactly(
  handle: FileHandle,
  file: string,
  position: number,
  length: number,
  into?: Buffer,
): Promise<Buffer> {
  const buffer = into ? into.subarray(0, length) : Buffer.allocUnsafe(length);
  let done = 0;
  while (done < length) {
    let bytesRead: number;
    try {
      ({ bytesRead } = await handle.read(
        buffer,
        done,
        Math.min(length - done, READ_BLOCK),
        position + done,
      ));
    } catch (error) {
      throw localError(error, file);
    }
    if (bytesRead === 0) throw sourceChanged(file, 'shrank');
    done += bytesRead;
  }
  return buffer;
}
