import { describe, expect, it } from 'vitest';
import { nameSortKey } from '../../src-renderer/lib/name-order.js';

const sorted = (names: string[]) =>
  [...names].sort((a, b) => {
    const [x, y] = [nameSortKey(a), nameSortKey(b)];
    return x < y ? -1 : x > y ? 1 : 0;
  });

describe('the object list name order', () => {
  it('is natural, and ignores case and accents', () => {
    expect(sorted(['file10.txt', 'File2.txt', 'file1.txt', 'apple.txt'])).toEqual([
      'apple.txt',
      'file1.txt',
      'File2.txt',
      'file10.txt',
    ]);
    expect(sorted(['Zebra', 'água', 'Avião', 'abacate'])).toEqual([
      'abacate',
      'água',
      'Avião',
      'Zebra',
    ]);
    expect(sorted(['obj-000010', 'obj-9', 'obj-0008'])).toEqual([
      'obj-0008',
      'obj-9',
      'obj-000010',
    ]);
  });

  it('agrees with Intl.Collator (numeric, base) on Latin names', () => {
    const collator = new Intl.Collator('en', { numeric: true, sensitivity: 'base' });
    const names = [
      'IMG_0012.JPG',
      'img_2.jpg',
      'Report 2026.pdf',
      'report 3.pdf',
      'Ótimo.txt',
      'ovo.txt',
    ];
    expect(sorted(names)).toEqual([...names].sort(collator.compare));
  });
});
