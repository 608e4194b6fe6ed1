// Other readings of a name part that no spelling rule gives: a hypocorism is its full name (Ted
// is Theodore or Edward, Sasha is Aleksandr, Pepe is José); a Chinese name in Wade-Giles is its
// pinyin (Tse-tung is Zedong: `syllables.ts`); a name in Hangul, Devanagari or Bengali is its
// romanisation (정은 is Jong Un, नरेन्द्र Narendra), against a Latin name only. The similarity of two parts is also taken through
// these readings (`similarity.ts`), and the index files a part under the keys of its readings
// too, so that "Ted Doe" finds "Theodore Doe" and the other way round.
//
// The table holds the common hypocorisms of English, German, French, Spanish, Portuguese,
// Italian, Russian and Ukrainian given names, as dictionaries of names give them. Nicknames
// that belong to one person (a public figure's "Barry", "Bibi") are no hypocorisms and are not
// here: they are aliases, for a list to give. No Arabic hypocorisms: Hamoudi, Abboud and the like
// stand for several names each and are rarely written in a register.
import { romanise, type Script } from './normalise.ts';
import { wadeGilesReadings } from './syllables.ts';

/** Full name (one spelling: the others meet it by similarity) → its hypocorisms. */
const HYPOCORISMS: Record<string, string[]> = {
  // English
  alexander: ['alex', 'alec', 'sandy', 'xander'],
  alexandra: ['alex', 'sandra', 'sandy', 'lexi'],
  andrew: ['andy', 'drew'],
  anthony: ['tony'],
  antonio: ['tony', 'toni', 'tonio'],
  barbara: ['barb', 'babs'],
  benjamin: ['ben', 'benny', 'benji'],
  catherine: ['cathy', 'kate', 'katie', 'kitty'],
  katherine: ['kathy', 'kate', 'katie', 'kitty'],
  charles: ['charlie', 'chuck'],
  christopher: ['chris', 'kit'],
  daniel: ['dan', 'danny'],
  david: ['dave', 'davy'],
  deborah: ['debbie', 'deb'],
  donald: ['don', 'donny'],
  douglas: ['doug'],
  edward: ['ed', 'eddie', 'ted', 'teddy', 'ned'],
  elizabeth: ['liz', 'lizzie', 'beth', 'betty', 'betsy', 'eliza', 'lisa'],
  frederick: ['fred', 'freddie'],
  gerald: ['gerry', 'jerry'],
  gregory: ['greg'],
  henry: ['harry', 'hank'],
  jacob: ['jake'],
  james: ['jim', 'jimmy', 'jamie'],
  jennifer: ['jen', 'jenny'],
  john: ['jack', 'johnny'],
  jonathan: ['jon'],
  joseph: ['joe', 'joey'],
  joshua: ['josh'],
  kenneth: ['ken', 'kenny'],
  lawrence: ['larry'],
  leonard: ['len', 'lenny'],
  margaret: ['maggie', 'meg', 'peggy', 'marge', 'greta'],
  matthew: ['matt'],
  michael: ['mike', 'mick', 'mickey'],
  nathaniel: ['nate', 'nat'],
  nicholas: ['nick', 'nicky'],
  patricia: ['pat', 'patty', 'trish'],
  patrick: ['pat', 'paddy'],
  peter: ['pete'],
  philip: ['phil'],
  raymond: ['ray'],
  rebecca: ['becky'],
  richard: ['rick', 'ricky', 'dick', 'rich'],
  robert: ['bob', 'bobby', 'rob', 'robbie', 'bert'],
  ronald: ['ron', 'ronnie'],
  samuel: ['sam', 'sammy'],
  stephen: ['steve', 'stevie'],
  susan: ['sue', 'susie'],
  theodore: ['ted', 'teddy', 'theo'],
  thomas: ['tom', 'tommy'],
  timothy: ['tim', 'timmy'],
  victoria: ['vicky', 'tori'],
  walter: ['walt', 'wally'],
  william: ['bill', 'billy', 'will', 'willy', 'liam'],
  zachary: ['zach', 'zack'],
  // German, French, Italian, Spanish, Portuguese
  johannes: ['hans', 'jan'],
  friedrich: ['fritz'],
  jacques: ['jacquot'],
  giuseppe: ['beppe', 'peppe', 'pino'],
  giovanni: ['gianni', 'nanni'],
  francesco: ['franco', 'cecco'],
  jose: ['pepe', 'chepe'],
  francisco: ['paco', 'pancho', 'chico'],
  ignacio: ['nacho'],
  enrique: ['quique', 'kike'],
  guillermo: ['memo'],
  manuel: ['manolo', 'manu'],
  jesus: ['chucho', 'chuy'],
  dolores: ['lola'],
  concepcion: ['concha', 'conchita'],
  rosario: ['charo'],
  // Russian and Ukrainian
  aleksandr: ['sasha', 'sascha', 'sacha', 'sanya', 'shura'],
  aleksey: ['alyosha', 'lyosha'],
  anastasiya: ['nastya'],
  anatoliy: ['tolya'],
  anna: ['anya', 'anyuta'],
  boris: ['borya'],
  dmitriy: ['dima', 'mitya'],
  yekaterina: ['katya'],
  yelena: ['lena'],
  yevgeniy: ['zhenya'],
  grigoriy: ['grisha'],
  ivan: ['vanya'],
  konstantin: ['kostya'],
  lyudmila: ['lyuda', 'mila'],
  mariya: ['masha'],
  mikhail: ['misha'],
  nataliya: ['natasha', 'nata'],
  nikolay: ['kolya'],
  olga: ['olya'],
  pavel: ['pasha'],
  sergey: ['seryozha', 'serezha'],
  svetlana: ['sveta'],
  tatyana: ['tanya'],
  vladimir: ['volodya', 'vova'],
  volodymyr: ['volodya', 'vova'],
  viktor: ['vitya'],
  vyacheslav: ['slava'],
  stanislav: ['stas'],
  yakov: ['yasha'],
  yuriy: ['yura'],
};

/** Hypocorism → the full names it stands for. */
const FULL_NAMES = new Map<string, string[]>();
for (const [full, short] of Object.entries(HYPOCORISMS)) {
  for (const s of short) {
    const list = FULL_NAMES.get(s) ?? [];
    if (!list.includes(full)) list.push(full);
    FULL_NAMES.set(s, list);
  }
}

/**
 * Another reading of a part form, in Latin script: another spelling of the same name (pinyin for
 * Wade-Giles, the romanisation of Hangul), or another form of it (the full name of a hypocorism).
 */
export interface OtherReading {
  form: string;
  spelling: boolean;
}

/**
 * The other readings of a part form (none for most): the full names of a hypocorism, the pinyin
 * of a Chinese name in Wade-Giles, the romanisation of a name in Hangul, Devanagari or Bengali.
 */
export function readingsOf(form: string, script: Script): readonly OtherReading[] {
  if (script === 'other') {
    const latin = romanise(form);
    return latin === undefined ? NONE : [{ form: latin, spelling: true }];
  }
  if (script !== 'latin') return NONE;
  let readings = memo.get(form);
  if (readings === undefined) {
    const full = FULL_NAMES.get(form) ?? [];
    const pinyin = wadeGilesReadings(form);
    readings =
      full.length + pinyin.length === 0
        ? NONE
        : [
            ...full.map((f) => ({ form: f, spelling: false })),
            ...pinyin.map((p) => ({ form: p, spelling: true })),
          ];
    if (memo.size >= MEMO_SIZE) memo.clear();
    memo.set(form, readings);
  }
  return readings;
}

const NONE: readonly OtherReading[] = [];
/** The readings of the forms met last (names recur), emptied when full. */
const MEMO_SIZE = 100_000;
const memo = new Map<string, readonly OtherReading[]>();
