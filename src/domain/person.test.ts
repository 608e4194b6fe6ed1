import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import {
  ADULT_AGE,
  ageOn,
  categoryOn,
  dammDigit,
  displayName,
  identity,
  isMinorOn,
  isValidRegistrationNumber,
  registrationNumber,
} from './person.ts';

const sequence = fc.integer({ min: 1, max: 999_999 });
const facilityCode = fc.stringMatching(/^[A-Z]{3}$/);

/** The seven digits of a registration number (six of the sequence, then the check digit). */
const digitsOf = (number: string) => number.replace(/^[A-Z]{3}-(\d{6})-(\d)$/, '$1$2');
const numberOf = (code: string, digits: string) => `${code}-${digits.slice(0, 6)}-${digits.slice(6)}`;

describe('Damm check digit', () => {
  it('gives the published check digit of 572', () => {
    assert.equal(dammDigit('572'), 4);
    assert.equal(dammDigit('5724'), 0);
  });

  it('makes every registration number check to zero', () => {
    fc.assert(
      fc.property(facilityCode, sequence, (code, seq) => {
        const number = registrationNumber(code, seq);
        assert.equal(dammDigit(digitsOf(number)), 0);
        assert.equal(isValidRegistrationNumber(number), true);
      }),
    );
  });

  it('detects every single-digit substitution, the check digit included', () => {
    fc.assert(
      fc.property(
        facilityCode,
        sequence,
        fc.integer({ min: 0, max: 6 }),
        fc.integer({ min: 1, max: 9 }),
        (code, seq, position, shift) => {
          const digits = digitsOf(registrationNumber(code, seq));
          const wrong = String((Number(digits[position]) + shift) % 10);
          const typo = digits.slice(0, position) + wrong + digits.slice(position + 1);
          assert.notEqual(typo, digits);
          assert.equal(isValidRegistrationNumber(numberOf(code, typo)), false, `${digits} -> ${typo}`);
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('detects every transposition of two different neighbouring digits, the check digit included', () => {
    fc.assert(
      fc.property(facilityCode, sequence, fc.integer({ min: 0, max: 5 }), (code, seq, position) => {
        const digits = digitsOf(registrationNumber(code, seq));
        const a = digits[position]!;
        const b = digits[position + 1]!;
        fc.pre(a !== b);
        const swapped = digits.slice(0, position) + b + a + digits.slice(position + 2);
        assert.equal(isValidRegistrationNumber(numberOf(code, swapped)), false, `${digits} -> ${swapped}`);
      }),
      { numRuns: 2000 },
    );
  });

  it('detects every substitution and transposition exhaustively over the first thousand numbers', () => {
    for (let seq = 1; seq <= 1000; seq++) {
      const digits = digitsOf(registrationNumber('HOL', seq));
      for (let i = 0; i < 7; i++) {
        for (let d = 0; d <= 9; d++) {
          if (String(d) === digits[i]) continue;
          const typo = digits.slice(0, i) + d + digits.slice(i + 1);
          assert.notEqual(dammDigit(typo), 0, typo);
        }
        if (i < 6 && digits[i] !== digits[i + 1]) {
          const swapped = digits.slice(0, i) + digits[i + 1] + digits[i] + digits.slice(i + 2);
          assert.notEqual(dammDigit(swapped), 0, swapped);
        }
      }
    }
  });
});

describe('registrationNumber', () => {
  it('writes the facility code, six digits and the check digit', () => {
    assert.equal(registrationNumber('HOL', 1), 'HOL-000001-3');
    assert.equal(registrationNumber('HOL', 4217), 'HOL-004217-7');
    assert.equal(registrationNumber('ROJ', 999_999), 'ROJ-999999-0');
  });

  it('has the form AAA-NNNNNN-C for every sequence', () => {
    fc.assert(
      fc.property(facilityCode, sequence, (code, seq) => {
        const number = registrationNumber(code, seq);
        assert.match(number, /^[A-Z]{3}-\d{6}-\d$/);
        assert.equal(number.slice(0, 3), code);
        assert.equal(Number(number.slice(4, 10)), seq);
      }),
    );
  });

  it('refuses a sequence out of range or not a whole number', () => {
    for (const seq of [0, -1, 1_000_000, 1.5, Number.NaN, Number.POSITIVE_INFINITY]) {
      assert.throws(() => registrationNumber('HOL', seq), RangeError, String(seq));
    }
  });
});

describe('isValidRegistrationNumber', () => {
  it('accepts a number with the right check digit', () => {
    assert.equal(isValidRegistrationNumber('HOL-004217-7'), true);
  });

  it('refuses a wrong check digit', () => {
    for (let d = 0; d <= 9; d++) {
      if (d === 7) continue;
      assert.equal(isValidRegistrationNumber(`HOL-004217-${d}`), false, String(d));
    }
  });

  it('refuses anything not of the form AAA-NNNNNN-C', () => {
    for (const value of [
      'hol-004217-7',
      'HO-004217-7',
      'HOLX-004217-7',
      'HOL-04217-7',
      'HOL-0004217-7',
      'HOL-004217',
      'HOL004217-7',
      'HOL-004217-77',
      ' HOL-004217-7',
      'HOL-004217-7 ',
      'HOL-00421a-7',
      '',
    ]) {
      assert.equal(isValidRegistrationNumber(value), false, JSON.stringify(value));
    }
  });
});

describe('ageOn', () => {
  it('counts whole years, turning a year older on the birthday', () => {
    assert.equal(ageOn('1985-06-15', '1985-06-15'), 0);
    assert.equal(ageOn('1985-06-15', '2019-06-14'), 33);
    assert.equal(ageOn('1985-06-15', '2019-06-15'), 34);
    assert.equal(ageOn('1985-06-15', '2019-06-16'), 34);
    assert.equal(ageOn('1985-06-15', '2019-05-31'), 33);
    assert.equal(ageOn('1985-06-15', '2019-07-01'), 34);
  });

  it('compares the month before the day', () => {
    assert.equal(ageOn('2000-03-31', '2010-04-01'), 10);
    assert.equal(ageOn('2000-03-01', '2010-02-28'), 9);
    assert.equal(ageOn('2000-12-31', '2001-12-30'), 0);
    assert.equal(ageOn('2000-12-31', '2001-12-31'), 1);
  });

  it('makes a person born on 29 February a year older on 1 March in common years', () => {
    assert.equal(ageOn('2004-02-29', '2005-02-28'), 0);
    assert.equal(ageOn('2004-02-29', '2005-03-01'), 1);
    assert.equal(ageOn('2004-02-29', '2022-02-28'), 17);
    assert.equal(ageOn('2004-02-29', '2022-03-01'), 18);
    assert.equal(ageOn('2004-02-29', '2024-02-28'), 19);
    assert.equal(ageOn('2004-02-29', '2024-02-29'), 20);
  });

  it('is n on the n-th anniversary and n - 1 the day before', () => {
    const day = (d: Date) => d.toISOString().slice(0, 10);
    fc.assert(
      fc.property(
        fc.date({
          min: new Date('1900-01-01T00:00:00Z'),
          max: new Date('2030-12-31T00:00:00Z'),
          noInvalidDate: true,
        }),
        fc.integer({ min: 1, max: 100 }),
        (birth, years) => {
          fc.pre(!(birth.getUTCMonth() === 1 && birth.getUTCDate() === 29));
          const anniversary = new Date(birth);
          anniversary.setUTCFullYear(birth.getUTCFullYear() + years);
          const dayBefore = new Date(anniversary.getTime() - 86_400_000);
          assert.equal(ageOn(day(birth), day(anniversary)), years);
          assert.equal(ageOn(day(birth), day(dayBefore)), years - 1);
        },
      ),
    );
  });
});

describe('isMinorOn', () => {
  it('is true the day before the 18th birthday and false on it', () => {
    assert.equal(ADULT_AGE, 18);
    assert.equal(isMinorOn('2001-10-13', '2019-10-12'), true);
    assert.equal(isMinorOn('2001-10-13', '2019-10-13'), false);
    assert.equal(isMinorOn('2001-10-13', '2019-10-14'), false);
  });

  it('counts a 29 February birth as adult on 1 March of the 18th year', () => {
    assert.equal(isMinorOn('2004-02-29', '2022-02-28'), true);
    assert.equal(isMinorOn('2004-02-29', '2022-03-01'), false);
  });
});

describe('categoryOn', () => {
  it('is boy or girl for a minor and man or woman for an adult', () => {
    assert.equal(categoryOn('male', '2010-01-01', '2019-10-13'), 'boy');
    assert.equal(categoryOn('female', '2010-01-01', '2019-10-13'), 'girl');
    assert.equal(categoryOn('male', '1985-01-01', '2019-10-13'), 'man');
    assert.equal(categoryOn('female', '1985-01-01', '2019-10-13'), 'woman');
  });

  it('changes on the 18th birthday', () => {
    assert.equal(categoryOn('male', '2001-10-13', '2019-10-12'), 'boy');
    assert.equal(categoryOn('male', '2001-10-13', '2019-10-13'), 'man');
    assert.equal(categoryOn('female', '2001-10-13', '2019-10-12'), 'girl');
    assert.equal(categoryOn('female', '2001-10-13', '2019-10-13'), 'woman');
  });
});

describe('displayName', () => {
  it('writes the kunya in brackets, then given name, father, grandfather and family', () => {
    assert.equal(
      displayName({
        latin: {
          given: 'Jack',
          father: 'John',
          grandfather: 'James',
          family: 'Thornton',
          kunya: 'Abu Sulayman',
        },
        aliases: [],
      }),
      '(Abu Sulayman) Jack John James Thornton',
    );
  });

  it('leaves out parts that are not given', () => {
    assert.equal(displayName({ latin: { given: 'Amina', family: 'Hassan' }, aliases: [] }), 'Amina Hassan');
    assert.equal(displayName({ latin: { given: 'Amina' }, aliases: [] }), 'Amina');
  });

  it('prefers the Latin name and falls back to the Arabic one', () => {
    const arabic = { given: 'أمينة', family: 'حسن' };
    assert.equal(displayName({ arabic, latin: { given: 'Amina' }, aliases: [] }), 'Amina');
    assert.equal(displayName({ arabic, aliases: [] }), 'أمينة حسن');
  });
});

describe('identity schema', () => {
  const minimal = {
    names: { latin: { given: 'Amina' } },
    sex: 'female',
    birthDate: { date: '2010-05-01' },
    nationalities: ['SYR'],
  };
  const issues = (value: unknown) => {
    const result = identity.safeParse(value);
    assert.equal(result.success, false, 'expected a refusal');
    return result.error!.issues;
  };

  it('accepts a minimal identity and fills the defaults', () => {
    assert.deepEqual(identity.parse(minimal), {
      names: { latin: { given: 'Amina' }, aliases: [] },
      sex: 'female',
      birthDate: { date: '2010-05-01', estimated: false },
      nationalities: ['SYR'],
      documents: [],
      biometrics: [],
    });
  });

  it('accepts a name in Arabic script only', () => {
    assert.equal(identity.safeParse({ ...minimal, names: { arabic: { given: 'أمينة' } } }).success, true);
  });

  it('refuses a name with neither Arabic nor Latin script', () => {
    const found = issues({ ...minimal, names: { aliases: ['Umm Ali'] } });
    assert.equal(found.length, 1);
    assert.deepEqual(found[0]!.path, ['names', 'latin']);
    assert.match(found[0]!.message, /Arabic script, in Latin script, or both/);
  });

  it('refuses unknown fields, at the top and inside names', () => {
    assert.ok(issues({ ...minimal, religion: 'x' }).some((i) => i.code === 'unrecognized_keys'));
    assert.ok(
      issues({ ...minimal, names: { latin: { given: 'Amina', nickname: 'Ami' } } }).some(
        (i) => i.code === 'unrecognized_keys',
      ),
    );
  });

  it('refuses bad nationality codes', () => {
    for (const code of ['ZZZ', 'syr', 'SY']) {
      const found = issues({ ...minimal, nationalities: [code] });
      assert.ok(
        found.every((i) => i.path.join('.') === 'nationalities.0'),
        code,
      );
    }
  });

  it('refuses an empty list of nationalities', () => {
    assert.deepEqual(issues({ ...minimal, nationalities: [] })[0]!.path, ['nationalities']);
  });

  it('accepts stateless and unknown nationalities', () => {
    assert.equal(identity.safeParse({ ...minimal, nationalities: ['stateless'] }).success, true);
    assert.equal(identity.safeParse({ ...minimal, nationalities: ['unknown'] }).success, true);
    assert.equal(identity.safeParse({ ...minimal, nationalities: ['IRQ', 'stateless'] }).success, true);
  });

  it('refuses a birth date that is not YYYY-MM-DD', () => {
    assert.deepEqual(issues({ ...minimal, birthDate: { date: '01/05/2010' } })[0]!.path, [
      'birthDate',
      'date',
    ]);
  });
});
