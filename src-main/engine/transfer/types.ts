import type { TransferNote } from './notes.js';
import type { Journal } from '../journal/journal.js';
import type { Logger } from '../logger.js';
import type { RetryPolicy } from './retry.js';
import type { S3Port } from './s3-port.js';
import type { Throttle } from './throttle.js';

/** A source file's identity: if any of these change, an interrupted upload cannot be continued. */
export interface Fingerprint {
  size: number;
  mtimeMs: number;
  ino: number;
}

/** A multipart upload in progress, as the journal keeps it. */
export interface UploadEntry extends Fingerprint {
  kind: 'upload';
  profileId: string;
  bucket: string;
  key: string;
  file: string;
  uploadId: string;
  partSize: number;
  /** The Content-Type given at CreateMultipartUpload, for an upload restored after a restart. */
  contentType?: string;
}

/** A ranged download in progress, as the journal keeps it. */
export interface DownloadEntry {
  kind: 'download';
  profileId: string;
  bucket: string;
  key: string;
  /** The path asked for (how a re-run finds this entry). */
  file: string;
  /** The path chosen after the conflict policy; data goes to `target + PARTIAL_SUFFIX` until verified. */
  target: string;
  etag: string;
  size: number;
  partSize: number;
}

/** One finished part (upload) or range (download) of the transfer `owner`. */
export interface ChunkEntry {
  kind: 'chunk';
  owner: string;
  n: number;
  size: number;
  etag?: string;
  md5?: string;
  /** A downloaded range's CRC-32 (hex), checked against the partial file before a resume trusts it. */
  crc32?: string;
}

export type JournalEntry = UploadEntry | DownloadEntry | ChunkEntry;
export type TransferJournal = Journal<JournalEntry>;

/** The journal id of a chunk. */
export const chunkId = (owner: string, n: number): string => `${owner}:${n}`;

/** A seam at the file-system boundary for downloads, so tests can inject a full disk. */
export interface LocalWriter {
  /** Writes the chunks one after another from `position` (one `writev`, nothing copied together). */
  write(chunks: readonly Uint8Array[], position: number): Promise<void>;
  /** Sets the file's length (a ranged download sizes its file up front, so ranges land anywhere). */
  truncate(length: number): Promise<void>;
  sync(): Promise<void>;
  close(): Promise<void>;
}

/** What a running transfer may use and report to; built by the queue for each attempt. */
export interface TransferContext {
  /** Every S3 request of this transfer goes through the port. */
  s3: S3Port;
  signal: AbortSignal;
  journal: TransferJournal;
  throttle: Throttle;
  retry: RetryPolicy;
  logger: Logger;
  /** Part size from settings; uploads raise it so a file never needs more than 10,000 parts. */
  partSize: number;
  partConcurrency: number;
  /** A body that moves no byte for this long is abandoned and retried. */
  stallMs: number;
  /** Adds (or, after a failed try, takes back) transferred bytes. */
  progress(delta: number): void;
  setTotal(bytes: number): void;
  /** Sets the progress back to zero: the transfer starts over. */
  restart(): void;
  /** Says the transfer continued from the journal. */
  resumed(bytes: number): void;
  note(note: TransferNote): void;
  /**
   * Opens a download's partial file. `synced`: each write is on the disk when it returns, so `sync` has
   * nothing left to do (for a file written in one go).
   */
  openWriter(file: string, fresh: boolean, synced?: boolean): Promise<LocalWriter>;
}

/** What a finished upload or download yields. */
export interface TransferOutcome {
  bucket: string;
  key: string;
  /** Local path ('' for a browser stream). */
  file: string;
  size: number;
  etag: string;
  /** Hex MD5 of the content when known (single-part objects, or asked for with `md5: true`). */
  md5: string | null;
  /** Bytes that were already transferred before this run (continued from the journal), not sent again. */
  resumedBytes?: number;
  /** True when a download was skipped because the file existed (conflict policy `skip`). */
  skipped?: boolean;
}
