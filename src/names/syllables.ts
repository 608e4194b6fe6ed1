// Chinese and Korean names in Latin script. A given name of two syllables is one name, written
// with a hyphen and the second syllable in lower case (Mao Tse-tung, Kim Jong-un); and Chinese
// names are romanised two ways: Wade-Giles, the older system (Mao Tse-tung, Teng Hsiao-p'ing), and
// pinyin (Mao Zedong, Deng Xiaoping). Wade-Giles writes the unaspirated p, t, k, ch, ts that
// pinyin writes b, d, g, zh or j, z, and marks the aspirated ones with an apostrophe that lists
// often drop; hs is pinyin x, j is r, -ung is -ong, -ieh is -ie, -ien is -ian, -ih is -i.
//
// `wadeGilesReadings` gives the pinyin readings of a form in Wade-Giles (`readings.ts`), so that
// each system meets the other.

/** The initial consonants of Wade-Giles, then the pinyin and Korean ones it lacks. */
const INITIAL =
  "(p'|p|m|f|t'|t|n|l|k'|k|h|ch'|ch|hs|j|ts'|ts|tz'|tz|ss|sz|sh|s|y|w|b|d|g|zh|z|c|q|x|r|kk|tt|pp|jj)?";
/** The finals of Wade-Giles and pinyin syllables, and the codas of Korean ones. */
const FINAL =
  "(a|ai|an|ang|ao|e|ei|en|eng|erh|er|i|ia|iang|iao|ieh|ie|ien|ian|ih|in|ing|io|iong|iu|iung|o|ou|ong|u|ua|uai|uan|uang|ue|ueh|uei|ui|un|ung|uo|o'|u'|yo|yu|ye|ya|wo|wa|we)";
const KOREAN_CODA = '(k|l|m|n|ng|p|t)?';
const SYLLABLE = new RegExp(`^${INITIAL}${FINAL}${KOREAN_CODA}$`);
const WADE_GILES = new RegExp(`^${INITIAL}${FINAL}$`);

/** A Latin word that may be one romanised Chinese or Korean syllable (tse, tung, jong, sik). */
export function isSyllable(text: string): boolean {
  return text.length <= 7 && SYLLABLE.test(text);
}

/** What only Wade-Giles writes: hs, ts, tz, ss, sz, ch before i, -ih, -ieh, -ien, -ung, -uei, -erh, an apostrophe. */
function onlyWadeGiles(initial: string, final: string): boolean {
  return (
    /^(hs|ts|tz|ss|sz)/.test(initial) ||
    initial.includes("'") ||
    (initial.startsWith('ch') && final.startsWith('i')) ||
    /^(ih|ieh|ien|i?ung|uei|ueh|erh)$/.test(final)
  );
}

/** Finals whose pinyin spelling differs. */
const FINAL_PINYIN: Record<string, string> = {
  ih: 'i',
  ieh: 'ie',
  ien: 'ian',
  ung: 'ong',
  iung: 'iong',
  uei: 'ui',
  ueh: 'ue',
  erh: 'er',
};

/** The pinyin initials a Wade-Giles initial may stand for (its apostrophe often dropped). */
function initialPinyin(initial: string, final: string): string[] {
  const aspirated = initial.endsWith("'");
  const bare = aspirated ? initial.slice(0, -1) : initial;
  const pair = (plain: string, strong: string) => (aspirated ? [strong] : [plain, strong]);
  switch (bare) {
    case 'p':
      return pair('b', 'p');
    case 't':
      return pair('d', 't');
    case 'k':
      return pair('g', 'k');
    case 'ch':
      // ch before i or ü is palatal (chi: ji, qi), before -ih and the rest retroflex (chih: zhi).
      return final.startsWith('i') && final !== 'ih' ? pair('j', 'q') : pair('zh', 'ch');
    case 'ts':
    case 'tz':
      return pair('z', 'c');
    case 'hs':
      return ['x'];
    case 'j':
      return ['r'];
    case 'ss':
    case 'sz':
      return ['s'];
    default:
      return [bare];
  }
}

/** Readings of a form of at most this many pinyin spellings. */
const MAX_READINGS = 8;

/**
 * The pinyin spellings of a form written in Wade-Giles, its syllables run together as pinyin
 * writes a given name ("tse tung" → zedong, cedong, zetong, cetong); none unless each word of the
 * form is one Wade-Giles syllable and one of them shows what only Wade-Giles writes.
 */
export function wadeGilesReadings(form: string): string[] {
  const syllables = form.split(' ').map((w) => WADE_GILES.exec(w));
  if (syllables.some((m) => m === null)) return [];
  if (!syllables.some((m) => onlyWadeGiles(m![1] ?? '', m![2]!))) return [];
  let readings = [''];
  for (const m of syllables) {
    const initial = m![1] ?? '';
    const final = m![2]!;
    // The apical vowel: tzu, ssu are zi, si; k and h before o are ge, he.
    const vowel =
      /^(ts|tz|ss|sz)/.test(initial) && final === 'u'
        ? 'i'
        : /^[kh]'?$/.test(initial) && final === 'o'
          ? 'e'
          : (FINAL_PINYIN[final] ?? final);
    const next: string[] = [];
    for (const r of readings)
      for (const i of initialPinyin(initial, final)) if (next.length < MAX_READINGS) next.push(r + i + vowel);
    readings = next;
  }
  return readings.filter((r) => r !== form);
}
