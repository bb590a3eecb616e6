import { closeSync, openSync, ftruncateSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { FerryError } from '../../../src-main/engine/errors.js';
import {
  MAX_OBJECT_SIZE,
  MAX_PARTS,
  openSource,
  partSizeFor,
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
});
