// Names as sequences of sounds ("phones"), one alphabet for Arabic script and Latin spellings.
//
// Arabic script writes every consonant and the long vowels (ا و ي) but not the short ones; Latin
// spellings write every vowel but do not tell long from short, and spell one Arabic consonant in
// several ways (ج: j, g, dj; ش: sh, ch; ق: q, k, g). So an Arabic letter becomes one precise
// phone, a Latin grapheme becomes the phone it most often spells, and the cost table of
// `similarity.ts` says which phones a spelling may stand for. The vowels keep what the evidence
// allows: a Latin "ei", "ee", "ai" or "y" is the long ي of حسين (Hussein), a plain "a" may be a
// short vowel or ا, so Hassan and Hussein stay apart while Mohammed and Muhammad meet.
import type { Script } from './normalise.ts';

/** The phone alphabet. Short vowels and `E0` occur in Latin spellings only. */
export const PHONES = [
  // short vowels
  'a',
  'e',
  'i',
  'o',
  'u',
  // long vowels and semivowels: ا, و (w, ū), ي (y, ī)
  'A',
  'W',
  'Y',
  // word-final weak endings: ى/ي (ā or ī), ه/ة (ta marbuta, or a final h), French silent e
  'Yf',
  'Hf',
  'E0',
  // ayn and the hamza seat of an initial alef
  'ʕ',
  'ʔ',
  // consonants
  'b',
  'p',
  't',
  'T', // ط
  'θ', // ث, Latin th
  'j', // ج, Latin j, dj
  'g', // Latin g, گ
  'ħ', // ح
  'h', // ه, Latin h
  'x', // خ, Latin kh
  'd',
  'D', // ض
  'ð', // ذ, Latin dh
  'Ð', // ظ
  'r',
  'z',
  's',
  'S', // ص
  'c', // Latin c elsewhere: k, but the ts or ch of Slavic and Italian spellings too
  'ċ', // Latin c before e, i, y
  'w', // Latin w: و, or the v of Slavic and German names
  'ʃ', // ش, Latin sh, sch
  'tʃ', // چ, تش, Latin tch
  'CH', // Latin ch: ش in French spelling, tʃ in English, x in German
  'ʒ', // ژ, Latin zh
  'ɣ', // غ, Latin gh
  'f',
  'v',
  'q',
  'k',
  'l',
  'm',
  'n',
] as const;
export type Phone = (typeof PHONES)[number];

export const PHONE_COUNT = PHONES.length;
const ID = new Map<string, number>(PHONES.map((p, i) => [p, i]));
export const phoneId = (p: Phone): number => ID.get(p)!;

export const SHORT_VOWELS: ReadonlySet<Phone> = new Set(['a', 'e', 'i', 'o', 'u']);
export const LONG_VOWELS: ReadonlySet<Phone> = new Set(['A', 'W', 'Y']);

const ARABIC: Record<string, Phone> = {
  ب: 'b',
  ت: 't',
  ث: 'θ',
  ج: 'j',
  ح: 'ħ',
  خ: 'x',
  د: 'd',
  ذ: 'ð',
  ر: 'r',
  ز: 'z',
  س: 's',
  ش: 'ʃ',
  ص: 'S',
  ض: 'D',
  ط: 'T',
  ظ: 'Ð',
  ع: 'ʕ',
  غ: 'ɣ',
  ف: 'f',
  ق: 'q',
  ك: 'k',
  ل: 'l',
  م: 'm',
  ن: 'n',
  و: 'W',
  پ: 'p',
  چ: 'tʃ',
  ژ: 'ʒ',
  گ: 'g',
  ڤ: 'v',
};

function arabicPhones(text: string): Phone[] {
  const letters = [...text];
  const out: Phone[] = [];
  letters.forEach((ch, i) => {
    const final = i === letters.length - 1 && i > 0;
    if (ch === 'ا') out.push(i === 0 ? 'ʔ' : 'A');
    else if (ch === 'ي') out.push(final ? 'Yf' : 'Y');
    else if (ch === 'ه') out.push(final ? 'Hf' : 'h');
    else if (ch === 'ش' && out[out.length - 1] === 't') out[out.length - 1] = 'tʃ';
    else if (ch === 'ج' && out[out.length - 1] === 'd') out[out.length - 1] = 'j';
    else {
      const p = ARABIC[ch];
      if (p) out.push(p);
    }
  });
  return out;
}

// Latin graphemes, longest first. Vowel pairs that spell a long vowel or a diphthong map to it.
const LATIN_GRAPHEMES: [string, Phone[]][] = [
  ['tsch', ['tʃ']],
  ['dzh', ['j']],
  ['sch', ['ʃ']],
  ['tch', ['tʃ']],
  ['sh', ['ʃ']],
  ['sz', ['ʃ']],
  ['cz', ['tʃ']],
  ['ch', ['CH']],
  ['zh', ['ʒ']],
  ['kh', ['x']],
  ['gh', ['ɣ']],
  ['th', ['θ']],
  ['dh', ['ð']],
  ['ph', ['f']],
  ['dj', ['j']],
  ['dt', ['t']],
  ['ck', ['k']],
  ['aa', ['A']],
  ['ee', ['Y']],
  ['ii', ['Y']],
  ['ei', ['Y']],
  ['ey', ['Y']],
  ['ie', ['Y']],
  ['iy', ['Y']],
  ['oo', ['W']],
  ['uu', ['W']],
  ['ou', ['u']],
  ['x', ['k', 's']],
  ['b', ['b']],
  ['c', ['c']],
  ['d', ['d']],
  ['f', ['f']],
  ['g', ['g']],
  ['h', ['h']],
  ['j', ['j']],
  ['k', ['k']],
  ['l', ['l']],
  ['m', ['m']],
  ['n', ['n']],
  ['p', ['p']],
  ['q', ['q']],
  ['r', ['r']],
  ['s', ['s']],
  ['t', ['t']],
  ['v', ['v']],
  ['w', ['w']],
  ['z', ['z']],
  ['a', ['a']],
  ['e', ['e']],
  ['i', ['i']],
  ['o', ['o']],
  ['u', ['u']],
  ['y', ['Y']],
  ["'", ['ʕ']],
];

const VOWEL_LETTER = /[aeiouy]/;

function latinPhones(text: string): Phone[] {
  const out: Phone[] = [];
  let i = 0;
  while (i < text.length) {
    const rest = text.slice(i);
    let [grapheme, phones] = LATIN_GRAPHEMES.find(([g]) => rest.startsWith(g)) ?? ['', []];
    if (grapheme === '') {
      i++;
      continue;
    }
    const before = text[i - 1];
    const after = text[i + grapheme.length];
    const end = i + grapheme.length === text.length;
    // "ai"/"ay" is the diphthong of Faisal, Zainab, Hussain; but a vowel and then a y at the
    // start (Aisha, Ayman), two vowels at the end (the -āʿī of Rifai), and an a before the "ie"
    // of Saied.
    if (
      (rest.startsWith('ai') || rest.startsWith('ay')) &&
      i > 0 &&
      rest !== 'ai' &&
      !VOWEL_LETTER.test(rest[2] ?? '')
    ) {
      grapheme = rest.slice(0, 2);
      phones = ['Y'];
    } else if ((rest === 'ej' || rest === 'ij') && i > 0) {
      // The Slavic final -ej, -ij is the y of -ey, -iy (Sergej, Andrej, Dmitrij).
      grapheme = rest;
      phones = ['Y'];
    } else if (/^w(oo|ou|u)/.test(rest)) {
      // Arabic writes one و for "wū": داود is Dawood and Daoud.
      grapheme = rest.startsWith('wu') ? 'wu' : rest.slice(0, 3);
      phones = ['W'];
    } else if (rest.startsWith('aw') && i > 0 && !VOWEL_LETTER.test(text[i + 2] ?? 'a')) {
      // "aw" before a consonant is the diphthong of Mawsili (Mosuli)
      grapheme = 'aw';
      phones = ['W'];
    } else if (grapheme === 'c' && after !== undefined && /[eiy]/.test(after)) phones = ['ċ'];
    // An initial x is the sh of Chinese, Portuguese and Basque spellings (Xi, Xavier), not ks.
    else if (grapheme === 'x' && i === 0) phones = ['ʃ'];
    else if (
      grapheme === 'y' &&
      before !== undefined &&
      !VOWEL_LETTER.test(before) &&
      after !== undefined &&
      !VOWEL_LETTER.test(after)
    )
      phones = ['i'];
    else if (grapheme === 'ou' && i === 0 && after !== undefined && VOWEL_LETTER.test(after)) phones = ['W'];
    else if (grapheme === 'h' && end && before !== undefined && VOWEL_LETTER.test(before)) phones = ['Hf'];
    else if (grapheme === 'e' && end && i >= 3 && before !== undefined && !VOWEL_LETTER.test(before))
      phones = ['E0'];
    for (const p of phones) {
      // A doubled consonant is one sound to compare (Hassan, Hasan).
      if (out[out.length - 1] === p && !SHORT_VOWELS.has(p)) continue;
      out.push(p);
    }
    i += grapheme.length;
  }
  return out;
}

/**
 * The phones of a part form (`parse.ts`) in its script; 'other' scripts have none and are compared
 * letter by letter.
 */
export function phonesOf(form: string, script: Script): readonly Phone[] {
  if (script === 'other') return [];
  const key = `${script[0]}${form}`;
  let phones = memo.get(key);
  if (phones === undefined) {
    // The pieces of a compound ("abd hamid") are sounded apart: no "dh" across the join.
    phones = form.split(' ').flatMap(script === 'arabic' ? arabicPhones : latinPhones);
    if (memo.size >= MEMO_SIZE) memo.clear();
    memo.set(key, phones);
  }
  return phones;
}

/** Names repeat: the phones of the last forms met are kept (a bounded memo, emptied when full). */
const MEMO_SIZE = 200_000;
const memo = new Map<string, Phone[]>();

export function phoneIds(form: string, script: Script): Uint8Array {
  return Uint8Array.from(phonesOf(form, script), phoneId);
}
