// The text of an ID card's QR code, as far as it can be read without keys: the version prefix, the
// registration number it names in the clear, and the signed part. Signing and checking the signature
// are the ledger's (ledger/card.ts); this file is also what the web app uses to tell a scanned card
// from a typed registration number.

/** Every card code starts with this; the digit is the format's version. */
export const CARD_PREFIX = 'CUS';
export const CARD_VERSION = 1;

/** A registration number as issued: the facility's code, a six-digit sequence and a check digit. */
const registrationNumberPattern = '[A-Z0-9-]{1,12}-\\d{6}-\\d';
/** A card code of any version: `CUS<version>:<registration number>:<base32 of the signed part>`. */
const cardPattern = new RegExp(`^${CARD_PREFIX}(\\d+):(${registrationNumberPattern}):([A-Z2-7]+)$`);
const registrationNumberOnly = new RegExp(`^${registrationNumberPattern}$`);

/** What a scan or a typed entry is, before anything is checked against keys or the register. */
export type ScanText =
  | { kind: 'card'; code: string; version: number; registrationNumber: string; signed: string }
  | { kind: 'registration-number'; registrationNumber: string }
  | { kind: 'unknown'; text: string };

/**
 * Tells a card code (any version: the server says whether it knows it) from a registration number
 * typed by hand (case and surrounding spaces forgiven) and from anything else.
 */
export function readScanText(input: string): ScanText {
  const text = input.trim();
  const card = cardPattern.exec(text);
  if (card !== null) {
    return {
      kind: 'card',
      code: text,
      version: Number(card[1]),
      registrationNumber: card[2]!,
      signed: card[3]!,
    };
  }
  const typed = text.toUpperCase();
  if (registrationNumberOnly.test(typed)) return { kind: 'registration-number', registrationNumber: typed };
  return { kind: 'unknown', text };
}
