import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { crc32 } from 'node:zlib';
import { FerryError } from '../errors.js';

/** Hex MD5 of a buffer. */
export function md5Hex(data: Uint8Array): string {
  return createHash('md5').update(data).digest('hex');
}

/** The ETag S3 gives a multipart object: MD5 of the concatenated binary part MD5s, then `-N`. */
export function multipartEtag(partMd5s: string[]): string {
  const hash = createHash('md5');
  for (const md5 of partMd5s) hash.update(Buffer.from(md5, 'hex'));
  return `${hash.digest('hex')}-${partMd5s.length}`;
}

/** ETags come quoted from most servers. */
export function bareEtag(etag: string | undefined): string {
  return (etag ?? '').replace(/^W\//, '').replace(/"/g, '');
}

/** True when an ETag is a plain content MD5 (single-part upload, no SSE-KMS). */
export function isPlainMd5(etag: string): boolean {
  return /^[0-9a-f]{32}$/i.test(etag);
}

/** Hex MD5 of a byte range of a file, streamed. */
export async function md5OfFile(file: string, start = 0, end?: number): Promise<string> {
  const hash = createHash('md5');
  const stream = createReadStream(file, { start, ...(end !== undefined ? { end } : {}) });
  for await (const chunk of stream) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/** CRC-32 as 8 hex digits, the form an older Ferry journaled downloaded ranges with. */
export function crcHex(crc: number): string {
  return crc.toString(16).padStart(8, '0');
}

/** CRC-32 of `length` bytes of a file from `start`, as 8 hex digits; streamed. */
export async function crc32OfFile(file: string, start: number, length: number): Promise<string> {
  let crc = 0;
  if (length > 0) {
    for await (const chunk of createReadStream(file, { start, end: start + length - 1 })) {
      crc = crc32(chunk as Buffer, crc);
    }
  }
  return crcHex(crc);
}

/** The error for an object that does not match what was sent or expected. */
export function integrityMismatch(what: string, expected: string, actual: string): FerryError {
  return FerryError.of('IntegrityMismatch', 'transfer.integrity', { what, expected, actual });
}
