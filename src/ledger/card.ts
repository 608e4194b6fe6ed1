// ID card codes: what a card's QR code says, signed with the Ed25519 key of the node that issued it, so
// that a card made anywhere else is refused at scan. Format (version 1, docs/id-cards.md):
//
//   CUS1:<registration number>:<base32 of origin (8 bytes) | serial (2) | issued at (4) | signature (64)>
//
// Only upper-case letters, digits and `:` and `-`: the QR code's alphanumeric mode packs that into
// 5.5 bits a character, so a card fits a version 6 code at error correction M (41 x 41 modules).
// The signature covers the ASCII of `CUS1:<registration number>:` followed by the first 14 bytes.
import { createPublicKey, type KeyObject, sign, verify } from 'node:crypto';
import { CARD_PREFIX, CARD_VERSION, readScanText } from '../domain/card.ts';
import type { NodeKey } from './node-key.ts';

/** What a card says, once its signature is checked. */
export interface CardContent {
  registrationNumber: string;
  /** The node that issued (and signed) the card. */
  origin: string;
  /** Which card of this person: 1 for the first, one more for each re-issue. */
  serial: number;
  /** When it was issued, to the second (ISO 8601 UTC). */
  issuedAt: string;
}

export type CardRefusal = 'malformed' | 'version' | 'unknown-issuer' | 'bad-signature';
export type CardCheck = { ok: true; card: CardContent } | { ok: false; reason: CardRefusal; message: string };

const ORIGIN_BYTES = 8;
const SIGNED_BYTES = ORIGIN_BYTES + 2 + 4;
const SIGNATURE_BYTES = 64;
const BODY_BYTES = SIGNED_BYTES + SIGNATURE_BYTES;
export const MAX_CARD_SERIAL = 0xffff;

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/** RFC 4648 base32 without padding (the QR code's alphanumeric mode has no `=`). */
export function base32(bytes: Uint8Array): string {
  let out = '';
  let bits = 0;
  let value = 0;
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += ALPHABET[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
    value &= (1 << bits) - 1;
  }
  if (bits > 0) out += ALPHABET[(value << (5 - bits)) & 31];
  return out;
}

/** Decodes base32 without padding; undefined unless the text is the one encoding of its bytes. */
export function fromBase32(text: string): Buffer | undefined {
  const bytes: number[] = [];
  let bits = 0;
  let value = 0;
  for (const ch of text) {
    const digit = ALPHABET.indexOf(ch);
    if (digit < 0) return undefined;
    value = (value << 5) | digit;
    bits += 5;
    if (bits >= 8) {
      bytes.push((value >>> (bits - 8)) & 0xff);
      bits -= 8;
    }
    value &= (1 << bits) - 1;
  }
  // Leftover bits are padding: a whole leftover character, or any bit set in it, is another text.
  if (bits >= 5 || value !== 0) return undefined;
  return Buffer.from(bytes);
}

const header = (registrationNumber: string) =>
  Buffer.from(`${CARD_PREFIX}${CARD_VERSION}:${registrationNumber}:`, 'ascii');

/** Issues a card: its code, signed with this node's key, and what it says. `at` is cut to the second. */
export function signCard(
  key: NodeKey,
  card: { registrationNumber: string; serial: number; at: string },
): { code: string; card: CardContent } {
  if (readScanText(card.registrationNumber).kind !== 'registration-number') {
    throw new RangeError(`not a registration number: ${card.registrationNumber}`);
  }
  if (!Number.isInteger(card.serial) || card.serial < 1 || card.serial > MAX_CARD_SERIAL) {
    throw new RangeError(`card serial out of range: ${card.serial}`);
  }
  const seconds = Math.floor(Date.parse(card.at) / 1000);
  const signed = Buffer.alloc(SIGNED_BYTES);
  signed.write(key.origin, 0, ORIGIN_BYTES, 'hex');
  signed.writeUInt16BE(card.serial, ORIGIN_BYTES);
  signed.writeUInt32BE(seconds, ORIGIN_BYTES + 2);
  const head = header(card.registrationNumber);
  const signature = sign(null, Buffer.concat([head, signed]), key.privateKey);
  return {
    code: head.toString('ascii') + base32(Buffer.concat([signed, signature])),
    card: {
      registrationNumber: card.registrationNumber,
      origin: key.origin,
      serial: card.serial,
      issuedAt: new Date(seconds * 1000).toISOString(),
    },
  };
}

/**
 * Reads a card code and checks its signature with the public key of the node it names (`publicKeyOf`
 * answers undefined for a node this one does not know). Says why a code is refused.
 */
export function checkCard(
  code: string,
  publicKeyOf: (origin: string) => KeyObject | string | undefined,
): CardCheck {
  const refuse = (reason: CardRefusal, message: string): CardCheck => ({ ok: false, reason, message });
  const text = readScanText(code);
  if (text.kind !== 'card') {
    return refuse(
      'malformed',
      `not a card code: it must read ${CARD_PREFIX}${CARD_VERSION}:<registration number>:…`,
    );
  }
  if (text.version !== CARD_VERSION) {
    return refuse(
      'version',
      `card format version ${text.version} is not one this node reads (it reads ${CARD_VERSION})`,
    );
  }
  const body = fromBase32(text.signed);
  if (body === undefined || body.length !== BODY_BYTES) {
    return refuse('malformed', 'the card code is cut short or altered: its signed part has the wrong length');
  }
  const signed = body.subarray(0, SIGNED_BYTES);
  const origin = signed.subarray(0, ORIGIN_BYTES).toString('hex');
  const publicKey = publicKeyOf(origin);
  if (publicKey === undefined) {
    return refuse(
      'unknown-issuer',
      `the card says it was issued by node ${origin}, which this node does not know`,
    );
  }
  const valid = verify(
    null,
    Buffer.concat([header(text.registrationNumber), signed]),
    typeof publicKey === 'string' ? createPublicKey(publicKey) : publicKey,
    body.subarray(SIGNED_BYTES),
  );
  if (!valid) {
    return refuse('bad-signature', `the card's signature does not verify with the key of node ${origin}`);
  }
  return {
    ok: true,
    card: {
      registrationNumber: text.registrationNumber,
      origin,
      serial: signed.readUInt16BE(ORIGIN_BYTES),
      issuedAt: new Date(signed.readUInt32BE(ORIGIN_BYTES + 2) * 1000).toISOString(),
    },
  };
}
