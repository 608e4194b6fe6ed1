// The structure of a name: which written words form one part (compounds such as "Abd al-Aziz",
// "Nur al-Din", "Abu Bakr"), the article, the nasab markers (bin, ibn, bint, بن, ابن), kunyas
// ("Abu Hamza", "Umm Ali"), and the role of each part: given name, father, grandfather, further
// ancestors, family or tribe. Position carries meaning in an Arabic name: the second part is the
// father, so "Salman bin Muhammad" and "Muhammad bin Salman" are two people; the parser keeps the
// order and the scorer compares part with part of the same role.
import { isPatronymic, knownName, sexOfEnding } from './known.ts';
import { type Script, splitWords, type Word } from './normalise.ts';
import { isSyllable } from './syllables.ts';

/**
 * The role of a part. A name of Arabic structure is a chain: given name, father, grandfather,
 * further ancestors, then the family or tribe. A name of another structure (no article, marker
 * or Arabic compound, no frequent Arabic name before its last part: "Sergey Viktorovich Lavrov",
 * "Jean Daniel Christian Razafy") has middle names, which lists often leave out.
 */
export type Role = 'given' | 'father' | 'grandfather' | 'ancestor' | 'middle' | 'family' | 'kunya';

export interface NamePart {
  /** What is compared: the normalised part, article dropped, compounds as one ("abd aziz"). */
  form: string;
  /**
   * A second reading, where the writing does not tell: a Latin word that may or may not start with
   * a glued article ("alali" is al-Ali; "alexander" is not al-Exander), a first word in Arabic
   * script that starts with ال (الياس is Ilyas, not al-Yas).
   */
  alt?: string;
  script: Script;
  role: Role;
  /**
   * The role comes from the writing (a comma, an article, a marker, or the position of a part
   * between two others) rather than from a guess: the last part of "Ahmed Ali Hassan" may be the
   * family name or the grandfather.
   */
  certain: boolean;
  /** A single letter, "J." in "J. Smith". */
  initial: boolean;
  /** The part as written, normalised, for the reasons shown to people. */
  display: string;
}

export interface ParsedName {
  /** Given name first, then father, grandfather, further ancestors, family; kunyas last. */
  parts: NamePart[];
  /**
   * Nothing in the writing fixes the order: no Arabic structure (where position is meaning), no
   * comma or capitals marking the family name. Such a name may be written family name first
   * (Russian and East Asian lists), or by a second given name (`score.ts`).
   */
  freeOrder: boolean;
  /**
   * A name of free order that is likely written family name first: in Cyrillic script (Russian
   * lists write Family Given Patronymic), with a Slavic family name's ending on its first part
   * ("Ivanov Sergey") or a patronymic last ("Lavrov Sergey Viktorovich"). Read so, it is no doubt.
   */
  familyFirst: boolean;
}

// --- Words with a grammatical job -----------------------------------------------------------

/**
 * Titles by which a person is addressed with the family name ("President Erdoğan", "Mr Smith",
 * "Colonel Gaddafi"), unlike "Sheikh Isa", "Mullah Omar" or "Sir Keir" (the given name): after
 * one of these a single name left is the family name.
 */
const FAMILY_TITLES = new Set([
  'mr',
  'mrs',
  'ms',
  'miss',
  'mister',
  'monsieur',
  'madame',
  'mme',
  'herr',
  'frau',
  'senor',
  'senora',
  'president',
  'praesident',
  'prasident',
  'prof',
  'general',
  'colonel',
  'col',
  'captain',
  'capt',
  'lieutenant',
  'lt',
  'minister',
  'senator',
  'governor',
]);

/** Titles before a name, which are no part of it: those of address above, and religious and others. */
const TITLES = new Set([
  ...FAMILY_TITLES,
  'dr',
  'sheikh',
  'shaikh',
  'shaykh',
  'sheik',
  'haji',
  'hajji',
  'hajj',
  'mullah',
  'mulla',
  'mawlawi',
  'maulvi',
  'qari',
  'imam',
  'sir',
  'الشيخ',
  'شيخ',
  'الحاج',
  'حاج',
  'الدكتور',
  'دكتور',
  'د',
  'الامام',
]);

/**
 * Words after a name that are no part of it: generations (Jr, Sr, III) and the legal forms of
 * companies that lists append to the name of their owner (Maduro SA, LLC, GmbH).
 */
const SUFFIXES = new Set([
  'jr',
  'jnr',
  'sr',
  'snr',
  'junior',
  'senior',
  'ii',
  'iii',
  'iv',
  'llc',
  'llp',
  'ltd',
  'inc',
  'corp',
  'plc',
  'gmbh',
  'ag',
  'sa',
  'sarl',
  'srl',
  'spa',
  'bv',
  'nv',
  'ooo',
  'oao',
  'zao',
  'jsc',
  'pjsc',
]);

/** Markers of filiation: the next part names a parent. */
const MARKERS = new Set([
  'bin',
  'ibn',
  'ben',
  'bint',
  'binti',
  'bent',
  'ould',
  'walad',
  'بن',
  'ابن',
  'بنت',
  'ولد',
]);

const KUNYA_HEADS: Record<string, string> = {
  abu: 'abu',
  abou: 'abu',
  abo: 'abu',
  aboo: 'abu',
  umm: 'umm',
  um: 'umm',
  oum: 'umm',
  oumm: 'umm',
  ابو: 'ابو',
  ام: 'ام',
};

/** "Abu Bakr" is a given name, not a kunya. */
const ABU_GIVEN = new Set(['bakr', 'bakar', 'baker', 'bakir', 'bekr', 'بكر']);

// The assimilated article: al- before a "sun letter" is said, and often written, as that letter
// doubled: ad-Dawla, ar-Rashid, as-Sayyid, ash-Shami, at-Tikriti, az-Zubaidi, an-Nuaimi.
const SUN = '(th|dh|sh|t|d|r|z|s|n)';
const ASSIMILATED_WORD = new RegExp(`^(?:[aeiu]|ou)${SUN}$`);

/** Particles of European family names, written apart or joined: De Vries, Devries, van der Berg. */
const PARTICLES = new Set([
  'de',
  'van',
  'von',
  'der',
  'den',
  'du',
  'da',
  'di',
  'del',
  'della',
  'des',
  'le',
  'la',
  'dos',
  'das',
  'do',
  'ter',
  'ten',
  'zu',
  'mac',
  'mc',
]);

const bare = (text: string) => text.replace(/'/g, '');

/** A separate article word before `next`: al, el, ul, ال, or an assimilated form (ad- before d...). */
function isArticleWord(word: Word, next: Word | undefined): boolean {
  if (next === undefined || next.script !== word.script) return false;
  const w = bare(word.text);
  if (word.script === 'arabic') return w === 'ال';
  if (w === 'al' || w === 'el' || w === 'ul') return true;
  const m = ASSIMILATED_WORD.exec(w);
  return m !== null && bare(next.text).startsWith(m[1]!);
}

/** The u-forms join two words into one compound name in Persian and Urdu use: Zia-ur-Rahman. */
const JOINING_ARTICLE = new RegExp(`^(?:ul|u${SUN})$`);
/** An assimilated article at the start of a word: "urrahman", "ash-shami" written as one. */
const ASSIMILATED_PREFIX = new RegExp(`^(?:ou|[aeiou])${SUN}(\\1.+)$`);
const GLUED_ASSIMILATED = new RegExp(`^[ae]${SUN}(\\1.+)$`);
const ABD_WITH_ARTICLE = new RegExp(`^abd(?:ou|[aeiou])(?:l|${SUN})$`);

/** The stem of a Latin word after a glued article ("alhamid", "abdurrahman"'s "urrahman"), or null. */
function latinStemAfterArticle(text: string, minStem: number): string | null {
  const plain = /^(?:ou|[aeiou])l(.+)$/.exec(text);
  if (plain && bare(plain[1]!).length >= minStem) return plain[1]!;
  const assimilated = ASSIMILATED_PREFIX.exec(text);
  if (assimilated && bare(assimilated[2]!).length >= minStem) return assimilated[2]!;
  return null;
}

function arabicStemAfterArticle(text: string): string | null {
  return text.startsWith('ال') && text.length >= 4 ? text.slice(2) : null;
}

const DIN_WORD = /^(?:(?:[aeiou]|ou)?l?d)?d(?:i|ee|ii|ie)ne?$/;
const DIN_SUFFIX = /^(.{3,}?)(?:(?:[aeiou]|ou)l|(?:[aeiou]|ou)?d)?d(?:i|ee|ii)ne?$/;
const ALLAH_WORD = /^(?:[aeiou]|ou)?ll?ah?$/;
const ALLAH_SUFFIX = /^(.{3,}?)(?:(?:[aeiou]|ou)llah|ullah?)$/;

interface Unit {
  form: string;
  alt?: string;
  script: Script;
  display: string[];
  kunya: boolean;
  article: boolean;
  afterMarker: boolean;
  initial: boolean;
  /** Written "AlAli": the article is certain even though it is glued on. */
  gluedArticle: boolean;
}

/** "abdulaziz" → "abd aziz", "abderrahmane" → "abd rahmane", "عبدالله" → "عبد له"; else null. */
function splitAbdWord(text: string, script: Script): string | null {
  if (script === 'arabic') {
    const rest = text.slice(3);
    if (!text.startsWith('عبد') || !(rest.startsWith('ال') || rest.length >= 3)) return null;
    return `عبد ${arabicStemAfterArticle(rest) ?? rest}`;
  }
  const w = bare(text);
  if (!w.startsWith('abd') || w.length < 6) return null;
  const rest = w.slice(3);
  return `abd ${latinStemAfterArticle(rest, 2) ?? rest}`;
}

/** Separate forms of the head of an "Abd al-X" name: abd, and abdul/abdel/abdur... (article glued). */
function isAbdHead(text: string, script: Script): boolean {
  if (script === 'arabic') return text === 'عبد';
  const w = bare(text);
  return w === 'abd' || ABD_WITH_ARTICLE.test(w);
}

function appendSuffix(unit: Unit, suffix: 'din' | 'lah', word: Word): void {
  unit.form += unit.script === 'arabic' ? (suffix === 'din' ? ' دين' : ' له') : ` ${suffix}`;
  unit.display.push(word.text);
}

/** Words that continue the part before them: "al-Din", "ud-Din", "Allah", "الدين", "الله". */
function takeSuffix(words: Word[], i: number, unit: Unit): number {
  const word = words[i];
  if (!word || word.script !== unit.script) return i;
  const w = bare(word.text);
  if (unit.script === 'arabic') {
    if (w === 'الدين' || w === 'الله') {
      appendSuffix(unit, w === 'الدين' ? 'din' : 'lah', word);
      return i + 1;
    }
    const next = words[i + 1];
    if (w === 'ال' && next && (next.text === 'دين' || next.text === 'له')) {
      unit.display.push(word.text);
      appendSuffix(unit, next.text === 'دين' ? 'din' : 'lah', next);
      return i + 2;
    }
    return i;
  }
  if (DIN_WORD.test(w)) {
    appendSuffix(unit, 'din', word);
    return i + 1;
  }
  if (ALLAH_WORD.test(w) && w.includes('ll')) {
    appendSuffix(unit, 'lah', word);
    return i + 1;
  }
  const next = words[i + 1];
  if (next && isArticleWord(word, next) && /^d{1,2}(?:i|ee|ii)ne?$/.test(bare(next.text))) {
    unit.display.push(word.text);
    appendSuffix(unit, 'din', next);
    return i + 2;
  }
  return i;
}

/** One plain word: single-word compounds ("salaheddine", "nasrallah", "abdulaziz") split here. */
function plainUnit(word: Word): Unit {
  let form = word.text;
  if (word.script === 'arabic') {
    form = splitAbdWord(form, 'arabic') ?? form;
    if (form.endsWith('الدين') && form.length > 5) form = `${form.slice(0, -5)} دين`;
    else if (form.endsWith('الله') && form.length > 4 && !form.startsWith('عبد'))
      form = `${form.slice(0, -4)} له`;
  } else if (word.script === 'latin') {
    // The Latvian nominative -s after v or j, which no other spelling has (Lavrovs, Sergejs).
    if (form.length >= 5 && /[vj]s$/.test(form)) form = form.slice(0, -1);
    const abd = splitAbdWord(form, 'latin');
    const din = DIN_SUFFIX.exec(bare(form));
    const allah = ALLAH_SUFFIX.exec(bare(form));
    if (abd) form = abd;
    else if (din) form = `${din[1]} din`;
    else if (allah) form = `${allah[1]} lah`;
  }
  return {
    form,
    script: word.script,
    display: [word.text],
    kunya: false,
    article: false,
    afterMarker: false,
    initial: word.script === 'latin' && bare(word.text).length === 1,
    gluedArticle: word.gluedArticle,
  };
}

/** Group words into parts, left to right. */
function groupUnits(words: Word[]): Unit[] {
  const units: Unit[] = [];
  let afterMarker = false;
  let i = 0;
  while (i < words.length) {
    const word = words[i]!;
    const next = words[i + 1];
    const w = bare(word.text);
    if (MARKERS.has(w) && units.length > 0 && next) {
      afterMarker = true;
      i++;
      continue;
    }
    // A joining article between two words makes them one name: Zia-ur-Rahman.
    const previous = units[units.length - 1];
    if (previous && next && !previous.kunya && JOINING_ARTICLE.test(w) && isArticleWord(word, next)) {
      previous.form += ` ${plainUnit(next).form}`;
      previous.display.push(word.text, next.text);
      i += 2;
      continue;
    }
    let unit: Unit;
    if (word.script === 'latin' && PARTICLES.has(w) && units.length > 0 && next?.script === 'latin') {
      // "De Vries" is one family name; so is "van der Berg".
      let j = i;
      const display: string[] = [];
      while (j < words.length - 1 && PARTICLES.has(bare(words[j]!.text))) display.push(words[j++]!.text);
      display.push(words[j]!.text);
      unit = { ...plainUnit(words[j]!), form: display.join(''), display };
      i = j + 1;
    } else if (isArticleWord(word, next)) {
      // The article belongs to the next word, which may itself head a compound.
      unit = plainUnit(next!);
      unit.article = true;
      unit.display.unshift(word.text);
      i += 2;
    } else if (isAbdHead(word.text, word.script) && next) {
      // "Abd al-Aziz", "Abdel Aziz", "عبد العزيز": one name.
      let j = i + 1;
      const display = [word.text];
      if (isArticleWord(words[j]!, words[j + 1])) display.push(words[j++]!.text);
      const stemWord = words[j];
      if (!stemWord) {
        unit = plainUnit(word);
        i++;
      } else {
        const stem =
          word.script === 'arabic'
            ? (arabicStemAfterArticle(stemWord.text) ?? stemWord.text)
            : (latinStemAfterArticle(stemWord.text, 3) ?? stemWord.text);
        display.push(stemWord.text);
        unit = {
          ...plainUnit(stemWord),
          form: `${word.script === 'arabic' ? 'عبد' : 'abd'} ${stem}`,
          display,
        };
        i = j + 1;
      }
    } else if (KUNYA_HEADS[w] !== undefined && next) {
      // "Abu Hamza", "Umm Ali", "أبو بكر": head and the name after it (its article dropped).
      let j = i + 1;
      const display = [word.text];
      if (isArticleWord(words[j]!, words[j + 1])) display.push(words[j++]!.text);
      const stemWord = words[j]!;
      display.push(stemWord.text);
      unit = {
        ...plainUnit(stemWord),
        form: `${KUNYA_HEADS[w]} ${stemWord.text}`,
        display,
        kunya: !ABU_GIVEN.has(bare(stemWord.text)),
      };
      i = j + 1;
    } else {
      unit = plainUnit(word);
      i++;
    }
    i = takeSuffix(words, i, unit);
    unit.afterMarker = afterMarker;
    afterMarker = false;
    units.push(unit);
  }
  return units;
}

/**
 * Titles before a name and suffixes after it go; two words at least stay. `byFamilyName`: the
 * last title is one that goes with the family name (`FAMILY_TITLES`).
 */
function stripTitles(words: Word[]): { words: Word[]; byFamilyName: boolean } {
  let start = 0;
  while (start < words.length - 1 && TITLES.has(bare(words[start]!.text))) start++;
  let end = words.length;
  while (end - start > 2 && words[end - 1]!.script === 'latin' && SUFFIXES.has(words[end - 1]!.text)) end--;
  const byFamilyName = start > 0 && FAMILY_TITLES.has(bare(words[start - 1]!.text));
  return { words: words.slice(start, end), byFamilyName };
}

/**
 * Initials run together, "JC Juncker": in a name written in mixed case, a word of two or three
 * capitals without a vowel is that many initials (not Ng, the Cantonese family name, nor a
 * company form such as LLC).
 */
function splitInitials(words: Word[]): Word[] {
  if (!words.some((w) => w.upper && w.text.length <= 3) || !words.some((w) => w.mixed)) return words;
  return words.flatMap((w) =>
    w.upper &&
    w.script === 'latin' &&
    /^[b-df-hj-np-tv-xz]{2,3}$/.test(w.text) &&
    w.text !== 'ng' &&
    !SUFFIXES.has(w.text)
      ? [...w.text].map((letter, i) => ({
          ...w,
          text: letter,
          upper: false,
          commaAfter: w.commaAfter && i === w.text.length - 1,
        }))
      : [w],
  );
}

/**
 * Strip a glued article from a part: always in Arabic script (الدوري), and in Latin script where
 * the part is a family name ("ALALI", "Alhamid", "AlShammari"), keeping the unstripped reading
 * as an alternative unless a capital marked the article.
 */
function dropGluedArticle(unit: Unit, familyPosition: boolean, first: boolean): void {
  if (unit.article || unit.kunya) return;
  if (unit.script === 'arabic') {
    const stem = arabicStemAfterArticle(unit.form);
    if (stem === null) return;
    if (first) unit.alt = unit.form;
    unit.form = stem;
    unit.article = true;
    return;
  }
  if (unit.script !== 'latin' || !(familyPosition || unit.gluedArticle)) return;
  const plain = /^(?:al|el)(.+)$/.exec(unit.form);
  const assimilated = GLUED_ASSIMILATED.exec(unit.form);
  const stem = plain?.[1] ?? assimilated?.[2];
  if (stem === undefined || bare(stem).length < 3) return;
  if (!unit.gluedArticle) unit.alt = unit.form;
  unit.form = stem;
  unit.article = true;
}

const ROLE_BY_POSITION: Role[] = ['given', 'father', 'grandfather'];

/**
 * Syllables joined by a hyphen, the one after it in lower case (or both in capitals), are one
 * name: a Chinese or Korean given name ("Tse-tung", "Jong-un", "HONG-CHUL"); "Jean-Paul" and
 * "Díaz-Canel" stay two words.
 */
function joinSyllables(words: Word[]): Word[] {
  if (!words.some((w) => w.hyphenAfter)) return words;
  const out: Word[] = [];
  for (const word of words) {
    const previous = out[out.length - 1];
    if (
      previous?.hyphenAfter &&
      previous.script === 'latin' &&
      word.script === 'latin' &&
      (!word.capitalised || (previous.upper && word.upper)) &&
      !isArticleWord(previous, word) &&
      syllable(previous.text.slice(previous.text.lastIndexOf(' ') + 1)) &&
      syllable(word.text)
    ) {
      out[out.length - 1] = {
        ...word,
        text: `${previous.text} ${word.text}`,
        capitalised: previous.capitalised,
      };
    } else out.push(word);
  }
  return out;
}

/** A syllable of a Chinese or Korean name, not a word of an Arabic one (al-Din, bin, Abu). */
const syllable = (text: string) =>
  isSyllable(text) && !MARKERS.has(text) && KUNYA_HEADS[text] === undefined && !DIN_WORD.test(text);

/** A Korean name in Hangul, written without a space (김정은). */
const HANGUL_NAME = /^[\uac00-\ud7a3]{2,4}$/;

/**
 * A Korean name written in Hangul as one word is a family name, nearly always of one syllable,
 * and a given name: 김정은 is 김 and 정은 (박 정은 is written apart already).
 */
function splitHangul(words: Word[]): Word[] {
  if (words.length !== 1) return words;
  return words.flatMap((w) =>
    w.script === 'other' && HANGUL_NAME.test(w.text)
      ? [
          { ...w, text: w.text.slice(0, 1), commaAfter: false, hyphenAfter: false },
          { ...w, text: w.text.slice(1) },
        ]
      : [w],
  );
}

/** Parse a name as written in one script (or mixed) into its parts with their roles. */
export function parseName(raw: string): ParsedName {
  const words = joinSyllables(splitInitials(splitHangul(splitWords(raw))));
  // "FAMILY, Given Father": the words before the first comma are the family name; so are the
  // leading words in capitals when the rest is written in mixed case ("NURISTANI Abdul Aziz").
  let familyCount = words.findIndex((w, i) => w.commaAfter && i < words.length - 1) + 1;
  if (familyCount === 0 && words[0]?.upper && words.some((w) => w.mixed)) {
    while (words[familyCount]?.upper) familyCount++;
  }
  const familyUnits = groupUnits(words.slice(0, familyCount));
  const stripped = stripTitles(words.slice(familyCount));
  let units = groupUnits(stripped.words);
  // A stray letter among three or more full parts is noise, not an initial: "JABOURI,I ESMAIL".
  if (units.filter((u) => !u.initial && !u.kunya).length >= 3) units = units.filter((u) => !u.initial);
  // A kunya between two names of the chain is an ancestor's name ("Radi Abd el-Samie Abu el-Hassan
  // el-Ayashi": the grandfather), in its place in the chain.
  units.forEach((u, i) => {
    if (u.kunya && units.slice(0, i).some((v) => !v.kunya) && units.slice(i + 1).some((v) => !v.kunya))
      u.kunya = false;
  });
  const kunyas = [...units, ...familyUnits].filter((u) => u.kunya);
  const chain = [...units.filter((u) => !u.kunya), ...familyUnits.filter((u) => !u.kunya)];
  // "President Erdoğan": a title of address and one name, the family name.
  const familyFromWriting =
    familyUnits.some((u) => !u.kunya) || (stripped.byFamilyName && chain.length === 1);

  for (const [index, unit] of chain.entries())
    dropGluedArticle(unit, index === chain.length - 1 && index > 0, index === 0);
  const arabic =
    words.some((w) => w.script === 'arabic') ||
    [...chain, ...kunyas].some(
      (u) => u.article || u.afterMarker || u.kunya || /^(abd|abu|umm) | (din|lah)$/.test(u.form),
    ) ||
    chain.slice(0, -1).some((u) => knownName(u.form, u.script));
  const parts: NamePart[] = chain.map((unit, index) => {
    const last = index === chain.length - 1 && index > 0;
    let role: Role;
    let certain = true;
    if (index === 0) role = chain.length === 1 && familyFromWriting ? 'family' : 'given';
    else if (!last && !arabic) role = 'middle';
    else if (last && unit.afterMarker && !familyFromWriting) {
      // "Mohammed bin Salman": the father; but "Osama bin Laden" is a family name.
      role = index === 1 ? 'father' : index === 2 ? 'grandfather' : 'ancestor';
      certain = false;
    } else if (last) {
      role = 'family';
      certain = familyFromWriting || unit.article || chain.length >= 4;
    } else role = ROLE_BY_POSITION[index] ?? 'ancestor';
    return toPart(unit, role, certain);
  });
  for (const unit of kunyas) parts.push(toPart(unit, 'kunya', true));
  const freeOrder = !arabic && familyCount === 0 && chain.length >= 2;
  const first = chain[0];
  const last = chain[chain.length - 1];
  const familyFirst =
    freeOrder &&
    (words.some((w) => w.cyrillic) ||
      sexOfEnding(first!.form, first!.script) !== undefined ||
      (chain.length >= 3 && isPatronymic(last!.form, last!.script)));
  return { parts, freeOrder, familyFirst };
}

function toPart(unit: Unit, role: Role, certain: boolean): NamePart {
  const part: NamePart = {
    form: unit.form,
    script: unit.script,
    role,
    certain,
    initial: unit.initial,
    display: unit.display.join(' '),
  };
  if (unit.alt !== undefined && unit.alt !== unit.form) part.alt = unit.alt;
  return part;
}

/** A name as the registry holds it: parts of one script, each optional but the given name. */
export interface NameInput {
  given: string;
  father?: string | undefined;
  grandfather?: string | undefined;
  family?: string | undefined;
  kunya?: string | undefined;
}

/**
 * A name given as parts: each field parsed apart, so that its role is the field's, not a guess
 * from position. A field of several names ("Jean Daniel" as given names) has the first in the
 * field's role and the others as middle names or further ancestors.
 */
export function parseNameParts(input: NameInput): ParsedName {
  const parts: NamePart[] = [];
  const add = (text: string | undefined, role: Role, then: Role) => {
    if (!text) return;
    groupUnits(joinSyllables(splitWords(text))).forEach((unit, i) => {
      dropGluedArticle(unit, role === 'family', role === 'given' && i === 0);
      parts.push(toPart(unit, unit.kunya ? 'kunya' : i === 0 ? role : then, true));
    });
  };
  add(input.given, 'given', 'middle');
  add(input.father, 'father', 'ancestor');
  add(input.grandfather, 'grandfather', 'ancestor');
  add(input.family, 'family', 'family');
  add(input.kunya, 'kunya', 'kunya');
  // Kunyas last, as parseName puts them.
  return {
    parts: [...parts.filter((p) => p.role !== 'kunya'), ...parts.filter((p) => p.role === 'kunya')],
    freeOrder: false,
    familyFirst: false,
  };
}
