/**
 * MD5 of part buffers off the main thread. Hashing a GiB costs seconds of CPU; on the main thread it holds up
 * the sockets that should be sending the other parts meanwhile. Buffers backed by a SharedArrayBuffer (the
 * upload's part pool) are hashed where they lie, without a copy; anything small or unshared is hashed here.
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { md5Hex } from './integrity.js';

/** Below this size, posting to a worker costs more than hashing in place. */
const WORKER_MIN_BYTES = 1024 * 1024;
/** Bytes hashed in place before the threads start: 24 ms of CPU to start one, MD5 does ~740 MiB/s here. */
const THREADS_AFTER = 32 * 1024 * 1024;

// Plain CommonJS evaluated in the worker: the engine is bundled into one file, so there is no worker file to
// point at.
const WORKER_SOURCE = `
const { parentPort } = require('node:worker_threads');
const { createHash } = require('node:crypto');
parentPort.on('message', ({ id, buffer, offset, length }) => {
  const md5 = createHash('md5').update(new Uint8Array(buffer, offset, length)).digest('hex');
  parentPort.postMessage({ id, md5 });
});
`;

interface Pending {
  resolve(md5: string): void;
  reject(error: unknown): void;
}

interface HashWorker {
  worker: Worker;
  pending: Map<number, Pending>;
  /** False until the thread runs: starting one took 0.15 s on a quiet machine here, longer under load. */
  online: boolean;
}

/**
 * A few lazily started worker threads hashing shared buffers; they never keep the process alive. `hash`
 * answers null, and the caller hashes in place (a MiB takes 2 ms there), until `startAfter` bytes have been
 * hashed so (a thread costs about as much CPU to start as 16 MiB of MD5: a few small files never pay for
 * one) and then until a thread runs (the first files of a folder would otherwise wait for it to start
 * before their PUTs could leave).
 */
export class Md5Workers {
  readonly #size: number;
  readonly #startAfter: number;
  readonly #workers: HashWorker[] = [];
  #hashedHere = 0;
  #next = 0;
  #id = 0;

  constructor(size: number, startAfter = 0) {
    this.#size = size;
    this.#startAfter = startAfter;
  }

  /** How many threads have been started. */
  get threads(): number {
    return this.#workers.length;
  }

  /** The digest from a thread, or null while the caller should hash in place. */
  hash(buffer: SharedArrayBuffer, offset: number, length: number): Promise<string> | null {
    if (this.#hashedHere < this.#startAfter) {
      this.#hashedHere += length;
      return null;
    }
    if (this.#workers.length < this.#size) this.#workers.push(this.#spawn());
    const online = this.#workers.filter((w) => w.online);
    if (online.length === 0) return null;
    const slot = online[this.#next++ % online.length]!;
    const id = ++this.#id;
    return new Promise((resolve, reject) => {
      slot.pending.set(id, { resolve, reject });
      if (slot.pending.size === 1) slot.worker.ref();
      slot.worker.postMessage({ id, buffer, offset, length });
    });
  }

  #spawn(): HashWorker {
    const slot: HashWorker = {
      worker: new Worker(WORKER_SOURCE, { eval: true }),
      pending: new Map(),
      online: false,
    };
    slot.worker.unref();
    slot.worker.on('online', () => {
      slot.online = true;
      // Node 20 keeps a thread that was unref'd before it ran alive: say it again now that it runs.
      if (slot.pending.size === 0) slot.worker.unref();
    });
    slot.worker.on('message', ({ id, md5 }: { id: number; md5: string }) => {
      slot.pending.get(id)?.resolve(md5);
      slot.pending.delete(id);
      if (slot.pending.size === 0) slot.worker.unref();
    });
    // A worker that dies fails what it held; the next hash starts a fresh one.
    const fail = (error: unknown) => {
      for (const p of slot.pending.values()) p.reject(error);
      slot.pending.clear();
      const at = this.#workers.indexOf(slot);
      if (at >= 0) this.#workers.splice(at, 1);
    };
    slot.worker.on('error', fail);
    slot.worker.on('exit', (code) => fail(new Error(`the hashing thread exited (${code})`)));
    return slot;
  }
}

let shared: Md5Workers | undefined;

/** Hex MD5 of `data`: in a worker thread when the bytes are large and shareable, here otherwise. */
export function md5Of(data: Uint8Array): Promise<string> {
  if (data.length < WORKER_MIN_BYTES || !(data.buffer instanceof SharedArrayBuffer)) {
    return Promise.resolve(md5Hex(data));
  }
  // One core stays for the sockets, the gateway or whatever else the machine runs.
  shared ??= new Md5Workers(Math.max(1, Math.min(4, availableParallelism() - 1)), THREADS_AFTER);
  return shared.hash(data.buffer, data.byteOffset, data.length) ?? Promise.resolve(md5Hex(data));
}

/** A buffer of `size` bytes to read data into; worker threads can hash it without a copy when it is large. */
export function hashableBuffer(size: number): Buffer {
  return size < WORKER_MIN_BYTES
    ? Buffer.allocUnsafe(size)
    : Buffer.from(new SharedArrayBuffer(size));
}
