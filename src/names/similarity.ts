// How alike two name parts sound: a weighted edit distance over phones (`phones.ts`), where the
// cost of a substitution says how often one spelling stands for the other sound (Latin "g" for
// ج in Egyptian spelling: cheap; ب for ت: a different name), and the cost of leaving a phone out
// depends on the scripts compared: Arabic script never writes short vowels, so a Latin "a" with
// nothing against it in Arabic costs almost nothing, while between two Latin spellings it is a
// real difference. An Arabic name whose vowels are known (`vowels.ts`) meets Latin spellings as a
// Latin spelling itself. Similarity is 1 − distance / weighted length, in [0, 1].
import type { Script } from './normalise.ts';
import { LONG_VOWELS, PHONE_COUNT, PHONES, type Phone, phoneId, phoneIds, SHORT_VOWELS } from './phones.ts';
import { readingsOf } from './readings.ts';
import { vocalise } from './vowels.ts';

/** Which scripts are compared: the cost of a missing short vowel depends on it. */
type Mode = 0 | 1 | 2;
const LATIN_LATIN: Mode = 0;
const CROSS: Mode = 1;
const ARABIC_ARABIC: Mode = 2;

function modeOf(a: Script, b: Script): Mode {
  if (a === 'arabic' && b === 'arabic') return ARABIC_ARABIC;
  return a === 'arabic' || b === 'arabic' ? CROSS : LATIN_LATIN;
}

const SUB = new Float32Array(PHONE_COUNT * PHONE_COUNT).fill(1);
/** Substitutions that only two Latin spellings allow (both may stand for one Arabic letter). */
const SUB_LATIN = new Float32Array(PHONE_COUNT * PHONE_COUNT);
const INDEL = [0, 1, 2].map(() => new Float32Array(PHONE_COUNT).fill(1));
/** Weight of a phone in the length a distance is measured against: a consonant is 1. */
const WEIGHT = new Float32Array(PHONE_COUNT).fill(1);

function near(a: Phone, b: Phone, cost: number): void {
  SUB[phoneId(a) * PHONE_COUNT + phoneId(b)] = cost;
  SUB[phoneId(b) * PHONE_COUNT + phoneId(a)] = cost;
}
function nearInLatin(a: Phone, b: Phone, cost: number): void {
  SUB_LATIN[phoneId(a) * PHONE_COUNT + phoneId(b)] = cost;
  SUB_LATIN[phoneId(b) * PHONE_COUNT + phoneId(a)] = cost;
}
function indel(p: Phone, latin: number, cross: number, arabic = cross): void {
  INDEL[LATIN_LATIN]![phoneId(p)] = latin;
  INDEL[CROSS]![phoneId(p)] = cross;
  INDEL[ARABIC_ARABIC]![phoneId(p)] = arabic;
}

for (const p of PHONES) {
  SUB[phoneId(p) * PHONE_COUNT + phoneId(p)] = 0;
  if (SHORT_VOWELS.has(p)) {
    WEIGHT[phoneId(p)] = 0.25;
    indel(p, 0.35, 0.05);
  } else if (LONG_VOWELS.has(p)) {
    WEIGHT[phoneId(p)] = 0.8;
    // Arabic script writes every long vowel: one spelt out in Latin ("ei", "ee", "oo") and
    // absent from the Arabic is another name (Hussein is not حسن).
    indel(p, 0.8, 0.9, 0.9);
  }
}

// Short vowels: o/u and a/e, e/i are written for one another; a for i, o or u changes the name.
near('a', 'e', 0.15);
near('e', 'i', 0.15);
near('o', 'u', 0.05);
near('a', 'i', 0.7);
near('a', 'o', 0.7);
near('a', 'u', 0.7);
// An unstressed e, i or u is written for one another (Youssef, Yousif, Yusuf).
near('e', 'o', 0.3);
near('e', 'u', 0.3);
near('i', 'o', 0.4);
near('i', 'u', 0.4);
// A Latin vowel for an Arabic long vowel: cheap when its quality fits, dear when it does not
// (Hassan's second a is no ي).
for (const [short, long, cost] of [
  ['a', 'A', 0.1],
  ['e', 'A', 0.6],
  ['i', 'A', 0.9],
  ['o', 'A', 0.9],
  ['u', 'A', 0.9],
  ['a', 'Y', 0.9],
  ['e', 'Y', 0.2],
  ['i', 'Y', 0.1],
  ['o', 'Y', 0.9],
  ['u', 'Y', 0.9],
  ['a', 'W', 0.9],
  ['e', 'W', 0.9],
  ['i', 'W', 0.9],
  ['o', 'W', 0.1],
  ['u', 'W', 0.1],
] as [Phone, Phone, number][]) {
  near(short, long, cost);
}

// Final ي/ى is ī (Ali) or ā (Musa, Mustafa); final ه/ة is the ta marbuta of Fatima(h) or an h.
WEIGHT[phoneId('Yf')] = 0.5;
indel('Yf', 0.6, 0.6, 0.9);
near('Yf', 'Y', 0);
near('Yf', 'A', 0.1);
near('Yf', 'i', 0.1);
near('Yf', 'a', 0.15);
near('Yf', 'e', 0.2);
near('Yf', 'E0', 0.3);
WEIGHT[phoneId('Hf')] = 0.3;
indel('Hf', 0.15, 0.15, 0.5);
near('Hf', 'a', 0.05);
near('Hf', 'e', 0.05);
near('Hf', 'E0', 0.05);
near('Hf', 'A', 0.1);
near('Hf', 'h', 0.1);
near('Hf', 'ħ', 0.2);
near('Hf', 'i', 0.3);
near('Hf', 'o', 0.3);
near('Hf', 'u', 0.3);
near('Hf', 't', 0.4);
WEIGHT[phoneId('E0')] = 0.1;
indel('E0', 0.05, 0.05);
near('E0', 'a', 0.1);
near('E0', 'e', 0.05);
near('E0', 'i', 0.1);

// Ayn and hamza: often unwritten in Latin, or written as a vowel or an apostrophe.
WEIGHT[phoneId('ʕ')] = 0.3;
WEIGHT[phoneId('ʔ')] = 0.3;
indel('ʕ', 0.2, 0.2, 0.9);
indel('ʔ', 0.1, 0.1, 0.3);
near('ʕ', 'ʔ', 0.1);
for (const v of ['a', 'e', 'i', 'o', 'u'] as Phone[]) {
  near('ʕ', v, 0.1);
  near('ʔ', v, 0.05);
}
near('ʕ', 'A', 0.2);
near('ʔ', 'A', 0.1);
near('ʕ', 'Y', 0.6);
near('ʕ', 'W', 0.6);
near('ʔ', 'Y', 0.5);
near('ʔ', 'W', 0.5);
near('ʕ', 'ɣ', 0.6);

// Consonants that one spelling writes for another.
near('h', 'ħ', 0.05);
near('x', 'ħ', 0.3);
near('x', 'h', 0.3);
near('x', 'k', 0.4);
near('x', 'CH', 0.3);
nearInLatin('h', 'CH', 0.3); // German Achmed
near('x', 'j', 0.4); // Spanish j: Jalid for Khalid
near('t', 'T', 0.05);
near('t', 'θ', 0.3);
near('T', 'θ', 0.3);
near('s', 'θ', 0.3); // Osman for Uthman
near('S', 'θ', 0.4);
near('d', 'D', 0.05);
near('d', 'ð', 0.3);
near('D', 'ð', 0.2);
near('ð', 'Ð', 0.05);
near('ð', 'θ', 0.2);
near('Ð', 'D', 0.2);
near('d', 'Ð', 0.3);
near('z', 'ð', 0.15);
near('z', 'Ð', 0.3);
near('z', 'D', 0.5);
nearInLatin('z', 'd', 0.4); // both may spell ظ: Zaher, Daher
nearInLatin('z', 'θ', 0.4); // both may spell ذ: Moaz, Muath
near('s', 'S', 0.05);
near('s', 'z', 0.4);
near('s', 'ċ', 0.05);
near('c', 'k', 0);
near('c', 'q', 0.1);
near('c', 'ċ', 0.3);
near('c', 'tʃ', 0.3);
near('ċ', 'CH', 0.3);
near('c', 'CH', 0.3);
near('c', 's', 0.5);
near('w', 'W', 0);
near('w', 'v', 0.2);
near('w', 'f', 0.4);
indel('w', 0.6, 0.6);
near('S', 'ċ', 0.1);
near('k', 'ċ', 0.4);
near('j', 'ċ', 0.4); // Kurdish Hawar c: Cemal
near('tʃ', 'ċ', 0.4);
near('s', 'ʃ', 0.5);
near('ʃ', 'CH', 0.05);
near('tʃ', 'CH', 0.05);
near('ʃ', 'tʃ', 0.15);
near('k', 'CH', 0.4);
near('ʃ', 'ʒ', 0.4);
near('j', 'ʒ', 0.15);
near('z', 'ʒ', 0.4);
near('j', 'g', 0.3); // Egyptian g: Gamal
near('q', 'g', 0.3); // Gulf and Bedouin g: Gasim
near('k', 'g', 0.4);
near('ɣ', 'g', 0.2);
near('ɣ', 'q', 0.4);
near('ɣ', 'k', 0.5);
near('ɣ', 'x', 0.5);
near('q', 'k', 0.1);
near('j', 'Y', 0.4); // Spanish and German y/j: Yalal, Jan
near('t', 'd', 0.5); // Turkish Ahmet, Mehmet
near('b', 'p', 0.2);
near('f', 'v', 0.2);
near('v', 'W', 0.2);
near('b', 'v', 0.5);
near('f', 'p', 0.5);
near('r', 'l', 0.8);
near('m', 'n', 0.9);
indel('h', 0.8, 0.8, 1);

/**
 * Two neighbouring consonants swapped are a slip (Hihcam); a vowel swapped with a consonant makes
 * another word (Ahmed, Hamed; صلاح, صالح).
 */
const TRANSPOSE = 0.5;
const TRANSPOSE_VOWEL = 1;

/**
 * A word that starts with a vowel sound against one that starts with a consonant: an Arabic word
 * writes a letter for its first vowel (أحمد, عمر), so Ahmed is not Hamid, nor Hamed.
 */
const ONSET = [0.4, 0.6, 0.6];
/** Ayn or hamza and a vowel in Arabic for one Latin vowel: the "a" of Adel is عا. */
const MERGE = 0.05;

const GLOTTAL = new Uint8Array(PHONE_COUNT);
const VOWEL = new Uint8Array(PHONE_COUNT);
for (const p of ['ʕ', 'ʔ'] as Phone[]) GLOTTAL[phoneId(p)] = 1;
for (const p of ['a', 'e', 'i', 'o', 'u', 'A', 'W', 'Y', 'Yf'] as Phone[]) VOWEL[phoneId(p)] = 1;

/** Starts with a vowel sound: a vowel, ayn, hamza, or a y/w used as a vowel (Eissa). */
function vowelOnset(x: Uint8Array): boolean {
  const first = x[0];
  if (first === undefined) return false;
  if (GLOTTAL[first] || (VOWEL[first] && first !== phoneId('W') && first !== phoneId('Y'))) return true;
  return (first === phoneId('W') || first === phoneId('Y')) && x.length > 1 && !VOWEL[x[1]!];
}

/** Weighted length of a phone sequence: what a distance is measured against. */
function weightedLength(phones: Uint8Array): number {
  let w = 0;
  for (let i = 0; i < phones.length; i++) w += WEIGHT[phones[i]!]!;
  return w;
}

// Reused rows of the dynamic programme (names are short: 64 phones is far beyond any part).
const MAX = 64;
let rowA = new Float32Array(MAX + 1);
let rowB = new Float32Array(MAX + 1);
let rowC = new Float32Array(MAX + 1);

/** Weighted Damerau (optimal string alignment) distance between two phone sequences. */
function phoneDistance(a: Uint8Array, b: Uint8Array, mode: Mode): number {
  const del = INDEL[mode]!;
  const n = Math.min(a.length, MAX);
  const m = Math.min(b.length, MAX);
  let prev2 = rowA;
  let prev = rowB;
  let cur = rowC;
  const latinSub = mode === LATIN_LATIN;
  prev[0] = 0;
  for (let j = 1; j <= m; j++) prev[j] = prev[j - 1]! + del[b[j - 1]!]!;
  for (let i = 1; i <= n; i++) {
    const ai = a[i - 1]!;
    const delA = del[ai]!;
    cur[0] = prev[0]! + delA;
    const subRow = ai * PHONE_COUNT;
    for (let j = 1; j <= m; j++) {
      const bj = b[j - 1]!;
      let sub = SUB[subRow + bj]!;
      if (latinSub && SUB_LATIN[subRow + bj]! > 0 && SUB_LATIN[subRow + bj]! < sub)
        sub = SUB_LATIN[subRow + bj]!;
      let best = prev[j - 1]! + sub;
      const up = prev[j]! + delA;
      if (up < best) best = up;
      const left = cur[j - 1]! + del[bj]!;
      if (left < best) best = left;
      if (VOWEL[ai] && j > 1 && VOWEL[bj] && GLOTTAL[b[j - 2]!]) {
        const merged = prev[j - 2]! + SUB[subRow + bj]! + MERGE;
        if (merged < best) best = merged;
      }
      if (VOWEL[bj] && i > 1 && VOWEL[ai] && GLOTTAL[a[i - 2]!]) {
        const merged = prev2[j - 1]! + SUB[subRow + bj]! + MERGE;
        if (merged < best) best = merged;
      }
      if (i > 1 && j > 1 && ai === b[j - 2] && a[i - 2] === bj && ai !== bj) {
        const swap = prev2[j - 2]! + (VOWEL[ai] || VOWEL[bj] ? TRANSPOSE_VOWEL : TRANSPOSE);
        if (swap < best) best = swap;
      }
      cur[j] = best;
    }
    const t = prev2;
    prev2 = prev;
    prev = cur;
    cur = t;
  }
  const d = prev[m]! + (n > 0 && m > 0 && vowelOnset(a) !== vowelOnset(b) ? ONSET[mode]! : 0);
  rowA = prev2;
  rowB = prev;
  rowC = cur;
  return d;
}

/** Plain Levenshtein similarity on code points, for scripts without phones (Han, Hangul...). */
function letterSimilarity(a: string, b: string): number {
  const x = [...a];
  const y = [...b];
  if (x.length === 0 || y.length === 0) return 0;
  let prev = Array.from({ length: y.length + 1 }, (_, j) => j);
  for (let i = 1; i <= x.length; i++) {
    const cur = [i];
    for (let j = 1; j <= y.length; j++) {
      cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (x[i - 1] === y[j - 1] ? 0 : 1));
    }
    prev = cur;
  }
  return 1 - prev[y.length]! / Math.max(x.length, y.length);
}

interface Phones {
  phones: Uint8Array;
  length: number;
}

/** A part form ready to be compared: its phones and weighted length, computed once. */
export interface Sounds extends Phones {
  form: string;
  script: Script;
  /** Arabic script with known vowels (`vowels.ts`): the phones of its usual romanisations. */
  vowelled?: Phones[];
  /**
   * Other readings of a form, in Latin script (`readings.ts`), with the similarity a reading can
   * give at most: a spelling nearly that of one spelling, a hypocorism that of a close spelling.
   */
  readings?: (Phones & { most: number })[];
}

function phonesWithLength(form: string, script: Script): Phones {
  const phones = phoneIds(form, script);
  return { phones, length: weightedLength(phones) };
}

export function sounds(form: string, script: Script): Sounds {
  const out: Sounds = { form, script, ...phonesWithLength(form, script) };
  const vowelled = script === 'arabic' ? vocalise(form) : null;
  if (vowelled) out.vowelled = vowelled.map((r) => phonesWithLength(r, 'latin'));
  const readings = readingsOf(form, script);
  if (readings.length > 0) {
    out.readings = readings.map((r) => ({
      ...phonesWithLength(r.form, 'latin'),
      most: r.spelling ? AS_SPELT : THROUGH_READING,
    }));
    // A script without phones is as long as its romanisation (parts read together must be).
    if (script === 'other') out.length = out.readings[0]!.length;
  }
  return out;
}

function phoneSimilarity(a: Phones, b: Phones, mode: Mode): number {
  const length = Math.max(a.length, b.length);
  if (length === 0) return 0;
  return Math.max(0, 1 - phoneDistance(a.phones, b.phones, mode) / length);
}

/** An initial against a name: as good as a near spelling if the letters agree ("J." for "John"). */
const INITIAL_MATCH = 0.9;

/**
 * Two parts that meet through a reading (Ted, Theodore) are one name, as two spellings just
 * close enough to be one (`SAME` in score.ts), never as alike as one spelling.
 */
const THROUGH_READING = 0.88;
/** Two parts that meet as one spelling of a name in two systems (Tse-tung, Zedong; 정은, Jong Un). */
const AS_SPELT = 0.97;

export function similarity(a: Sounds, b: Sounds): number {
  const s = directSimilarity(a, b);
  if ((a.readings === undefined && b.readings === undefined) || s >= AS_SPELT) return s;
  return Math.max(s, readingSimilarity(a, b));
}

/**
 * The best similarity of the readings of two parts, each read as itself (if in Latin script) or
 * a reading; a reading of another script (Hangul) meets Latin names only.
 */
function readingSimilarity(a: Sounds, b: Sounds): number {
  if (a.script === 'arabic' || b.script === 'arabic' || (a.script === 'other' && b.script === 'other'))
    return 0;
  let best = 0;
  const own = { most: 1 };
  for (const x of a.script === 'latin' ? [{ ...a, ...own }, ...(a.readings ?? [])] : (a.readings ?? [])) {
    for (const y of b.script === 'latin' ? [{ ...b, ...own }, ...(b.readings ?? [])] : (b.readings ?? [])) {
      if (x.most < 1 || y.most < 1)
        best = Math.max(best, Math.min(x.most, y.most, phoneSimilarity(x, y, LATIN_LATIN)));
    }
  }
  return best;
}

function directSimilarity(a: Sounds, b: Sounds): number {
  if (a.form === b.form && a.script === b.script) return 1;
  if ((a.form.length === 1 || b.form.length === 1) && a.script === 'latin' && b.script === 'latin') {
    return a.form[0] === b.form[0] ? INITIAL_MATCH : 0;
  }
  if (a.script === 'other' || b.script === 'other') {
    return a.script === b.script ? letterSimilarity(a.form, b.form) : 0;
  }
  const mode = modeOf(a.script, b.script);
  // An Arabic name whose vowels are known meets a Latin spelling as two Latin spellings do.
  const vowelled = mode === CROSS ? (a.vowelled ?? b.vowelled) : undefined;
  if (vowelled) {
    const latin = a.vowelled ? b : a;
    return Math.max(...vowelled.map((v) => phoneSimilarity(v, latin, LATIN_LATIN)));
  }
  return phoneSimilarity(a, b, mode);
}
