// The catalogue of ledger events: each type and the payload it carries.
import type { z } from 'zod';
import type { CaseCompletion, CaseEntryKind, CaseStatus, SeparatingMovement } from './case-table.ts';
import type { CustodyFact } from './custody.ts';
import type { CustodyEventType } from './custody-table.ts';
import type {
  addPerimeterSector,
  addSection,
  amendFacility,
  amendSection,
  registerFacility,
} from './facility.ts';
import type { DiscrepancyKind, HeadcountKind, locatedPlaces, markMethods, resolutions } from './headcount.ts';
import type {
  ClaimMeasure,
  IncidentDetails,
  IncidentRole,
  IncidentStatus,
  IncidentType,
  incidentLocation,
  Point,
  Precision,
  SourceFields,
} from './incident.ts';
import type {
  duplicateDecisions,
  familyRelations,
  Identity,
  protectionNoteKinds,
  registerEntryKinds,
  securityClassifications,
} from './person.ts';

type FacilityFields = z.output<typeof registerFacility>;

/** The custody payload: the resolved fact plus who decided it and why, and the admission details. */
export interface CustodyPayload extends Partial<Omit<CustodyFact, 'type'>> {
  personId: string;
  reason: string;
  authority: string;
  legalBasis?: string;
  orderingAuthority?: string;
  visibleInjuries?: string;
  complaintsOfPriorTreatment?: string;
  property?: { item: string; quantity: number }[];
  circumstances?: string;
  separationOverride?: string;
  motherId?: string;
  correctsEventId?: string;
}

export interface EventPayloads {
  'facility.registered': FacilityFields & { facilityId: string };
  'facility.amended': z.output<typeof amendFacility>;
  'section.added': z.output<typeof addSection> & { sectionId: string };
  'section.amended': z.output<typeof amendSection> & { facilityId: string };
  'perimeter-sector.added': z.output<typeof addPerimeterSector> & { sectorId: string };
  'perimeter-sector.status-changed': { sectorId: string; facilityId: string; status: string; reason: string };
  'guard-strength.reported': {
    reportId: string;
    facilityId: string;
    shift: string;
    guardsOnDuty: number;
    guardsRequired: number | null;
  };
  'alert-posture.changed': { facilityId: string; posture: string; reason: string };
  'person.registered': {
    personId: string;
    facilityId: string;
    registrationNumber: string;
    identity: Identity;
    householdId: string | null;
    /** Possible duplicates the registrar judged to be other people (absent when none were shown). */
    distinctFrom?: string[];
  };
  'person.identity-corrected': { personId: string; changes: Partial<Identity>; reason: string };
  'person.merged': { personId: string; duplicateId: string; reason: string };
  'person.unmerged': { personId: string; mergedInto: string; reason: string };
  'duplicate.decided': {
    personId: string;
    otherId: string;
    decision: (typeof duplicateDecisions)[number];
    keptId: string | null;
    reason: string;
  };
  'person.classified': {
    personId: string;
    classification: (typeof securityClassifications)[number];
    reason: string;
  };
  'family-link.added': {
    linkId: string;
    personId: string;
    relatedPersonId: string;
    relation: (typeof familyRelations)[number];
  };
  'household.formed': { householdId: string; facilityId: string; name: string | null; memberIds: string[] };
  'separation.added': { separationId: string; personIds: string[]; reason: string };
  'separation.lifted': { separationId: string; reason: string };
  'register-entry.recorded': {
    entryId: string;
    personId: string;
    kind: (typeof registerEntryKinds)[number];
    description: string;
  };
  'protection-note.recorded': {
    noteId: string;
    personId: string;
    kind: (typeof protectionNoteKinds)[number];
    note: string;
    /** The child-protection case the note belongs to, if any. */
    childCaseId?: string;
  };
  'case.opened': {
    caseId: string;
    country: string;
    facilityId: string;
    householdId: string | null;
    memberIds: string[];
    status: CaseStatus;
    reason: string;
  };
  'case.status-changed': {
    caseId: string;
    from: CaseStatus;
    status: CaseStatus;
    reason: string;
    /** For `completed`: the custody event recorded for each member, in the same transaction. */
    completion?: CaseCompletion;
    toAuthority?: string;
  };
  'case.entry-recorded': {
    entryId: string;
    caseId: string;
    kind: CaseEntryKind;
    personId: string | null;
    wish?: string;
    documentKind?: string;
    documentStatus?: string;
    direction?: string;
    counterpart?: string;
    note?: string;
  };
  'child-case.opened': {
    childCaseId: string;
    personId: string;
    facilityId: string;
    concern: string;
    summary: string;
  };
  'child-case.closed': { childCaseId: string; personId: string; reason: string };
  'child-separation.approved': {
    approvalId: string;
    personId: string;
    movement: SeparatingMovement;
    reason: string;
  };
  /** The approval covered this custody event, which parted the child from a registered carer. */
  'child-separation.approval-used': { approvalId: string; personId: string; eventId: string };
  'birth-registration.opened': { personId: string; motherId: string; facilityId: string };
  'birth-registration.completed': { personId: string; reference: string; authority: string };
  'notification.dispatched': { notificationIds: string[]; channel: string; reference: string };
  'headcount.opened': {
    headcountId: string;
    facilityId: string;
    kind: HeadcountKind;
    /** Every section counted (null: the people with no section), with how many the register held there. */
    sections: { sectionId: string | null; expected: number }[];
    /** The whole facility, or the sections listed. */
    scope: 'facility' | 'sections';
    recountOf: string | null;
  };
  'headcount.marked': {
    headcountId: string;
    marks: {
      markId: string;
      personId: string;
      sectionId: string | null;
      method: (typeof markMethods)[number];
      markedAt: string;
      /** `counted-twice`: the person had already been counted; kept as evidence, not counted again. */
      outcome: 'counted' | 'counted-twice';
    }[];
  };
  'headcount.section-counted': { headcountId: string; sectionId: string | null; count: number };
  'headcount.closed': {
    headcountId: string;
    discrepancies: {
      discrepancyId: string;
      kind: DiscrepancyKind;
      personId: string | null;
      sectionId: string | null;
      countedSectionId: string | null;
      expected: number | null;
      reported: number | null;
    }[];
  };
  'discrepancy.resolved': {
    discrepancyId: string;
    resolution: (typeof resolutions)[number];
    reason: string;
    located?: { where: (typeof locatedPlaces)[number]; note?: string };
    correction?: string;
    incidentId?: string;
  };
  'incident.opened': {
    incidentId: string;
    facilityId: string;
    type: IncidentType;
    summary: string;
    /** The count that found them missing, for an escape declared from a headcount. */
    headcountId: string | null;
    /** Absent from incidents recorded before issue 7 (escapes declared from headcounts): minute, and the facility. */
    precision?: Precision;
    location?: z.output<typeof incidentLocation>;
    details?: IncidentDetails[IncidentType];
    people?: { personId: string; role: IncidentRole }[];
    /** Before issue 7: the escapees of a declared escape. */
    personIds?: string[];
    links?: { incidentId: string; relation: string }[];
  };
  /** An ID card: `code` is the QR code's text, signed by the issuing node (ledger/card.ts). */
  'card.issued': {
    personId: string;
    serial: number;
    origin: string;
    issuedAt: string;
    code: string;
    reason: string | null;
  };
  'card.revoked': { personId: string; serial: number; reason: string };
  'incident.people-added': { incidentId: string; people: { personId: string; role: IncidentRole }[] };
  'incident.linked': { incidentId: string; linkedIncidentId: string; relation: string };
  'incident.status-changed': { incidentId: string; status: IncidentStatus; reason: string };
  'claim.recorded': SourceFields & {
    claimId: string;
    incidentId: string;
    kind: 'count' | 'statement';
    measure: ClaimMeasure | null;
    countMin: number | null;
    countMax: number | null;
    question: string | null;
    statement: string | null;
    reportedAt: string;
  };
  'claim.assessed': {
    claimId: string;
    incidentId: string;
    reason: string;
    /** The claim on the same question assessed most likely before, now superseded. */
    supersedes: string | null;
  };
  'external-event.recorded': Partial<SourceFields> & {
    externalEventId: string;
    kind: string;
    precision: Precision;
    point: Point;
    place: string;
    summary: string;
    killed: number;
    injured: number;
  };
  'whereabouts.reported': SourceFields & {
    reportId: string;
    personId: string;
    seenAt: string;
    precision: Precision;
    place: string;
    point: Point | null;
    claim: string;
  };
  'handover-request.made': {
    requestId: string;
    personId: string;
    kind: string;
    authority: string;
    country: string | null;
    reference: string | null;
    reason: string;
  };
  'handover-request.decided': { requestId: string; personId: string; status: string; reason: string };
}

export type CustodyEventName = `custody.${CustodyEventType}`;
export type EventType = keyof EventPayloads | CustodyEventName;
export type PayloadOf<T extends EventType> = T extends keyof EventPayloads
  ? EventPayloads[T]
  : CustodyPayload;

/** An event as the projections see it. */
export interface DomainEvent<T extends EventType = EventType> {
  id: string;
  type: T;
  subject: string;
  payload: PayloadOf<T>;
  occurredAt: string;
  /** Who recorded it (a username). */
  actor: string;
  /** Its place in this database's ledger: the order in which the register changed. */
  position: number;
}
