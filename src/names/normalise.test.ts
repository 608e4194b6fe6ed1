import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { normaliseName, normaliseWord, romanise, splitWords } from './normalise.ts';

describe('normalising Arabic script', () => {
  it('drops tashkeel, superscript alef and tatweel', () => {
    assert.equal(normaliseName('مُحَمَّد'), 'محمد');
    assert.equal(normaliseName('الرحمٰن'), 'الرحمن');
    assert.equal(normaliseName('محـــمد'), 'محمد');
  });

  it('writes one alef for the hamza and madda forms', () => {
    assert.equal(normaliseName('أحمد إبراهيم آمنة ٱلله'), 'احمد ابراهيم امنه الله');
  });

  it('writes yeh for alef maksura and the Persian yeh, heh for ta marbuta', () => {
    assert.equal(normaliseName('موسى'), 'موسي');
    assert.equal(normaliseName('علی'), 'علي');
    assert.equal(normaliseName('فاطمة'), 'فاطمه');
  });

  it('takes the hamza off its seat and drops a bare hamza', () => {
    assert.equal(normaliseName('مؤمن وائل أسماء'), 'مومن وايل اسما');
  });

  it('keeps the letters that are other sounds in Kurdish and Persian', () => {
    assert.equal(normaliseName('پ چ ژ گ ڤ'), 'پ چ ژ گ ڤ');
    assert.equal(normaliseName('کاوە'), 'كاوه');
  });

  it('undoes presentation forms and the lam-alef ligature (NFKC)', () => {
    assert.equal(normaliseName('ﻻ'), 'لا');
  });
});

describe('normalising Latin script', () => {
  it('folds case and strips diacritics', () => {
    assert.equal(normaliseName('Émilie GARCÍA Könrig'), 'emilie garcia konrig');
  });

  it('spells the Kurdish Hawar letters by their sound', () => {
    assert.equal(normaliseName('Çiya Şêx Xwînî Nûrî'), 'chiya shex xwiinii nuurii');
  });

  it('keeps the apostrophe that stands for an ayn, in one form', () => {
    assert.equal(normaliseName("Zou’bi ʿAbd Zou'bi"), "zou'bi 'abd zou'bi");
  });

  it('reads digits typed for letters inside a word', () => {
    assert.equal(normaliseName('Ig0r Sech1n'), 'igor sechin');
    assert.equal(normaliseName('Gre9or A8bott'), 'gregor abbott');
  });

  it('romanises Cyrillic, Greek, Armenian and Georgian', () => {
    assert.equal(normaliseName('Сергей Лавров'), 'sergey lavrov');
    assert.equal(normaliseName('Κυριάκος'), 'kyriakos');
    assert.equal(normaliseName('Բարակ'), 'barak');
    assert.equal(normaliseName('ობამა'), 'obama');
  });

  it('romanises Ethiopic syllables, and keeps Hangul as written', () => {
    assert.equal(normaliseName('ዐቢይ አሕመድ'), 'abiy ahmed');
    assert.equal(normaliseWord('정은').script, 'other');
  });

  it('reads Hangul, Devanagari and Bengali in Latin letters, for a reading against Latin names', () => {
    assert.equal(romanise('정은'), 'jong un');
    assert.equal(romanise('राम'), 'ram'); // the last inherent a is not said
    assert.equal(romanise('नरेन्द्र'), 'narendra'); // but after joined consonants
    assert.equal(romanise('মোহাম্মদ'), 'mohammad');
    assert.equal(romanise('金正恩'), undefined);
  });

  it('keeps scripts it has no table for, vowel signs included', () => {
    assert.equal(normaliseWord('नरेन्द्र').script, 'other');
    assert.notEqual(normaliseWord('मोडी').text, normaliseWord('मोदी').text);
  });
});

describe('splitting a name into words', () => {
  it('splits on spaces, hyphens and dots, and where the script changes', () => {
    assert.deepEqual(
      splitWords('Abd-al-Aziz J. محمدMohammed').map((w) => w.text),
      ['abd', 'al', 'aziz', 'j', 'محمد', 'mohammed'],
    );
  });

  it('marks the word before a comma, Latin or Arabic', () => {
    assert.deepEqual(
      splitWords('DOURI, Fatima').map((w) => w.commaAfter),
      [true, false],
    );
    assert.equal(splitWords('الدوري، فاطمة')[0]!.commaAfter, true);
  });

  it('marks a hyphen after a word, a capital first and Cyrillic script', () => {
    const [tse, tung] = splitWords('Tse-tung');
    assert.equal(tse!.hyphenAfter, true);
    assert.equal(tse!.capitalised, true);
    assert.equal(tung!.capitalised, false);
    assert.equal(splitWords('Tse tung')[0]!.hyphenAfter, false);
    assert.equal(splitWords('Аркадий')[0]!.cyrillic, true);
  });

  it('records capitals, mixed case and a capitalised glued article', () => {
    const [douri, fatima, alali] = splitWords('DOURI Fatima AlAli');
    assert.equal(douri!.upper, true);
    assert.equal(fatima!.mixed, true);
    assert.equal(alali!.gluedArticle, true);
    assert.equal(splitWords('ALALI')[0]!.gluedArticle, false);
  });
});

// Names as people type them: Arabic letters with marks and tatweel, Latin letters with
// diacritics and capitals, Hawar letters, separators.
const arabicChars = fc.constantFrom(...'ابتثجحخدذرسشصضطظعغفقكلمنهويأإآىةؤئءـًٌٍَُِّْٰ'.split(''));
const latinChars = fc.constantFrom(
  ..."abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZéèçşêîûÄÖÜñ'".split(''),
);
const separators = fc.constantFrom(' ', '-', ', ', '.', '  ');
const word = (chars: fc.Arbitrary<string>) =>
  fc.array(chars, { minLength: 1, maxLength: 8 }).map((c) => c.join(''));
const name = fc
  .array(fc.tuple(fc.oneof(word(arabicChars), word(latinChars)), separators), { minLength: 1, maxLength: 5 })
  .map((parts) => parts.map(([w, sep]) => w + sep).join(''));

describe('normalisation properties', () => {
  it('is idempotent', () => {
    fc.assert(
      fc.property(fc.oneof(name, fc.string()), (text) => {
        const once = normaliseName(text);
        assert.equal(normaliseName(once), once);
      }),
      { numRuns: 2000 },
    );
  });

  it('keeps each word in its script', () => {
    fc.assert(
      fc.property(fc.oneof(word(arabicChars), word(latinChars)), (w) => {
        const { text, script } = normaliseWord(w);
        if (text === '' || text === "'") return;
        assert.equal(normaliseWord(text).script, script);
        assert.equal(script, /[\u0600-\u06FF]/.test(w) ? 'arabic' : 'latin');
      }),
      { numRuns: 2000 },
    );
  });

  it('makes the same name typed with and without marks, capitals or diacritics the same', () => {
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom(...'بتجدرسعفقلمنهوي'.split('')), { minLength: 2, maxLength: 6 }),
        (letters) => {
          const plain = letters.join('');
          const marked = letters.map((l) => `${l}\u064e`).join('\u0640');
          assert.equal(normaliseName(marked), normaliseName(plain));
        },
      ),
    );
  });
});
