import { createHash } from 'node:crypto';
import type { Page } from 'playwright-core';

/**
 * Drops one file of `size` pseudo-random bytes (seeded, so the test can compute its MD5) on the object list,
 * as the browser's drag-and-drop would hand it to the page.
 */
export async function dropBinary(page: Page, name: string, size: number, seed = 1): Promise<void> {
  await page.evaluate(`(() => {
    const bytes = new Uint8Array(${size});
    let x = ${seed};
    for (let i = 0; i < bytes.length; i++) {
      x = (Math.imul(x, 1103515245) + 12345) >>> 0;
      bytes[i] = x >>> 24;
    }
    const data = new DataTransfer();
    data.items.add(new File([bytes], ${JSON.stringify(name)}, { type: 'application/octet-stream' }));
    const target = document.querySelector('.browser');
    for (const type of ['dragenter', 'dragover', 'drop']) {
      target.dispatchEvent(new DragEvent(type, { dataTransfer: data, bubbles: true, cancelable: true }));
    }
  })()`);
}

/** The same bytes as `dropBinary` makes, for checking what was stored. */
export function binaryMd5(size: number, seed = 1): string {
  const bytes = Buffer.alloc(size);
  let x = seed;
  for (let i = 0; i < size; i++) {
    x = (Math.imul(x, 1103515245) + 12345) >>> 0;
    bytes[i] = x >>> 24;
  }
  return createHash('md5').update(bytes).digest('hex');
}

/** Drops small text files on the object list, each at its path in a dropped tree. */
export async function dropTexts(
  page: Page,
  files: { path: string; text: string }[],
): Promise<void> {
  await page.evaluate(`(() => {
    const data = new DataTransfer();
    for (const f of ${JSON.stringify(files)}) data.items.add(new File([f.text], f.path, { type: 'text/plain' }));
    const target = document.querySelector('.browser');
    for (const type of ['dragenter', 'dragover', 'drop']) {
      target.dispatchEvent(new DragEvent(type, { dataTransfer: data, bubbles: true, cancelable: true }));
    }
  })()`);
}
