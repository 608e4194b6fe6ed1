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

/** Where the register places a person, for one count: the key of a counted section ('' for no section), or undefined outside it. */
export type Place = string | undefined;
export const NO_SECTION = '';
export const placeKey = (sectionId: string | null): string => sectionId ?? NO_SECTION;
export const sectionOfKey = (key: string): string | null => (key === NO_SECTION ? null : key);

/** Where a custody state places a person for a count of these sections of a facility. */
export function placeIn(state: CustodyState, facilityId: string, counted: ReadonlySet<string>): Place {
  if (state.status !== 'in-custody' || state.presence !== 'in' || state.facilityId !== facilityId)
    return undefined;
  const key = placeKey(state.sectionId);
  return counted.has(key) ? key : undefined;
}

export interface CountMark {
  markId: string;
  personId: string;
  /** The section the person was counted in. */
  place: string;
  /** The ledger position of the event that recorded the mark. */
  position: number;
}

export interface ReconcileInput {
  /** Who the register held in the counted sections when the count opened, and where. */
  expected: ReadonlyMap<string, string>;
  /**
   * For each person whose custody changed after the count opened: where the register placed them at a
   * ledger position. Everyone else stayed where `expected` has them (or outside the count).
   */
  moved: ReadonlyMap<string, (position: number) => Place>;
  /** Every mark, in ledger order. */
  marks: readonly CountMark[];
  /** Numeric counts: the number reported per section, and when. */
  reported: readonly { place: string; count: number; position: number }[];
  /** The ledger position at which the count closes. */
  closedAt: number;
}

export interface Reconciliation {
  /** Expected when the count opened, still there by the register at its close, not counted. */
  missing: { personId: string; place: string }[];
  /** Counted where the register, when they were counted, did not place them in any counted section. */
  unexpected: { personId: string; countedIn: string; markId: string }[];
  /** Counted in one counted section while the register, then, placed them in another. */
  wrongSection: { personId: string; place: string; countedIn: string; markId: string }[];
  /** Counted again after their first count (the later marks; the person is counted once). */
  countedTwice: { personId: string; countedIn: string; markId: string; firstIn: string }[];
  /** Numeric counts that differ from the register when they were reported. */
  sectionDifferences: { place: string; expected: number; reported: number }[];
}

/**
 * Reconciles a count. Work is proportional to the people expected plus the marks; the register is
 * consulted position by position only for the few people who moved while the count ran.
 */
export function reconcile(input: ReconcileInput): Reconciliation {
  const { expected, moved } = input;
  const placeAt = (personId: string, position: number): Place => {
    const timeline = moved.get(personId);
    return timeline === undefined ? expected.get(personId) : timeline(position);
  };
  const result: Reconciliation = {
    missing: [],
    unexpected: [],
    wrongSection: [],
    countedTwice: [],
    sectionDifferences: [],
  };
  const first = new Map<string, CountMark>();
  for (const mark of input.marks) {
    const earlier = first.get(mark.personId);
    if (earlier !== undefined) {
      result.countedTwice.push({
        personId: mark.personId,
        countedIn: mark.place,
        markId: mark.markId,
        firstIn: earlier.place,
      });
      continue;
    }
    first.set(mark.personId, mark);
    const place = placeAt(mark.personId, mark.position);
    if (place === undefined) {
      result.unexpected.push({ personId: mark.personId, countedIn: mark.place, markId: mark.markId });
    } else if (place !== mark.place) {
      result.wrongSection.push({
        personId: mark.personId,
        place,
        countedIn: mark.place,
        markId: mark.markId,
      });
    }
  }
  for (const personId of expected.keys()) {
    if (first.has(personId)) continue;
    const place = placeAt(personId, input.closedAt);
    if (place !== undefined) result.missing.push({ personId, place });
  }
  if (input.reported.length > 0) {
    const atOpening = new Map<string, number>();
    for (const place of expected.values()) atOpening.set(place, (atOpening.get(place) ?? 0) + 1);
    for (const { place, count, position } of input.reported) {
      let then = atOpening.get(place) ?? 0;
      for (const [personId, timeline] of moved) {
        if (expected.get(personId) === place) then--;
        if (timeline(position) === place) then++;
      }
      if (then !== count) result.sectionDifferences.push({ place, expected: then, reported: count });
    }
  }
  return result;
}
