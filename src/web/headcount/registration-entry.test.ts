import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { registrationNumber } from '../../domain/registration-number.ts';
import { digitsOf, entry, type Key, press } from './registration-entry.ts';

const type = (keys: Key[]) => keys.reduce(press, '');

describe('registration numbers typed on the keypad', () => {
  it('takes six digits and the check digit, with delete and clear', () => {
    assert.equal(type(['1', '2', '3', 'back', '4']), '124');
    assert.equal(type(['1', '2', 'clear', '5']), '5');
    assert.equal(type(['1', '2', '3', '4', '5', '6', '7', '8', '9']), '1234567');
    assert.equal(type(['back']), '');
  });

  it('shows the number as it is typed, with the facility code', () => {
    assert.deepEqual(entry('HOL', '0001'), { shown: 'HOL-0001', complete: false, registrationNumber: null });
    assert.equal(entry('HOL', '000123').shown, 'HOL-000123');
  });

  it('gives the number only when the check digit is right', () => {
    const number = registrationNumber('HOL', 123);
    const digits = digitsOf(number);
    assert.deepEqual(entry('HOL', digits), { shown: number, complete: true, registrationNumber: number });
    const wrong = `${digits.slice(0, 6)}${(Number(digits[6]) + 1) % 10}`;
    assert.deepEqual(entry('HOL', wrong).registrationNumber, null);
    assert.equal(entry('HOL', wrong).complete, true);
    // Two neighbouring digits swapped: caught by the check digit.
    const swapped = `${digits[1]}${digits[0]}${digits.slice(2)}`;
    if (swapped !== digits) assert.equal(entry('HOL', swapped).registrationNumber, null);
  });

  it('reads a whole number typed or pasted, or digits with spaces', () => {
    assert.equal(digitsOf('HOL-000123-6'), '0001236');
    assert.equal(digitsOf('000 123 6 99'), '0001236');
  });
});
