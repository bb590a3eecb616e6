import { access, constants } from 'node:fs/promises';
import { FerryError } from '../errors.js';
import type { TransferQueue } from '../transfer/queue.js';
import {
  SourceChangedError,
  type DownloadRequest,
  type DownloadSink,
  type UploadRequest,
  type UploadResult,
  type UploadSink,
} from './upload-sink.js';

/**
 * Watched uploads through the engine's transfer queue: resumable, verified, throttled and listed with every
 * other transfer while they run (the history keeps them after). Only the translation of outcomes lives here.
 */
export class TransferUploadSink implements UploadSink, DownloadSink {
  readonly #queue: TransferQueue;

  constructor(queue: TransferQueue) {
    this.#queue = queue;
  }

  async upload(r: UploadRequest): Promise<UploadResult> {
    const handle = this.#queue.enqueueUpload({
      profileId: r.profileId,
      bucket: r.bucket,
      key: r.key,
      file: r.file,
      size: r.expected.size,
      signal: r.signal,
      ...(r.keepTrying ? { keepTrying: r.keepTrying } : {}),
      ...(r.before ? { before: r.before } : {}),
    });
    try {
      const outcome = await handle.done;
      // The queue fingerprints the file when it opens it; a different size means a newer version went up.
      if (outcome.size !== r.expected.size) throw new SourceChangedError(r.file);
      return { etag: outcome.etag };
    } catch (error) {
      if (!(error instanceof FerryError)) throw error;
      if (error.code === 'SourceChanged') throw new SourceChangedError(r.file);
      if (error.code === 'LocalFileError') throw await localCause(r.file, error);
      throw error;
    } finally {
      // The watch reports its own uploads and counts; the transfers list keeps only the ones in progress.
      this.#queue.forget(handle.id);
    }
  }

  async download(r: DownloadRequest): Promise<{ file: string; etag: string }> {
    const handle = this.#queue.enqueueDownload(r);
    try {
      const outcome = await handle.done;
      return { file: outcome.file, etag: outcome.etag };
    } finally {
      this.#queue.forget(handle.id);
    }
  }
}

/** Gives a local failure back its errno (gone vs unreadable), which the watch treats differently. */
async function localCause(file: string, error: FerryError): Promise<Error> {
  try {
    await access(file, constants.R_OK);
    return error;
  } catch (cause) {
    return cause as Error;
  }
}
