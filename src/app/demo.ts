// The demo scenario: the camps and prisons of North-East Syria in 2019 as public reporting describes
// them, with a SYNTHETIC population, built only through the commands the API runs so that `verify`
// holds afterwards. Deterministic for a seed: every name, date, household and custody decision comes
// from one seeded generator; only the ids (UUIDv7) and the recording times differ between two builds.
//
// At scale 1: about 12,000 men in five prisons (about 2,000 neither Syrian nor Iraqi) and about 62,000
// women and children in three camps, mothers with their children in households, admitted between
// January and September 2019. Then the autumn: the offensive begins on 9 October (alert postures go to
// critical, guards are sent to the front); the United States takes two British high-value detainees and
// about forty other fighters; shelling breaches a wall of the Qamishli prison and five men escape; the
// Tel Abyad prison is emptied before the town falls on 13 October (most men reach Hasakah, a convoy never
// arrives, the rest are gone); Ayn Issa camp is shelled and burns on 13 October, its annex empties and
// the camp is evacuated; women escaping from Al Hol and Roj, births, deaths, hospital stays, transfers,
// releases to tribal guarantors, handovers to Iraq, children repatriated, Geneva IV notifications.
// The register of the Ayn Issa annex holds only about 300 of the foreign families held there, as
// registers then did: the escapees it names (about 200, some 65 women recaptured in the following days)
// are far fewer than the 859 reported.
//
// Then the incidents as they were known at the time (issue 7): the shelling of Ayn Issa and the escape
// that followed it, with its identified escapees beside the 859 reported by the administration and the
// 60-70 recaptured reported by a news agency; the Tel Abyad prison, with the two sides' conflicting
// claims about who emptied it, each with its graded source; 635 escape attempts thwarted at Al Hol and
// Roj since the offensive began (organised or in groups; 48 individual ones in the summer before it);
// the car bombs in Qamishli and Tel Abyad and the attacks near Ayn Issa and Raqqa as external events.
//
// Then the repatriation cases of several countries in every status, and children's protection cases
// (issue 8).
import type { z } from 'zod';
import { type Role, roles } from '../auth/policy.ts';
import { generatePassword, MIN_PASSWORD_LENGTH } from '../auth/secrets.ts';
import { systemActor } from './access.ts';
import type { CommandName, Commands } from './commands/index.ts';
import type { Custodian } from './custodian.ts';
import {
  familyNames,
  femaleGiven,
  iraqiPlaces,
  kunyas,
  maleGiven,
  type NamePart,
  nisbas,
  regionNames,
  syrianPlaces,
  type ThirdCountry,
  thirdCountries,
  ummPrefix,
} from './demo-names.ts';

export interface DemoOptions {
  /** Multiplies the number of people: 1 gives about 74,000, 0.01 about 800. */
  scale: number;
  seed: number;
  /** The password of every demo user, at least MIN_PASSWORD_LENGTH characters; generated when absent. */
  password?: string | undefined;
  /**
   * Commands per transaction (default 1,000). The demo is the same whatever the size: nothing in it
   * may depend on two commands sharing a transaction unless they are one command.
   */
  commandsPerTransaction?: number;
}

export interface DemoUser {
  username: string;
  role: Role;
  /** Facility codes, or every facility. */
  facilities: 'all' | readonly FacilityCode[];
}

export interface DemoSummary {
  facilities: number;
  persons: number;
  events: number;
  users: readonly DemoUser[];
  password: string;
}

const actor = systemActor('demo');
/** Commands per transaction: large enough that a transaction's fixed cost is small. */
/** Commands per transaction unless the options say otherwise. */
const BATCH = 1000;

// --- A small seeded generator (mulberry32).

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

class Random {
  private readonly next: () => number;

  constructor(seed: number) {
    // Spread nearby seeds (1, 2, 3...) apart before they reach the generator.
    this.next = mulberry32(Math.imul(Math.trunc(seed) ^ 0x9e3779b9, 0x85ebca6b));
  }

  float(): number {
    return this.next();
  }

  /** An integer in [min, max]. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new Error('pick from an empty list');
    return items[Math.floor(this.next() * items.length)]!;
  }

  /** One of `items` other than `avoid`. */
  pickOther<T>(items: readonly T[], avoid: T): T {
    return this.pick(items.filter((i) => i !== avoid));
  }

  /** An index chosen with the given weights. */
  weighted(weights: readonly number[]): number {
    const total = weights.reduce((a, b) => a + b, 0);
    let x = this.next() * total;
    for (const [i, w] of weights.entries()) {
      x -= w;
      if (x < 0) return i;
    }
    return weights.length - 1;
  }
}

// --- Times. Every occurredAt is in 2019, in UTC.

const MINUTE = 60_000;
const DAY = 1440 * MINUTE;

/** `day` (YYYY-MM-DD) plus minutes, as the ISO instant the app stores. */
function at(day: string, minutes = 0): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + minutes * MINUTE).toISOString();
}

const later = (instant: string, minutes: number) =>
  new Date(Date.parse(instant) + minutes * MINUTE).toISOString();

/** A random date (YYYY-MM-DD) between two dates, both included. */
function dateBetween(r: Random, from: string, to: string): string {
  const a = Date.parse(from.slice(0, 10));
  const b = Date.parse(to.slice(0, 10));
  return new Date(a + r.int(0, Math.max(0, Math.round((b - a) / DAY))) * DAY).toISOString().slice(0, 10);
}

/** A random instant between two days (both included), between the given hours. */
const sometime = (r: Random, from: string, to: string, firstHour = 6, lastHour = 17) =>
  at(dateBetween(r, from, to), r.int(firstHour * 60, lastHour * 60));

const addYears = (date: string, years: number) => `${Number(date.slice(0, 4)) + years}${date.slice(4)}`;
const addDays = (date: string, days: number) =>
  new Date(Date.parse(date.slice(0, 10)) + days * DAY).toISOString().slice(0, 10);
const maxDate = (a: string, b: string) => (a > b ? a : b);

/** The offensive into North-East Syria began on the afternoon of 9 October 2019. */
const OFFENSIVE = '2019-10-09';
/** The Sochi agreement of 22 October 2019 ended the fighting along most of the border. */
const CEASEFIRE = '2019-10-23';

// --- The facilities.

type CampCode = 'HOL' | 'ROJ' | 'AYN';
type PrisonCode = 'HSK' | 'HSC' | 'QAM' | 'DRK' | 'TAB';
export type FacilityCode = CampCode | PrisonCode;
type Category = 'man' | 'woman' | 'boy' | 'girl';
const WOMEN_CHILDREN: Category[] = ['woman', 'girl', 'boy'];
const MEN: Category[] = ['man'];
const AANES = 'Autonomous Administration of North and East Syria';

interface SectionPlan {
  code: string;
  name: string;
  capacity: number;
  categories: Category[];
  /** Where residents live (not an infirmary or isolation cells): where they are admitted and moved. */
  housing: boolean;
}

interface FacilityPlan {
  code: FacilityCode;
  nameEn: string;
  nameAr: string;
  kind: 'camp' | 'prison';
  location: { lat: number; lon: number };
  borderDistanceKm: number;
  capacity: number;
  authority: string;
  /** Who acts for the facility in the custody record. */
  actingAuthority: string;
  sections: SectionPlan[];
  sectors: { code: string; name: string; status: 'open' | 'closed' }[];
  /** Guards on a day shift: required, and on duty before the offensive, in its first two weeks, and after. */
  guards: { required: number; before: number; crisis: number; after: number };
  /** The last day the facility reported guards: it was abandoned or lost. */
  lastDay?: string;
}

const housing = (code: string, name: string, capacity: number, categories: Category[]): SectionPlan => ({
  code,
  name,
  capacity,
  categories,
  housing: true,
});
const service = (code: string, name: string, capacity: number): SectionPlan => ({
  code,
  name,
  capacity,
  categories: MEN,
  housing: false,
});

/** The phases of the main camp of Al Hol, where Syrian and Iraqi families live. */
const HOL_PHASES = ['PH1', 'PH2', 'PH3', 'PH4', 'PH5', 'PH6', 'PH7', 'PH8'];

// Coordinates and distances are approximate; capacities are what the sites were built for, which the
// camps far exceeded in 2019.
const FACILITIES: FacilityPlan[] = [
  {
    code: 'HOL',
    nameEn: 'Al Hol camp',
    nameAr: 'مخيم الهول',
    kind: 'camp',
    location: { lat: 36.378, lon: 41.142 },
    borderDistanceKm: 13,
    capacity: 40000,
    authority: `${AANES}, Al Hol camp administration`,
    actingAuthority: 'Asayish (Internal Security Forces), Al Hol',
    sections: [
      ...HOL_PHASES.map((code, i) =>
        housing(code, `Phase ${i + 1} (Syrian and Iraqi families)`, i < 4 ? 5000 : 3500, WOMEN_CHILDREN),
      ),
      housing('ANNEX', 'Annex (foreign women and children)', 6000, WOMEN_CHILDREN),
    ],
    sectors: [
      { code: 'N-FENCE', name: 'North fence, phases 1-3', status: 'closed' },
      { code: 'E-FENCE', name: 'East fence, towards the Iraqi border', status: 'closed' },
      { code: 'MAIN-GATE', name: 'Main gate, Hasakah road', status: 'open' },
      { code: 'ANNEX-GATE', name: 'Annex checkpoint', status: 'closed' },
    ],
    guards: { required: 600, before: 440, crisis: 260, after: 330 },
  },
  {
    code: 'ROJ',
    nameEn: 'Roj camp',
    nameAr: 'مخيم روج',
    kind: 'camp',
    location: { lat: 37.07, lon: 42.07 },
    borderDistanceKm: 10,
    capacity: 2500,
    authority: `${AANES}, Roj camp administration (near Derik / al-Malikiyah)`,
    actingAuthority: 'Asayish (Internal Security Forces), Roj',
    sections: [
      housing('A', 'Sector A', 1250, WOMEN_CHILDREN),
      housing('B', 'Sector B', 1250, WOMEN_CHILDREN),
    ],
    sectors: [
      { code: 'PERIM', name: 'Perimeter fence', status: 'closed' },
      { code: 'GATE', name: 'Main gate', status: 'open' },
    ],
    guards: { required: 80, before: 68, crisis: 44, after: 52 },
  },
  {
    code: 'AYN',
    nameEn: 'Ayn Issa camp',
    nameAr: 'مخيم عين عيسى',
    kind: 'camp',
    location: { lat: 36.385, lon: 38.859 },
    borderDistanceKm: 30,
    capacity: 13000,
    authority: `${AANES}, Ayn Issa camp administration`,
    actingAuthority: 'Asayish (Internal Security Forces), Ayn Issa',
    sections: [
      housing('MAIN', 'Main camp (displaced Syrians)', 12000, WOMEN_CHILDREN),
      housing('ANNEX', 'Annex (foreign women and children)', 1000, WOMEN_CHILDREN),
    ],
    sectors: [
      { code: 'W-FENCE', name: 'West fence, M4 road side', status: 'closed' },
      { code: 'ANNEX-GATE', name: 'Annex gate', status: 'closed' },
      { code: 'MAIN-GATE', name: 'Main gate', status: 'open' },
    ],
    guards: { required: 120, before: 85, crisis: 24, after: 0 },
    lastDay: '2019-10-16',
  },
  {
    code: 'HSK',
    nameEn: "Ghuwayran prison (al-Sina'a), Hasakah",
    nameAr: 'سجن غويران (الصناعة) في الحسكة',
    kind: 'prison',
    location: { lat: 36.476, lon: 40.727 },
    borderDistanceKm: 70,
    capacity: 5000,
    authority: 'Syrian Democratic Forces; Internal Security Forces (Asayish)',
    actingAuthority: 'Internal Security Forces, Ghuwayran prison',
    sections: [
      ...[1, 2, 3, 4, 5, 6].map((n) => housing(`DORM-${n}`, `Dormitory ${n}`, 800, MEN)),
      service('INFIRMARY', 'Infirmary', 120),
      service('ISOLATION', 'Isolation cells', 80),
    ],
    sectors: [
      { code: 'N-WALL', name: 'North wall', status: 'closed' },
      { code: 'S-WALL', name: 'South wall, towards the Ghuwayran district', status: 'closed' },
      { code: 'GATE', name: 'Vehicle gate', status: 'closed' },
      { code: 'ROOF', name: 'Roofs of the dormitories', status: 'closed' },
    ],
    guards: { required: 420, before: 360, crisis: 230, after: 270 },
  },
  {
    code: 'HSC',
    nameEn: 'Hasakah central prison',
    nameAr: 'سجن الحسكة المركزي',
    kind: 'prison',
    location: { lat: 36.512, lon: 40.741 },
    borderDistanceKm: 65,
    capacity: 2500,
    authority: 'Syrian Democratic Forces; Internal Security Forces (Asayish)',
    actingAuthority: 'Internal Security Forces, Hasakah central prison',
    sections: [
      ...['A', 'B', 'C', 'D'].map((w) => housing(`WING-${w}`, `Wing ${w}`, 600, MEN)),
      service('INFIRMARY', 'Infirmary', 60),
    ],
    sectors: [
      { code: 'WALL', name: 'Outer wall', status: 'closed' },
      { code: 'GATE', name: 'Main gate', status: 'closed' },
    ],
    guards: { required: 210, before: 180, crisis: 120, after: 140 },
  },
  {
    code: 'QAM',
    nameEn: 'Qamishli prison (Navkur)',
    nameAr: 'سجن نافكور في القامشلي',
    kind: 'prison',
    location: { lat: 37.043, lon: 41.227 },
    borderDistanceKm: 2,
    capacity: 2200,
    authority: 'Syrian Democratic Forces; Internal Security Forces (Asayish)',
    actingAuthority: 'Internal Security Forces, Qamishli prison',
    sections: [
      ...[1, 2, 3].map((n) => housing(`HALL-${n}`, `Hall ${n}`, 700, MEN)),
      service('ISOLATION', 'Isolation cells', 40),
    ],
    sectors: [
      { code: 'N-WALL', name: 'North wall, facing the border', status: 'closed' },
      { code: 'S-WALL', name: 'South wall', status: 'closed' },
      { code: 'GATE', name: 'Main gate', status: 'closed' },
    ],
    guards: { required: 190, before: 160, crisis: 95, after: 125 },
  },
  {
    code: 'DRK',
    nameEn: 'Derik prison (al-Malikiyah)',
    nameAr: 'سجن ديريك (المالكية)',
    kind: 'prison',
    location: { lat: 37.151, lon: 42.135 },
    borderDistanceKm: 8,
    capacity: 2000,
    authority: 'Syrian Democratic Forces; Internal Security Forces (Asayish)',
    actingAuthority: 'Internal Security Forces, Derik prison',
    sections: [
      ...[1, 2, 3].map((n) => housing(`HALL-${n}`, `Hall ${n}`, 650, MEN)),
      service('INFIRMARY', 'Infirmary', 40),
    ],
    sectors: [
      { code: 'WALL', name: 'Outer wall', status: 'closed' },
      { code: 'GATE', name: 'Main gate', status: 'closed' },
    ],
    guards: { required: 170, before: 150, crisis: 100, after: 120 },
  },
  {
    code: 'TAB',
    nameEn: 'Tel Abyad prison',
    nameAr: 'سجن تل أبيض',
    kind: 'prison',
    location: { lat: 36.697, lon: 38.955 },
    borderDistanceKm: 1,
    capacity: 300,
    authority: 'Syrian Democratic Forces; Internal Security Forces (Asayish)',
    actingAuthority: 'Internal Security Forces, Tel Abyad',
    sections: [housing('HALL-1', 'Hall 1', 150, MEN), housing('HALL-2', 'Hall 2', 150, MEN)],
    sectors: [
      { code: 'WALL', name: 'Outer wall', status: 'closed' },
      { code: 'GATE', name: 'Main gate', status: 'closed' },
    ],
    guards: { required: 40, before: 34, crisis: 12, after: 0 },
    lastDay: '2019-10-13',
  },
];

const facilityPlan = (code: FacilityCode) => FACILITIES.find((f) => f.code === code)!;
const housingSections = (code: FacilityCode) =>
  facilityPlan(code)
    .sections.filter((s) => s.housing)
    .map((s) => s.code);

// --- Demo users: one per role over every facility, and two scoped to one camp each.

export const demoUsers: readonly DemoUser[] = [
  ...roles.map((role) => ({ username: role, role, facilities: 'all' as const })),
  { username: 'guard-roj', role: 'guard', facilities: ['ROJ'] },
  { username: 'registrar-hol', role: 'registrar', facilities: ['HOL'] },
];

// --- Names, as registrars write them.

type IdentityInput = z.input<Commands['registerPerson']['input']>['identity'];
type Names = IdentityInput['names'];
type Sex = 'male' | 'female';

interface NameChoice {
  given: NamePart;
  father?: NamePart | undefined;
  grandfather?: NamePart | undefined;
  family?: NamePart | undefined;
  kunya?: NamePart | undefined;
}

/** How registrars wrote the article of family names (the vocabulary writes it `al-`), by frequency. */
const ARTICLES: readonly [string, number][] = [
  ['al-', 5],
  ['Al-', 3],
  ['Al ', 3],
  ['al ', 2],
  ['el-', 2],
  ['Al', 1],
  ['', 1],
];

/**
 * One registrar at one desk: their spelling of each name part, their way with the article, and their
 * capitals (some typed names all in capitals, a few all in lower case). A household is registered by
 * one registrar, so siblings share the spelling of their father's name; the next household's
 * registrar may spell it otherwise.
 */
class Registrar {
  private readonly spellings = new Map<NamePart, string>();
  private readonly article: string;
  private readonly letters: 'as-written' | 'upper' | 'lower';
  /** Writes names in Latin script too, or (some desks in Syrian and Iraqi phases) in Arabic only. */
  readonly latin: boolean;

  constructor(
    private readonly r: Random,
    arabicOnlyChance: number,
  ) {
    this.article = ARTICLES[r.weighted(ARTICLES.map(([, w]) => w))]![0];
    this.letters = (['as-written', 'upper', 'lower'] as const)[r.weighted([88, 9, 3])]!;
    this.latin = !r.chance(arabicOnlyChance);
  }

  write(part: NamePart): string;
  write(part: NamePart | undefined): string | undefined;
  write(part: NamePart | undefined): string | undefined {
    if (part === undefined) return undefined;
    let spelling = this.spellings.get(part);
    if (spelling === undefined) {
      spelling = this.r.pick(part.latin);
      this.spellings.set(part, spelling);
    }
    return this.styled(spelling);
  }

  /** A name part as this registrar writes it in free-text fields: in Latin script, or in Arabic. */
  word(part: NamePart): string {
    return this.latin ? this.write(part) : part.ar;
  }

  /** A spelling with this registrar's article and capitals ("al-Khatib" may become "AL KHATIB"). */
  styled(spelling: string): string {
    // Only a leading article: inside a given name ("Nour al-Din") the spelling stays as listed.
    const text = spelling.replace(/^al-(?=\S)/, this.article);
    if (this.letters === 'upper') return text.toUpperCase();
    if (this.letters === 'lower') return text.toLowerCase();
    return text;
  }

  names(n: NameChoice, aliases: string[] = []): Names {
    const arabic = compact({
      given: n.given.ar,
      father: n.father?.ar,
      grandfather: n.grandfather?.ar,
      family: n.family?.ar,
      kunya: n.kunya?.ar,
    });
    if (!this.latin) return { arabic, aliases };
    return {
      arabic,
      latin: compact({
        given: this.write(n.given),
        father: this.write(n.father),
        grandfather: this.write(n.grandfather),
        family: this.write(n.family),
        kunya: this.write(n.kunya),
      }),
      aliases,
    };
  }
}

/** Removes keys whose value is undefined, so inputs hold only what was given. */
function compact<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}

/** A woman's kunya after her eldest son: Umm Omar, Um Umar, Oum Omer. */
function umm(son: NamePart): NamePart {
  const latin = ummPrefix.latin.map((u, i) => `${u} ${son.latin[i % son.latin.length]}`);
  return { ar: `${ummPrefix.ar} ${son.ar}`, latin: latin as [string, ...string[]] };
}

/** A Russian or Central Asian family name as a woman bears it: Karimov, Karimova or Karimowa. */
function feminine(family: NamePart): NamePart {
  const latin = family.latin.flatMap((l) => [`${l}a`, `${l.replace(/v$/, 'w')}a`]);
  return { ar: `${family.ar}ا`, latin: [...new Set(latin)] as [string, ...string[]] };
}

/** The name a list shows for a person, as the registrar wrote it. */
const shownName = (names: Names) => {
  const parts = names.latin ?? names.arabic!;
  return [parts.given, parts.family].filter((p) => p !== undefined).join(' ');
};

const MARKS = [
  'scar above the left eyebrow',
  'missing two fingers of the right hand',
  'old gunshot wound to the right thigh; walks with a limp',
  'burn scars on both forearms',
  'prosthetic left leg below the knee',
  'tattoo removed from the right forearm',
  'shrapnel scars on the back and neck',
];

// --- The population plan: who is held where at the start of October 2019, and what happens to them.

/** What happens to a household in the autumn of 2019; `stay` households stay where they are. */
type HouseholdRole =
  | 'stay'
  | 'birth'
  | 'child-hospital'
  | 'child-died'
  | 'woman-died'
  | 'moved'
  | 'released'
  | 'to-roj'
  | 'escaped'
  | 'escaped-recaptured'
  | 'children-repatriated'
  | 'repatriated'
  | 'ayn-escaped'
  | 'ayn-recaptured'
  | 'ayn-escape-in-error'
  | 'ayn-evacuated'
  | 'ayn-overdue'
  | 'ayn-left'
  | 'ayn-moved';

/** What happens to a prisoner; `held` prisoners stay where they are. */
type PrisonerRole =
  | 'held'
  | 'british-hvd'
  | 'us-custody'
  | 'iraq'
  | 'released'
  | 'died'
  | 'hospital'
  | 'moved'
  | 'separated'
  | 'shelling-escape'
  | 'tab-transferred'
  | 'tab-overdue'
  | 'tab-escaped';

/** Counts at scale 1 and the least at any scale: [role, count, minimum]. */
type RoleCounts<R> = readonly (readonly [R, number, number])[];

type Origin = 'syrian' | 'syrian-iraqi' | 'foreign' | 'foreign-western';

interface CampGroup {
  facility: CampCode;
  sections: readonly string[];
  /** People at scale 1, the role households included. */
  people: number;
  origin: Origin;
  /** When its people arrived. */
  arrival: readonly [string, string];
  admissionReason: string;
  legalBasis: string;
  /** Households with a role; households of the `rest` role make up the number of people. */
  roles: RoleCounts<HouseholdRole>;
  rest: HouseholdRole;
}

const CAMP_GROUPS: readonly CampGroup[] = [
  {
    facility: 'HOL',
    sections: HOL_PHASES,
    people: 46_500,
    origin: 'syrian-iraqi',
    arrival: ['2019-01-05', '2019-04-15'],
    admissionReason: 'arrived from Baghuz and the last villages of the Euphrates valley',
    legalBasis: 'Residence in a displaced-persons camp pending return, under the camp regulations',
    roles: [
      ['released', 180, 1],
      ['moved', 250, 1],
      ['child-hospital', 200, 1],
      ['child-died', 60, 1],
      ['woman-died', 6, 1],
      ['birth', 450, 1],
    ],
    rest: 'stay',
  },
  {
    facility: 'HOL',
    sections: ['ANNEX'],
    people: 9_500,
    origin: 'foreign',
    arrival: ['2019-01-20', '2019-04-10'],
    admissionReason: 'foreign national separated from the Syrian and Iraqi families on arrival from Baghuz',
    legalBasis: 'Held in a displaced-persons camp pending repatriation by the country of nationality',
    roles: [
      ['escaped', 13, 1],
      ['escaped-recaptured', 12, 1],
      ['to-roj', 40, 1],
      ['child-hospital', 60, 1],
      ['birth', 80, 1],
    ],
    rest: 'stay',
  },
  {
    facility: 'ROJ',
    sections: ['A', 'B'],
    people: 1_700,
    origin: 'foreign-western',
    arrival: ['2019-01-15', '2019-06-30'],
    admissionReason: 'foreign national transferred from the screening point at Hasakah',
    legalBasis: 'Held in a displaced-persons camp pending repatriation by the country of nationality',
    roles: [
      ['escaped', 1, 1],
      ['escaped-recaptured', 2, 1],
      ['child-hospital', 15, 1],
      ['birth', 25, 1],
    ],
    rest: 'stay',
  },
  {
    // The annex register counted only part of the foreign families held there (see the top of the file).
    facility: 'AYN',
    sections: ['ANNEX'],
    people: 300,
    origin: 'foreign',
    arrival: ['2019-04-01', '2019-08-31'],
    admissionReason: 'foreign national transferred from Al Hol for lack of space in the annex',
    legalBasis: 'Held in a displaced-persons camp pending repatriation by the country of nationality',
    roles: [
      ['ayn-escaped', 8, 1],
      ['ayn-recaptured', 64, 2],
      ['ayn-escape-in-error', 1, 1],
      ['ayn-overdue', 6, 1],
    ],
    rest: 'ayn-evacuated',
  },
  {
    facility: 'AYN',
    sections: ['MAIN'],
    people: 3_500,
    origin: 'syrian',
    arrival: ['2019-01-10', '2019-09-15'],
    admissionReason: 'displaced from Raqqa and Deir ez-Zor governorates',
    legalBasis: 'Residence in a displaced-persons camp pending return, under the camp regulations',
    roles: [['ayn-left', 400, 1]],
    rest: 'ayn-moved',
  },
];

interface PrisonGroup {
  facility: PrisonCode;
  /** Men at scale 1. */
  people: number;
  arrival: readonly [string, string];
  roles: RoleCounts<PrisonerRole>;
  rest: PrisonerRole;
}

const PRISON_GROUPS: readonly PrisonGroup[] = [
  {
    facility: 'HSK',
    people: 5_000,
    arrival: ['2019-01-05', '2019-04-30'],
    roles: [
      ['british-hvd', 2, 2],
      ['us-custody', 25, 1],
      ['iraq', 80, 1],
      ['released', 80, 1],
      ['died', 5, 1],
      ['hospital', 60, 1],
      ['moved', 150, 1],
      ['separated', 40, 2],
    ],
    rest: 'held',
  },
  {
    facility: 'HSC',
    people: 2_500,
    arrival: ['2019-01-05', '2019-05-31'],
    roles: [
      ['us-custody', 15, 1],
      ['iraq', 70, 1],
      ['released', 70, 1],
      ['died', 3, 0],
      ['hospital', 40, 1],
      ['moved', 100, 1],
      ['separated', 20, 2],
    ],
    rest: 'held',
  },
  {
    facility: 'QAM',
    people: 2_200,
    arrival: ['2019-01-05', '2019-06-30'],
    roles: [
      ['shelling-escape', 5, 1],
      ['released', 50, 0],
      ['hospital', 20, 0],
      ['moved', 80, 0],
    ],
    rest: 'held',
  },
  {
    facility: 'DRK',
    people: 2_000,
    arrival: ['2019-01-05', '2019-06-30'],
    roles: [
      ['released', 40, 0],
      ['died', 2, 0],
      ['hospital', 20, 0],
      ['moved', 60, 0],
    ],
    rest: 'held',
  },
  {
    facility: 'TAB',
    people: 300,
    arrival: ['2019-05-01', '2019-09-30'],
    roles: [
      ['tab-transferred', 190, 1],
      ['tab-overdue', 40, 1],
      ['tab-escaped', 70, 1],
    ],
    rest: 'tab-transferred',
  },
];

/**
 * Repatriations of the autumn of 2019 (as custody events; the cases themselves wait for issue 8): some
 * states took children home with their mothers' consent, the mothers staying in the camp; others took
 * whole families.
 */
const REPATRIATIONS: readonly {
  country: string;
  facility: CampCode;
  day: string;
  households: number;
  who: 'children' | 'families';
}[] = [
  { country: 'AUT', facility: 'ROJ', day: '2019-10-03', households: 1, who: 'children' },
  { country: 'NOR', facility: 'HOL', day: '2019-10-21', households: 2, who: 'children' },
  { country: 'UZB', facility: 'HOL', day: '2019-10-29', households: 5, who: 'families' },
  { country: 'GBR', facility: 'ROJ', day: '2019-11-21', households: 2, who: 'children' },
  { country: 'DEU', facility: 'HOL', day: '2019-11-25', households: 2, who: 'children' },
  { country: 'KAZ', facility: 'HOL', day: '2019-11-28', households: 6, who: 'families' },
  { country: 'BEL', facility: 'HOL', day: '2019-12-12', households: 2, who: 'children' },
  { country: 'RUS', facility: 'HOL', day: '2019-12-29', households: 6, who: 'children' },
];

interface PersonPlan {
  key: number;
  facility: FacilityCode;
  section: string;
  sex: Sex;
  birthDate: string;
  given: NamePart;
  identity: IdentityInput;
  admittedAt: string;
}

interface HouseholdPlan {
  role: HouseholdRole;
  group: CampGroup;
  section: string;
  mother: PersonPlan;
  children: PersonPlan[];
  /** The children's father: often dead, detained or missing; his names are in theirs. */
  husband: NameChoice;
  childNationalities: string[];
  registrar: Registrar;
  repatriation?: (typeof REPATRIATIONS)[number];
}

interface PrisonerPlan {
  role: PrisonerRole;
  group: PrisonGroup;
  person: PersonPlan;
  nationality: string;
}

/** `n` distinct items of `items` (or all of them), in random order. */
function sample<T>(r: Random, items: readonly T[], n: number): T[] {
  const pool = [...items];
  const count = Math.min(n, pool.length);
  for (let i = 0; i < count; i++) {
    const j = r.int(i, pool.length - 1);
    [pool[i], pool[j]] = [pool[j]!, pool[i]!];
  }
  return pool.slice(0, count);
}

/** How many of something at this scale: the scaled count, never fewer than `min`. */
const scaled = (base: number, scale: number, min: number) => Math.max(min, Math.round(base * scale));

const isLocal = (country: string) => country === 'SYR' || country === 'IRQ';
const thirdCountry = new Map(thirdCountries.map((c) => [c.code, c]));
const countryName = (code: string) => thirdCountry.get(code)?.name ?? code;

class Population {
  private seq = 0;
  readonly households: HouseholdPlan[] = [];
  readonly prisoners: PrisonerPlan[] = [];

  constructor(private readonly r: Random) {}

  get people(): PersonPlan[] {
    return [
      ...this.households.flatMap((h) => [h.mother, ...h.children]),
      ...this.prisoners.map((p) => p.person),
    ];
  }

  /** A third country, by the weights of the camps; Roj held more Western Europeans than the rest. */
  thirdCountry(western = false): ThirdCountry {
    const weights = thirdCountries.map((c) => c.weight * (western && c.region === 'western-europe' ? 4 : 1));
    return thirdCountries[this.r.weighted(weights)]!;
  }

  private countryOf(origin: Origin): string {
    if (origin === 'syrian') return 'SYR';
    if (origin === 'syrian-iraqi') return this.r.chance(0.45) ? 'SYR' : 'IRQ';
    return this.thirdCountry(origin === 'foreign-western').code;
  }

  private birthPlace(country: string): string {
    if (country === 'SYR') return this.r.pick(syrianPlaces)[1];
    if (country === 'IRQ') return this.r.pick(iraqiPlaces)[1];
    return thirdCountry.get(country)?.city ?? country;
  }

  private namesOf(country: string) {
    return regionNames[thirdCountry.get(country)?.region ?? 'arabic'];
  }

  /** A family or tribe name usual for a man of `country`. */
  private familyFor(country: string): NamePart {
    const region = this.namesOf(country);
    if (region.maleFamily.length > 0 && this.r.chance(0.75)) return this.r.pick(region.maleFamily);
    return this.r.pick(familyNames);
  }

  /** The same family name as a person of this sex bears it. */
  private familyAs(family: NamePart, country: string, sex: Sex): NamePart {
    const region = this.namesOf(country);
    return sex === 'female' && region.feminineSuffix && region.maleFamily.includes(family)
      ? feminine(family)
      : family;
  }

  household(
    role: HouseholdRole,
    group: CampGroup,
    options: { country?: string; minChildren?: number; youngMother?: boolean } = {},
  ): HouseholdPlan {
    const r = this.r;
    const country = options.country ?? this.countryOf(group.origin);
    const local = isLocal(country);
    const section = r.pick(group.sections);
    const registrar = new Registrar(r, local ? 0.08 : 0);
    const admittedAt = at(dateBetween(r, ...group.arrival), r.int(6 * 60, 16 * 60));

    // The husband: his names are in the children's names.
    const husbandCountry = local
      ? country
      : r.pick([country, country, r.chance(0.5) ? 'SYR' : 'IRQ', this.thirdCountry().code]);
    const husbandGiven = r.pick(maleGiven);
    const husband: NameChoice = {
      given: husbandGiven,
      father: r.pickOther(maleGiven, husbandGiven),
      family: this.familyFor(husbandCountry),
    };

    // The mother.
    const region = this.namesOf(country);
    const motherBirth = dateBetween(
      r,
      options.youngMother ? '1982-01-01' : local ? '1968-01-01' : '1975-01-01',
      '2000-12-31',
    );
    const regionalGiven = region.femaleGiven.length > 0 && r.chance(0.7);
    const motherGiven = regionalGiven ? r.pick(region.femaleGiven) : r.pick(femaleGiven);
    const motherFamily = this.familyAs(
      local ? r.pick(familyNames) : this.familyFor(country),
      country,
      'female',
    );
    const motherFather = regionalGiven ? undefined : r.pick(maleGiven);

    // The children, eldest first, all born before the household arrived in 2019 (later births are
    // registered as births in custody), to a mother of 16 or more. Children are under 18 throughout 2019.
    const minChildren = options.minChildren ?? 0;
    const childless = minChildren === 0 && r.chance(local ? 0.08 : 0.15);
    const wanted = childless
      ? 0
      : Math.max(minChildren, local ? 1 + r.weighted([2, 3, 3, 2, 1, 1]) : 1 + r.weighted([3, 3, 2, 1]));
    const earliest = maxDate(addYears(motherBirth, 16), local ? '2002-01-01' : '2005-01-01');
    const latest = addDays(admittedAt, -1);
    const births = Array.from({ length: wanted }, () => dateBetween(r, earliest, latest)).sort();
    const childNationalities = local
      ? r.chance(0.85)
        ? [country]
        : [r.chance(0.7) ? 'unknown' : 'stateless']
      : [
          [country],
          husbandCountry === country ? [country] : [country, husbandCountry],
          ['unknown'],
          ['stateless'],
        ][r.weighted([5, 1, 2, 1])]!;
    const children = births.map((born): PersonPlan => {
      const sex: Sex = r.chance(0.5) ? 'male' : 'female';
      const given = sex === 'male' ? r.pickOther(maleGiven, husband.given) : r.pick(femaleGiven);
      // Estimated ages are written as the first of January of the year, as registrars do.
      const estimated = r.chance(0.45);
      const birthDate =
        estimated && `${born.slice(0, 4)}-01-01` >= earliest ? `${born.slice(0, 4)}-01-01` : born;
      const identity: IdentityInput = compact({
        names: registrar.names({
          given,
          father: husband.given,
          grandfather: husband.father,
          family: this.familyAs(husband.family!, husbandCountry, sex),
        }),
        sex,
        birthDate: { date: birthDate, estimated },
        placeOfBirth:
          birthDate >= '2014-06-01'
            ? r.pick(country === 'IRQ' ? iraqiPlaces : syrianPlaces)[1]
            : this.birthPlace(country),
        nationalities: r.chance(0.9) ? childNationalities : ['unknown'],
        fatherFirstName: registrar.word(husband.given),
        motherName: `${registrar.word(motherGiven)} ${registrar.word(motherFamily)}`,
        documents: r.chance(0.15) ? [{ kind: 'birth-certificate' as const, held: r.chance(0.5) }] : [],
      });
      return {
        key: this.key(),
        facility: group.facility,
        section,
        sex,
        birthDate,
        given,
        identity,
        admittedAt,
      };
    });

    const eldestSon = children.find((c) => c.sex === 'male');
    const kunya = eldestSon !== undefined && r.chance(local ? 0.35 : 0.5) ? umm(eldestSon.given) : undefined;
    const aliases =
      regionalGiven && r.chance(0.6) ? [`${registrar.word(r.pick(femaleGiven))} (name used in Syria)`] : [];
    const mother: PersonPlan = {
      key: this.key(),
      facility: group.facility,
      section,
      sex: 'female',
      birthDate: motherBirth,
      given: motherGiven,
      admittedAt,
      identity: compact({
        names: registrar.names(
          { given: motherGiven, father: motherFather, family: motherFamily, kunya },
          aliases,
        ),
        sex: 'female' as const,
        birthDate: { date: motherBirth, estimated: r.chance(0.3) },
        placeOfBirth: this.birthPlace(country),
        nationalities: [country],
        lastResidence: local
          ? r.pick(['Baghuz', 'Hajin', 'Raqqa', 'Mosul', 'Deir ez-Zor', 'Al-Bukamal', 'Al-Shaafa'])
          : r.pick(['Baghuz', 'Hajin', 'Raqqa', 'Mayadin', 'Al-Susah']),
        fatherFirstName: motherFather === undefined ? undefined : registrar.word(motherFather),
        motherName: registrar.word(r.pick(femaleGiven)),
        distinguishingMarks: r.chance(0.04) ? r.pick(MARKS) : undefined,
        addressForCorrespondence: local ? undefined : `c/o the consulate of ${countryName(country)} in Erbil`,
        personToNotify: r.chance(0.4)
          ? {
              name: `${registrar.word(r.pick(femaleGiven))} ${registrar.word(motherFamily)}`,
              relation: 'mother',
            }
          : undefined,
        documents: local
          ? r.chance(0.4)
            ? [{ kind: 'family-booklet' as const, held: r.chance(0.5) }]
            : []
          : [{ kind: 'passport' as const, issuingCountry: country, held: r.chance(0.2) }],
      }),
    };

    const household: HouseholdPlan = {
      role,
      group,
      section,
      mother,
      children,
      husband,
      childNationalities,
      registrar,
    };
    this.households.push(household);
    return household;
  }

  prisoner(role: PrisonerRole, group: PrisonGroup, section: string, nationality: string): PrisonerPlan {
    const r = this.r;
    const local = isLocal(nationality);
    const registrar = new Registrar(r, local ? 0.08 : 0);
    const given = r.pick(maleGiven);
    const kunya = r.chance(0.55) ? r.pick(kunyas) : undefined;
    const nisba = nisbas[nationality];
    const aliases =
      kunya !== undefined && nisba !== undefined && r.chance(0.4)
        ? [`${r.pick(kunya.latin)} ${registrar.styled(r.pick(nisba.latin))}`]
        : [];
    const father = r.pickOther(maleGiven, given);
    const birthDate = dateBetween(r, '1965-01-01', '2000-06-30');
    const person: PersonPlan = {
      key: this.key(),
      facility: group.facility,
      section,
      sex: 'male',
      birthDate,
      given,
      admittedAt: at(dateBetween(r, ...group.arrival), r.int(6 * 60, 16 * 60)),
      identity: compact({
        names: registrar.names(
          {
            given,
            father,
            grandfather: r.chance(0.6) ? r.pickOther(maleGiven, father) : undefined,
            family: local ? r.pick(familyNames) : this.familyFor(nationality),
            kunya,
          },
          aliases,
        ),
        sex: 'male' as const,
        birthDate: { date: birthDate, estimated: r.chance(0.5) },
        placeOfBirth: this.birthPlace(nationality),
        nationalities: [nationality],
        lastResidence: r.pick([
          'Baghuz',
          'Hajin',
          'Al-Shaafa',
          'Raqqa',
          'Mayadin',
          'Al-Bukamal',
          'Tel Abyad',
        ]),
        fatherFirstName: registrar.word(father),
        motherName: registrar.word(r.pick(femaleGiven)),
        distinguishingMarks: r.chance(0.2) ? r.pick(MARKS) : undefined,
        documents: r.chance(0.3)
          ? [
              {
                kind: local ? ('national-id' as const) : ('passport' as const),
                issuingCountry: nationality,
                held: false,
              },
            ]
          : [],
      }),
    };
    const plan = { role, group, person, nationality };
    this.prisoners.push(plan);
    return plan;
  }

  private key(): number {
    this.seq += 1;
    return this.seq;
  }
}

/** Role households first (so that every role exists at any scale), then ordinary ones up to the group's size. */
function planPopulation(r: Random, scale: number): Population {
  const pop = new Population(r);
  for (const group of CAMP_GROUPS) {
    let people = 0;
    const made = (h: HouseholdPlan) => {
      people += 1 + h.children.length;
      return h;
    };
    for (const [role, count, min] of group.roles) {
      for (let i = scaled(count, scale, min); i > 0; i--) {
        made(
          pop.household(role, group, {
            country: role === 'released' ? 'SYR' : undefined,
            minChildren: role === 'child-hospital' || role === 'child-died' ? 1 : 0,
            youngMother: role === 'birth',
          }),
        );
      }
    }
    for (const plan of REPATRIATIONS.filter((p) => p.facility === group.facility)) {
      if (group.origin !== 'foreign' && group.origin !== 'foreign-western') continue;
      for (let i = scaled(plan.households, scale, 1); i > 0; i--) {
        const h = pop.household(plan.who === 'children' ? 'children-repatriated' : 'repatriated', group, {
          country: plan.country,
          minChildren: 1,
        });
        made(h).repatriation = plan;
      }
    }
    while (people < Math.round(group.people * scale)) made(pop.household(group.rest, group));
  }
  // Half the men are Syrian, a third Iraqi, and about one in six from some fifty other countries.
  const nationality = (role: PrisonerRole): string => {
    if (role === 'british-hvd') return 'GBR';
    if (role === 'us-custody') return pop.thirdCountry().code;
    if (role === 'iraq') return 'IRQ';
    if (role === 'released') return 'SYR';
    return [() => 'SYR', () => 'IRQ', () => pop.thirdCountry().code][r.weighted([50, 33, 17])]!();
  };
  for (const group of PRISON_GROUPS) {
    const sections = housingSections(group.facility);
    const roles: PrisonerRole[] = group.roles.flatMap(([role, count, min]) =>
      Array.from({ length: scaled(count, scale, min) }, () => role),
    );
    while (roles.length < Math.round(group.people * scale)) roles.push(group.rest);
    let separated = 0;
    for (const role of roles) {
      // Separated men come in pairs, the second of each pair held in the section after the first's.
      const previous = pop.prisoners[pop.prisoners.length - 1];
      const section =
        role === 'separated' && separated++ % 2 === 1
          ? sections[(sections.indexOf(previous!.person.section) + 1) % sections.length]!
          : r.pick(sections);
      pop.prisoner(role, group, section, nationality(role));
    }
  }
  return pop;
}

// --- Steps: commands with the time they happened, run in time order.

type StepInput<N extends CommandName> = z.input<Commands[N]['input']>;

interface Step {
  at: string;
  command: CommandName;
  input: () => unknown;
  /** Keep the result under this name, for later steps that refer to it. */
  saveAs?: string;
  /** Results of earlier steps this step's input reads. */
  needs?: string[];
}

/** Where the demo's commands go, and how many to a transaction. */
interface Runner {
  app: Custodian;
  batch: number;
}

async function runBatches(
  { app, batch }: Runner,
  items: readonly { command: CommandName; input: unknown }[],
): Promise<unknown[]> {
  const results: unknown[] = [];
  for (let i = 0; i < items.length; i += batch) {
    results.push(...(await app.executeBatch(actor, items.slice(i, i + batch))));
  }
  return results;
}

/** Runs the steps in time order, in batches; a step that needs a result of its own batch starts a new one. */
async function runSteps(
  { app, batch: size }: Runner,
  steps: Step[],
  results: Map<string, unknown>,
): Promise<void> {
  const ordered = [...steps].sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
  let batch: Step[] = [];
  const inBatch = new Set<string>();
  const flush = async () => {
    if (batch.length === 0) return;
    const out = await app.executeBatch(
      actor,
      batch.map((s) => ({ command: s.command, input: s.input() })),
    );
    for (const [i, s] of batch.entries()) if (s.saveAs !== undefined) results.set(s.saveAs, out[i]);
    batch = [];
    inBatch.clear();
  };
  for (const step of ordered) {
    if (batch.length >= size || step.needs?.some((k) => inBatch.has(k))) await flush();
    batch.push(step);
    if (step.saveAs !== undefined) inBatch.add(step.saveAs);
  }
  await flush();
}

// --- Incidents and intelligence (issue 7), as they were known at the time.

/** The attempts the security forces reported thwarted since the offensive began. */
export const THWARTED_SINCE_OFFENSIVE = 635;
/** Individual attempts thwarted in the summer before it, at Al Hol and Roj. */
const THWARTED_BEFORE_OFFENSIVE = 48;

const KURDISH_ADMINISTRATION = {
  kind: 'official',
  name: 'Autonomous Administration, foreign relations office',
  reference: 'statement of 13 October 2019',
  reliability: 'B',
  credibility: 3,
} as const;
const NEWS_AGENCY = {
  kind: 'media',
  name: 'International news agency, citing camp officials',
  reference: 'wire of 16 October 2019',
  reliability: 'C',
  credibility: 3,
} as const;

/**
 * The incidents of the autumn: the escape from Ayn Issa (859 reported, 60-70 recaptured, the identified
 * escapees named), the shelling before it, the Tel Abyad prison with the two sides' claims, the attempts
 * thwarted at Al Hol and Roj, and the attacks near the facilities as external events.
 */
async function recordIncidents(
  runner: Runner,
  r: Random,
  ids: {
    facilityId: (code: FacilityCode) => string;
    sectorId: (code: FacilityCode, sector: string) => string;
    escapees: (roles: readonly HouseholdRole[]) => string[];
    prisonersAtLarge: string[];
  },
): Promise<void> {
  const run = async <N extends CommandName>(command: N, input: StepInput<N>) =>
    (await runner.app.executeBatch(actor, [{ command, input }]))[0] as Awaited<
      ReturnType<Commands[N]['run']>
    >;
  const shelling = await run('recordIncident', {
    type: 'attack',
    facilityId: ids.facilityId('AYN'),
    occurredAt: at('2019-10-13', 8 * 60),
    precision: 'hour',
    location: { sectorId: ids.sectorId('AYN', 'W-FENCE') },
    summary:
      'Shells fell on the camp from the west; tents of the annex caught fire and the west fence was breached',
    details: {
      weapon: 'shelling',
      damage: 'tents of the annex burnt; west fence breached over 40 m',
      injured: 7,
    },
  } as StepInput<'recordIncident'>);
  const aynEscape = await run('recordIncident', {
    type: 'escape',
    facilityId: ids.facilityId('AYN'),
    occurredAt: at('2019-10-13', 9 * 60),
    precision: 'hour',
    location: { sectorId: ids.sectorId('AYN', 'ANNEX-GATE') },
    summary:
      'The annex emptied during the shelling: families fled through the breached west fence and the annex gate',
    details: {
      scale: 'mass',
      means: 'through the breached fence and the unguarded annex gate',
      authority: facilityPlan('AYN').actingAuthority,
    },
    people: ids
      .escapees(['ayn-escaped', 'ayn-recaptured'])
      .map((personId) => ({ personId, role: 'escapee' })),
    links: [{ incidentId: shelling.incidentId, relation: 'follows' }],
  } as StepInput<'recordIncident'>);
  await run('recordClaim', {
    kind: 'count',
    incidentId: aynEscape.incidentId,
    measure: 'escaped',
    count: { min: 859, max: 859 },
    source: KURDISH_ADMINISTRATION,
    reportedAt: at('2019-10-13', 18 * 60),
  });
  await run('recordClaim', {
    kind: 'count',
    incidentId: aynEscape.incidentId,
    measure: 'recaptured',
    count: { min: 60, max: 70 },
    source: NEWS_AGENCY,
    reportedAt: at('2019-10-16', 12 * 60),
  });
  const tabqa = await run('recordIncident', {
    type: 'escape',
    facilityId: ids.facilityId('TAB'),
    occurredAt: at('2019-10-13', 10 * 60),
    precision: 'day',
    location: { sectorId: ids.sectorId('TAB', 'GATE') },
    summary:
      'The prison was found empty as the town fell; the men not moved to Hasakah are not accounted for',
    details: { scale: 'mass', authority: facilityPlan('TAB').actingAuthority },
    people: ids.prisonersAtLarge.map((personId) => ({ personId, role: 'escapee' })),
  } as StepInput<'recordIncident'>);
  const question = 'Who emptied the Tel Abyad prison?';
  await run('recordClaim', {
    kind: 'statement',
    incidentId: tabqa.incidentId,
    question,
    statement: 'Turkish-backed factions stormed the prison and released the detainees',
    source: { ...KURDISH_ADMINISTRATION, reference: 'statement of 13 October 2019, evening' },
  });
  await run('recordClaim', {
    kind: 'statement',
    incidentId: tabqa.incidentId,
    question,
    statement: 'The guards released the detainees before withdrawing, to blame the advance',
    source: {
      kind: 'official',
      name: 'Ministry of National Defence, Turkey',
      reference: 'press briefing of 14 October 2019',
      reliability: 'C',
      credibility: 4,
    },
  });
  const external: StepInput<'recordExternalEvent'>[] = [
    {
      kind: 'car-bomb',
      occurredAt: at('2019-10-11', 10 * 60),
      precision: 'hour',
      point: { lat: 37.0522, lon: 41.2306 },
      place: 'Qamishli, Munir Habib street',
      summary: 'A car bomb outside a restaurant; claimed by the Islamic State',
      killed: 3,
      injured: 9,
      source: NEWS_AGENCY,
    },
    {
      kind: 'shelling',
      occurredAt: at('2019-10-13', 7 * 60),
      precision: 'hour',
      point: { lat: 36.4, lon: 38.84 },
      place: 'Ayn Issa, western outskirts',
      summary: 'Artillery on the town and the M4 road as the advance reached it',
      killed: 0,
      injured: 0,
      source: KURDISH_ADMINISTRATION,
    },
    {
      kind: 'armed-assault',
      occurredAt: at('2019-11-03', 22 * 60),
      precision: 'hour',
      point: { lat: 35.95, lon: 39.01 },
      place: 'Raqqa, a checkpoint on the eastern road',
      summary: 'Gunmen attacked a checkpoint at night',
      killed: 2,
      injured: 1,
      source: NEWS_AGENCY,
    },
    {
      kind: 'car-bomb',
      occurredAt: at('2019-11-02', 9 * 60),
      precision: 'day',
      point: { lat: 36.697, lon: 38.954 },
      place: 'Tel Abyad, market',
      summary: 'A car bomb in the market of the town',
      killed: 13,
      injured: 20,
      source: NEWS_AGENCY,
    },
  ];
  const attempts: { command: CommandName; input: unknown }[] = [];
  const attempt = (when: string, f: 'HOL' | 'ROJ', scale: string, force: string) =>
    attempts.push({
      command: 'recordIncident',
      input: {
        type: 'escape-attempt',
        facilityId: ids.facilityId(f),
        occurredAt: when,
        location: {
          sectorId: ids.sectorId(f, f === 'HOL' ? r.pick(['N-FENCE', 'E-FENCE', 'ANNEX-GATE']) : 'PERIM'),
        },
        summary:
          scale === 'individual'
            ? 'One woman stopped at the fence at night'
            : scale === 'group'
              ? 'A few women with their children stopped at the fence'
              : 'An organised attempt with outside help (a vehicle waiting, cut wire) stopped at the fence',
        details: { scale, outcome: 'thwarted', forceUsed: force },
      },
    });
  for (let i = 0; i < THWARTED_BEFORE_OFFENSIVE; i++) {
    attempt(
      sometime(r, '2019-06-01', '2019-08-31', 0, 5),
      r.chance(0.8) ? 'HOL' : 'ROJ',
      'individual',
      'none',
    );
  }
  for (let i = 0; i < THWARTED_SINCE_OFFENSIVE; i++) {
    attempt(
      sometime(r, addDays(OFFENSIVE, 1), '2019-11-30', 0, 5),
      r.chance(0.8) ? 'HOL' : 'ROJ',
      r.chance(0.7) ? 'organised' : 'group',
      r.pick(['none', 'physical', 'physical', 'non-lethal']),
    );
  }
  await runBatches(runner, [
    ...external.map((input) => ({ command: 'recordExternalEvent' as const, input })),
    ...attempts,
  ]);
}

// --- The scenario.

export async function buildDemo(app: Custodian, options: DemoOptions): Promise<DemoSummary> {
  if (!(options.scale > 0) || !Number.isFinite(options.scale)) {
    throw new RangeError(`demo scale must be a positive number, not ${options.scale}`);
  }
  const batch = options.commandsPerTransaction ?? BATCH;
  if (!Number.isInteger(batch) || batch < 1) {
    throw new RangeError(`demo commandsPerTransaction must be a positive integer, not ${batch}`);
  }
  const password = options.password ?? generatePassword();
  if (password.length < MIN_PASSWORD_LENGTH) {
    throw new RangeError(`the demo password must be at least ${MIN_PASSWORD_LENGTH} characters`);
  }
  // Checked before anything is written: a taken username would otherwise fail after the whole build.
  const taken = (await app.query(actor, 'listUsers', {})).items.map((u) => u.username);
  const clash = demoUsers.filter((u) => taken.includes(u.username)).map((u) => u.username);
  if (clash.length > 0) throw new Error(`the demo users ${clash.join(', ')} already exist`);

  const runner: Runner = { app, batch };
  const r = new Random(options.seed);
  const eventsBefore = (await app.query(actor, 'ledgerHead', {})).events;
  const pop = planPopulation(r, options.scale);

  // 1. Facilities, sections, perimeter sectors.
  const registered = (await app.executeBatch(
    actor,
    FACILITIES.map((f) => ({
      command: 'registerFacility' as const,
      input: {
        code: f.code,
        nameEn: f.nameEn,
        nameAr: f.nameAr,
        kind: f.kind,
        location: f.location,
        borderDistanceKm: f.borderDistanceKm,
        capacity: f.capacity,
        authority: f.authority,
      } satisfies StepInput<'registerFacility'>,
    })),
  )) as { facilityId: string }[];
  const facilityIds = new Map(FACILITIES.map((f, i) => [f.code, registered[i]!.facilityId]));
  const facilityId = (code: FacilityCode) => facilityIds.get(code)!;

  const parts: { command: CommandName; input: unknown; key: string }[] = [];
  for (const f of FACILITIES) {
    for (const { housing: _, ...s } of f.sections) {
      parts.push({
        command: 'addSection',
        key: `section:${f.code}:${s.code}`,
        input: { facilityId: facilityId(f.code), ...s } satisfies StepInput<'addSection'>,
      });
    }
    for (const s of f.sectors) {
      parts.push({
        command: 'addPerimeterSector',
        key: `sector:${f.code}:${s.code}`,
        input: { facilityId: facilityId(f.code), ...s } satisfies StepInput<'addPerimeterSector'>,
      });
    }
  }
  const partIds = new Map<string, string>();
  for (const [i, result] of (await app.executeBatch(actor, parts)).entries()) {
    const res = result as { sectionId?: string; sectorId?: string };
    partIds.set(parts[i]!.key, (res.sectionId ?? res.sectorId)!);
  }
  const sectionId = (f: FacilityCode, code: string) => partIds.get(`section:${f}:${code}`)!;
  const sectorId = (f: FacilityCode, code: string) => partIds.get(`sector:${f}:${code}`)!;

  // 2. The demo users: accounts, not ledger events. Given a password, they need no password change.
  for (const u of demoUsers) {
    await app.accounts.addUser(actor, {
      username: u.username,
      displayName:
        u.facilities === 'all'
          ? `Demo ${u.role}`
          : `Demo ${u.role}, ${u.facilities.map((f) => facilityPlan(f).nameEn).join(', ')}`,
      role: u.role,
      facilities: u.facilities === 'all' ? 'all' : [...u.facilities],
      password,
    });
  }

  // 3. People, in the order of the plan: registration numbers follow it, per facility.
  const people = pop.people;
  const registrations = (await runBatches(
    runner,
    people.map((p) => ({
      command: 'registerPerson' as const,
      input: {
        facilityId: facilityId(p.facility),
        identity: p.identity,
      } satisfies StepInput<'registerPerson'>,
    })),
  )) as { personId: string }[];
  const personIds = new Map(people.map((p, i) => [p.key, registrations[i]!.personId]));
  const pid = (p: PersonPlan) => personIds.get(p.key)!;

  // 4. Households: each mother with her children, and a link from the mother to each child.
  const family: { command: CommandName; input: unknown }[] = [];
  const householdAt = new Map<HouseholdPlan, number>();
  for (const h of pop.households) {
    householdAt.set(h, family.length);
    family.push({
      command: 'formHousehold',
      input: {
        facilityId: facilityId(h.group.facility),
        name: `Household of ${shownName(h.mother.identity.names)}`,
        memberIds: [h.mother, ...h.children].map(pid),
      } satisfies StepInput<'formHousehold'>,
    });
    for (const c of h.children) {
      family.push({
        command: 'addFamilyLink',
        input: {
          personId: pid(h.mother),
          relatedPersonId: pid(c),
          relation: 'mother',
        } satisfies StepInput<'addFamilyLink'>,
      });
    }
  }
  const familyResults = await runBatches(runner, family);
  const hid = (h: HouseholdPlan) =>
    (familyResults[householdAt.get(h)!] as { householdId: string }).householdId;

  // 5. The timeline of 2019.
  const steps: Step[] = [];
  const results = new Map<string, unknown>();
  const add = <N extends CommandName>(
    when: string,
    command: N,
    input: () => StepInput<N>,
    extra: { saveAs?: string; needs?: string[] } = {},
  ) => steps.push({ at: when, command, input, ...extra });
  type Custody = StepInput<'recordCustody'>;
  // biome-ignore lint/suspicious/noExplicitAny: a custody input without personId/occurredAt/authority; the schema checks each variant
  type CustodyPart = any;
  const custody = (
    when: string,
    p: PersonPlan,
    input: CustodyPart,
    extra: { saveAs?: string; needs?: string[] } = {},
  ) =>
    add(
      when,
      'recordCustody',
      () =>
        compact({
          personId: pid(p),
          occurredAt: when,
          authority: facilityPlan(p.facility).actingAuthority,
          ...(typeof input === 'function' ? input() : input),
        }) as Custody,
      extra,
    );
  const members = (h: HouseholdPlan) => [h.mother, ...h.children];
  /**
   * The whole household in one command, as a registrar moves a family: a child is never parted from
   * their mother by a batch that holds one's movement and not the other's (the separation rule).
   */
  const forHousehold = (h: HouseholdPlan, when: string, input: CustodyPart) =>
    add(
      when,
      'recordHouseholdCustody',
      () =>
        compact({
          householdId: hid(h),
          memberIds: members(h).map(pid),
          occurredAt: when,
          authority: facilityPlan(h.mother.facility).actingAuthority,
          ...(typeof input === 'function' ? input() : input),
        }) as StepInput<'recordHouseholdCustody'>,
    );

  // Repatriation cases (issue 8) draw from their own generator, so the rest of the scenario is unchanged.
  const rc = new Random(options.seed + 8);
  const caseSteps = [
    'identified',
    'requested',
    'under-review',
    'accepted',
    'scheduled',
    'completed',
  ] as const;
  const decisionReasons: Record<string, (country: string) => string> = {
    requested: (c) => `request for repatriation sent to the Ministry of Foreign Affairs of ${countryName(c)}`,
    'under-review': (c) => `${countryName(c)} confirmed receipt and is checking identities and nationality`,
    accepted: (c) => `${countryName(c)} agreed to take the family back`,
    refused: (c) => `${countryName(c)} declined: nationality of the mother not established`,
    scheduled: () => 'handover at the Semalka crossing scheduled with the consular delegation',
  };
  /**
   * A repatriation case for some of a household, taken through the status machine to `last`, the last
   * decision at `until` (for `completed`, the members are repatriated in that transaction).
   */
  const repatriationCase = (
    h: HouseholdPlan,
    who: PersonPlan[],
    last: (typeof caseSteps)[number] | 'refused',
    until: string,
    text: { completion?: string } = {},
  ) => {
    const country = h.repatriation?.country ?? h.mother.identity.nationalities[0]!;
    const key = `case-${h.mother.key}`;
    const path: string[] =
      last === 'refused'
        ? ['identified', 'requested', 'under-review', 'refused']
        : [...caseSteps.slice(0, caseSteps.indexOf(last) + 1)];
    // Decisions a week or more apart, ending at `until`.
    const times = path.map((_, i) => later(until, -(path.length - 1 - i) * rc.int(7, 20) * 1440));
    for (let i = 1; i < times.length; i++)
      if (times[i]! <= times[i - 1]!) times[i] = later(times[i - 1]!, 60);
    add(
      times[0]!,
      'openCase',
      () => ({
        country,
        memberIds: who.map(pid),
        reason: `${shownName(h.mother.identity.names)} and her children listed by the camp administration for ${countryName(country)}`,
        occurredAt: times[0]!,
      }),
      { saveAs: key },
    );
    const caseId = () => (results.get(key) as { caseId: string }).caseId;
    const opened = later(times[0]!, 30);
    if (who.includes(h.mother)) {
      add<'recordCaseEntry'>(
        opened,
        'recordCaseEntry',
        () => ({
          kind: 'wish',
          caseId: caseId(),
          personId: pid(h.mother),
          wish: rc.chance(0.85) ? 'wishes-to-return' : 'undecided',
          occurredAt: opened,
        }),
        { needs: [key] },
      );
    }
    const youngest = who.filter((m) => m !== h.mother).at(-1);
    if (youngest !== undefined) {
      add<'recordCaseEntry'>(
        later(opened, 1),
        'recordCaseEntry',
        () => ({
          kind: 'document',
          caseId: caseId(),
          personId: pid(youngest),
          documentKind: 'birth-certificate',
          documentStatus: 'missing',
          note: 'born in the camp; no birth certificate',
          occurredAt: later(opened, 1),
        }),
        { needs: [key] },
      );
    }
    for (const [i, status] of path.entries()) {
      if (i === 0) continue;
      const when = times[i]!;
      if (status === 'completed') {
        add(
          when,
          'completeCase',
          () => ({
            caseId: caseId(),
            reason: text.completion ?? 'returned home',
            authority: `${AANES}, Department of Foreign Relations`,
            occurredAt: when,
          }),
          { needs: [key] },
        );
        continue;
      }
      add(
        when,
        'decideCase',
        () => ({
          caseId: caseId(),
          status: status as 'requested',
          reason: decisionReasons[status]!(country),
          occurredAt: when,
        }),
        { needs: [key] },
      );
      if (status === 'requested') {
        const contact = later(when, 2 * 1440);
        add<'recordCaseEntry'>(
          contact,
          'recordCaseEntry',
          () => ({
            kind: 'consular-contact',
            caseId: caseId(),
            direction: 'sent',
            counterpart: `Consulate of ${countryName(country)}, Erbil`,
            note: 'list of the household with photographs and the documents held sent by email',
            occurredAt: contact,
          }),
          { needs: [key] },
        );
      }
    }
  };

  // 5a. Admissions, January to September 2019.
  for (const h of pop.households) {
    const g = h.group;
    for (const [i, m] of members(h).entries()) {
      custody(later(m.admittedAt, i), m, {
        type: 'admitted',
        facilityId: facilityId(g.facility),
        sectionId: sectionId(g.facility, h.section),
        reason: g.admissionReason,
        legalBasis: g.legalBasis,
        orderingAuthority: `${facilityPlan(g.facility).nameEn} administration`,
        property:
          i === 0 && r.chance(0.3)
            ? [{ item: r.pick(['mobile phone', 'gold ring', 'cash, USD', 'Quran', 'gold bracelets']) }]
            : [],
        complaintsOfPriorTreatment:
          i === 0 && r.chance(0.03)
            ? 'states she was held for two days without water at a screening point'
            : undefined,
      });
    }
  }
  for (const p of pop.prisoners) {
    custody(p.person.admittedAt, p.person, {
      type: 'admitted',
      facilityId: facilityId(p.group.facility),
      sectionId: sectionId(p.group.facility, p.person.section),
      reason:
        p.group.facility === 'TAB'
          ? 'arrested in a security operation in the Tel Abyad countryside'
          : 'surrendered or captured at Baghuz and the last villages of the Euphrates valley',
      legalBasis: 'Detention on suspicion of membership of the Islamic State, pending investigation',
      orderingAuthority: 'Syrian Democratic Forces, counter-terrorism command',
      visibleInjuries: r.chance(0.15)
        ? r.pick([
            'healed shrapnel wounds, left leg',
            'bruising on both wrists',
            'infected wound on the right hand',
          ])
        : undefined,
      property: r.chance(0.5) ? [{ item: r.pick(['wristwatch', 'prayer beads', 'belt', 'cash, SYP']) }] : [],
    });
  }

  // 5b. The facilities, September to December: guard strength per shift, alert posture, perimeter.
  const shifts = [
    ['morning', 6 * 60],
    ['afternoon', 14 * 60],
    ['night', 22 * 60],
  ] as const;
  for (const f of FACILITIES) {
    for (let day = '2019-09-01'; day <= (f.lastDay ?? '2019-12-31'); day = addDays(day, 1)) {
      for (const [shift, minutes] of shifts) {
        const g = f.guards;
        // Guards were sent to the front from the afternoon of 9 October; some came back after the ceasefire.
        let onDuty =
          day < OFFENSIVE || (day === OFFENSIVE && shift === 'morning')
            ? g.before
            : day < CEASEFIRE
              ? g.crisis
              : day < '2019-12-01'
                ? g.after
                : Math.round((g.after + g.before) / 2);
        if (day === f.lastDay)
          onDuty = { morning: g.crisis, afternoon: Math.round(g.crisis / 4), night: 0 }[shift];
        const factor = shift === 'night' ? 0.8 : 1;
        const guardsOnDuty = Math.round(onDuty * factor * (0.94 + 0.12 * r.float()));
        const when = at(day, minutes);
        add(when, 'reportGuardStrength', () => ({
          facilityId: facilityId(f.code),
          shift,
          guardsOnDuty,
          guardsRequired: Math.round(f.guards.required * factor),
          occurredAt: when,
        }));
      }
    }
  }
  const posture = (when: string, f: FacilityCode, p: 'normal' | 'heightened' | 'critical', reason: string) =>
    add(when, 'changeAlertPosture', () => ({
      facilityId: facilityId(f),
      posture: p,
      reason,
      occurredAt: when,
    }));
  for (const f of FACILITIES) {
    posture(
      at('2019-10-07', 9 * 60),
      f.code,
      'heightened',
      'United States forces withdrawing from the border area; an offensive from Turkey is announced',
    );
    posture(
      at(OFFENSIVE, 13 * 60 + 30),
      f.code,
      'critical',
      'the offensive into North-East Syria began this afternoon; guards redeployed to the front',
    );
  }
  posture(
    at(CEASEFIRE, 9 * 60),
    'HSK',
    'heightened',
    'ceasefire along the border; reinforcements back from the front',
  );
  posture(at(CEASEFIRE, 9 * 60), 'HSC', 'heightened', 'ceasefire along the border');
  posture(at(CEASEFIRE, 10 * 60), 'DRK', 'heightened', 'ceasefire along the border');
  posture(at(CEASEFIRE, 10 * 60), 'ROJ', 'heightened', 'ceasefire along the border');
  posture(
    at('2019-10-28', 9 * 60),
    'HOL',
    'heightened',
    'unrest in the annex subsided; guard strength partly restored',
  );
  posture(
    at('2019-11-05', 9 * 60),
    'QAM',
    'heightened',
    'shelling of the town has stopped; the north wall is repaired',
  );
  posture(at('2019-12-10', 9 * 60), 'ROJ', 'normal', 'no incident for six weeks');
  posture(at('2019-12-16', 9 * 60), 'DRK', 'normal', 'no incident since the ceasefire');
  const sector = (
    when: string,
    f: FacilityCode,
    code: string,
    status: 'open' | 'closed' | 'breached',
    reason: string,
  ) =>
    add(when, 'changePerimeterSectorStatus', () => ({
      sectorId: sectorId(f, code),
      status,
      reason,
      occurredAt: when,
    }));
  sector(
    at(OFFENSIVE, 15 * 60),
    'HOL',
    'MAIN-GATE',
    'closed',
    'movements suspended when the offensive began',
  );
  sector(
    at('2019-10-10', 5 * 60),
    'TAB',
    'GATE',
    'open',
    'gate held open for the evacuation convoys to Hasakah',
  );
  sector(at('2019-10-10', 6 * 60), 'HSK', 'GATE', 'open', 'gate held open for the convoy from Tel Abyad');
  sector(at('2019-10-10', 18 * 60), 'HSK', 'GATE', 'closed', 'the convoy from Tel Abyad has arrived');
  sector(
    at('2019-10-11', 5 * 60 + 40),
    'QAM',
    'N-WALL',
    'breached',
    'shells struck the north wall and a guard post',
  );
  sector(
    at('2019-10-12', 16 * 60),
    'QAM',
    'N-WALL',
    'closed',
    'the breach is blocked with concrete barriers',
  );
  sector(
    at('2019-10-13', 6 * 60 + 30),
    'AYN',
    'W-FENCE',
    'breached',
    'shelling struck the fence line and two guard posts',
  );
  sector(
    at('2019-10-13', 9 * 60),
    'AYN',
    'ANNEX-GATE',
    'breached',
    'forced open by residents after the guards withdrew',
  );
  sector(at('2019-10-13', 11 * 60), 'TAB', 'GATE', 'breached', 'the prison was abandoned as the town fell');
  sector(at('2019-10-20', 2 * 60), 'HOL', 'E-FENCE', 'breached', 'fence cut in two places at night');
  sector(at('2019-10-21', 15 * 60), 'HOL', 'E-FENCE', 'closed', 'fence repaired and a watchtower added');
  sector(at('2019-10-22', 8 * 60), 'HOL', 'MAIN-GATE', 'open', 'movements resumed under escort');
  sector(at('2019-11-14', 3 * 60), 'ROJ', 'PERIM', 'breached', 'fence cut behind sector B');
  sector(at('2019-11-14', 14 * 60), 'ROJ', 'PERIM', 'closed', 'fence repaired');

  // 5c. The camps.
  const youngest = (h: HouseholdPlan) => h.children[h.children.length - 1]!;
  const hospitals = {
    HOL: ['Hasakah National Hospital', 'MSF field hospital, Al Hol', 'Kurdish Red Crescent clinic, Al Hol'],
    ROJ: ['Derik hospital', 'Kurdish Red Crescent clinic, Roj'],
    AYN: ['Ayn Issa clinic'],
  } as const;
  const transfer = (
    h: HouseholdPlan,
    when: string,
    to: CampCode,
    section: string | null,
    hours: number,
    reason: string,
  ) => {
    forHousehold(h, when, {
      type: 'transfer-started',
      toFacilityId: facilityId(to),
      dueAt: later(when, hours * 60),
      reason,
    });
    if (section !== null) {
      forHousehold(h, later(when, (hours - 1) * 60), {
        type: 'transfer-received',
        facilityId: facilityId(to),
        sectionId: sectionId(to, section),
        reason: `arrived from ${facilityPlan(h.group.facility).nameEn}`,
        authority: facilityPlan(to).actingAuthority,
      });
    }
  };
  const recapture = (h: HouseholdPlan, when: string, to: CampCode, section: string, reason: string) =>
    forHousehold(h, when, {
      type: 'recaptured',
      facilityId: facilityId(to),
      sectionId: sectionId(to, section),
      reason,
      authority: facilityPlan(to).actingAuthority,
    });
  const births: { h: HouseholdPlan; when: string }[] = [];
  for (const h of pop.households) {
    const f = h.group.facility;
    switch (h.role) {
      case 'released':
        // A first group left before the offensive; releases resumed in November.
        forHousehold(
          h,
          r.chance(0.3) ? sometime(r, '2019-10-01', '2019-10-08') : sometime(r, '2019-11-10', '2019-12-15'),
          {
            type: 'released',
            reason: `released to the sponsorship (kafala) of tribal elders of ${r.pick(syrianPlaces)[1]}`,
          },
        );
        break;
      case 'moved':
        forHousehold(h, sometime(r, '2019-10-01', '2019-12-20'), {
          type: 'moved',
          sectionId: sectionId(f, r.pickOther(h.group.sections, h.section)),
          reason: r.pick([
            'tent destroyed by fire',
            'reunited with relatives in that phase',
            'flooding in the phase',
          ]),
        });
        break;
      case 'child-hospital': {
        const child = youngest(h);
        const when = sometime(r, '2019-10-01', '2019-12-24');
        custody(when, child, {
          type: 'hospitalised',
          hospital: r.pick(hospitals[f]),
          reason: r.pick([
            'acute malnutrition',
            'severe diarrhoea and dehydration',
            'burns from a cooking stove',
            'pneumonia',
          ]),
        });
        const back = later(when, r.int(3, 12) * 1440);
        if (back < '2019-12-31') custody(back, child, { type: 'returned', reason: 'discharged' });
        break;
      }
      case 'child-died':
        custody(sometime(r, '2019-10-01', '2019-12-28'), youngest(h), {
          type: 'died',
          reason: 'death in the camp',
          circumstances: r.pick([
            'pneumonia after a week of cold nights; the referral to Hasakah was delayed at the checkpoint',
            'acute malnutrition and dehydration; seen twice at the camp clinic',
            'burns when the family tent caught fire from a heater',
          ]),
        });
        break;
      case 'woman-died':
        custody(sometime(r, '2019-10-01', '2019-12-28'), h.mother, {
          type: 'died',
          reason: 'death in the camp',
          circumstances: r.pick([
            'complications of childbirth; no ambulance could reach the camp that night',
            'shot during a dispute in the phase; the case was referred to the Asayish',
          ]),
        });
        break;
      case 'birth':
        births.push({
          h,
          when: at(
            dateBetween(r, maxDate(addDays(h.mother.admittedAt, 30), '2019-04-01'), '2019-12-28'),
            r.int(0, 1439),
          ),
        });
        break;
      case 'to-roj':
        transfer(
          h,
          sometime(r, '2019-11-04', '2019-11-20'),
          'ROJ',
          r.pick(housingSections('ROJ')),
          6,
          'moved to Roj camp to relieve the annex of Al Hol',
        );
        break;
      case 'escaped':
      case 'escaped-recaptured': {
        // Smuggled out at night, usually for a fee, through the fence or in a water tanker.
        const fled = sometime(r, '2019-10-14', '2019-12-20', 0, 4);
        forHousehold(h, fled, {
          type: 'escaped',
          reason: r.pick([
            'missing at the morning count; believed smuggled out through the fence',
            'left hidden in a water tanker, as a guard later reported',
          ]),
        });
        if (h.role === 'escaped-recaptured') {
          recapture(
            h,
            later(fled, r.int(1, 5) * 1440),
            f,
            h.section,
            r.pick([
              'stopped at a checkpoint on the road to Hasakah and brought back',
              'found by the Asayish in a house in Shaddadi and brought back',
            ]),
          );
        }
        break;
      }
      case 'children-repatriated': {
        const plan = h.repatriation!;
        // The children leave their mother: child protection approves it for each, in their best interests.
        for (const c of h.children) {
          add(at(plan.day, 6 * 60), 'approveChildSeparation', () => ({
            personId: pid(c),
            movement: 'repatriated' as const,
            occurredAt: at(plan.day, 6 * 60),
            reason: `repatriated to ${countryName(plan.country)} to their grandparents; the mother consents and stays in the camp`,
          }));
        }
        repatriationCase(h, h.children, 'completed', at(plan.day, 7 * 60), {
          completion: `repatriated by ${countryName(plan.country)} with the consent of the mother, who stays in the camp`,
        });
        break;
      }
      case 'repatriated': {
        const plan = h.repatriation!;
        repatriationCase(h, members(h), 'completed', at(plan.day, 7 * 60), {
          completion: `repatriation agreed with the government of ${countryName(plan.country)}; handed over at the Semalka crossing`,
        });
        break;
      }
      default:
        break;
    }
  }
  for (const { h, when } of births) {
    const sex: Sex = r.chance(0.5) ? 'male' : 'female';
    const child = {
      names: h.registrar.names({
        given: r.pick(sex === 'male' ? maleGiven : femaleGiven),
        father: h.husband.given,
        family: h.husband.family,
      }),
      sex,
      // Born in a camp, often with no document their father's or mother's country would accept.
      nationalities: r.chance(0.5) ? ['unknown'] : h.childNationalities,
      placeOfBirth: facilityPlan(h.group.facility).nameEn,
    };
    add(when, 'registerBirth', () => ({
      motherId: pid(h.mother),
      child,
      occurredAt: when,
      authority: facilityPlan(h.group.facility).actingAuthority,
    }));
  }

  // 5d. Ayn Issa, 13-16 October 2019: shelled and burning, its annex emptied, the camp evacuated.
  for (const h of pop.households.filter((x) => x.group.facility === 'AYN')) {
    const fledAt = at('2019-10-13', r.int(9 * 60, 12 * 60));
    const reported = 'during the shelling of 13 October, when hundreds fled the annex (859 reported)';
    switch (h.role) {
      case 'ayn-escaped':
        forHousehold(h, fledAt, {
          type: 'escaped',
          reason: `fled through the breached west fence ${reported}`,
        });
        break;
      case 'ayn-recaptured':
        forHousehold(h, fledAt, { type: 'escaped', reason: `fled through the annex gate ${reported}` });
        recapture(
          h,
          sometime(r, '2019-10-14', '2019-10-20'),
          'HOL',
          'ANNEX',
          'stopped at a checkpoint on the roads to Raqqa and Tabqa and taken to the annex of Al Hol',
        );
        break;
      case 'ayn-escape-in-error': {
        const key = `escape:${h.mother.key}`;
        custody(
          fledAt,
          h.mother,
          { type: 'escaped', reason: 'not found at the midday count after the breach' },
          { saveAs: key },
        );
        custody(
          at('2019-10-13', 19 * 60),
          h.mother,
          () => ({
            type: 'corrected',
            correctsEventId: (results.get(key) as { eventId: string }).eventId,
            reason: 'recorded in error: she was found sheltering in the main camp at the evening recount',
          }),
          { needs: [key] },
        );
        transfer(
          h,
          at('2019-10-15', r.int(7 * 60, 9 * 60)),
          'ROJ',
          r.pick(housingSections('ROJ')),
          8,
          'evacuation of Ayn Issa camp under shelling',
        );
        break;
      }
      case 'ayn-overdue':
        // The convoy to Al Hol never arrived: the household stays in transit, overdue.
        transfer(h, at('2019-10-15', 9 * 60), 'HOL', null, 6, 'evacuation of Ayn Issa camp under shelling');
        break;
      case 'ayn-evacuated': {
        const when = at(r.pick(['2019-10-14', '2019-10-15']), r.int(7 * 60, 9 * 60));
        const reason = 'evacuation of the annex of Ayn Issa camp under shelling';
        if (r.chance(0.5)) transfer(h, when, 'ROJ', r.pick(housingSections('ROJ')), 8, reason);
        else transfer(h, when, 'HOL', 'ANNEX', 6, reason);
        break;
      }
      case 'ayn-moved': {
        const phase = r.pick(HOL_PHASES);
        const when = at(r.pick(['2019-10-14', '2019-10-15', '2019-10-16']), r.int(7 * 60, 10 * 60));
        transfer(h, when, 'HOL', phase, 6, 'evacuation of Ayn Issa camp under shelling');
        break;
      }
      case 'ayn-left':
        forHousehold(h, sometime(r, '2019-10-13', '2019-10-15'), {
          type: 'released',
          reason:
            'left the camp with her family during the evacuation, to relatives in Raqqa who stood as sponsors',
        });
        break;
      default:
        break;
    }
  }

  // 5e. The prisons.
  const classification = (p: PrisonerPlan): 'standard' | 'high' | 'high-value' | undefined => {
    if (p.role === 'british-hvd') return 'high-value';
    if (p.role === 'us-custody') return r.chance(0.5) ? 'high-value' : 'high';
    if (p.role === 'released' || !r.chance(0.15)) return undefined;
    return (['standard', 'high', 'high-value'] as const)[r.weighted([6, 3, 1])];
  };
  const classificationReasons = {
    standard: 'no indicator beyond alleged membership; cooperative at interview',
    high: 'alleged role in the hisba (religious police); two witness statements',
    'high-value': 'alleged former commander in Deir ez-Zor province; requested by a coalition partner',
  } as const;
  for (const p of pop.prisoners) {
    const level = classification(p);
    if (level === undefined) continue;
    const when = at(dateBetween(r, addDays(p.person.admittedAt, 10), '2019-10-05'), r.int(8 * 60, 16 * 60));
    add(when, 'classifyPerson', () => ({
      personId: pid(p.person),
      classification: level,
      reason: classificationReasons[level],
    }));
  }
  const separated = pop.prisoners.filter((p) => p.role === 'separated');
  for (let i = 0; i + 1 < separated.length; i += 2) {
    const pair = [separated[i]!, separated[i + 1]!];
    const reason = r.pick([
      'threats made after a dispute over food distribution',
      'blood feud between their families in Deir ez-Zor',
      'one accuses the other of informing on him to the interrogators',
    ]);
    add(at('2019-09-20', 10 * 60 + i), 'addSeparation', () => ({
      personIds: pair.map((p) => pid(p.person)),
      reason,
    }));
  }
  let hvds = 0;
  for (const p of pop.prisoners) {
    const m = p.person;
    const f = p.group.facility;
    switch (p.role) {
      case 'british-hvd':
        custody(at(OFFENSIVE, 20 * 60 + hvds++), m, {
          type: 'handed-over',
          toAuthority: 'United States forces',
          country: 'USA',
          reason:
            'British national, high-value detainee, taken into United States military custody and moved out of Syria',
        });
        break;
      case 'us-custody':
        custody(sometime(r, '2019-10-10', '2019-10-24', 0, 5), m, {
          type: 'handed-over',
          toAuthority: 'United States forces',
          country: 'USA',
          reason:
            'high-value detainee moved to Iraq by United States forces for fear the prison would be overrun',
        });
        break;
      case 'iraq':
        custody(sometime(r, '2019-11-12', '2019-12-18'), m, {
          type: 'handed-over',
          toAuthority: 'Government of Iraq, judicial authorities',
          country: 'IRQ',
          reason: 'Iraqi national handed over for trial in Iraq at the al-Yarubiyah crossing',
        });
        break;
      case 'released':
        custody(sometime(r, '2019-11-05', '2019-12-20'), m, {
          type: 'released',
          reason:
            'released under a tribal guarantee after the investigation found no evidence of a combat role',
        });
        break;
      case 'hospital': {
        const when = sometime(r, '2019-10-01', '2019-12-10');
        custody(when, m, {
          type: 'hospitalised',
          hospital: 'Hasakah National Hospital, guarded ward',
          reason: r.pick([
            'suspected tuberculosis',
            'infected wound',
            'kidney failure',
            'scabies with infection',
          ]),
        });
        custody(later(when, r.int(4, 14) * 1440), m, {
          type: 'returned',
          sectionId: null,
          reason: 'discharged to the prison',
        });
        break;
      }
      case 'died': {
        const sick = facilityPlan(f).sections.find((s) => s.code === 'INFIRMARY');
        const when = sometime(r, '2019-10-20', '2019-12-01');
        if (sick !== undefined) {
          custody(when, m, {
            type: 'moved',
            sectionId: sectionId(f, sick.code),
            reason: 'tuberculosis, isolated in the infirmary',
          });
        }
        custody(later(when, r.int(6, 20) * 1440), m, {
          type: 'died',
          reason: 'death in custody',
          circumstances:
            'died of tuberculosis in the prison infirmary; the body was handed to the family through the tribal elders',
        });
        break;
      }
      case 'moved':
        custody(sometime(r, '2019-10-01', '2019-12-20'), m, {
          type: 'moved',
          sectionId: sectionId(f, r.pickOther(housingSections(f), m.section)),
          reason: r.pick([
            'section reorganised after the offensive began',
            'overcrowding',
            'moved away from his co-accused',
          ]),
        });
        break;
      case 'shelling-escape':
        custody(at('2019-10-11', r.int(6 * 60, 7 * 60 + 30)), m, {
          type: 'escaped',
          reason: 'escaped through the breached north wall after the shelling; five escapes were reported',
        });
        break;
      case 'tab-transferred': {
        const when = at('2019-10-10', r.int(6 * 60, 7 * 60));
        custody(when, m, {
          type: 'transfer-started',
          toFacilityId: facilityId('HSK'),
          dueAt: later(when, 6 * 60),
          reason: 'Tel Abyad prison evacuated ahead of the offensive',
        });
        custody(later(when, r.int(4 * 60, 5 * 60)), m, {
          type: 'transfer-received',
          facilityId: facilityId('HSK'),
          sectionId: sectionId('HSK', r.pick(housingSections('HSK'))),
          reason: 'arrived with the convoy from Tel Abyad',
          authority: facilityPlan('HSK').actingAuthority,
        });
        break;
      }
      case 'tab-overdue': {
        // The second convoy, to Hasakah central prison, was never heard of again.
        const when = at('2019-10-11', r.int(6 * 60, 6 * 60 + 30));
        custody(when, m, {
          type: 'transfer-started',
          toFacilityId: facilityId('HSC'),
          dueAt: later(when, 6 * 60),
          reason: 'Tel Abyad prison evacuated ahead of the offensive; second convoy',
        });
        break;
      }
      case 'tab-escaped':
        custody(at('2019-10-13', r.int(9 * 60, 12 * 60)), m, {
          type: 'escaped',
          reason:
            'not accounted for when the town fell and the prison was found empty; the two sides blame each other for opening it',
        });
        break;
      default:
        break;
    }
  }

  // 5f. Register entries (Mandela Rule 8) and child-protection notes for a share of those who stay.
  const stayed = pop.prisoners.filter((p) => p.role === 'held').map((p) => p.person);
  const mothers = pop.households.filter((h) => h.role === 'stay').map((h) => h.mother);
  const entryKinds = ['request', 'complaint', 'injury', 'disciplinary-measure'] as const;
  const entryTexts: Record<'prison' | 'camp', Record<(typeof entryKinds)[number], string[]>> = {
    prison: {
      request: [
        'asks to send a Red Cross message to his family',
        'asks to be told the charges against him and to see a judge',
        'asks to see a consular official of his country',
      ],
      complaint: [
        'overcrowding: forty men in a room built for twenty',
        'was not allowed to keep his medication',
        'no time outside the dormitory for two weeks',
      ],
      injury: [
        'injured during a fight in the dormitory; cut above the eye, stitched at the infirmary',
        'fractured wrist after a fall in the washroom; splinted',
      ],
      'disciplinary-measure': [
        'mobile phone found and confiscated; visits suspended for two weeks',
        'two days in isolation after a fight (commander approved)',
      ],
    },
    camp: {
      request: [
        'asks to send a Red Cross message to her family',
        'asks for news of a son separated from her at Baghuz (family tracing)',
        'asks to see a consular official of her country',
        'asks for a medical referral for her youngest child',
      ],
      complaint: [
        'no water delivered to the phase for three days',
        'tent leaking; no replacement since the rains',
        'the children have had no schooling since the spring',
      ],
      injury: [
        'burn to the left hand from a cooking stove; treated at the clinic',
        'hurt in a crush at the food distribution; bruised ribs',
      ],
      'disciplinary-measure': ['found with a smuggled mobile phone; phone confiscated'],
    },
  };
  for (const [i, p] of [...stayed, ...mothers].entries()) {
    // One entry of every kind first, then a share of everyone.
    const kind = i < entryKinds.length ? entryKinds[i] : r.chance(0.03) ? r.pick(entryKinds) : undefined;
    if (kind === undefined) continue;
    const when = sometime(r, '2019-10-01', '2019-12-20');
    const description = r.pick(
      entryTexts[facilityPlan(p.facility).kind === 'prison' ? 'prison' : 'camp'][kind],
    );
    add(when, 'recordRegisterEntry', () => ({ personId: pid(p), kind, description, occurredAt: when }));
  }
  const noteTexts = [
    ['assessment', 'initial assessment: lives with the mother; underweight; no schooling since 2017'],
    ['service', 'referred to the child-friendly space of the phase; attends three mornings a week'],
    ['family-tracing', "tracing request opened for the father's family with the ICRC"],
    ['concern', 'shows signs of distress after the shelling of October; follow-up in two weeks'],
    ['best-interests', 'best-interests assessment: remain with the mother; re-assess if she is transferred'],
  ] as const;
  const children = pop.households.filter((h) => h.role === 'stay').flatMap((h) => h.children);
  for (const [i, child] of sample(r, children, scaled(300, options.scale, noteTexts.length)).entries()) {
    const [kind, note] = noteTexts[i % noteTexts.length]!;
    const when = sometime(r, '2019-10-01', '2019-12-20');
    add(when, 'recordProtectionNote', () => ({ personId: pid(child), kind, note, occurredAt: when }));
  }

  // 5h. Repatriation cases still under way for foreign families who stay, in every status; and
  // child-protection cases for children on their own or separated.
  const waiting = pop.households.filter(
    (h) => h.role === 'stay' && !isLocal(h.mother.identity.nationalities[0]!),
  );
  const open = [
    'identified',
    'requested',
    'requested',
    'under-review',
    'accepted',
    'scheduled',
    'refused',
  ] as const;
  for (const [i, h] of sample(rc, waiting, scaled(150, options.scale, open.length)).entries()) {
    repatriationCase(h, members(h), open[i % open.length]!, sometime(rc, '2019-11-01', '2019-12-20'));
  }
  const concerns = [
    ['separated', 'living with an aunt in the phase since the mother was transferred to hospital'],
    ['unaccompanied', 'found alone at the reception area; says the mother died in Baghuz'],
    ['at-risk', 'works carrying water for other families; out of school'],
  ] as const;
  const alone = pop.households.filter((h) => h.role === 'stay').flatMap((h) => h.children);
  for (const [i, child] of sample(rc, alone, scaled(40, options.scale, concerns.length)).entries()) {
    const [concern, summary] = concerns[i % concerns.length]!;
    const when = sometime(rc, '2019-10-01', '2019-12-01');
    const key = `child-case-${child.key}`;
    add(when, 'openChildCase', () => ({ personId: pid(child), concern, summary, occurredAt: when }), {
      saveAs: key,
    });
    const noted = later(when, 3 * 1440);
    add<'recordProtectionNote'>(
      noted,
      'recordProtectionNote',
      () => ({
        personId: pid(child),
        childCaseId: (results.get(key) as { childCaseId: string }).childCaseId,
        kind: 'family-tracing',
        note: 'tracing request opened with the ICRC for relatives in the country of origin',
        occurredAt: noted,
      }),
      { needs: [key] },
    );
  }

  // 5g. Identity corrections: foreign women whose given name was taken down by ear, corrected from a passport.
  const misspelt = pop.households
    .map((h) => h.mother)
    .filter(
      (m) =>
        m.facility !== 'AYN' &&
        !isLocal(m.identity.nationalities[0]!) &&
        m.identity.names.latin !== undefined &&
        m.given.latin.length > 1,
    );
  for (const m of sample(r, misspelt, scaled(40, options.scale, 1))) {
    const names = m.identity.names;
    const written = names.latin!.given.toLowerCase();
    const given = r.pick(m.given.latin.filter((l) => l.toLowerCase() !== written));
    const when = sometime(r, '2019-10-01', '2019-12-20');
    add(when, 'correctIdentity', () => ({
      personId: pid(m),
      changes: { names: { ...names, latin: { ...names.latin!, given } } },
      reason: 'given name corrected to the spelling of her passport, shown by her consulate',
    }));
  }

  await runSteps(runner, steps, results);
  await recordIncidents(runner, r, {
    facilityId,
    sectorId,
    escapees: (roles: readonly HouseholdRole[]) =>
      pop.households.filter((h) => roles.includes(h.role)).flatMap((h) => members(h).map(pid)),
    prisonersAtLarge: pop.prisoners.filter((p) => p.role === 'tab-escaped').map((p) => pid(p.person)),
  });

  // 6. Geneva IV art. 136 notifications: those up to October went to the ICRC's Central Tracing Agency,
  // November's to the national information bureau; December's are still queued, for the registrars.
  const queued: { id: string; occurredAt: string }[] = [];
  for (let cursor: string | undefined; ; ) {
    const page = await app.query(actor, 'listNotifications', { status: 'queued', limit: 500, cursor });
    queued.push(...page.items);
    if (page.nextCursor === null) break;
    cursor = page.nextCursor;
  }
  const dispatches: { command: CommandName; input: unknown }[] = [];
  const dispatch = (
    from: string,
    to: string,
    channel: 'icrc-central-tracing-agency' | 'national-information-bureau',
    reference: string,
  ) => {
    const ids = queued.filter((n) => n.occurredAt >= from && n.occurredAt < to).map((n) => n.id);
    for (let i = 0; i < ids.length; i += 1000) {
      dispatches.push({
        command: 'dispatchNotifications',
        input: {
          notificationIds: ids.slice(i, i + 1000),
          channel,
          reference: `${reference}-${String(i / 1000 + 1).padStart(3, '0')}`,
        } satisfies StepInput<'dispatchNotifications'>,
      });
    }
  };
  dispatch('2019-01-01', '2019-11-01', 'icrc-central-tracing-agency', 'ICRC-CTA/NES/2019');
  dispatch('2019-11-01', '2019-12-01', 'national-information-bureau', 'NIB/NES/2019-11');
  await runBatches(runner, dispatches);

  const eventsAfter = (await app.query(actor, 'ledgerHead', {})).events;
  return {
    facilities: FACILITIES.length,
    persons: people.length + births.length,
    events: eventsAfter - eventsBefore,
    users: demoUsers,
    password,
  };
}
