import { randomBytes } from 'node:crypto';
import { createWriteStream, existsSync } from 'node:fs';
import { mkdir, open, readdir, readFile, rename, rm, statfs } from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { z } from 'zod';
import { FerryError } from '../errors.js';
import type { Logger } from '../logger.js';
import { writeFileAtomic } from '../store/atomic.js';
import type { Job } from './job.js';
import { localError } from './local-errors.js';
import type { UploadSpec } from './upload.js';

/** Where a spooled file goes, kept beside it so a restart can queue it again. */
export const SpoolManifest = z.object({
  profileId: z.string(),
  bucket: z.string(),
  key: z.string(),
  /** The name the browser gave (shown as the transfer's source). */
  name: z.string(),
  size: z.number().int().min(0),
  contentType: z.string().optional(),
});
export type SpoolManifest = z.infer<typeof SpoolManifest>;

/** Room kept free on the disk beside a spool, so a large drop never fills it to the last byte. */
const RESERVE = 256 * 1024 * 1024;

/**
 * Bytes that arrive as a stream (a file dropped in a browser and sent to `ferry serve`) are written to a file
 * here first, synced, and then uploaded like any local file: the queue can pause, limit, retry and resume
 * them. `<id>.data` holds the bytes and `<id>.json` says where they go; a manifest means "still to upload",
 * so a restart queues it again. The queue tells the spool when a job ends, is retried or leaves the list,
 * and the spool keeps, records again or deletes that job's bytes.
 */
export class Spool {
  readonly dir: string;
  readonly #logger: Logger;

  constructor(dir: string, logger: Logger) {
    this.dir = dir;
    this.#logger = logger;
  }

  /** True for the data files this spool made. */
  #owns(file: string): boolean {
    return path.dirname(file) === this.dir && file.endsWith('.data');
  }

  /** What a job uploads when it uploads one of this spool's files. */
  #spooled(job: Job): UploadSpec | undefined {
    const w = job.work;
    return w?.kind === 'upload' && this.#owns(w.spec.file) ? w.spec : undefined;
  }

  /** False for a spool file whose upload ended and took its bytes: its journal entry has nothing to send. */
  keeps(file: string): boolean {
    return !this.#owns(file) || existsSync(file);
  }

  /** A job ended: an uploaded file's copy goes; a cancelled one's stays for a retry but not for a restart. */
  ended(job: Job, state: 'done' | 'failed' | 'cancelled'): void {
    const spooled = this.#spooled(job);
    if (spooled && state === 'done') void this.#release(spooled.file).catch(() => {});
    if (spooled && state === 'cancelled') void this.#hold(spooled.file).catch(() => {});
  }

  /**
   * A retry is about to queue `job` again: its spooled file is recorded again as still to upload (a
   * cancel had let that go). False when its bytes are gone, so there is nothing to retry.
   */
  retrying(job: Job): boolean {
    const spooled = this.#spooled(job);
    if (!spooled) return true;
    if (!existsSync(spooled.file)) return false;
    const { profileId, bucket, key, contentType } = spooled;
    const manifest = { profileId, bucket, key, name: job.t.source, size: job.t.bytesTotal ?? 0 };
    void this.#write(spooled.file, contentType ? { ...manifest, contentType } : manifest).catch(
      () => {},
    );
    return true;
  }

  /**
   * A finished job leaves the list: its spooled bytes go with it. A failed one's unfinished multipart upload
   * is aborted too (`cleanUp`): without the bytes, nothing could ever finish it.
   */
  discarded(job: Job, cleanUp: (job: Job) => Promise<void>): void {
    const spooled = this.#spooled(job);
    if (!spooled) return;
    const failed = job.t.state === 'failed';
    void (async () => {
      if (failed) await cleanUp(job);
      await this.#release(spooled.file);
    })().catch(() => {});
  }

  /**
   * Writes `body` to a new spool file, syncs it and records its manifest; answers the file. A body that
   * stops early (the browser went away) or disagrees with `expected` leaves nothing behind.
   */
  async receive(
    body: Readable,
    meta: Omit<SpoolManifest, 'size'>,
    expected: number | null,
    signal: AbortSignal,
  ): Promise<{ file: string; size: number }> {
    await mkdir(this.dir, { recursive: true, mode: 0o700 });
    const id = randomBytes(12).toString('hex');
    const incoming = path.join(this.dir, `${id}.incoming`);
    const file = path.join(this.dir, `${id}.data`);
    try {
      if (expected !== null) await this.#checkRoom(expected, incoming);
      const out = createWriteStream(incoming, { flags: 'wx', mode: 0o600 });
      await pipeline(body, out, { signal });
      const handle = await open(incoming, 'r+');
      let size: number;
      try {
        await handle.sync();
        size = (await handle.stat()).size;
      } finally {
        await handle.close();
      }
      if (expected !== null && size !== expected) {
        throw FerryError.of('NetworkError', 'serve.uploadIncomplete', { name: meta.name });
      }
      await rename(incoming, file);
      await this.#write(file, { ...meta, size });
      return { file, size };
    } catch (error) {
      await rm(incoming, { force: true });
      await rm(file, { force: true });
      throw signal.aborted ? error : localError(error, incoming);
    }
  }

  async #checkRoom(bytes: number, file: string): Promise<void> {
    const fs = await statfs(this.dir).catch(() => null);
    if (fs && fs.bavail * fs.bsize < bytes + RESERVE) throw localError({ code: 'ENOSPC' }, file);
  }

  /** Records (again) that `file` is to be uploaded: a restart will queue it. */
  async #write(file: string, manifest: SpoolManifest): Promise<void> {
    await writeFileAtomic(manifestOf(file), JSON.stringify(manifest));
  }

  /** Keeps the bytes (a retry may use them) but no longer queues them at the next start. */
  async #hold(file: string): Promise<void> {
    await rm(manifestOf(file), { force: true });
  }

  /** Deletes the bytes and the manifest. */
  async #release(file: string): Promise<void> {
    await rm(manifestOf(file), { force: true });
    await rm(file, { force: true });
  }

  /**
   * What an earlier run left to upload: every data file with its manifest. Anything else (a body cut off
   * mid-way, bytes whose upload ended) is deleted.
   */
  async restore(): Promise<(SpoolManifest & { file: string })[]> {
    let names: string[];
    try {
      names = await readdir(this.dir);
    } catch {
      return [];
    }
    const present = new Set(names);
    const out: (SpoolManifest & { file: string })[] = [];
    for (const name of names) {
      const full = path.join(this.dir, name);
      if (name.endsWith('.data')) {
        const manifest = present.has(name.replace(/\.data$/, '.json'))
          ? await this.#read(manifestOf(full))
          : null;
        if (manifest) out.push({ ...manifest, file: full });
        else await this.#release(full);
      } else if (name.endsWith('.incoming')) await rm(full, { force: true });
      else if (name.endsWith('.json') && !present.has(name.replace(/\.json$/, '.data')))
        await rm(full, { force: true });
    }
    if (out.length)
      this.#logger.info('transfers: dropped files queued again', { count: out.length });
    return out;
  }

  async #read(file: string): Promise<SpoolManifest | null> {
    try {
      const parsed = SpoolManifest.safeParse(JSON.parse(await readFile(file, 'utf8')));
      return parsed.success ? parsed.data : null;
    } catch {
      return null;
    }
  }
}

function manifestOf(file: string): string {
  return file.replace(/\.data$/, '.json');
}
