import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { country, instant, nationality, nationalityGroup, text } from './common.ts';

describe('instant', () => {
  it('normalises an offset to UTC with a Z and milliseconds', () => {
    assert.equal(instant.parse('2019-10-13T10:00:00+02:00'), '2019-10-13T08:00:00.000Z');
    assert.equal(instant.parse('2019-10-13T08:00:00Z'), '2019-10-13T08:00:00.000Z');
    assert.equal(instant.parse('2019-10-13T01:30:00-05:00'), '2019-10-13T06:30:00.000Z');
  });

  it('moves across midnight and month ends when the offset requires it', () => {
    assert.equal(instant.parse('2019-11-01T01:00:00+03:00'), '2019-10-31T22:00:00.000Z');
    assert.equal(instant.parse('2019-12-31T23:30:00-01:00'), '2020-01-01T00:30:00.000Z');
  });

  it('gives the same text for the same moment written with different offsets', () => {
    const a = instant.parse('2019-10-13T11:15:00+03:00');
    const b = instant.parse('2019-10-13T08:15:00.000Z');
    const c = instant.parse('2019-10-13T03:15:00-05:00');
    assert.equal(a, b);
    assert.equal(b, c);
  });

  it('keeps milliseconds', () => {
    assert.equal(instant.parse('2019-10-13T08:00:00.123+00:00'), '2019-10-13T08:00:00.123Z');
  });

  it('refuses a date-time without an offset, a bare date and text', () => {
    for (const value of ['2019-10-13T08:00:00', '2019-10-13', 'yesterday', '', '2019-02-30T08:00:00Z']) {
      const result = instant.safeParse(value);
      assert.equal(result.success, false, value);
      assert.match(result.error!.issues[0]!.message, /ISO 8601/);
    }
  });
});

describe('nationality', () => {
  it('accepts ISO 3166-1 alpha-3 codes, stateless and unknown', () => {
    for (const code of ['SYR', 'IRQ', 'FRA', 'GBR', 'stateless', 'unknown'])
      assert.equal(nationality.safeParse(code).success, true, code);
  });

  it('refuses unknown codes, lower case codes, alpha-2 and numeric codes', () => {
    for (const code of ['ZZZ', 'syr', 'Syr', 'fra', 'SY', 'sy', '760', 'Stateless', ''])
      assert.equal(nationality.safeParse(code).success, false, code);
  });

  it('explains that a country code is three capital letters', () => {
    const result = nationality.safeParse('syr');
    assert.equal(result.success, false);
    assert.match(result.error!.issues.map((i) => i.message).join(' '), /three capital letters/);
  });
});

describe('country', () => {
  it('accepts alpha-3 codes only, never stateless or unknown', () => {
    assert.equal(country.safeParse('FRA').success, true);
    for (const code of ['fra', 'FR', 'ZZZ', 'stateless', 'unknown', '250'])
      assert.equal(country.safeParse(code).success, false, code);
  });
});

describe('nationalityGroup', () => {
  it('is syrian for anyone with Syrian nationality, even with another', () => {
    assert.equal(nationalityGroup(['SYR']), 'syrian');
    assert.equal(nationalityGroup(['IRQ', 'SYR']), 'syrian');
    assert.equal(nationalityGroup(['FRA', 'SYR']), 'syrian');
  });

  it('is iraqi for an Iraqi without Syrian nationality', () => {
    assert.equal(nationalityGroup(['IRQ']), 'iraqi');
    assert.equal(nationalityGroup(['TUR', 'IRQ']), 'iraqi');
  });

  it('is third-country for everyone else', () => {
    assert.equal(nationalityGroup(['FRA']), 'third-country');
    assert.equal(nationalityGroup(['GBR', 'RUS']), 'third-country');
    assert.equal(nationalityGroup(['stateless']), 'third-country');
    assert.equal(nationalityGroup(['unknown']), 'third-country');
    assert.equal(nationalityGroup([]), 'third-country');
  });
});

describe('text', () => {
  it('keeps Arabic, Latin and paired surrogates (emoji), trimmed', () => {
    assert.equal(text().parse('  فاطمة  '), 'فاطمة');
    assert.equal(text().parse('Zeynep Çelik 🙂'), 'Zeynep Çelik 🙂');
  });

  it('refuses empty text and a lone surrogate, which PostgreSQL could not store', () => {
    assert.equal(text().safeParse('   ').success, false);
    assert.equal(text().safeParse('Fatima\ud800').success, false);
    assert.equal(text().safeParse('\udc00Ali').success, false);
  });
});
