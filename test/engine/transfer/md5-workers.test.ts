import { createHash, randomFillSync } from 'node:crypto';
import { describe, expect, it, vi } from 'vitest';
import {
  hashableBuffer,
  Md5Workers,
  md5Of,
} from '../../../src-main/engine/transfer/md5-workers.js';

const md5 = (data: Uint8Array) => createHash('md5').update(data).digest('hex');

describe('MD5 of part buffers in worker threads', () => {
  it('gives the same digests as hashing in place, for many parts at once and at any offset', async () => {
    const parts = Array.from({ length: 8 }, (_, i) =>
      randomFillSync(hashableBuffer(2 * 1024 * 1024 + i)),
    );
    expect(parts.every((p) => p.buffer instanceof SharedArrayBuffer)).toBe(true);
    const digests = await Promise.all(parts.map((p) => md5Of(p)));
    expect(digests).toEqual(parts.map(md5));
    // A part read into the front of a pooled buffer is a view at an offset of its own.
    const view = parts[0]!.subarray(12345, 12345 + 1024 * 1024 + 7);
    expect(await md5Of(view)).toBe(md5(view));
  });

  it('hashes small and unshared buffers in place', async () => {
    const small = randomFillSync(hashableBuffer(1000));
    expect(small.buffer instanceof SharedArrayBuffer).toBe(false);
    expect(await md5Of(small)).toBe(md5(small));
    const plain = randomFillSync(Buffer.alloc(3 * 1024 * 1024));
    expect(await md5Of(plain)).toBe(md5(plain));
    expect(await md5Of(new Uint8Array(0))).toBe('d41d8cd98f00b204e9800998ecf8427e');
  });

  it('does not hold the first hashes back while a thread starts, then hashes in the threads', async () => {
    const workers = new Md5Workers(2);
    const part = randomFillSync(hashableBuffer(2 * 1024 * 1024));
    const shared = part.buffer as SharedArrayBuffer;
    // No thread runs yet: the caller hashes in place rather than waiting for one to start.
    expect(workers.hash(shared, part.byteOffset, part.length)).toBeNull();
    const digest = await vi.waitFor(
      () => {
        const answer = workers.hash(shared, part.byteOffset, part.length);
        if (!answer) throw new Error('no hashing thread runs yet');
        return answer;
      },
      { timeout: 10_000, interval: 20 },
    );
    expect(digest).toBe(md5(part));
  });

  it('starts no thread for a few small files: they are hashed in place', () => {
    const workers = new Md5Workers(2, 5 * 1024 * 1024);
    const part = randomFillSync(hashableBuffer(2 * 1024 * 1024));
    const shared = part.buffer as SharedArrayBuffer;
    for (let i = 0; i < 3; i++) {
      expect(workers.hash(shared, part.byteOffset, part.length)).toBeNull();
      expect(workers.threads).toBe(0);
    }
    // 6 MiB hashed in place: the next one starts a thread (and is still hashed in place while it starts).
    expect(workers.hash(shared, part.byteOffset, part.length)).toBeNull();
    expect(workers.threads).toBe(1);
  });
});
