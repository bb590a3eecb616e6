import type { FerryError } from '../errors.js';
import type { LocalFile } from '../local/walk.js';

/** One file a watch wants uploaded. */
export interface UploadRequest {
  profileId: string;
  bucket: string;
  key: string;
  /** Absolute path of the local file. */
  file: string;
  /** Size and mtime when the file was judged stable: if they change before the upload completes, it fails. */
  expected: LocalFile;
  signal: AbortSignal;
  /**
   * Set by a watch (not by a one-shot sync): a failure that passes by itself does not end the upload, which
   * waits and goes again (see TransferQueue.enqueueUpload); told each time.
   */
  keepTrying?: (error: FerryError) => void;
  /** Runs before every attempt; what it throws ends the attempt (see TransferQueue.enqueueUpload). */
  before?: (signal: AbortSignal) => Promise<void>;
}

/** What a finished upload leaves behind. */
export interface UploadResult {
  /** ETag without quotes ('' when the server did not say). */
  etag: string;
  /** Set when the object was copied server-side from this key (a moved file) instead of uploaded. */
  copiedFrom?: string;
}

/**
 * Where a watch sends files. The engine's transfer queue implements it; a watch never talks to S3 for
 * uploads itself, so watched uploads are resumable, verified and counted like any other.
 * Implementations reject with a FerryError; `SourceChanged` (see isSourceChanged) means the file changed while
 * it was read and nothing was published.
 */
export interface UploadSink {
  upload(request: UploadRequest): Promise<UploadResult>;
}

/** Thrown by sinks when the file changed during its upload: the upload was abandoned, nothing published. */
export class SourceChangedError extends Error {
  constructor(file: string) {
    super(`${file} changed while it was being uploaded`);
    this.name = 'SourceChangedError';
  }
}

/** Thrown before a two-way upload when the bucket no longer holds what its pass saw: nothing was sent. */
export class RemoteChangedError extends Error {
  constructor(file: string) {
    super(`${file} changed in the bucket since it was last listed`);
    this.name = 'RemoteChangedError';
  }
}

/** One object a `download` or `two-way` watch brings into its folder. */
export interface DownloadRequest {
  profileId: string;
  bucket: string;
  key: string;
  /** Absolute path inside the watched folder. */
  file: string;
  /** `overwrite` only for a file the plan saw unchanged since the baseline; otherwise `keep-both`. */
  conflict: 'overwrite' | 'keep-both';
  size: number;
}

/**
 * Where a watch gets objects from: the transfer queue (partial file, verified, renamed into place).
 * Answers the path actually written (beside the asked one when a file appeared there meanwhile).
 */
export interface DownloadSink {
  download(request: DownloadRequest): Promise<{ file: string; etag: string }>;
}
