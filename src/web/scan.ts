// What the scanner does that needs no camera: decoding a QR code from a frame's pixels with the bundled
// decoder (loaded on first use, so that it weighs nothing on the pages that never scan), and passing
// each code on once. Telling a card code from a typed registration number is the domain's `readScanText`.
import type { MessageKey } from './i18n/en.ts';

export { readScanText, type ScanText } from '../domain/card.ts';

/** A frame's pixels, as a canvas gives them (RGBA, 4 bytes a pixel). */
export interface Pixels {
  data: Uint8ClampedArray;
  width: number;
  height: number;
}

type Decode = (
  data: Uint8ClampedArray,
  width: number,
  height: number,
  options: { inversionAttempts: 'dontInvert' },
) => { data: string } | null;
let decoder: Promise<Decode> | undefined;

/** The text of the QR code in this frame, or null if none can be read. */
export async function decodeQrPixels(pixels: Pixels): Promise<string | null> {
  decoder ??= import('jsqr').then((m) => m.default as unknown as Decode);
  const jsQR = await decoder;
  // Printed cards are dark on light: no inverted pass, half the work per frame.
  const found = jsQR(pixels.data, pixels.width, pixels.height, { inversionAttempts: 'dontInvert' });
  return found === null || found.data === '' ? null : found.data;
}

/**
 * A filter that lets each code through once: a card held before the camera is read many times a
 * second, and counted once.
 */
export function onceEach(): (code: string) => boolean {
  const seen = new Set<string>();
  return (code) => {
    if (seen.has(code)) return false;
    seen.add(code);
    return true;
  };
}

/** How the web app says why the server refused a card, by the refusal's stable code. */
export const cardRefusals: Record<string, MessageKey> = {
  'card.forged': 'scan.forged',
  'card.revoked': 'scan.revoked',
  'card.malformed': 'scan.malformed',
  'card.unknown-person': 'scan.unknownPerson',
};
