import assert from 'node:assert/strict';
import { generateKeyPairSync } from 'node:crypto';
import { describe, it } from 'node:test';
import QRCode from 'qrcode';
import { signCard } from '../ledger/card.ts';
import { nodeKeyFromPrivate } from '../ledger/node-key.ts';
import { decodeQrPixels, onceEach, type Pixels, readScanText } from './scan.ts';

/** Draws a QR code as a camera might see a printed card: `scale` pixels a module, on a grey ground. */
function photograph(text: string, scale: number, margin: number): Pixels {
  const { modules } = QRCode.create(text, { errorCorrectionLevel: 'M' });
  const width = (modules.size + 8) * scale + 2 * margin;
  const data = new Uint8ClampedArray(width * width * 4);
  for (let y = 0; y < width; y++) {
    for (let x = 0; x < width; x++) {
      const inside = x >= margin && y >= margin && x < width - margin && y < width - margin;
      const col = Math.floor((x - margin) / scale) - 4;
      const row = Math.floor((y - margin) / scale) - 4;
      const dark =
        inside && row >= 0 && col >= 0 && row < modules.size && col < modules.size && modules.get(row, col);
      const level = !inside ? 150 : dark ? 30 : 235;
      data.set([level, level, level, 255], (y * width + x) * 4);
    }
  }
  return { data, width, height: width };
}

const key = nodeKeyFromPrivate(generateKeyPairSync('ed25519').privateKey);
const { code } = signCard(key, { registrationNumber: 'HOL-004217-3', serial: 1, at: '2019-10-13T08:00:00Z' });

describe('the scanner without a camera', () => {
  it('reads a card code back from a picture of its QR code with the bundled decoder', async () => {
    for (const scale of [3, 5]) {
      assert.equal(await decodeQrPixels(photograph(code, scale, 40)), code, `${scale} pixels a module`);
    }
    const read = readScanText((await decodeQrPixels(photograph(code, 4, 10)))!);
    assert.equal(read.kind === 'card' && read.registrationNumber, 'HOL-004217-3');
  });

  it('finds nothing in a frame without a code', async () => {
    const blank = { data: new Uint8ClampedArray(200 * 200 * 4).fill(200), width: 200, height: 200 };
    assert.equal(await decodeQrPixels(blank), null);
  });

  it('passes each code on once', () => {
    const fresh = onceEach();
    assert.deepEqual(['A', 'A', 'B', 'A', 'B', 'C'].map(fresh), [true, false, true, false, false, true]);
    assert.equal(onceEach()('A'), true, 'each scanner remembers its own codes');
  });
});
