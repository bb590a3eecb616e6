import { renderSVG, renderUnicodeCompact } from 'uqr';

/** A link as a QR code in SVG; null when it is too long for the largest QR code (about 2,900 bytes). */
export function qrSvg(text: string): string | null {
  try {
    return renderSVG(text, { ecc: 'L', pixelSize: 4, border: 2 });
  } catch {
    return null;
  }
}

/** The same QR code drawn with block characters, for a terminal. */
export function qrText(text: string): string | null {
  try {
    return renderUnicodeCompact(text, { ecc: 'L', border: 2 });
  } catch {
    return null;
  }
}
