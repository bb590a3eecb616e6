/**
 * What an object's first bytes say it is, for previews of objects stored with no telling Content-Type
 * (uploaded as application/octet-stream by a client that did not guess one). Signatures as in the WHATWG
 * MIME Sniffing standard's image table; SVG is text and is previewed as such.
 */

const ascii = (bytes: Uint8Array, at: number, text: string): boolean => {
  if (bytes.length < at + text.length) return false;
  for (let i = 0; i < text.length; i++) if (bytes[at + i] !== text.charCodeAt(i)) return false;
  return true;
};

const PNG = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
/** BMP info-header sizes (BITMAPCOREHEADER … BITMAPV5HEADER): "BM" alone is too weak a sign. */
const BMP_HEADERS = new Set([12, 40, 52, 56, 64, 108, 124]);

/** The image type announced by `bytes` (PNG, JPEG, GIF, WebP, BMP, AVIF), or undefined. */
export function sniffImageType(bytes: Uint8Array): string | undefined {
  if (PNG.every((b, i) => bytes[i] === b)) return 'image/png';
  if (bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'image/jpeg';
  if (ascii(bytes, 0, 'GIF87a') || ascii(bytes, 0, 'GIF89a')) return 'image/gif';
  if (ascii(bytes, 0, 'RIFF') && ascii(bytes, 8, 'WEBP')) return 'image/webp';
  if (ascii(bytes, 0, 'BM') && bytes.length >= 18) {
    const header = bytes[14]! | (bytes[15]! << 8) | (bytes[16]! << 16) | (bytes[17]! << 24);
    if (BMP_HEADERS.has(header)) return 'image/bmp';
  }
  if (ascii(bytes, 4, 'ftypavif') || ascii(bytes, 4, 'ftypavis')) return 'image/avif';
  return undefined;
}
