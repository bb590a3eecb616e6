import { describe, expect, it } from 'vitest';
import { safeFileName } from '../../src-main/desktop/drag-out.js';

describe('names of dragged-out files', () => {
  it('keeps the object name and never becomes a path', () => {
    expect(safeFileName('photos/2026/IMG 0001.jpg')).toBe('IMG 0001.jpg');
    expect(safeFileName('a/../..')).toBe('object');
    expect(safeFileName('dir/')).toBe('dir');
    expect(safeFileName('..\\..\\evil.exe')).toBe('evil.exe');
    expect(safeFileName('x/what?:<now>|.txt')).toBe('what___now__.txt');
    expect(safeFileName('x/trailing. . ')).toBe('trailing');
    expect(safeFileName('x/CON.txt')).toBe('_CON.txt');
    expect(safeFileName('tab\there')).toBe('tab_here');
    expect(safeFileName('x/' + 'a'.repeat(300))).toHaveLength(200);
  });
});
