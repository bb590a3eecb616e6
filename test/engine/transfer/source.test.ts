import { closeSync, mkdirSync, openSync, ftruncateSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { FerryError } from '../../../src-main/engine/errors.js';
import {
  MAX_OBJECT_SIZE,
  MAX_PARTS,
  openSource,
  partSizeFor,
  readWhole,
  WHOLE_READ_LIMIT,
} from '../../../src-main/engine/transfer/source.js';
import { MiB, tempDir } from '../../support/transfer.js';

describe('upload sources', () => {
  it('raises the part size so that even a 5 TiB file fits in 10,000 parts', () => {
    expect(partSizeFor(100 * MiB, 16 * MiB)).toBe(16 * MiB);
    for (const size of [160 * 1024 * MiB, MAX_OBJECT_SIZE]) {
      const part = partSizeFor(size, 16 * MiB);
      expect(Math.ceil(size / part)).toBeLessThanOrEqual(MAX_PARTS);
      expect(part % MiB).toBe(0);
    }
  });

  it('refuses a file over 5 TiB with a clear message, before sending anything', async () => {
    const file = path.join(tempDir('huge'), 'huge.img');
    const fd = openSync(file, 'w');
    // Sparse: takes no disk space.
    ftruncateSync(fd, MAX_OBJECT_SIZE + 1);
    closeSync(fd);
    const error = await openSource(file).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(FerryError);
    expect(error).toMatchObject({ code: 'FileTooLarge', message: /at most 5 TiB/ });
  });

  it('reads a small file whole, with the fingerprint a resume would compare', () => {
    const file = path.join(tempDir('whole'), 'small.bin');
    const bytes = Buffer.from('ferry '.repeat(1000));
    writeFileSync(file, bytes);
    const read = readWhole(file)!;
    expect(read.data.equals(bytes)).toBe(true);
    const info = statSync(file);
    expect(read.print).toEqual({ size: info.size, mtimeMs: info.mtimeMs, ino: info.ino });
  });

  it('leaves a file over the whole-read limit to the streamed path', async () => {
    const file = path.join(tempDir('whole'), 'big.bin');
    const fd = openSync(file, 'w');
    ftruncateSync(fd, WHOLE_READ_LIMIT + 1);
    closeSync(fd);
    expect(readWhole(file)).toBeNull();
    const opened = await openSource(file);
    expect(opened.print.size).toBe(WHOLE_READ_LIMIT + 1);
    await opened.handle.close();
  });

  it('refuses a folder and a missing file with the same words as the streamed path', async () => {
    const dir = path.join(tempDir('whole'), 'folder');
    mkdirSync(dir);
    for (const target of [dir, path.join(dir, 'missing.bin')]) {
      const streamed = await openSource(target).then(
        () => undefined,
        (e: unknown) => e,
      );
      let whole: unknown;
      try {
        readWhole(target);
      } catch (error) {
        whole = error;
      }
      expect(whole).toBeInstanceOf(FerryError);
      expect(whole).toMatchObject({
        code: (streamed as FerryError).code,
        message: (streamed as FerryError).message,
      });
    }
  });
});
