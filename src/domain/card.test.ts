import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { readScanText } from './card.ts';

const signed = 'A'.repeat(125);

describe('reading a scan or a typed entry', () => {
  it('knows a card code, of any version, and the registration number it names', () => {
    assert.deepEqual(readScanText(`CUS1:HOL-004217-3:${signed}`), {
      kind: 'card',
      code: `CUS1:HOL-004217-3:${signed}`,
      version: 1,
      registrationNumber: 'HOL-004217-3',
      signed,
    });
    assert.equal(readScanText(` CUS2:AL-HOL-000001-0:${signed}\n`).kind, 'card');
  });

  it('knows a registration number typed by hand, whatever its case', () => {
    assert.deepEqual(readScanText(' hol-004217-3 '), {
      kind: 'registration-number',
      registrationNumber: 'HOL-004217-3',
    });
    assert.equal(readScanText('ROJ2-000001-0').kind, 'registration-number');
  });

  it('knows neither in anything else', () => {
    for (const text of [
      '',
      'HOL-4217-3',
      'Fatima',
      `cus1:HOL-004217-3:${signed}`,
      `CUS1:HOL-004217-3:${signed}=`,
    ]) {
      assert.equal(readScanText(text).kind, 'unknown', text);
    }
  });
});
