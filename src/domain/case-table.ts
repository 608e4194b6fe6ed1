// Repatriation cases (SPEC 6): their statuses and which may follow which. Plain data with no imports,
// so that the web app offers exactly the steps these rules allow.

export const caseStatuses = [
  'identified',
  'requested',
  'under-review',
  'accepted',
  'refused',
  'scheduled',
  'completed',
] as const;
export type CaseStatus = (typeof caseStatuses)[number];

/**
 * The status machine: for each status, the statuses a decision may move a case to. A refusal may be
 * followed by a new request; a scheduled return that falls through goes back to `accepted`;
 * `completed` is reached only by completing the case, which records each member's custody event.
 */
export const caseTransitions: Record<CaseStatus, readonly CaseStatus[]> = {
  identified: ['requested'],
  requested: ['under-review', 'accepted', 'refused'],
  'under-review': ['accepted', 'refused'],
  accepted: ['scheduled', 'refused'],
  refused: ['requested'],
  scheduled: ['completed', 'accepted', 'refused'],
  completed: [],
};

/** How a case completes: each member's custody event. */
export const caseCompletions = ['repatriated', 'handed-over'] as const;
export type CaseCompletion = (typeof caseCompletions)[number];

/** What a case's timeline records besides its decisions. */
export const caseEntryKinds = ['wish', 'document', 'consular-contact', 'note'] as const;
export type CaseEntryKind = (typeof caseEntryKinds)[number];

/** The adult's stated wish about going home. */
export const caseWishes = ['wishes-to-return', 'does-not-wish-to-return', 'undecided'] as const;

/** A document's state in a case: children born in the camps often have no birth certificate. */
export const caseDocumentStatuses = ['held', 'missing', 'requested', 'obtained'] as const;

export const consularDirections = ['sent', 'received', 'meeting', 'call'] as const;

/** Child-protection cases: why a child needs one. */
export const childCaseConcerns = ['unaccompanied', 'separated', 'at-risk', 'other'] as const;

/** The movements that may separate a child from their carer (issue 8, point 4). */
/** Movements that can part a child from a registered carer: the child's own, or the carer's. */
export const separatingMovements = ['transfer-started', 'handed-over', 'repatriated'] as const;
export type SeparatingMovement = (typeof separatingMovements)[number];

/** Children are flagged this many days before they turn 18. */
export const APPROACHING_ADULTHOOD_DAYS = 180;
