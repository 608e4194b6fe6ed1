// A registration number typed on the counting screen's keypad: the facility code is chosen, the guard
// types the six digits and the check digit, and a number whose check digit is wrong is never sent.
import { isValidRegistrationNumber } from '../../domain/registration-number.ts';

/** Six digits and the check digit. */
export const DIGITS = 7;

export type Key = `${number}` | 'back' | 'clear';

/** The digits after one key press: digits beyond the seventh are ignored. */
export function press(digits: string, key: Key): string {
  if (key === 'clear') return '';
  if (key === 'back') return digits.slice(0, -1);
  return /^\d$/.test(key) && digits.length < DIGITS ? digits + key : digits;
}

/** The digits of what was typed or pasted: a whole number (`HOL-000123-4`) or digits alone. */
export function digitsOf(typed: string): string {
  return typed.replace(/\D/g, '').slice(0, DIGITS);
}

export interface Entry {
  /** As it reads so far, e.g. `HOL-0001` or `HOL-000123-4`. */
  shown: string;
  complete: boolean;
  /** The whole number, once complete with a right check digit. */
  registrationNumber: string | null;
}

export function entry(facilityCode: string, digits: string): Entry {
  const shown = `${facilityCode}-${digits.slice(0, 6)}${digits.length > 6 ? `-${digits.slice(6)}` : ''}`;
  const complete = digits.length === DIGITS;
  const registrationNumber = complete && isValidRegistrationNumber(shown) ? shown : null;
  return { shown, complete, registrationNumber };
}
