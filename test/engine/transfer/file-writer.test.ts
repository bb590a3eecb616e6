import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { fileWriter, unwritten } from '../../../src-main/engine/transfer/runner.js';
import { tempDir } from '../../support/transfer.js';

const bytes = (text: string) => Buffer.from(text);
const text = (chunks: Uint8Array[]) => chunks.map((c) => Buffer.from(c).toString()).join('|');

describe('the download file writer', () => {
  it('writes a list of chunks one after another at its position, in a sized file', async () => {
    const file = path.join(tempDir('writer'), 'out.bin');
    const writer = await fileWriter(file, true);
    await writer.truncate(12);
    await writer.write([bytes('ef'), bytes('gh'), bytes('ij')], 4);
    await writer.write([bytes('abcd')], 0);
    await writer.sync();
    await writer.close();
    expect(readFileSync(file).toString('latin1')).toBe('abcdefghij\0\0');
  });

  it('continues a short write from the first byte not written, inside a chunk or at its end', () => {
    const chunks = [bytes('abc'), bytes('de'), bytes('fgh')];
    expect(text(unwritten(chunks, 0))).toBe('abc|de|fgh');
    expect(text(unwritten(chunks, 1))).toBe('bc|de|fgh');
    expect(text(unwritten(chunks, 3))).toBe('de|fgh');
    expect(text(unwritten(chunks, 4))).toBe('e|fgh');
    expect(text(unwritten(chunks, 5))).toBe('fgh');
    expect(text(unwritten(chunks, 7))).toBe('h');
    expect(unwritten(chunks, 8)).toEqual([]);
  });
});
