// The demo scenario: four facilities of North-East Syria in the autumn of 2019 and a SYNTHETIC population,
// built only through the commands the API runs, so that `verify` holds afterwards. Deterministic for a
// seed: every name, date, household and custody decision comes from one seeded generator; only the ids
// (UUIDv7) differ between two builds.
import type { z } from 'zod';
import { systemActor } from './access.ts';
import type { CommandName, Commands } from './commands/index.ts';
import type { Custodian } from './custodian.ts';
import {
  type ForeignRegion,
  familyNames,
  femaleGiven,
  foreignPlaces,
  foreignRegions,
  iraqiPlaces,
  kunyas,
  maleGiven,
  type NamePart,
  nisbas,
  syrianPlaces,
  ummPrefix,
} from './demo-names.ts';

export interface DemoOptions {
  /** Multiplies the number of people; 1 gives about 300. */
  scale: number;
  seed: number;
}

export interface DemoSummary {
  facilities: number;
  persons: number;
  events: number;
}

const actor = systemActor('demo');
/** Commands per transaction. */
const BATCH = 500;

// --- A small seeded generator (mulberry32).

export function mulberry32(seed: number): () => number {
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

  /** One of `items` other than those in `avoid`. */
  pickOther<T>(items: readonly T[], ...avoid: T[]): T {
    return this.pick(items.filter((i) => !avoid.includes(i)));
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

// --- Times. Every occurredAt is in September-December 2019, in UTC.

const MINUTE = 60_000;
const DAY = 1440 * MINUTE;

/** `day` (YYYY-MM-DD) plus minutes, as the ISO instant the app stores. */
function at(day: string, minutes = 0): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + minutes * MINUTE).toISOString();
}

const later = (instant: string, minutes: number) =>
  new Date(Date.parse(instant) + minutes * MINUTE).toISOString();

/** A random instant between two days (inclusive), in working hours. */
function sometime(r: Random, from: string, to: string, firstHour = 6, lastHour = 17): string {
  const days = Math.round((Date.parse(to) - Date.parse(from)) / DAY);
  const day = new Date(Date.parse(from) + r.int(0, days) * DAY).toISOString().slice(0, 10);
  return at(day, r.int(firstHour * 60, lastHour * 60));
}

/** A random date (YYYY-MM-DD) between two dates. */
function dateBetween(r: Random, from: string, to: string): string {
  const a = Date.parse(from);
  const b = Date.parse(to);
  return new Date(a + r.int(0, Math.max(0, Math.floor((b - a) / DAY))) * DAY).toISOString().slice(0, 10);
}

const addYears = (date: string, years: number) => `${Number(date.slice(0, 4)) + years}${date.slice(4)}`;
const maxDate = (a: string, b: string) => (a > b ? a : b);

// --- The facilities.

type FacilityCode = 'HOL' | 'ROJ' | 'AYN' | 'HSK';
type Category = 'man' | 'woman' | 'boy' | 'girl';
const ALL: Category[] = ['man', 'woman', 'boy', 'girl'];
const WOMEN_CHILDREN: Category[] = ['woman', 'girl', 'boy'];
const MEN: Category[] = ['man'];
const AANES = 'Autonomous Administration of North and East Syria';

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
  sections: { code: string; name: string; capacity: number; categories: Category[] }[];
  sectors: { code: string; name: string; status: 'open' | 'closed' }[];
  guards: { required: number; before: number; after: number; crisis: number };
}

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
      ...[1, 2, 3, 4, 5, 6, 7, 8].map((n) => ({
        code: `PH${n}`,
        name: `Phase ${n} (Syrian and Iraqi families)`,
        capacity: n <= 4 ? 6000 : 3500,
        categories: ALL,
      })),
      {
        code: 'ANNEX',
        name: 'Annex (foreign women and children)',
        capacity: 11000,
        categories: WOMEN_CHILDREN,
      },
    ],
    sectors: [
      { code: 'N-FENCE', name: 'North fence, phases 1-3', status: 'closed' },
      { code: 'E-FENCE', name: 'East fence, towards the Iraqi border', status: 'closed' },
      { code: 'MAIN-GATE', name: 'Main gate, Hasakah road', status: 'open' },
      { code: 'ANNEX-GATE', name: 'Annex checkpoint', status: 'closed' },
    ],
    guards: { required: 600, before: 440, after: 320, crisis: 260 },
  },
  {
    code: 'ROJ',
    nameEn: 'Roj camp',
    nameAr: 'مخيم روج',
    kind: 'camp',
    location: { lat: 37.07, lon: 42.07 },
    borderDistanceKm: 10,
    capacity: 4000,
    authority: `${AANES}, Roj camp administration (near Derik / al-Malikiyah)`,
    actingAuthority: 'Asayish (Internal Security Forces), Roj',
    sections: [
      { code: 'A', name: 'Sector A', capacity: 2000, categories: WOMEN_CHILDREN },
      { code: 'B', name: 'Sector B', capacity: 2000, categories: WOMEN_CHILDREN },
    ],
    sectors: [
      { code: 'PERIM', name: 'Perimeter fence', status: 'closed' },
      { code: 'GATE', name: 'Main gate', status: 'open' },
    ],
    guards: { required: 80, before: 68, after: 50, crisis: 44 },
  },
  {
    code: 'AYN',
    nameEn: 'Ayn Issa camp',
    nameAr: 'مخيم عين عيسى',
    kind: 'camp',
    location: { lat: 36.38, lon: 38.86 },
    borderDistanceKm: 30,
    capacity: 13000,
    authority: `${AANES}, Ayn Issa camp administration`,
    actingAuthority: 'Asayish (Internal Security Forces), Ayn Issa',
    sections: [
      { code: 'MAIN', name: 'Main camp (displaced Syrians)', capacity: 12000, categories: ALL },
      {
        code: 'ANNEX',
        name: 'Annex (foreign women and children)',
        capacity: 1000,
        categories: WOMEN_CHILDREN,
      },
    ],
    sectors: [
      { code: 'W-FENCE', name: 'West fence, M4 road side', status: 'closed' },
      { code: 'ANNEX-GATE', name: 'Annex gate', status: 'closed' },
      { code: 'MAIN-GATE', name: 'Main gate', status: 'open' },
    ],
    guards: { required: 120, before: 85, after: 50, crisis: 24 },
  },
  {
    code: 'HSK',
    nameEn: 'Hasakah prison (Ghweiran)',
    nameAr: 'سجن غويران في الحسكة',
    kind: 'prison',
    location: { lat: 36.5, lon: 40.75 },
    borderDistanceKm: 60,
    capacity: 5000,
    authority: 'Syrian Democratic Forces; Internal Security Forces (Asayish)',
    actingAuthority: 'Internal Security Forces, Hasakah prison',
    sections: [
      ...['A', 'B', 'C', 'D'].map((b) => ({
        code: `BLOCK-${b}`,
        name: `Block ${b}`,
        capacity: 1200,
        categories: MEN,
      })),
      { code: 'INFIRMARY', name: 'Infirmary', capacity: 100, categories: MEN },
      { code: 'ISOLATION', name: 'Isolation cells', capacity: 50, categories: MEN },
    ],
    sectors: [
      { code: 'N-WALL', name: 'North wall', status: 'closed' },
      { code: 'S-WALL', name: 'South wall', status: 'closed' },
      { code: 'GATE', name: 'Vehicle gate', status: 'closed' },
      { code: 'ROOF-C', name: 'Roof of block C', status: 'closed' },
    ],
    guards: { required: 420, before: 360, after: 250, crisis: 230 },
  },
];

const facilityPlan = (code: FacilityCode) => FACILITIES.find((f) => f.code === code)!;

// --- People.

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

interface PersonPlan {
  key: string;
  facility: FacilityCode;
  section: string;
  sex: Sex;
  birthDate: string;
  identity: IdentityInput;
  given: NamePart;
}

type HouseholdRole =
  | 'plain'
  | 'birth'
  | 'released'
  | 'moved'
  | 'hospital'
  | 'child-died'
  | 'repatriated'
  | 'escaped-at-large'
  | 'escaped-recaptured'
  | 'escape-in-error'
  | 'transfer-overdue'
  | 'evacuated';

interface HouseholdPlan {
  role: HouseholdRole;
  facility: FacilityCode;
  section: string;
  mother: PersonPlan;
  father: PersonPlan | undefined;
  children: PersonPlan[];
  /** The husband's given name and family, for children born in custody. */
  husband: NameChoice;
  childNationalities: string[];
}

type PrisonerRole = 'plain' | 'handed-over' | 'separated' | 'hospital' | 'died' | 'released' | 'moved';

interface PrisonerPlan {
  role: PrisonerRole;
  person: PersonPlan;
  nationality: string;
}

/** Removes keys whose value is undefined, so inputs hold only what was given. */
function compact<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}

function spell(r: Random, part: NamePart | undefined): string | undefined {
  return part === undefined ? undefined : r.pick(part.latin);
}

function writeNames(r: Random, n: NameChoice, aliases: string[] = []): Names {
  return {
    arabic: compact({
      given: n.given.ar,
      father: n.father?.ar,
      grandfather: n.grandfather?.ar,
      family: n.family?.ar,
      kunya: n.kunya?.ar,
    }),
    latin: compact({
      given: spell(r, n.given)!,
      father: spell(r, n.father),
      grandfather: spell(r, n.grandfather),
      family: spell(r, n.family),
      kunya: spell(r, n.kunya),
    }),
    aliases,
  };
}

function umm(child: NamePart): NamePart {
  const latin = ummPrefix.latin.flatMap((u) => child.latin.map((c) => `${u} ${c}`)).slice(0, 3);
  return { ar: `${ummPrefix.ar} ${child.ar}`, latin: latin as [string, ...string[]] };
}

function feminine(part: NamePart): NamePart {
  return { ar: `${part.ar}ا`, latin: part.latin.map((l) => `${l}a`) as [string, ...string[]] };
}

/** A family name as a person of this sex bears it (Karimov, Karimova). */
function familyNameFor(family: NamePart, sex: Sex): NamePart {
  const slavic = foreignRegions.some((g) => g.feminineSuffix && g.maleFamily.includes(family));
  return slavic && sex === 'female' ? feminine(family) : family;
}

const placeName = (p: readonly [string, string]) => p[1];

const MARKS = [
  'scar above the left eyebrow',
  'missing two fingers of the right hand',
  'old gunshot wound to the right thigh; walks with a limp',
  'burn scars on both forearms',
  'prosthetic left leg below the knee',
  'tattoo removed from the right forearm',
  'shrapnel scars on the back and neck',
];

class Population {
  private seq = 0;
  readonly households: HouseholdPlan[] = [];
  readonly prisoners: PrisonerPlan[] = [];

  constructor(private readonly r: Random) {}

  private key(): string {
    this.seq += 1;
    return `p${this.seq}`;
  }

  get people(): PersonPlan[] {
    return [
      ...this.households.flatMap((h) => [h.mother, ...(h.father ? [h.father] : []), ...h.children]),
      ...this.prisoners.map((p) => p.person),
    ];
  }

  private region(country: string): ForeignRegion | undefined {
    return foreignRegions.find((g) => g.countries.includes(country));
  }

  foreignCountry(): string {
    // Weighted towards where most foreign women in the camps came from.
    const region = foreignRegions[this.r.weighted([30, 30, 10, 20, 10])]!;
    return this.r.pick(region.countries);
  }

  private birthPlace(country: string): string {
    if (country === 'SYR') return placeName(this.r.pick(syrianPlaces));
    if (country === 'IRQ') return placeName(this.r.pick(iraqiPlaces));
    return foreignPlaces[country] ?? country;
  }

  /** A family or tribe name usual for someone of `country`. */
  private familyFor(country: string): NamePart {
    const region = this.region(country);
    if (region !== undefined && region.maleFamily.length > 0 && this.r.chance(0.7)) {
      return this.r.pick(region.maleFamily);
    }
    return this.r.pick(familyNames);
  }

  household(
    role: HouseholdRole,
    facility: FacilityCode,
    section: string,
    options: { country: string; withFather?: boolean; youngMother?: boolean },
  ): HouseholdPlan {
    const r = this.r;
    const country = options.country;
    const local = country === 'SYR' || country === 'IRQ';
    const region = this.region(country);

    // The husband: often absent (killed, detained, missing); his name is in the children's names.
    const husbandCountry = local
      ? country
      : r.pick([country, country, r.chance(0.5) ? 'SYR' : 'IRQ', this.foreignCountry()]);
    const husbandGiven = r.pick(maleGiven);
    const husband: NameChoice = {
      given: husbandGiven,
      father: r.pickOther(maleGiven, husbandGiven),
      family: this.familyFor(husbandCountry),
    };

    // The mother.
    const motherBirth = dateBetween(r, options.youngMother ? '1983-01-01' : '1972-01-01', '2000-12-31');
    const regionalGiven = region !== undefined && region.femaleGiven.length > 0 && r.chance(0.7);
    const motherGiven = regionalGiven ? r.pick(region.femaleGiven) : r.pick(femaleGiven);
    const motherFamily = familyNameFor(local ? r.pick(familyNames) : this.familyFor(country), 'female');
    const motherFather = regionalGiven ? undefined : r.pick(maleGiven);

    // The children, eldest first.
    const count = local ? 1 + r.weighted([2, 3, 3, 2, 1, 1]) : 1 + r.weighted([3, 3, 2, 1]);
    const earliest = maxDate(addYears(motherBirth, 17), local ? '2002-01-01' : '2006-01-01');
    const births = Array.from({ length: count }, () => dateBetween(r, earliest, '2019-08-15')).sort();
    const childNationalities = local
      ? r.chance(0.85)
        ? [country]
        : [r.chance(0.7) ? 'unknown' : 'stateless']
      : [
          [country],
          [country],
          [country],
          husbandCountry === country ? [country] : [country, husbandCountry],
          ['unknown'],
          ['stateless'],
        ][r.weighted([3, 2, 1, 1, 2, 1])]!;
    const children = births.map((birthDate) => {
      const sex: Sex = r.chance(0.5) ? 'male' : 'female';
      const given = sex === 'male' ? r.pickOther(maleGiven, husband.given) : r.pick(femaleGiven);
      const bornInIsTerritory = birthDate >= '2014-06-01';
      const identity: IdentityInput = compact({
        names: writeNames(r, {
          given,
          father: husband.given,
          grandfather: husband.father,
          family: familyNameFor(husband.family!, sex),
        }),
        sex,
        birthDate: { date: birthDate, estimated: r.chance(0.4) },
        placeOfBirth: bornInIsTerritory
          ? placeName(r.pick(local && country === 'IRQ' ? iraqiPlaces : syrianPlaces))
          : this.birthPlace(country),
        nationalities: r.chance(0.9) ? childNationalities : ['unknown'],
        fatherFirstName: r.pick(husband.given.latin),
        motherName: `${r.pick(motherGiven.latin)} ${r.pick(motherFamily.latin)}`,
        documents: r.chance(0.15) ? [{ kind: 'birth-certificate' as const, held: r.chance(0.5) }] : [],
      });
      return { key: this.key(), facility, section, sex, birthDate, identity, given };
    });

    const eldestSon = children.find((c) => c.sex === 'male');
    const kunya = eldestSon !== undefined && r.chance(local ? 0.35 : 0.5) ? umm(eldestSon.given) : undefined;
    const aliases =
      regionalGiven && r.chance(0.6) ? [`${r.pick(femaleGiven).latin[0]} (name used in Syria)`] : [];
    const mother: PersonPlan = {
      key: this.key(),
      facility,
      section,
      sex: 'female',
      birthDate: motherBirth,
      given: motherGiven,
      identity: compact({
        names: writeNames(
          r,
          { given: motherGiven, father: motherFather, family: motherFamily, kunya },
          aliases,
        ),
        sex: 'female' as const,
        birthDate: { date: motherBirth, estimated: r.chance(0.3) },
        placeOfBirth: this.birthPlace(country),
        nationalities: [country],
        lastResidence: local
          ? r.pick(['Baghuz', 'Hajin', 'Raqqa', 'Mosul', 'Deir ez-Zor', 'Al-Bukamal'])
          : r.pick(['Baghuz', 'Hajin', 'Raqqa', 'Mayadin']),
        fatherFirstName: motherFather === undefined ? undefined : r.pick(motherFather.latin),
        motherName: r.pick(r.pick(femaleGiven).latin),
        distinguishingMarks: r.chance(0.05) ? r.pick(MARKS) : undefined,
        addressForCorrespondence: local ? undefined : `c/o consulate of ${country}, Erbil`,
        personToNotify: r.chance(0.4)
          ? { name: `${r.pick(r.pick(femaleGiven).latin)} ${r.pick(motherFamily.latin)}`, relation: 'mother' }
          : undefined,
        documents: local
          ? r.chance(0.4)
            ? [{ kind: 'family-booklet' as const, held: r.chance(0.5) }]
            : []
          : [{ kind: 'passport' as const, issuingCountry: country, held: r.chance(0.2) }],
      }),
    };

    let father: PersonPlan | undefined;
    if (options.withFather && local) {
      const birthDate = dateBetween(r, '1950-01-01', '1972-12-31');
      father = {
        key: this.key(),
        facility,
        section,
        sex: 'male',
        birthDate,
        given: husband.given,
        identity: {
          names: writeNames(r, { ...husband, grandfather: r.pickOther(maleGiven, husband.father!) }),
          sex: 'male',
          birthDate: { date: birthDate, estimated: r.chance(0.5) },
          placeOfBirth: this.birthPlace(country),
          nationalities: [country],
          fatherFirstName: r.pick(husband.father!.latin),
          documents: [{ kind: 'national-id', held: true }],
        },
      };
    }

    const household: HouseholdPlan = {
      role,
      facility,
      section,
      mother,
      father,
      children,
      husband,
      childNationalities,
    };
    this.households.push(household);
    return household;
  }

  prisoner(role: PrisonerRole, section: string, forcedNationality?: string): PrisonerPlan {
    const r = this.r;
    const nationality =
      forcedNationality ??
      [() => 'SYR', () => 'IRQ', () => this.foreignCountry()][r.weighted([45, 30, 25])]!();
    const local = nationality === 'SYR' || nationality === 'IRQ';
    const given = r.pick(maleGiven);
    const kunya = r.chance(0.55) ? r.pick(kunyas) : undefined;
    const nisba = nisbas[nationality];
    const aliases =
      kunya !== undefined && nisba !== undefined && r.chance(0.4)
        ? [`${r.pick(kunya.latin)} ${r.pick(nisba.latin)}`]
        : [];
    const father = r.pickOther(maleGiven, given);
    const birthDate = dateBetween(r, '1965-01-01', '2000-06-30');
    const person: PersonPlan = {
      key: this.key(),
      facility: 'HSK',
      section,
      sex: 'male',
      birthDate,
      given,
      identity: compact({
        names: writeNames(
          r,
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
        lastResidence: r.pick(['Baghuz', 'Hajin', 'Al-Shaafa', 'Raqqa', 'Mayadin', 'Al-Bukamal']),
        fatherFirstName: r.pick(father.latin),
        motherName: r.pick(r.pick(femaleGiven).latin),
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
    const plan = { role, person, nationality };
    this.prisoners.push(plan);
    return plan;
  }
}

/** How many of something at this scale: the scaled count, never fewer than `min`. */
const scaled = (base: number, scale: number, min: number) => Math.max(min, Math.round(base * scale));

/** Roles for a list of `n`: each role's share (at least its minimum), then `rest` for the remainder. */
function assignRoles<R extends string>(n: number, shares: [R, number, number][], rest: R): R[] {
  const roles: R[] = [];
  for (const [role, share, min] of shares) {
    for (let i = Math.max(min, Math.round(share * n)); i > 0; i--) roles.push(role);
  }
  while (roles.length < n) roles.push(rest);
  return roles;
}

function planPopulation(r: Random, scale: number): Population {
  const pop = new Population(r);
  const phases = facilityPlan('HOL').sections.filter((s) => s.code.startsWith('PH'));

  // Al Hol, main camp: Syrian and Iraqi families in the phases.
  const holPhases = scaled(24, scale, 5);
  for (const role of assignRoles<HouseholdRole>(
    holPhases,
    [
      ['released', 0.12, 1],
      ['moved', 0.12, 1],
      ['hospital', 0.06, 1],
      ['child-died', 0.04, 1],
      ['birth', 0.08, 1],
    ],
    'plain',
  )) {
    const country = role === 'released' || r.chance(0.5) ? 'SYR' : 'IRQ';
    pop.household(role, 'HOL', r.pick(phases).code, {
      country,
      withFather: role !== 'birth' && r.chance(0.15),
      youngMother: role === 'birth',
    });
  }
  // Al Hol, the annex: foreign women and children.
  const repatriating = ['KAZ', 'UZB', 'TJK', 'RUS'];
  for (const role of assignRoles<HouseholdRole>(
    scaled(16, scale, 2),
    [
      ['repatriated', 0.12, 1],
      ['hospital', 0.07, 0],
      ['birth', 0.07, 0],
    ],
    'plain',
  )) {
    const country = role === 'repatriated' ? r.pick(repatriating) : pop.foreignCountry();
    pop.household(role, 'HOL', 'ANNEX', { country, youngMother: role === 'birth' });
  }
  // Roj: foreign women and children.
  for (const role of assignRoles<HouseholdRole>(scaled(11, scale, 1), [['birth', 0.1, 1]], 'plain')) {
    pop.household(role, 'ROJ', r.pick(['A', 'B']), {
      country: pop.foreignCountry(),
      youngMother: role === 'birth',
    });
  }
  // Ayn Issa: the annex of foreign families (most of whom fled on 13 October 2019), and displaced Syrians.
  for (const role of assignRoles<HouseholdRole>(
    scaled(13, scale, 5),
    [
      ['escaped-at-large', 0.3, 1],
      ['escaped-recaptured', 0.2, 1],
      ['escape-in-error', 0.05, 1],
      ['transfer-overdue', 0.05, 1],
    ],
    'evacuated',
  )) {
    pop.household(role, 'AYN', 'ANNEX', { country: pop.foreignCountry() });
  }
  for (let i = scaled(3, scale, 1); i > 0; i--) {
    pop.household('evacuated', 'AYN', 'MAIN', { country: 'SYR', withFather: r.chance(0.3) });
  }
  // Hasakah prison: men.
  const blocks = ['BLOCK-A', 'BLOCK-B', 'BLOCK-C', 'BLOCK-D'];
  const prisonerRoles = assignRoles<PrisonerRole>(
    scaled(62, scale, 10),
    [
      ['handed-over', 0.04, 2],
      ['separated', 0.06, 4],
      ['hospital', 0.03, 1],
      ['died', 0.015, 1],
      ['released', 0.03, 1],
      ['moved', 0.08, 1],
    ],
    'plain',
  );
  let previousSeparatedBlock = '';
  for (const role of prisonerRoles) {
    let block = r.pick(blocks);
    if (role === 'separated') {
      // Separated men come in pairs, each pair held in two different blocks.
      if (block === previousSeparatedBlock) block = blocks[(blocks.indexOf(block) + 1) % blocks.length]!;
      previousSeparatedBlock = previousSeparatedBlock === '' ? block : '';
    }
    const nationality = role === 'handed-over' ? 'IRQ' : role === 'released' ? 'SYR' : undefined;
    pop.prisoner(role, block, nationality);
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

async function runBatches(
  app: Custodian,
  items: { command: CommandName; input: unknown }[],
): Promise<unknown[]> {
  const results: unknown[] = [];
  for (let i = 0; i < items.length; i += BATCH) {
    results.push(...(await app.executeBatch(actor, items.slice(i, i + BATCH))));
  }
  return results;
}

/** Runs the steps in time order, in batches; a step that needs a result of its own batch starts a new one. */
async function runSteps(app: Custodian, steps: Step[], results: Map<string, unknown>): Promise<void> {
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
    if (batch.length >= BATCH || step.needs?.some((k) => inBatch.has(k))) await flush();
    batch.push(step);
    if (step.saveAs !== undefined) inBatch.add(step.saveAs);
  }
  await flush();
}

// --- The scenario.

export async function buildDemo(app: Custodian, options: DemoOptions): Promise<DemoSummary> {
  if (!(options.scale > 0) || !Number.isFinite(options.scale)) {
    throw new RangeError(`demo scale must be a positive number, not ${options.scale}`);
  }
  const r = new Random(options.seed);
  const eventsBefore = (await app.query(actor, 'ledgerHead', {})).events;
  const pop = planPopulation(r, options.scale);

  // 1. Facilities, sections, perimeter sectors.
  const facilityIds = new Map<FacilityCode, string>();
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
  for (const [i, f] of FACILITIES.entries()) facilityIds.set(f.code, registered[i]!.facilityId);
  const facilityId = (code: FacilityCode) => facilityIds.get(code)!;

  const parts: { command: CommandName; input: unknown; key: string }[] = [];
  for (const f of FACILITIES) {
    for (const s of f.sections) {
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

  // 2. People, in the order of the plan: registration numbers follow it, per facility.
  const people = pop.people;
  const personIds = new Map<string, string>();
  const registrations = (await runBatches(
    app,
    people.map((p) => ({
      command: 'registerPerson' as const,
      input: {
        facilityId: facilityId(p.facility),
        identity: p.identity,
      } satisfies StepInput<'registerPerson'>,
    })),
  )) as { personId: string }[];
  for (const [i, p] of people.entries()) personIds.set(p.key, registrations[i]!.personId);
  const pid = (p: PersonPlan) => personIds.get(p.key)!;

  // 3. Households and family links.
  const family: { command: CommandName; input: unknown }[] = [];
  for (const h of pop.households) {
    const members = [h.mother, ...(h.father ? [h.father] : []), ...h.children];
    family.push({
      command: 'formHousehold',
      input: {
        facilityId: facilityId(h.facility),
        name: `Household of ${h.mother.identity.names.latin?.given} ${h.mother.identity.names.latin?.family ?? ''}`.trim(),
        memberIds: members.map(pid),
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
      if (h.father) {
        family.push({
          command: 'addFamilyLink',
          input: { personId: pid(h.father), relatedPersonId: pid(c), relation: 'father' },
        });
      }
    }
    if (h.father) {
      family.push({
        command: 'addFamilyLink',
        input: { personId: pid(h.mother), relatedPersonId: pid(h.father), relation: 'spouse' },
      });
    }
    for (const [i, a] of h.children.entries()) {
      const b = h.children[i + 1];
      if (b !== undefined) {
        family.push({
          command: 'addFamilyLink',
          input: { personId: pid(a), relatedPersonId: pid(b), relation: 'sibling' },
        });
      }
    }
  }
  await runBatches(app, family);

  // 4. The timeline, September-December 2019.
  const steps: Step[] = [];
  const results = new Map<string, unknown>();
  const add = <N extends CommandName>(
    when: string,
    command: N,
    input: () => StepInput<N>,
    extra: { saveAs?: string; needs?: string[] } = {},
  ) => steps.push({ at: when, command, input, ...extra });
  type Custody = StepInput<'recordCustody'>;
  // biome-ignore lint/suspicious/noExplicitAny: a custody input without personId/occurredAt; each variant is checked by the schema
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
  const members = (h: HouseholdPlan) => [h.mother, ...(h.father ? [h.father] : []), ...h.children];
  /** The whole household, a minute apart per member. */
  const forHousehold = (h: HouseholdPlan, when: string, input: CustodyPart) => {
    for (const [i, m] of members(h).entries()) custody(later(when, i), m, input);
  };

  // 4a. Admissions: the census registration of September 2019.
  const census: Record<FacilityCode, [string, string]> = {
    HOL: ['2019-09-02', '2019-09-20'],
    ROJ: ['2019-09-04', '2019-09-18'],
    AYN: ['2019-09-03', '2019-09-22'],
    HSK: ['2019-09-01', '2019-09-27'],
  };
  const admission = (f: FacilityCode, section: string, local: boolean) =>
    ({
      type: 'admitted',
      facilityId: facilityId(f),
      sectionId: sectionId(f, section),
      reason:
        f === 'HSK'
          ? 'registration of a detainee held since the fall of Baghuz (March 2019)'
          : 'census registration of a resident who arrived from Baghuz (March 2019)',
      legalBasis:
        f === 'HSK'
          ? 'Detention on suspicion of membership of the Islamic State, pending investigation'
          : local
            ? 'Residence in a displaced-persons camp pending return, under the camp regulations'
            : 'Held in a displaced-persons camp pending repatriation by the country of nationality',
      orderingAuthority:
        f === 'HSK'
          ? 'Syrian Democratic Forces, counter-terrorism command'
          : `${facilityPlan(f).nameEn} administration`,
    }) as const;
  const admittedAt = new Map<string, string>();
  for (const h of pop.households) {
    const when = sometime(r, ...census[h.facility], 6, 15);
    const local = h.mother.identity.nationalities.some((n) => n === 'SYR' || n === 'IRQ');
    for (const [i, m] of members(h).entries()) {
      const t = later(when, i);
      admittedAt.set(m.key, t);
      custody(t, m, {
        ...admission(h.facility, h.section, local),
        property:
          i === 0 && r.chance(0.3)
            ? [{ item: r.pick(['mobile phone', 'gold ring', 'cash, USD', 'Quran']) }]
            : [],
        complaintsOfPriorTreatment:
          i === 0 && r.chance(0.05)
            ? 'states she was held for two days without water at a screening point'
            : undefined,
      });
    }
  }
  for (const p of pop.prisoners) {
    const when = sometime(r, ...census.HSK, 6, 15);
    admittedAt.set(p.person.key, when);
    custody(when, p.person, {
      ...admission('HSK', p.person.section, true),
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

  // 4b. Facilities through October: guard strength, alert posture, perimeter.
  const shifts = [
    ['morning', 6 * 60],
    ['afternoon', 14 * 60],
    ['night', 22 * 60],
  ] as const;
  for (const f of FACILITIES) {
    for (let d = 1; d <= 31; d++) {
      const day = `2019-10-${String(d).padStart(2, '0')}`;
      if (f.code === 'AYN' && d > 16) break; // the camp was emptied on 16 October
      for (const [shift, minutes] of shifts) {
        let base = d < 9 ? f.guards.before : d >= 13 && d <= 16 ? f.guards.crisis : f.guards.after;
        if (f.code === 'AYN' && d === 13) base = { morning: 24, afternoon: 6, night: 0 }[shift];
        if (f.code === 'AYN' && d > 13) base = 35;
        const factor = shift === 'night' ? 0.8 : 1;
        const guardsOnDuty = Math.round(base * factor * (0.94 + 0.12 * r.float()));
        add(at(day, minutes), 'reportGuardStrength', () => ({
          facilityId: facilityId(f.code),
          shift,
          guardsOnDuty,
          guardsRequired: Math.round(f.guards.required * factor),
          occurredAt: at(day, minutes),
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
      at('2019-10-09', 13 * 60),
      f.code,
      'heightened',
      'Turkish-led offensive into North-East Syria began on 9 October 2019; guards redeployed to the front',
    );
  }
  posture(
    at('2019-10-11', 10 * 60),
    'HSK',
    'critical',
    'car bomb in Qamishli; threat of an attack on the prisons',
  );
  posture(
    at('2019-10-11', 16 * 60),
    'AYN',
    'critical',
    'shelling within 5 km of the camp; the M4 road is cut',
  );
  posture(
    at('2019-10-13', 14 * 60),
    'HOL',
    'critical',
    'mass escape from Ayn Issa camp; unrest in the annex',
  );
  posture(at('2019-10-28', 9 * 60), 'HOL', 'heightened', 'situation stable; guard strength partly restored');
  posture(at('2019-11-05', 9 * 60), 'HSK', 'heightened', 'reinforcements arrived from Qamishli');
  posture(at('2019-11-20', 9 * 60), 'ROJ', 'normal', 'ceasefire holding in the Derik area');
  posture(at('2019-12-10', 9 * 60), 'HOL', 'normal', 'no incident for six weeks');
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
  sector(at('2019-10-13', 18 * 60 + 30), 'AYN', 'ANNEX-GATE', 'closed', 're-secured for the evening recount');
  sector(
    at('2019-10-13', 16 * 60),
    'HOL',
    'MAIN-GATE',
    'closed',
    'movements suspended after the Ayn Issa escape',
  );
  sector(
    at('2019-10-20', 2 * 60),
    'HOL',
    'E-FENCE',
    'breached',
    'fence cut in two places; a group escape attempt thwarted',
  );
  sector(at('2019-10-21', 15 * 60), 'HOL', 'E-FENCE', 'closed', 'fence repaired and a watchtower added');
  sector(at('2019-10-22', 8 * 60), 'HOL', 'MAIN-GATE', 'open', 'movements resumed under escort');
  sector(
    at('2019-11-02', 11 * 60),
    'HSK',
    'GATE',
    'open',
    'gate held open for the transfer of detainees from Qamishli',
  );
  sector(at('2019-11-02', 15 * 60), 'HSK', 'GATE', 'closed', 'transfer completed');

  // 4c. Al Hol and Roj.
  const phases = facilityPlan('HOL').sections.filter((s) => s.code.startsWith('PH'));
  const youngest = (h: HouseholdPlan) => h.children[h.children.length - 1]!;
  const births: { mother: PersonPlan; key: string }[] = [];
  for (const h of pop.households) {
    switch (h.role) {
      case 'released': {
        const town = r.pick(syrianPlaces);
        forHousehold(h, sometime(r, '2019-11-10', '2019-11-25'), {
          type: 'released',
          reason: `released to the sponsorship (kafala) of tribal elders of ${placeName(town)}`,
        });
        break;
      }
      case 'moved': {
        const to = r.pick(phases.filter((s) => s.code !== h.section)).code;
        forHousehold(h, sometime(r, '2019-10-02', '2019-10-30'), {
          type: 'moved',
          sectionId: sectionId('HOL', to),
          reason: r.pick([
            'tent destroyed by fire',
            'reunited with relatives in that phase',
            'flooding in the phase',
          ]),
        });
        break;
      }
      case 'hospital': {
        const child = youngest(h);
        const when = sometime(r, '2019-11-01', '2019-11-20');
        custody(when, child, {
          type: 'hospitalised',
          hospital: r.pick([
            'Hasakah National Hospital',
            'MSF field hospital, Al Hol',
            'Kurdish Red Crescent clinic, Al Hol',
          ]),
          reason: r.pick([
            'acute malnutrition',
            'severe diarrhoea and dehydration',
            'burns from a cooking stove',
          ]),
        });
        custody(later(when, r.int(3, 10) * 1440), child, { type: 'returned', reason: 'discharged' });
        break;
      }
      case 'child-died': {
        const child = youngest(h);
        custody(sometime(r, '2019-12-02', '2019-12-20'), child, {
          type: 'died',
          reason: 'death in the camp',
          circumstances: r.pick([
            'pneumonia after a week of cold nights; the referral to Hasakah was delayed at the checkpoint',
            'acute malnutrition and dehydration; seen twice at the camp clinic',
          ]),
        });
        break;
      }
      case 'repatriated': {
        const country = h.mother.identity.nationalities[0]!;
        forHousehold(h, sometime(r, '2019-11-18', '2019-12-12'), {
          type: 'repatriated',
          country,
          reason: `repatriation agreed with the government of ${country}; handed over at the Semalka crossing`,
          authority: `${AANES}, Department of Foreign Relations`,
        });
        break;
      }
      case 'birth':
        births.push({ mother: h.mother, key: `birth:${h.mother.key}` });
        break;
      default:
        break;
    }
  }
  for (const b of births) {
    const sex: Sex = r.chance(0.5) ? 'male' : 'female';
    const h = pop.households.find((x) => x.mother === b.mother)!;
    const given = r.pick(sex === 'male' ? maleGiven : femaleGiven);
    const when = sometime(r, '2019-10-20', '2019-12-20', 0, 23);
    const names = writeNames(r, {
      given,
      father: h.husband.given,
      family: familyNameFor(h.husband.family!, sex),
    });
    const nationalities = r.chance(0.5) ? ['unknown'] : h.childNationalities;
    add(
      when,
      'registerBirth',
      () => ({
        motherId: pid(b.mother),
        child: { names, sex, nationalities, placeOfBirth: facilityPlan(b.mother.facility).nameEn },
        occurredAt: when,
        authority: facilityPlan(b.mother.facility).actingAuthority,
      }),
      { saveAs: b.key },
    );
  }

  // 4d. Ayn Issa, 13-16 October 2019: escape, recapture, a record error, evacuation.
  const annexId = () => sectionId('AYN', 'ANNEX');
  const transfer = (
    h: HouseholdPlan,
    when: string,
    to: FacilityCode,
    section: string | null,
    hours: number,
  ) => {
    forHousehold(h, when, {
      type: 'transfer-started',
      toFacilityId: facilityId(to),
      dueAt: later(when, hours * 60),
      reason: 'evacuation of Ayn Issa camp under shelling',
    });
    if (section !== null) {
      forHousehold(h, later(when, (hours - 1) * 60), {
        type: 'transfer-received',
        facilityId: facilityId(to),
        sectionId: sectionId(to, section),
        reason: 'arrived with the evacuation convoy from Ayn Issa',
        authority: facilityPlan(to).actingAuthority,
      });
    }
  };
  for (const h of pop.households.filter((x) => x.facility === 'AYN')) {
    const fledAt = at('2019-10-13', r.int(9 * 60, 12 * 60));
    switch (h.role) {
      case 'escaped-at-large':
        forHousehold(h, fledAt, {
          type: 'escaped',
          reason: 'fled through the breached west fence during the shelling',
        });
        break;
      case 'escaped-recaptured':
        forHousehold(h, fledAt, {
          type: 'escaped',
          reason: 'fled through the annex gate during the shelling',
        });
        forHousehold(h, at('2019-10-13', r.int(16 * 60, 21 * 60)), {
          type: 'recaptured',
          facilityId: facilityId('AYN'),
          sectionId: annexId(),
          reason: 'stopped at a checkpoint on the road to Raqqa and brought back',
        });
        transfer(h, at('2019-10-15', r.int(7 * 60, 9 * 60)), 'ROJ', r.pick(['A', 'B']), 8);
        break;
      case 'escape-in-error': {
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
        transfer(h, at('2019-10-15', r.int(7 * 60, 9 * 60)), 'ROJ', r.pick(['A', 'B']), 8);
        break;
      }
      case 'transfer-overdue':
        // The convoy to Al Hol never arrived: the household stays in transit, overdue.
        transfer(h, at('2019-10-15', 9 * 60), 'HOL', null, 6);
        break;
      default:
        if (h.section === 'MAIN')
          transfer(h, at('2019-10-16', r.int(7 * 60, 9 * 60)), 'HOL', r.pick(phases).code, 6);
        else transfer(h, at('2019-10-14', r.int(7 * 60, 9 * 60)), 'ROJ', r.pick(['A', 'B']), 8);
        break;
    }
  }

  // 4e. Hasakah prison.
  const blocks = ['BLOCK-A', 'BLOCK-B', 'BLOCK-C', 'BLOCK-D'];
  const separated = pop.prisoners.filter((p) => p.role === 'separated');
  for (let i = 0; i + 1 < separated.length; i += 2) {
    const pair = [separated[i]!, separated[i + 1]!];
    const reason = r.pick([
      'threats made after a dispute over food distribution',
      'blood feud between their families in Deir ez-Zor',
      'one accuses the other of informing on him to the interrogators',
    ]);
    add(at('2019-10-06', 10 * 60 + i), 'addSeparation', () => ({
      personIds: pair.map((p) => pid(p.person)),
      reason,
    }));
  }
  const classified = pop.prisoners.filter((p, i) => i < 2 || (p.role !== 'released' && r.chance(0.2)));
  for (const [i, p] of classified.entries()) {
    const classification = (['standard', 'high', 'high-value'] as const)[r.weighted([5, 3, 1])]!;
    const reason = {
      standard: 'no indicator beyond alleged membership; cooperative at interview',
      high: 'alleged role in the hisba (religious police); two witness statements',
      'high-value': 'alleged former commander in Deir ez-Zor province; requested by a coalition partner',
    }[classification];
    add(at('2019-10-05', 9 * 60 + i), 'classifyPerson', () => ({
      personId: pid(p.person),
      classification,
      reason,
    }));
  }
  for (const p of pop.prisoners) {
    const m = p.person;
    switch (p.role) {
      case 'handed-over':
        custody(at('2019-11-18', 9 * 60 + pop.prisoners.indexOf(p)), m, {
          type: 'handed-over',
          toAuthority: 'Government of Iraq, judicial authorities',
          country: 'IRQ',
          reason: 'Iraqi national handed over for trial in Iraq at the Rabia crossing',
        });
        break;
      case 'hospital': {
        const when = sometime(r, '2019-10-18', '2019-11-10');
        custody(when, m, {
          type: 'hospitalised',
          hospital: 'Hasakah National Hospital, guarded ward',
          reason: r.pick(['suspected tuberculosis', 'infected wound', 'kidney failure']),
        });
        custody(later(when, r.int(4, 12) * 1440), m, {
          type: 'returned',
          sectionId: null,
          reason: 'discharged to the prison',
        });
        break;
      }
      case 'died': {
        const when = sometime(r, '2019-11-20', '2019-11-28');
        custody(when, m, {
          type: 'moved',
          sectionId: sectionId('HSK', 'INFIRMARY'),
          reason: 'tuberculosis, isolated in the infirmary',
        });
        custody(later(when, r.int(6, 12) * 1440), m, {
          type: 'died',
          reason: 'death in custody',
          circumstances:
            'died in the prison infirmary of tuberculosis; the body was handed to the family through the tribal elders',
        });
        break;
      }
      case 'released':
        custody(sometime(r, '2019-12-05', '2019-12-18'), m, {
          type: 'released',
          reason:
            'released under a tribal guarantee after the investigation found no evidence of a combat role',
        });
        break;
      case 'moved':
        custody(sometime(r, '2019-10-02', '2019-11-15'), m, {
          type: 'moved',
          sectionId: sectionId('HSK', r.pick(blocks.filter((b) => b !== m.section))),
          reason: 'block reorganised after the offensive began',
        });
        break;
      default:
        break;
    }
  }

  // 4f. Register entries (Mandela Rule 8): requests, complaints, injuries, disciplinary measures.
  const stays = [
    ...pop.prisoners.filter((p) => p.role === 'plain' || p.role === 'separated').map((p) => p.person),
    ...pop.households.filter((h) => h.role === 'plain' && h.facility !== 'AYN').map((h) => h.mother),
  ];
  const entryKinds = ['request', 'complaint', 'injury', 'disciplinary-measure'] as const;
  type EntryKind = (typeof entryKinds)[number];
  const entryTexts: Record<'prison' | 'camp', Record<EntryKind, string[]>> = {
    prison: {
      request: [
        'asks to send a Red Cross message to his family',
        'asks to be told the charges against him and to see a judge',
        'asks to see a consular official of his country',
      ],
      complaint: [
        'overcrowding: forty men in a room built for twenty',
        'was not allowed to keep his medication',
        'no time outside the block for two weeks',
      ],
      injury: [
        'injured during a fight in the block; cut above the eye, stitched at the infirmary',
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
  for (const [i, p] of stays.entries()) {
    // One entry of every kind first, then a share of everyone.
    const kind = i < entryKinds.length ? entryKinds[i]! : r.chance(0.12) ? r.pick(entryKinds) : undefined;
    if (kind === undefined) continue;
    const when = sometime(r, '2019-10-01', '2019-12-20');
    const description = r.pick(entryTexts[p.facility === 'HSK' ? 'prison' : 'camp'][kind]);
    add(when, 'recordRegisterEntry', () => ({ personId: pid(p), kind, description, occurredAt: when }));
  }

  await runSteps(app, steps, results);

  // 5. Geneva IV art. 136 notifications: October's went to the ICRC, November's to the national bureau;
  // December's are still queued, for the registrars to export.
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
  dispatch('2019-10-01', '2019-11-01', 'icrc-central-tracing-agency', 'ICRC-CTA/NES/2019-10');
  dispatch('2019-11-01', '2019-12-01', 'national-information-bureau', 'NIB/NES/2019-11');
  await runBatches(app, dispatches);

  const eventsAfter = (await app.query(actor, 'ledgerHead', {})).events;
  return {
    facilities: FACILITIES.length,
    persons: people.length + births.length,
    events: eventsAfter - eventsBefore,
  };
}
