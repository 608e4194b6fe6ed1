// Character-level normalisation of names: Unicode NFKC and case folding, Arabic letter forms, Latin
// diacritics, Kurdish Hawar letters, and the split of a written name into words. What a word MEANS
// (article, marker, compound, role) is the parser's business; this module only makes two spellings
// that differ by the way they were typed the same string.

export type Script = 'arabic' | 'latin' | 'other';

/** One word of a name as written: its normalised text, its script, and what its capitals said. */
export interface Word {
  text: string;
  script: Script;
  /** Written in capitals throughout (two letters or more): "DOURI" in "DOURI, Fatima". */
  upper: boolean;
  /** Written with mixed case: lets "DOURI Fatima" be told from "FATIMA DOURI". */
  mixed: boolean;
  /** Latin "AlAli", "ElMasri": the article glued on and marked by the capital that follows it. */
  gluedArticle: boolean;
  /** A comma or semicolon came right after this word ("DOURI, Fatima"). */
  commaAfter: boolean;
  /** Written in Cyrillic script (and romanised here): Russian lists write the family name first. */
  cyrillic: boolean;
  /** Written with a capital first ("Tse" but not "tung" in "Tse-tung"). */
  capitalised: boolean;
  /** A hyphen came right after this word ("Tse-tung", "Díaz-Canel"). */
  hyphenAfter: boolean;
}

const ARABIC_LETTER = /[\u0620-\u064A\u066E-\u06D5\u06EE\u06EF\u06FA-\u06FF\u0750-\u077F\u08A0-\u08FF]/;

// Tashkeel, Quranic annotation signs, superscript alef and tatweel: vowel marks and decoration
// that writers add or leave out freely.
const ARABIC_MARKS = /[\u0610-\u061A\u064B-\u065F\u0670\u06D6-\u06DC\u06DF-\u06E8\u06EA-\u06ED\u0640]/g;

/**
 * Arabic letter forms that spell the same sound in names: hamza seats and madda on alef, alef
 * maksura and the Persian/Kurdish yeh, ta marbuta (pronounced and transliterated as a final
 * vowel), the Persian kaf and Kurdish heh forms. The letters proper to Persian and Kurdish (پ چ ژ
 * گ ڤ) stay: they are other sounds.
 */
const ARABIC_FORMS: Record<string, string> = {
  أ: 'ا',
  إ: 'ا',
  آ: 'ا',
  ٱ: 'ا',
  ٲ: 'ا',
  ٳ: 'ا',
  ى: 'ي',
  ی: 'ي',
  ې: 'ي',
  ێ: 'ي',
  ئ: 'ي',
  ؤ: 'و',
  ۆ: 'و',
  ۊ: 'و',
  ۋ: 'و',
  ة: 'ه',
  ۀ: 'ه',
  ە: 'ه',
  ہ: 'ه',
  ھ: 'ه',
  ک: 'ك',
  ڪ: 'ك',
  ڵ: 'ل',
  ڕ: 'ر',
  ء: '',
};

/**
 * Latin letters that NFD does not take apart, and the Kurdish Hawar (and Turkish) letters whose
 * diacritic changes the sound: ç and ş are "ch" and "sh", not c and s. î and û are the long
 * vowels, written doubled so that they still read as long once the hat is gone.
 */
const LATIN_LETTERS: Record<string, string> = {
  ç: 'ch',
  ş: 'sh',
  š: 'sh',
  ž: 'zh',
  č: 'ch',
  ć: 'ch',
  ğ: 'gh',
  î: 'ii',
  û: 'uu',
  ß: 'ss',
  æ: 'ae',
  œ: 'oe',
  ø: 'o',
  ł: 'l',
  đ: 'd',
  ð: 'd',
  þ: 'th',
  ı: 'i',
  ʿ: "'",
  ʾ: "'",
  ʻ: "'",
  ʼ: "'",
  '‘': "'",
  '’': "'",
  '`': "'",
  '´': "'",
};

/** Digits typed for the letters they look like, inside a word ("Ig0r Sech1n", "I9or", "A8del"). */
const DIGIT_LETTERS: Record<string, string> = {
  '0': 'o',
  '1': 'i',
  '3': 'e',
  '4': 'a',
  '5': 's',
  '7': 't',
  '8': 'b',
  '9': 'g',
};

/**
 * Cyrillic, Greek, Armenian and Georgian, letter by letter (small tables in the common English
 * romanisation), so that "Сергей Лавров" can meet "Sergey Lavrov".
 */
const TRANSLITERATION: Record<string, string> = {
  а: 'a',
  б: 'b',
  в: 'v',
  г: 'g',
  ґ: 'g',
  д: 'd',
  е: 'e',
  ё: 'yo',
  є: 'ye',
  ж: 'zh',
  з: 'z',
  и: 'i',
  і: 'i',
  ї: 'yi',
  й: 'y',
  к: 'k',
  қ: 'q',
  л: 'l',
  м: 'm',
  н: 'n',
  о: 'o',
  ө: 'o',
  п: 'p',
  р: 'r',
  с: 's',
  т: 't',
  у: 'u',
  ұ: 'u',
  ү: 'u',
  ў: 'u',
  ф: 'f',
  х: 'kh',
  һ: 'h',
  ц: 'ts',
  ч: 'ch',
  ш: 'sh',
  щ: 'shch',
  ъ: '',
  ы: 'y',
  ь: '',
  э: 'e',
  ю: 'yu',
  я: 'ya',
  α: 'a',
  β: 'v',
  γ: 'g',
  δ: 'd',
  ε: 'e',
  ζ: 'z',
  η: 'i',
  θ: 'th',
  ι: 'i',
  κ: 'k',
  λ: 'l',
  μ: 'm',
  ν: 'n',
  ξ: 'x',
  ο: 'o',
  π: 'p',
  ρ: 'r',
  σ: 's',
  ς: 's',
  τ: 't',
  υ: 'y',
  φ: 'f',
  χ: 'ch',
  ψ: 'ps',
  ω: 'o',
  ա: 'a',
  բ: 'b',
  գ: 'g',
  դ: 'd',
  ե: 'e',
  զ: 'z',
  է: 'e',
  ը: 'y',
  թ: 't',
  ժ: 'zh',
  ի: 'i',
  լ: 'l',
  խ: 'kh',
  ծ: 'ts',
  կ: 'k',
  հ: 'h',
  ձ: 'dz',
  ղ: 'gh',
  ճ: 'ch',
  մ: 'm',
  յ: 'y',
  ն: 'n',
  շ: 'sh',
  ո: 'o',
  չ: 'ch',
  պ: 'p',
  ջ: 'j',
  ռ: 'r',
  ս: 's',
  վ: 'v',
  տ: 't',
  ր: 'r',
  ց: 'ts',
  ւ: 'u',
  փ: 'p',
  ք: 'k',
  օ: 'o',
  ֆ: 'f',
  ა: 'a',
  ბ: 'b',
  გ: 'g',
  დ: 'd',
  ე: 'e',
  ვ: 'v',
  ზ: 'z',
  თ: 't',
  ი: 'i',
  კ: 'k',
  ლ: 'l',
  მ: 'm',
  ნ: 'n',
  ო: 'o',
  პ: 'p',
  ჟ: 'zh',
  რ: 'r',
  ს: 's',
  ტ: 't',
  უ: 'u',
  ფ: 'p',
  ქ: 'k',
  ღ: 'gh',
  ყ: 'q',
  შ: 'sh',
  ჩ: 'ch',
  ც: 'ts',
  ძ: 'dz',
  წ: 'ts',
  ჭ: 'ch',
  ხ: 'kh',
  ჯ: 'j',
  ჰ: 'h',
};

const COMBINING = /\p{M}/gu;
const LETTER = /\p{L}/u;
const LETTER_OR_MARK = /[\p{L}\p{M}]/u;

// Hangul: each syllable block is an initial consonant, a vowel and an optional final one, in the
// romanisation of North Korean names in lists (McCune-Reischauer without its marks: Kim Jong Un,
// Ri Pyong Chol, Choe Ryong Hae). It loses distinctions the script makes (영 and 용 are both
// yong), so a word in Hangul stays in Hangul, and its romanisation is only a reading of it
// (`readings.ts`) against a Latin name.
const HANGUL_INITIAL = [
  'k',
  'kk',
  'n',
  't',
  'tt',
  'r',
  'm',
  'p',
  'pp',
  's',
  'ss',
  '',
  'j',
  'jj',
  'ch',
  'kh',
  'th',
  'ph',
  'h',
];
const HANGUL_VOWEL = [
  'a',
  'ae',
  'ya',
  'yae',
  'o',
  'e',
  'yo',
  'ye',
  'o',
  'wa',
  'wae',
  'oe',
  'yo',
  'u',
  'wo',
  'we',
  'wi',
  'yu',
  'u',
  'ui',
  'i',
];
const HANGUL_FINAL = [
  '',
  'k',
  'k',
  'k',
  'n',
  'n',
  'n',
  't',
  'l',
  'k',
  'm',
  'l',
  'l',
  'l',
  'p',
  'l',
  'm',
  'p',
  'p',
  't',
  't',
  'ng',
  't',
  't',
  'k',
  't',
  'p',
  't',
];

/** A Hangul syllable block in Latin letters, or undefined. */
export function hangul(ch: string): string | undefined {
  const code = ch.charCodeAt(0) - 0xac00;
  if (code < 0 || code >= 11172) return undefined;
  return (
    HANGUL_INITIAL[Math.floor(code / 588)]! +
    HANGUL_VOWEL[Math.floor((code % 588) / 28)]! +
    HANGUL_FINAL[code % 28]!
  );
}

// Devanagari and Bengali (the same layout, 0x80 apart): a consonant carries the vowel a unless
// a vowel sign follows or the virama (्) cancels it; a word's last inherent a is not said (राम,
// Ram), but after two consonants joined (नरेन्द्र, Narendra).
const INDIC_CONSONANT =
  'k kh g gh n ch chh j jh n t th d dh n t th d dh n n p ph b bh m y r r l l l v sh sh s h'.split(' ');
const INDIC_VOWEL = 'a a i i u u ri l e e e ai o o o au'.split(' ');
const INDIC_SIGN = 'a i i u u ri ri e e e ai o o o au'.split(' ');

/** Offset of a Devanagari or Bengali character in the Devanagari layout, or −1. */
function indicOffset(ch: string): number {
  const code = ch.charCodeAt(0);
  if (code >= 0x0900 && code < 0x0980) return code - 0x0900;
  if (code >= 0x0980 && code < 0x0a00) return code - 0x0980;
  return -1;
}

/** A word in Devanagari or Bengali in Latin letters, or undefined. */
function indic(word: string): string | undefined {
  let out = '';
  let inherent = false;
  let joined = false;
  let virama = false;
  for (const ch of word) {
    const k = indicOffset(ch);
    if (k < 0) return undefined;
    const consonant = k >= 0x15 && k <= 0x39;
    if (consonant || k === 0x5f || k === 0x5c || k === 0x5d) {
      // A consonant, or Bengali য় (y), ড় ঢ় (r).
      if (inherent) out += 'a';
      out += consonant ? INDIC_CONSONANT[k - 0x15]! : k === 0x5f ? 'y' : 'r';
      inherent = true;
      joined = virama;
    } else if (k >= 0x3e && k <= 0x4c) {
      out += INDIC_SIGN[k - 0x3e]!;
      inherent = false;
    } else if (k === 0x4d) inherent = false;
    else if ((k >= 0x05 && k <= 0x14) || (k >= 0x01 && k <= 0x03)) {
      // An independent vowel; anusvara and candrabindu (n), visarga (h).
      if (inherent) out += 'a';
      out += k >= 0x05 ? INDIC_VOWEL[k - 0x05]! : k === 0x03 ? 'h' : 'n';
      inherent = false;
    }
    virama = k === 0x4d;
  }
  if (inherent && joined) out += 'a';
  return out === '' ? undefined : out;
}

/**
 * A word of a script without a table here, in Latin letters where it can be read (Hangul
 * syllables apart, Devanagari, Bengali): a reading of it against Latin names (`readings.ts`).
 */
export function romanise(word: string): string | undefined {
  const syllables = [...word].map(hangul);
  if (syllables.every((s) => s !== undefined)) return syllables.join(' ');
  return indic(word);
}

// Ethiopic (Ge'ez, Amharic, Tigrinya): each syllable is a consonant row of eight (U+1200 on) and a
// vowel order: ä, u, i, a, e, ə (mostly unwritten in Latin), o, wa. Rows by their consonant;
// after the glottal stop and ayin the first order is written a (ዐቢይ አሕመድ, Abiy Ahmed).
const ETHIOPIC_ROWS =
  "h l h m s r s sh q q q q b v t ch h h n ny ' k k h h w ' z zh y d d j g g g t ch p ts ts f p";
const ETHIOPIC_CONSONANT = ETHIOPIC_ROWS.split(' ');
const ETHIOPIC_VOWEL = ['e', 'u', 'i', 'a', 'e', '', 'o', 'wa'];

/** An Ethiopic syllable in Latin letters, or undefined. */
function ethiopic(ch: string): string | undefined {
  const code = ch.charCodeAt(0) - 0x1200;
  if (code < 0 || code >= ETHIOPIC_CONSONANT.length * 8) return undefined;
  const consonant = ETHIOPIC_CONSONANT[code >> 3]!;
  const order = code & 7;
  if (consonant === "'") return order === 0 || order === 5 ? 'a' : ETHIOPIC_VOWEL[order]!;
  return consonant + ETHIOPIC_VOWEL[order]!;
}

function foldLatin(word: string): string {
  let out = '';
  // Lower-case first so that the tables (and NFD below) see one form of each letter.
  for (const ch of word.toLowerCase()) {
    const mapped = LATIN_LETTERS[ch] ?? TRANSLITERATION[ch] ?? ethiopic(ch);
    if (mapped !== undefined) {
      out += mapped;
      continue;
    }
    const base = ch.normalize('NFD').replace(COMBINING, '');
    out += TRANSLITERATION[base] ?? base;
  }
  if (/\p{L}/u.test(out)) out = out.replace(/[01345789]/g, (d) => DIGIT_LETTERS[d] ?? d);
  // Only letters and the ayn/hamza apostrophe carry a name; a leading or doubled apostrophe is
  // kept once (it stands for an ayn: "'Abd").
  return out.replace(/[^a-z']/g, '').replace(/'+/g, "'");
}

function foldArabic(word: string): string {
  let out = '';
  for (const ch of word.replace(ARABIC_MARKS, '')) {
    const mapped = ARABIC_FORMS[ch];
    if (mapped !== undefined) out += mapped;
    else if (ARABIC_LETTER.test(ch)) out += ch;
  }
  return out;
}

/** Normalise one word written in one script; idempotent. */
export function normaliseWord(word: string): { text: string; script: Script } {
  const nfkc = word.normalize('NFKC');
  if (ARABIC_LETTER.test(nfkc)) return { text: foldArabic(nfkc), script: 'arabic' };
  const latin = foldLatin(nfkc);
  if (latin.replace(/'/g, '') !== '') return { text: latin, script: 'latin' };
  // Scripts without a table here (Han, Hangul, Devanagari, Thai...): compared letter by letter as
  // written, vowel signs included (they are marks in Devanagari and Thai, and tell names apart).
  const other = [...nfkc.toLowerCase()].filter((ch) => LETTER_OR_MARK.test(ch)).join('');
  return { text: LETTER.test(other) ? other : '', script: 'other' };
}

// What separates words (the apostrophe does not: "Zou'bi" is one word), commas (Latin and
// Arabic), which also separate and say "FAMILY, Given" order, and hyphens, which also separate but
// may join syllables into one name ("Tse-tung"). One flag per UTF-16 code unit.
const SEPARATOR = 1;
const COMMA = 2;
const HYPHEN = 3;
const BREAKS = new Uint8Array(65536);
for (const ch of ' \t\n\r\f\v\u00a0\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u200b\u2028\u2029\u202f\u205f\u3000\ufeff-‐‑‒–—_./\\()[]{}"«»“”„:|+*&·・') {
  BREAKS[ch.charCodeAt(0)] = SEPARATOR;
}
for (const ch of ',;،؛') BREAKS[ch.charCodeAt(0)] = COMMA;
for (const ch of '-‐‑') BREAKS[ch.charCodeAt(0)] = HYPHEN;

const SCRIPT_CHANGE =
  /(?<=[\u0600-\u06FF])(?=[A-Za-z\u00C0-\u024F])|(?<=[A-Za-z\u00C0-\u024F])(?=[\u0600-\u06FF])/;
const HAS_ARABIC = /[\u0600-\u06FF]/;
const ASCII = /^[\x20-\x7E]*$/;
const HAS_LATIN = /[A-Za-z\u00C0-\u024F]/;

/** A written word as a `Word`, or null if nothing of a name is left. */
function readWord(written: string): Word | null {
  const { text, script } = normaliseWord(written);
  if (text.replace(/'/g, '') === '') return null;
  const letters = written.replace(/[^\p{L}]/gu, '');
  const upper = letters.length >= 2 && letters === letters.toUpperCase() && letters !== letters.toLowerCase();
  const mixed = letters !== letters.toUpperCase() && letters !== letters.toLowerCase();
  const gluedArticle = script === 'latin' && /^[AaEe]l[A-Z]/.test(written) && /[a-z]/.test(written.slice(3));
  const cyrillic = CYRILLIC.test(written);
  const capitalised = /^\P{L}*\p{Lu}/u.test(written);
  return {
    text,
    script,
    upper,
    mixed,
    gluedArticle,
    commaAfter: false,
    cyrillic,
    capitalised,
    hyphenAfter: false,
  };
}

const CYRILLIC = /[\u0400-\u04FF]/;
/** An initial glued to the name after it, "JSmith": a capital consonant, then a capitalised word. */
const GLUED_INITIAL = /^([B-DF-HJ-NP-TV-Z])(?=[A-Z][a-z]{2,}$)/;

/**
 * The words of a chunk between separators: one, or more where the script changes ("محمدMohammed")
 * or where an initial is glued to a name ("JSmith").
 */
function readChunk(chunk: string): readonly Word[] {
  const written = HAS_ARABIC.test(chunk) && HAS_LATIN.test(chunk) ? chunk.split(SCRIPT_CHANGE) : [chunk];
  return written
    .flatMap((w) => w.split(GLUED_INITIAL).filter((piece) => piece !== ''))
    .flatMap((w) => readWord(w) ?? []);
}

/**
 * Registers repeat their words endlessly: the words of the last chunks read are kept (the memo
 * is emptied when full). They are shared, so never changed: a comma makes a copy.
 */
const MEMO_SIZE = 100_000;
const memo = new Map<string, readonly Word[]>();

/**
 * Split a written name into normalised words, keeping what the writing said about structure: a
 * comma after a word, capitals, an article glued to a capitalised word. Words are split where the
 * script changes ("محمدMohammed" is two words).
 */
export function splitWords(raw: string): Word[] {
  const words: Word[] = [];
  const text = ASCII.test(raw) ? raw : raw.normalize('NFKC');
  let start = 0;
  for (let i = 0; i <= text.length; i++) {
    const kind = i < text.length ? BREAKS[text.charCodeAt(i)]! : SEPARATOR;
    if (kind === 0) continue;
    if (i > start) {
      const chunk = text.slice(start, i);
      let read = memo.get(chunk);
      if (read === undefined) {
        read = readChunk(chunk);
        if (memo.size >= MEMO_SIZE) memo.clear();
        memo.set(chunk, read);
      }
      for (const word of read) words.push(word);
    }
    const last = words.length - 1;
    if (kind === COMMA && last >= 0) words[last] = { ...words[last]!, commaAfter: true };
    if (kind === HYPHEN && last >= 0 && i > start) words[last] = { ...words[last]!, hyphenAfter: true };
    start = i + 1;
  }
  return words;
}

/** The normalised form of a whole name: its words, normalised, separated by one space. Idempotent. */
export function normaliseName(raw: string): string {
  return splitWords(raw)
    .map((w) => w.text)
    .join(' ');
}
