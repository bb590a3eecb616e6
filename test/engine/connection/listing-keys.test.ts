import { describe, expect, it } from 'vitest';
import { decodeListedKey } from '../../../src-main/engine/connection/listing-keys.js';

describe('keys of a URL-encoded listing', () => {
  it('decode percent escapes, a + as a space, and %2B as a plus', () => {
    expect(decodeListedKey('a%1B%5D0%3Bowned%07')).toBe('a\x1b]0;owned\x07');
    expect(decodeListedKey('my+file%2B1.txt')).toBe('my file+1.txt');
    expect(decodeListedKey('fotos/ver%C3%A3o%20de%202026/')).toBe('fotos/verão de 2026/');
  });

  it('keep a value that is not valid percent-encoding as it came', () => {
    expect(decodeListedKey('100%')).toBe('100%');
  });
});
