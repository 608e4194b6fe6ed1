// Cases (SPEC 6): repatriation cases and their status machine, child-protection cases, the rule that
// keeps a child with their carer, and the birth-registration task of a child born in custody.
import { z } from 'zod';
import {
  type CaseStatus,
  caseCompletions,
  caseDocumentStatuses,
  caseEntryKinds,
  caseStatuses,
  caseTransitions,
  caseWishes,
  childCaseConcerns,
  consularDirections,
  separatingMovements,
} from './case-table.ts';
import { country, id, instant, reason, text } from './common.ts';
import type { CustodyState } from './custody.ts';
import { refused } from './errors.ts';
import { documentKinds } from './person.ts';

export const openCase = z
  .strictObject({
    country,
    /** The people the case is for; with `householdId` alone, the household's members held now. */
    memberIds: z
      .array(id)
      .max(50)
      .refine((ids) => new Set(ids).size === ids.length, 'a person is named twice')
      .optional(),
    householdId: id.optional(),
    status: z.enum(['identified', 'requested']).default('identified'),
    reason,
    occurredAt: instant.optional(),
  })
  .refine((c) => c.memberIds !== undefined || c.householdId !== undefined, {
    message: 'name the members (memberIds), the household (householdId), or both',
    path: ['memberIds'],
  });

/** A decision: the new status, its reason and when it was taken. `completed` has its own command. */
export const decideCase = z.strictObject({
  caseId: id,
  status: z.enum(caseStatuses).exclude(['identified', 'completed']),
  reason,
  occurredAt: instant.optional(),
});

export const completeCase = z.strictObject({
  caseId: id,
  completion: z.enum(caseCompletions).default('repatriated'),
  /** For a handover: the authority the members are handed to. */
  toAuthority: text(200).optional(),
  reason,
  /** The authority the acting user acts for. */
  authority: text(200),
  occurredAt: instant.optional(),
});

export const recordCaseEntry = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('wish'),
    caseId: id,
    personId: id,
    wish: z.enum(caseWishes),
    note: text(4000).optional(),
    occurredAt: instant.optional(),
  }),
  z.strictObject({
    kind: z.literal('document'),
    caseId: id,
    personId: id,
    documentKind: z.enum(documentKinds),
    documentStatus: z.enum(caseDocumentStatuses),
    note: text(4000).optional(),
    occurredAt: instant.optional(),
  }),
  z.strictObject({
    kind: z.literal('consular-contact'),
    caseId: id,
    direction: z.enum(consularDirections),
    counterpart: text(200),
    note: text(4000),
    occurredAt: instant.optional(),
  }),
  z.strictObject({ kind: z.literal('note'), caseId: id, note: text(4000), occurredAt: instant.optional() }),
]);
export type CaseEntryInput = z.infer<typeof recordCaseEntry>;
export { caseEntryKinds };

export const openChildCase = z.strictObject({
  personId: id,
  concern: z.enum(childCaseConcerns),
  summary: text(4000),
  occurredAt: instant.optional(),
});
export const closeChildCase = z.strictObject({ childCaseId: id, reason, occurredAt: instant.optional() });

/** A child-protection officer's approval of one movement that separates a child from their carer. */
export const approveChildSeparation = z.strictObject({
  personId: id,
  movement: z.enum(separatingMovements),
  /** The best-interests reason: protection data, seen by child-protection officers only. */
  reason,
  occurredAt: instant.optional(),
});

export const completeBirthRegistration = z.strictObject({
  personId: id,
  /** The civil registry's reference, or the document issued. */
  reference: text(200),
  authority: text(200),
  occurredAt: instant.optional(),
});

/** Refuses a decision the status machine does not allow. */
export function checkCaseTransition(from: CaseStatus, to: CaseStatus): void {
  if (!caseTransitions[from].includes(to)) {
    const options = caseTransitions[from];
    throw refused(
      'case.transition-refused',
      'status',
      `A case that is ${from} cannot become ${to}` +
        (options.length > 0 ? ` (it may become ${options.join(', ')})` : ' (it is closed)'),
    );
  }
}

/** Where a person is, as far as the separation rule needs. */
export type Whereabouts = Pick<
  CustodyState,
  'status' | 'facilityId' | 'transferToFacilityId' | 'handedOverTo'
>;

/**
 * Whether a child and a carer are together: held in the same facility, in transit to the same one, or
 * gone the same way (repatriated to the same country, handed over to the same authority).
 */
export function together(child: Whereabouts, carer: Whereabouts): boolean {
  if (child.status !== carer.status) return false;
  switch (child.status) {
    case 'in-custody':
      return child.facilityId !== null && child.facilityId === carer.facilityId;
    case 'in-transit':
      return child.transferToFacilityId !== null && child.transferToFacilityId === carer.transferToFacilityId;
    case 'handed-over':
    case 'repatriated':
      return child.handedOverTo !== null && child.handedOverTo === carer.handedOverTo;
    default:
      return false;
  }
}

/**
 * The separation rule (issue 8, point 4), judged on a whole transaction: the pairs of a child and a
 * registered carer who were together before a movement of either and are apart when it commits, and
 * whose separation no child-protection approval of that movement covers.
 */
export function separations<P extends { child: Whereabouts; carer: Whereabouts; approved: boolean }>(
  pairs: readonly P[],
): P[] {
  return pairs.filter((p) => !p.approved && !together(p.child, p.carer));
}

/** Whole days from `day` until a birth date's 18th anniversary (negative once past). */
export function daysUntilAdult(birthDate: string, day: string): number {
  const [y, m, d] = birthDate.split('-').map(Number) as [number, number, number];
  const eighteen = Date.UTC(y + 18, m - 1, d);
  return Math.round((eighteen - Date.parse(`${day}T00:00:00Z`)) / 86_400_000);
}
