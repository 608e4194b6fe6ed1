// Headcounts (SPEC 4): the inputs of counting, and the reconciliation of a count with the register as it
// stood when the count opened, taking into account the movements recorded while it ran.
import { z } from 'zod';
import { id, instant, reason, text } from './common.ts';
import type { CustodyState } from './custody.ts';

export const headcountKinds = ['nominal', 'numeric'] as const;
export type HeadcountKind = (typeof headcountKinds)[number];
export const markMethods = ['registration-number', 'card', 'name-search'] as const;
export const discrepancyKinds = [
  'missing',
  'unexpected',
  'counted-twice',
  'wrong-section',
  'section-difference',
] as const;
export type DiscrepancyKind = (typeof discrepancyKinds)[number];
export const resolutions = ['recount-found', 'located', 'record-error', 'declared-escape'] as const;
export const locatedPlaces = ['elsewhere-in-facility', 'hospital', 'in-transit', 'other-facility'] as const;

/** How many marks one request may carry (a guard's phone sends what it queued while offline in batches). */
export const MARKS_PER_REQUEST = 500;

/** A section of a count: a section id, or null for the people of the facility who have no section. */
const sectionKey = id.nullable();

export const openHeadcount = z.strictObject({
  facilityId: id,
  kind: z.enum(headcountKinds),
  /** The sections counted; omitted, the whole facility, with the people who have no section. */
  sectionIds: z
    .array(sectionKey)
    .min(1)
    .max(500)
    .refine((s) => new Set(s).size === s.length, 'sections repeat')
    .optional(),
});

export const recordMarks = z.strictObject({
  headcountId: id,
  marks: z
    .array(
      z
        .strictObject({
          /** Made by the client: a resend of the same mark is recorded once. */
          markId: id,
          sectionId: sectionKey,
          personId: id.optional(),
          registrationNumber: text(40).optional(),
          cardCode: text(400).optional(),
          method: z.enum(markMethods),
          markedAt: instant.optional(),
        })
        .refine(
          (m) => [m.personId, m.registrationNumber, m.cardCode].filter((v) => v !== undefined).length === 1,
          'name the person by exactly one of personId, registrationNumber or cardCode',
        ),
    )
    .min(1)
    .max(MARKS_PER_REQUEST)
    .refine((m) => new Set(m.map((x) => x.markId)).size === m.length, 'markId repeats'),
});

export const recordSectionCount = z.strictObject({
  headcountId: id,
  sectionId: sectionKey,
  count: z.number().int().min(0).max(1_000_000),
});

export const closeHeadcount = z.strictObject({ headcountId: id });

export const orderRecount = z.strictObject({ headcountId: id, sectionId: sectionKey });

export const resolveDiscrepancy = z
  .strictObject({
    discrepancyId: id,
    resolution: z.enum(resolutions).exclude(['declared-escape']),
    reason,
    located: z.strictObject({ where: z.enum(locatedPlaces), note: text(1000).optional() }).optional(),
    /** For a record error: what was wrong in the record, and how it was put right. */
    correction: text(2000).optional(),
  })
  .refine((r) => r.resolution !== 'located' || r.located !== undefined, {
    message: 'say where the person was located',
    path: ['located'],
  })
  .refine((r) => r.resolution !== 'record-error' || r.correction !== undefined, {
    message: 'say what was wrong in the record',
    path: ['correction'],
  });

export const declareEscape = z.strictObject({
  headcountId: id,
  discrepancyIds: z
    .array(id)
    .min(1)
    .max(5000)
    .refine((d) => new Set(d).size === d.length, 'discrepancies repeat'),
  reason,
  /** The authority the commander acts for, as on custody events. */
  authority: text(200),
  occurredAt: instant.optional(),
});

// --- Reconciliation ------------------------------------------------------------------------------
//
// A count numbers its people (0, 1, 2...) and its places (the sections counted, '' for no section):
// reconciling 70,000 people is then a pass over arrays of numbers, not over maps of ids.

export const NO_SECTION = '';
export const placeKey = (sectionId: string | null): string => sectionId ?? NO_SECTION;
export const sectionOfKey = (key: string): string | null => (key === NO_SECTION ? null : key);
/** The place of someone the register holds outside the sections counted. */
export const ELSEWHERE = -1;

/** Where a custody state places a person for a count: the number of a counted place, or ELSEWHERE. */
export function placeIn(
  state: CustodyState,
  facilityId: string,
  places: ReadonlyMap<string, number>,
): number {
  if (state.status !== 'in-custody' || state.presence !== 'in' || state.facilityId !== facilityId)
    return ELSEWHERE;
  return places.get(placeKey(state.sectionId)) ?? ELSEWHERE;
}

export interface CountMarks {
  count: number;
  /** Per mark, in ledger order: the person, the place they were counted in, the ledger position. */
  person: readonly number[];
  place: readonly number[];
  position: readonly number[];
}

export interface ReconcileInput {
  /** Per person: where the register held them when the count opened, or ELSEWHERE. */
  expected: readonly number[];
  /**
   * For each person whose custody changed after the count opened: where the register placed them at a
   * ledger position. Everyone else stayed where `expected` has them.
   */
  moved: ReadonlyMap<number, (position: number) => number>;
  marks: CountMarks;
  /** Numeric counts: the number reported per place, and when. */
  reported: readonly { place: number; count: number; position: number }[];
  /** The ledger position at which the count closes. */
  closedAt: number;
}

export interface Reconciliation {
  /** Expected when the count opened, still there by the register at its close, not counted. */
  missing: { person: number; place: number }[];
  /** Marks of people the register, when they were counted, held in no counted place. */
  unexpected: { mark: number }[];
  /** Marks in one counted place of people the register, then, held in another. */
  wrongSection: { mark: number; place: number }[];
  /** Marks of people counted before (the person is counted once). */
  countedTwice: { mark: number; first: number }[];
  /** Numeric counts that differ from the register when they were reported. */
  sectionDifferences: { place: number; expected: number; reported: number }[];
}

/**
 * Reconciles a count. Work is proportional to the people plus the marks; the register is consulted
 * position by position only for the few people who moved while the count ran.
 */
export function reconcile(input: ReconcileInput): Reconciliation {
  const { expected, moved, marks } = input;
  const placeAt = (person: number, position: number): number => {
    const timeline = moved.get(person);
    return timeline === undefined ? (expected[person] ?? ELSEWHERE) : timeline(position);
  };
  const result: Reconciliation = {
    missing: [],
    unexpected: [],
    wrongSection: [],
    countedTwice: [],
    sectionDifferences: [],
  };
  const first = new Int32Array(expected.length).fill(-1);
  for (let m = 0; m < marks.count; m++) {
    const person = marks.person[m]!;
    if (first[person] !== -1) {
      result.countedTwice.push({ mark: m, first: first[person]! });
      continue;
    }
    first[person] = m;
    const place = placeAt(person, marks.position[m]!);
    if (place === ELSEWHERE) result.unexpected.push({ mark: m });
    else if (place !== marks.place[m]) result.wrongSection.push({ mark: m, place });
  }
  for (let person = 0; person < expected.length; person++) {
    if (expected[person] === ELSEWHERE || first[person] !== -1) continue;
    const place = placeAt(person, input.closedAt);
    if (place !== ELSEWHERE) result.missing.push({ person, place });
  }
  if (input.reported.length > 0) {
    const atOpening = new Map<number, number>();
    for (const place of expected) atOpening.set(place, (atOpening.get(place) ?? 0) + 1);
    for (const { place, count, position } of input.reported) {
      let then = atOpening.get(place) ?? 0;
      for (const [person, timeline] of moved) {
        if (expected[person] === place) then--;
        if (timeline(position) === place) then++;
      }
      if (then !== count) result.sectionDifferences.push({ place, expected: then, reported: count });
    }
  }
  return result;
}
