// Keys under which a name part is filed, so that a search reaches the spellings of a name without
// comparing the query with every registered name.
//
// The cross-script key is a consonant skeleton: the phones of `phones.ts` reduced to classes that
// every spelling of one Arabic name shares (محمد, Mohammed, Muhammad, Mohamad: MHMD). Vowels go,
// because Arabic script does not write the short ones; so do the semivowels inside a word (the و of
// Daoud is "w", "ou" or nothing in Latin) but not at its start (Walid, Yasin). Where a Latin letter
// is ambiguous the key has alternatives: "g" is ج in Egypt and ق in the Gulf, "j" is خ in Spanish
// (Jalid), a final "h" may be ح (Saleh) or nothing (Fatimah). The European key is a compact
// Metaphone-like code for names of European and Central Asian origin, where w and v, j and y, and
// gendered endings (Karimova, Kowalska) vary.
import type { Script } from './normalise.ts';
import { type Phone, phonesOf } from './phones.ts';

/** At most this many alternative skeletons per part: a bound on the ambiguity one word may add. */
const MAX_ALTERNATIVES = 12;

const CLASS: Partial<Record<Phone, string>> = {
  b: 'B',
  p: 'B',
  t: 'T',
  T: 'T',
  θ: 'T',
  j: 'J',
  ʒ: 'J',
  g: 'K',
  ħ: 'H',
  h: 'H',
  x: 'H',
  d: 'D',
  D: 'D',
  ð: 'D',
  Ð: 'D',
  r: 'R',
  z: 'S',
  s: 'S',
  S: 'S',
  ċ: 'S',
  ʃ: 'X',
  tʃ: 'X',
  CH: 'X',
  ɣ: 'K',
  q: 'K',
  k: 'K',
  c: 'K',
  w: '',
  f: 'F',
  v: 'F',
  l: 'L',
  m: 'M',
  n: 'N',
};

/** Other classes a phone may stand for, by the script it was read from. */
function alternativesOf(p: Phone, script: Script, initial: boolean, final: boolean, next?: Phone): string[] {
  switch (p) {
    case 'θ':
      return script === 'latin' ? ['T', 'S', 'TH'] : ['T', 'S'];
    case 'ð':
    case 'Ð':
      return script === 'latin' ? ['D', 'S', 'DH'] : ['D', 'S'];
    case 'W':
      return initial ? (script === 'latin' ? ['W', 'F'] : ['W']) : [''];
    case 'Y':
      return initial ? (script === 'latin' ? ['Y', 'J'] : ['Y']) : [''];
    case 'Hf':
      return script === 'latin' && final ? ['', 'H'] : [''];
    default:
      break;
  }
  if (script !== 'latin') return [CLASS[p] ?? ''];
  // Latin letters that several sounds are spelt with.
  switch (p) {
    case 'g':
      // Italian gn and gli: the g is not said.
      return next === 'n' || next === 'l' ? ['K', 'J', ''] : ['K', 'J', 'H'];
    case 'j':
      return initial ? ['J', 'H', 'Y'] : ['J', 'H', ''];
    case 'z':
      return ['S', 'TS'];
    case 's':
    case 't':
    case 'd':
      // French final consonants are often not said (Bachelard, Arnaud, Dubois).
      return final && !initial ? [CLASS[p]!, ''] : [CLASS[p]!];
    case 'CH':
      return ['X', 'K', 'H'];
    case 'c':
      return ['K', 'X', 'S'];
    case 'ċ':
      return ['S', 'X'];
    case 'ʃ':
      // sh, or s then h (Ishaq), or the s of Hungarian sz
      return ['X', 'SH', 'S'];
    case 'ɣ':
      return ['K', ''];
    case 'v':
      return initial ? ['F', 'W'] : ['F', 'B', ''];
    case 'w':
      return initial ? ['W', 'F'] : ['', 'F'];
    case 'h':
      // a silent h: German Ahlefeld, French Herminie
      return final ? ['H'] : ['H', ''];
    default:
      return [CLASS[p] ?? ''];
  }
}

/** The consonant skeletons of a part form (first the most likely reading), without duplicates. */
export function skeletons(form: string, script: Script): string[] {
  if (script === 'other') return [form];
  let keys = [''];
  for (const piece of form.split(' ')) {
    const phones = phonesOf(piece, script);
    phones.forEach((p, i) => {
      const options = alternativesOf(p, script, i === 0, i === phones.length - 1, phones[i + 1]);
      const next: string[] = [];
      for (const key of keys) {
        for (const option of options) {
          if (next.length >= MAX_ALTERNATIVES) break;
          next.push(option !== '' && key.endsWith(option) ? key : key + option);
        }
      }
      keys = [...new Set(next)];
    });
  }
  return keys;
}

/** The keys with one class left out: a typo in one consonant still meets its name. */
export function deletions(key: string): string[] {
  if (key.length < 3) return [];
  const out = new Set<string>();
  for (let i = 0; i < key.length; i++) out.add(key.slice(0, i) + key.slice(i + 1));
  return [...out];
}

/**
 * The European phonetic key of a Latin part form, or null for other scripts: letters to
 * Metaphone-like classes, voicing ignored (b/p, d/t, g/k, s/z, f/v/w) as spellings of one name
 * across languages ignore it, vowels dropped but for an initial one.
 */
export function europeanKey(form: string, script: Script): string | null {
  if (script !== 'latin') return null;
  const s = form
    .replace(/[' ]/g, '')
    .replace(/^(kn|gn|pn|wr|ps)/, (m) => m.slice(1))
    .replace(/(ov|ev|in)a$/, '$1')
    .replace(/sk(a|aja|aya|iy|ij|y|yj)$/, 'ski')
    .replace(/(tsch|sch|tch|sh|sz|cz|zh|ch)/g, 'X')
    .replace(/c(?=[eiy])/g, 's')
    .replace(/(ck|c|q|g|kh|gh)/g, 'k')
    .replace(/x/g, 'ks')
    .replace(/ph|v|w/g, 'f')
    .replace(/th|dt|d/g, 't')
    .replace(/z|ß/g, 's')
    .replace(/b/g, 'p');
  // A first vowel is kept as A, a first j or y (Julia, Yulia) as Y.
  const first = /^[aeiou]/.test(s) ? 'A' : /^[jy]/.test(s) ? 'Y' : '';
  const consonants = s.replace(/[aeiouyjh]/g, '').toUpperCase();
  return (first + consonants).replace(/(.)\1+/g, '$1');
}
