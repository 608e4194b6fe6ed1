// Registration numbers: FACILITY-NNNNNN-C with a Damm check digit over the six digits. Plain rules
// with no imports, so that the web app checks a number typed at a headcount as the server does.

const damm = [
  [0, 3, 1, 7, 5, 9, 8, 6, 4, 2],
  [7, 0, 9, 2, 1, 5, 4, 8, 6, 3],
  [4, 2, 0, 6, 8, 7, 1, 3, 5, 9],
  [1, 7, 5, 0, 9, 8, 3, 4, 2, 6],
  [6, 1, 2, 3, 0, 4, 5, 9, 7, 8],
  [3, 6, 7, 4, 2, 0, 9, 5, 8, 1],
  [5, 8, 6, 9, 7, 2, 0, 1, 3, 4],
  [8, 9, 4, 5, 3, 6, 2, 0, 1, 7],
  [9, 4, 3, 8, 6, 1, 7, 2, 0, 5],
  [2, 5, 8, 1, 4, 3, 6, 7, 9, 0],
];

/** Damm check digit: catches every single-digit error and every adjacent transposition. */
export function dammDigit(digits: string): number {
  let interim = 0;
  for (const ch of digits) interim = damm[interim]![Number(ch)]!;
  return interim;
}

export function registrationNumber(facilityCode: string, sequence: number): string {
  if (!Number.isInteger(sequence) || sequence < 1 || sequence > 999_999) {
    throw new RangeError(`registration sequence out of range: ${sequence}`);
  }
  const digits = String(sequence).padStart(6, '0');
  return `${facilityCode}-${digits}-${dammDigit(digits)}`;
}

export function isValidRegistrationNumber(value: string): boolean {
  const match = /^[A-Z]{3}-(\d{6})-(\d)$/.exec(value);
  return match !== null && dammDigit(match[1]! + match[2]!) === 0;
}
