// The custody record: the custody events' inputs, and the state each leads to from the table of custody-table.ts.
import { z } from 'zod';
import { country, id, instant, reason, text } from './common.ts';
import {
  type CustodyEventType,
  type CustodyPhase,
  type CustodyStatus,
  transitions,
} from './custody-table.ts';
import { refused } from './errors.ts';
import type { CustodyPayload } from './events.ts';

export interface CustodyState {
  status: CustodyStatus;
  facilityId: string | null;
  sectionId: string | null;
  /** `in` or `hospital` while in custody; null otherwise. */
  presence: 'in' | 'hospital' | null;
  hospital: string | null;
  transferFromFacilityId: string | null;
  transferToFacilityId: string | null;
  transferDueAt: string | null;
  /** Authority or country the person was handed over or repatriated to. */
  handedOverTo: string | null;
  since: string | null;
  /** The facility that last held the person, kept after they leave: it answers for their record. */
  lastFacilityId: string | null;
}

export const unregistered: CustodyState = {
  status: 'registered',
  facilityId: null,
  sectionId: null,
  presence: null,
  hospital: null,
  transferFromFacilityId: null,
  transferToFacilityId: null,
  transferDueAt: null,
  handedOverTo: null,
  since: null,
  lastFacilityId: null,
};

export function phaseOf(state: CustodyState): CustodyPhase {
  if (state.status === 'in-custody' && state.presence === 'hospital') return 'at-hospital';
  return state.status;
}

const common = {
  occurredAt: instant.optional(),
  reason,
  /** The authority the acting user acts for, e.g. "Asayish, Al Hol". */
  authority: text(200),
};

const sectionRef = id.nullable().default(null);

/** The custody events' inputs, for whom `who` names (a person, or members of a household). */
function custodyInputs<W extends z.ZodRawShape>(who: W) {
  const admitted = z.strictObject({
    type: z.literal('admitted'),
    ...who,
    ...common,
    facilityId: id,
    sectionId: sectionRef,
    legalBasis: text(1000),
    orderingAuthority: text(200),
    visibleInjuries: text(2000).optional(),
    complaintsOfPriorTreatment: text(2000).optional(),
    property: z
      .array(z.strictObject({ item: text(200), quantity: z.number().int().min(1).default(1) }))
      .max(100)
      .default([]),
    separationOverride: reason.optional(),
  });
  const moved = z.strictObject({
    type: z.literal('moved'),
    ...who,
    ...common,
    sectionId: id,
    separationOverride: reason.optional(),
  });
  const transferStarted = z.strictObject({
    type: z.literal('transfer-started'),
    ...who,
    ...common,
    toFacilityId: id,
    dueAt: instant,
  });
  const transferReceived = z.strictObject({
    type: z.literal('transfer-received'),
    ...who,
    ...common,
    facilityId: id,
    sectionId: sectionRef,
    separationOverride: reason.optional(),
  });
  const handedOver = z.strictObject({
    type: z.literal('handed-over'),
    ...who,
    ...common,
    toAuthority: text(200),
    country: country.optional(),
  });
  const repatriated = z.strictObject({ type: z.literal('repatriated'), ...who, ...common, country });
  const released = z.strictObject({ type: z.literal('released'), ...who, ...common });
  const escaped = z.strictObject({ type: z.literal('escaped'), ...who, ...common });
  const recaptured = z.strictObject({
    type: z.literal('recaptured'),
    ...who,
    ...common,
    facilityId: id,
    sectionId: sectionRef,
    separationOverride: reason.optional(),
  });
  const hospitalised = z.strictObject({
    type: z.literal('hospitalised'),
    ...who,
    ...common,
    hospital: text(200),
  });
  const returned = z.strictObject({
    type: z.literal('returned'),
    ...who,
    ...common,
    sectionId: sectionRef,
    separationOverride: reason.optional(),
  });
  const died = z.strictObject({ type: z.literal('died'), ...who, ...common, circumstances: text(4000) });
  const corrected = z.strictObject({
    type: z.literal('corrected'),
    ...who,
    ...common,
    /** The custody event recorded in error; it stays in the ledger, marked void. */
    correctsEventId: id,
  });
  return z.discriminatedUnion('type', [
    admitted,
    moved,
    transferStarted,
    transferReceived,
    handedOver,
    repatriated,
    released,
    escaped,
    recaptured,
    hospitalised,
    returned,
    died,
    corrected,
  ]);
}

/** Input of the one command that records a custody event for a person already registered. */
export const recordCustodyEvent = custodyInputs({ personId: id });

/** The same event for members of a household, all or none: every member held now unless `memberIds` says which. */
export const recordHouseholdCustodyEvent = custodyInputs({
  householdId: id,
  memberIds: z
    .array(id)
    .min(1)
    .max(50)
    .refine((ids) => new Set(ids).size === ids.length, 'a person is named twice')
    .optional(),
});
export type CustodyEventInput = z.infer<typeof recordCustodyEvent>;
export type HouseholdCustodyEventInput = z.infer<typeof recordHouseholdCustodyEvent>;

/** What a custody event says once the app has resolved its place (the event payload). */
export interface CustodyFact {
  type: Exclude<CustodyEventType, 'corrected'>;
  facilityId?: string | null;
  sectionId?: string | null;
  toFacilityId?: string;
  dueAt?: string;
  toAuthority?: string;
  country?: string;
  hospital?: string;
}

const phaseWords: Record<CustodyPhase, string> = {
  registered: 'registered but not yet admitted',
  'in-custody': 'in custody',
  'at-hospital': 'in custody at hospital',
  'in-transit': 'in transit between facilities',
  'handed-over': 'handed over to another authority',
  repatriated: 'repatriated',
  released: 'released',
  escaped: 'escaped',
  deceased: 'deceased',
};

/** The state after a custody event, or a refusal naming what the person's status allows. */
export function applyCustody(state: CustodyState, fact: CustodyFact, occurredAt: string): CustodyState {
  const phase = phaseOf(state);
  const allowed = transitions[fact.type];
  const starts = fact.type === 'born' && state.since === null;
  if (!starts && !allowed.includes(phase)) {
    const options = allowed.map((p) => phaseWords[p]).join(', ');
    throw refused(
      'custody.transition-refused',
      'type',
      `A person who is ${phaseWords[phase]} cannot be recorded as ${fact.type}` +
        (options ? ` (possible only for a person ${options})` : ''),
    );
  }
  if (state.since !== null && occurredAt < state.since) {
    throw refused(
      'custody.out-of-order',
      'occurredAt',
      `occurredAt ${occurredAt} is earlier than the person's last custody event (${state.since}); ` +
        'record a correction of that event instead',
    );
  }
  const base = { ...unregistered, since: occurredAt, lastFacilityId: state.lastFacilityId };
  switch (fact.type) {
    case 'admitted':
    case 'recaptured':
    case 'born':
      return {
        ...base,
        status: 'in-custody',
        presence: 'in',
        facilityId: fact.facilityId!,
        sectionId: fact.sectionId ?? null,
        lastFacilityId: fact.facilityId!,
      };
    case 'moved':
      return { ...state, since: occurredAt, sectionId: fact.sectionId! };
    case 'transfer-started':
      return {
        ...base,
        status: 'in-transit',
        transferFromFacilityId: state.facilityId,
        transferToFacilityId: fact.toFacilityId!,
        transferDueAt: fact.dueAt!,
      };
    case 'transfer-received':
      if (fact.facilityId !== state.transferToFacilityId) {
        throw refused(
          'custody.wrong-destination',
          'facilityId',
          `The transfer is bound for facility ${state.transferToFacilityId}, not ${fact.facilityId}`,
        );
      }
      return {
        ...base,
        status: 'in-custody',
        presence: 'in',
        facilityId: fact.facilityId!,
        sectionId: fact.sectionId ?? null,
        lastFacilityId: fact.facilityId!,
      };
    case 'handed-over':
      return { ...base, status: 'handed-over', handedOverTo: fact.toAuthority! };
    case 'repatriated':
      return { ...base, status: 'repatriated', handedOverTo: fact.country! };
    case 'released':
      return { ...base, status: 'released' };
    case 'escaped':
      return { ...base, status: 'escaped', facilityId: state.facilityId ?? state.transferFromFacilityId };
    case 'hospitalised':
      return { ...state, since: occurredAt, presence: 'hospital', hospital: fact.hospital! };
    case 'returned':
      return {
        ...state,
        since: occurredAt,
        presence: 'in',
        hospital: null,
        sectionId: fact.sectionId ?? state.sectionId,
      };
    case 'died':
      return { ...base, status: 'deceased', facilityId: state.facilityId ?? state.transferFromFacilityId };
  }
}

/** Replays a person's custody history; a refusal here means the history would not hold together. */
export function foldCustody(history: readonly { fact: CustodyFact; occurredAt: string }[]): CustodyState {
  return history.reduce((state, e) => applyCustody(state, e.fact, e.occurredAt), unregistered);
}

/** The order in which custody events are folded: by when they occurred, then by id. */
export const byOccurrence = (a: { occurredAt: string; id: string }, b: { occurredAt: string; id: string }) =>
  a.occurredAt === b.occurredAt ? (a.id < b.id ? -1 : 1) : a.occurredAt < b.occurredAt ? -1 : 1;

/** A custody event as the ledger recorded it: at a position, perhaps voided later by a correction. */
export interface RecordedCustodyEvent {
  id: string;
  position: number;
  type: CustodyEventType;
  payload: CustodyPayload;
  occurredAt: string;
}

/**
 * A person's custody as the register stood at a ledger position: the events recorded by then, less
 * those that corrections recorded by then voided, folded in the order they occurred.
 */
export function custodyAt(events: readonly RecordedCustodyEvent[], position: number): CustodyState {
  const recorded = events.filter((e) => e.position <= position);
  const voided = new Set(
    recorded.filter((e) => e.type === 'corrected').map((e) => e.payload.correctsEventId),
  );
  return foldCustody(
    recorded
      .filter((e) => e.type !== 'corrected' && !voided.has(e.id))
      .sort(byOccurrence)
      .map((e) => ({ fact: { ...e.payload, type: e.type } as CustodyFact, occurredAt: e.occurredAt })),
  );
}
