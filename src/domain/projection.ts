// The projections: current state derived from the ledger, one reducer for live writes and for verify.

import { type NationalityGroup, nationalityGroup } from './common.ts';
import {
  applyCustody,
  byOccurrence,
  type CustodyFact,
  type CustodyState,
  foldCustody,
  unregistered,
} from './custody.ts';
import { type CustodyEventType, notifiedEventTypes } from './custody-table.ts';
import type { CustodyPayload, DomainEvent, EventPayloads, EventType } from './events.ts';
import { claimTopic } from './incident.ts';
import { displayName, type Identity, pairKey } from './person.ts';

export interface FacilityRow {
  id: string;
  code: string;
  nameEn: string;
  nameAr: string;
  kind: string;
  lat: number;
  lon: number;
  borderDistanceKm: number | null;
  capacity: number;
  authority: string;
  alertPosture: string;
  alertPostureSince: string;
  lastRegistrationSeq: number;
  registeredAt: string;
}
export interface SectionRow {
  id: string;
  facilityId: string;
  code: string;
  name: string;
  capacity: number;
  categories: string[];
}
export interface PerimeterSectorRow {
  id: string;
  facilityId: string;
  code: string;
  name: string;
  status: string;
  statusSince: string;
}
export interface GuardStrengthRow {
  id: string;
  facilityId: string;
  shift: string;
  guardsOnDuty: number;
  guardsRequired: number | null;
  reportedAt: string;
}
export interface PersonRow {
  id: string;
  registrationNumber: string;
  registeredAtFacilityId: string;
  displayName: string;
  sex: string;
  birthDate: string;
  identity: Identity;
  householdId: string | null;
  classification: string | null;
  classificationReason: string | null;
  registeredAt: string;
  nationalityGroup: NationalityGroup;
  /** The record this one was found to duplicate, while merged. */
  mergedInto: string | null;
}
/** A decision on a pair of records that may be one person (id: `pairKey`), and who decided it where. */
export interface DuplicateDecisionRow {
  id: string;
  personId: string;
  otherId: string;
  decision: string;
  reason: string;
  decidedAt: string;
  eventId: string;
}
export interface CustodyRow extends CustodyState {
  id: string;
  lastEventId: string | null;
}
export interface CustodyHistoryRow {
  id: string;
  personId: string;
  type: string;
  occurredAt: string;
  details: CustodyPayload;
  voidedBy: string | null;
  facilityId: string | null;
}
export interface FamilyLinkRow {
  id: string;
  personId: string;
  relatedPersonId: string;
  relation: string;
}
export interface HouseholdRow {
  id: string;
  facilityId: string;
  name: string | null;
}
export interface SeparationRow {
  id: string;
  reason: string;
  status: string;
  liftedReason: string | null;
}
export interface SeparationMemberRow {
  id: string;
  separationId: string;
  personId: string;
}
export interface RegisterEntryRow {
  id: string;
  personId: string;
  kind: string;
  description: string;
  occurredAt: string;
}
export interface ProtectionNoteRow {
  id: string;
  personId: string;
  kind: string;
  note: string;
  occurredAt: string;
  childCaseId: string | null;
}
export interface CaseRow {
  id: string;
  country: string;
  /** The facility that opened the case: it answers for it. */
  facilityId: string;
  householdId: string | null;
  status: string;
  statusSince: string;
  openedAt: string;
  openedBy: string;
  completion: string | null;
  toAuthority: string | null;
}
export interface CaseMemberRow {
  /** `<caseId>:<personId>` */
  id: string;
  caseId: string;
  personId: string;
}
export interface CaseEntryRow {
  id: string;
  caseId: string;
  kind: string;
  personId: string | null;
  /** The entry's fields (wish, document, consular contact, note). */
  details: Record<string, string>;
  occurredAt: string;
  recordedBy: string;
}
export interface CaseDecisionRow {
  /** The event's id. */
  id: string;
  caseId: string;
  fromStatus: string | null;
  status: string;
  reason: string;
  occurredAt: string;
  decidedBy: string;
}
export interface ChildCaseRow {
  id: string;
  personId: string;
  facilityId: string;
  concern: string;
  summary: string;
  status: 'open' | 'closed';
  openedAt: string;
  openedBy: string;
  closedAt: string | null;
  closedReason: string | null;
}
export interface ChildSeparationApprovalRow {
  id: string;
  personId: string;
  movement: string;
  reason: string;
  approvedAt: string;
  approvedBy: string;
  /** The custody event this approval allowed; an approval allows one movement. */
  usedByEventId: string | null;
}
export interface BirthRegistrationRow {
  /** The child's id. */
  id: string;
  motherId: string;
  facilityId: string;
  bornAt: string;
  status: 'open' | 'completed';
  reference: string | null;
  authority: string | null;
  completedAt: string | null;
}
/** A person's current ID card: the last one issued; a card of another serial or origin is refused. */
export interface IdCardRow {
  /** The person's id. */
  id: string;
  serial: number;
  origin: string;
  issuedAt: string;
  code: string;
  revokedAt: string | null;
  revokedReason: string | null;
}
export interface NotificationRow {
  id: string;
  personId: string;
  eventId: string;
  kind: string;
  occurredAt: string;
  status: string;
  dispatchedAt: string | null;
  channel: string | null;
  reference: string | null;
}
export interface HeadcountRow {
  id: string;
  facilityId: string;
  kind: string;
  status: 'open' | 'closed';
  scope: 'facility' | 'sections';
  openedAt: string;
  openedBy: string;
  /** The ledger position of the opening: the register as it stood then is what the count is checked against. */
  openPosition: number;
  closedAt: string | null;
  closedBy: string | null;
  recountOf: string | null;
}
export interface HeadcountSectionRow {
  /** `<headcountId>:<sectionId>`, or `<headcountId>:` for the people with no section. */
  id: string;
  headcountId: string;
  sectionId: string | null;
  expected: number;
  counted: number;
  reported: number | null;
  reportedPosition: number | null;
}
export interface HeadcountMarkRow {
  id: string;
  headcountId: string;
  personId: string;
  sectionId: string | null;
  method: string;
  markedAt: string;
  markedBy: string;
  position: number;
  outcome: 'counted' | 'counted-twice';
}
export interface DiscrepancyRow {
  id: string;
  headcountId: string;
  facilityId: string;
  kind: string;
  personId: string | null;
  sectionId: string | null;
  countedSectionId: string | null;
  expected: number | null;
  reported: number | null;
  foundAt: string;
  status: 'open' | 'resolved';
  resolution: string | null;
  reason: string | null;
  locatedWhere: string | null;
  locatedNote: string | null;
  correction: string | null;
  incidentId: string | null;
  resolvedAt: string | null;
  resolvedBy: string | null;
}
export interface IncidentRow {
  id: string;
  facilityId: string;
  type: string;
  status: string;
  occurredAt: string;
  /** How precisely `occurredAt` is known: minute, hour, day or month. */
  precision: string;
  summary: string;
  headcountId: string | null;
  recordedBy: string;
  /** Where: a section or a perimeter sector of the facility, or a point outside it (none: the facility). */
  sectionId: string | null;
  sectorId: string | null;
  lat: number | null;
  lon: number | null;
  place: string | null;
  /** The answers to the questions of its type (incident.ts `incidentDetails`). */
  details: Record<string, unknown>;
  /** Of an escape attempt: individual, group or organised; thwarted or successful (for the figures). */
  scale: string | null;
  outcome: string | null;
}
export interface IncidentPersonRow {
  /** `<incidentId>:<personId>:<role>` (`<incidentId>:<personId>` for escapes declared before issue 7) */
  id: string;
  incidentId: string;
  personId: string;
  role: string;
  /** When they were named: at the opening, or later as they were identified. */
  identifiedAt: string;
}
export interface IncidentLinkRow {
  /** `<incidentId>:<linkedIncidentId>` */
  id: string;
  incidentId: string;
  linkedIncidentId: string;
  relation: string;
  linkedAt: string;
}
export interface ClaimRow {
  id: string;
  incidentId: string;
  kind: string;
  /** What the claim answers (`count:<measure>` or `statement:<question>`): claims on one topic stand side by side. */
  topic: string;
  measure: string | null;
  question: string | null;
  countMin: number | null;
  countMax: number | null;
  statement: string | null;
  sourceKind: string;
  sourceName: string;
  sourceReference: string | null;
  reliability: string;
  credibility: number;
  reportedAt: string;
  recordedBy: string;
  /** `most-likely` as assessed by an analyst, `superseded` when another claim was assessed so later. */
  assessment: string | null;
  assessmentReason: string | null;
  assessedBy: string | null;
  assessedAt: string | null;
}
export interface ExternalEventRow {
  id: string;
  kind: string;
  occurredAt: string;
  precision: string;
  lat: number;
  lon: number;
  place: string;
  summary: string;
  killed: number;
  injured: number;
  sourceKind: string | null;
  sourceName: string | null;
  sourceReference: string | null;
  reliability: string | null;
  credibility: number | null;
  recordedBy: string;
}
export interface WhereaboutsReportRow {
  id: string;
  personId: string;
  seenAt: string;
  precision: string;
  place: string;
  lat: number | null;
  lon: number | null;
  claim: string;
  sourceKind: string;
  sourceName: string;
  sourceReference: string | null;
  reliability: string;
  credibility: number;
  recordedBy: string;
  recordedAt: string;
}
export interface HandoverRequestRow {
  id: string;
  personId: string;
  kind: string;
  authority: string;
  country: string | null;
  reference: string | null;
  reason: string;
  status: string;
  requestedAt: string;
  decidedAt: string | null;
  decisionReason: string | null;
}

export interface ProjectionRows {
  facilities: FacilityRow;
  sections: SectionRow;
  perimeterSectors: PerimeterSectorRow;
  guardStrengthReports: GuardStrengthRow;
  persons: PersonRow;
  custody: CustodyRow;
  custodyHistory: CustodyHistoryRow;
  familyLinks: FamilyLinkRow;
  households: HouseholdRow;
  separations: SeparationRow;
  separationMembers: SeparationMemberRow;
  registerEntries: RegisterEntryRow;
  protectionNotes: ProtectionNoteRow;
  notifications: NotificationRow;
  headcounts: HeadcountRow;
  headcountSections: HeadcountSectionRow;
  headcountMarks: HeadcountMarkRow;
  discrepancies: DiscrepancyRow;
  incidents: IncidentRow;
  incidentPersons: IncidentPersonRow;
  idCards: IdCardRow;
  duplicateDecisions: DuplicateDecisionRow;
  incidentLinks: IncidentLinkRow;
  claims: ClaimRow;
  externalEvents: ExternalEventRow;
  whereaboutsReports: WhereaboutsReportRow;
  handoverRequests: HandoverRequestRow;
  cases: CaseRow;
  caseMembers: CaseMemberRow;
  caseEntries: CaseEntryRow;
  caseDecisions: CaseDecisionRow;
  childCases: ChildCaseRow;
  childSeparationApprovals: ChildSeparationApprovalRow;
  birthRegistrations: BirthRegistrationRow;
}
export type ProjectionTable = keyof ProjectionRows;

/** Every projection table, and which of its columns hold JSON. */
export const projectionTables = {
  facilities: [],
  sections: ['categories'],
  perimeterSectors: [],
  guardStrengthReports: [],
  persons: ['identity'],
  custody: [],
  custodyHistory: ['details'],
  familyLinks: [],
  households: [],
  separations: [],
  separationMembers: [],
  registerEntries: [],
  protectionNotes: [],
  notifications: [],
  headcounts: [],
  headcountSections: [],
  headcountMarks: [],
  discrepancies: [],
  incidents: ['details'],
  incidentPersons: [],
  idCards: [],
  duplicateDecisions: [],
  incidentLinks: [],
  claims: [],
  externalEvents: [],
  whereaboutsReports: [],
  handoverRequests: [],
  cases: [],
  caseMembers: [],
  caseEntries: ['details'],
  caseDecisions: [],
  childCases: [],
  childSeparationApprovals: [],
  birthRegistrations: [],
} as const satisfies { [T in ProjectionTable]: readonly (keyof ProjectionRows[T])[] };

/** Read and write access to the projection tables, by primary key `id` or by one column. */
export interface ProjectionView {
  get<T extends ProjectionTable>(table: T, id: string): Promise<ProjectionRows[T] | undefined>;
  put<T extends ProjectionTable>(table: T, row: ProjectionRows[T]): Promise<void>;
  list<T extends ProjectionTable>(
    table: T,
    column: keyof ProjectionRows[T] & string,
    value: string,
  ): Promise<ProjectionRows[T][]>;
}

async function must<T extends ProjectionTable>(view: ProjectionView, table: T, id: string) {
  const row = await view.get(table, id);
  if (row === undefined) throw new Error(`projection ${table} has no row ${id}`);
  return row;
}

function factOf(type: string, p: CustodyPayload): CustodyFact {
  return { ...p, type: type.slice('custody.'.length) as CustodyFact['type'] };
}

function custodyStateOf(row: CustodyRow): CustodyState {
  const { id: _id, lastEventId: _last, ...state } = row;
  return state;
}

/** Recomputes a person's custody status from the custody events that are not void. */
async function refoldCustody(view: ProjectionView, personId: string): Promise<CustodyState> {
  const history = (await view.list('custodyHistory', 'personId', personId))
    .filter((h) => h.voidedBy === null && h.type !== 'corrected')
    .sort(byOccurrence);
  return foldCustody(
    history.map((h) => ({ fact: factOf(`custody.${h.type}`, h.details), occurredAt: h.occurredAt })),
  );
}

/**
 * Applies one event to the projections. Commands check every rule before they append, so an event
 * that reaches this point is valid; a refusal here during verify means the history is inconsistent.
 */
export async function project(view: ProjectionView, event: DomainEvent): Promise<void> {
  const at = event.occurredAt;
  if (event.type.startsWith('custody.'))
    return projectCustody(view, event as DomainEvent<`custody.${string}` & EventType>);
  const e = event as { [T in keyof EventPayloads]: DomainEvent<T> }[keyof EventPayloads];
  switch (e.type) {
    case 'facility.registered': {
      const { facilityId, location, ...p } = e.payload;
      return view.put('facilities', {
        id: facilityId,
        code: p.code,
        nameEn: p.nameEn,
        nameAr: p.nameAr,
        kind: p.kind,
        lat: location.lat,
        lon: location.lon,
        borderDistanceKm: p.borderDistanceKm,
        capacity: p.capacity,
        authority: p.authority,
        alertPosture: 'normal',
        alertPostureSince: at,
        lastRegistrationSeq: 0,
        registeredAt: at,
      });
    }
    case 'facility.amended': {
      const facility = await must(view, 'facilities', e.payload.facilityId);
      const { location, ...changes } = e.payload.changes;
      return view.put('facilities', {
        ...facility,
        ...changes,
        ...(location ? { lat: location.lat, lon: location.lon } : {}),
      });
    }
    case 'section.amended': {
      const section = await must(view, 'sections', e.payload.sectionId);
      return view.put('sections', { ...section, ...e.payload.changes });
    }
    case 'section.added': {
      const { sectionId, facilityId, code, name, capacity, categories } = e.payload;
      return view.put('sections', { id: sectionId, facilityId, code, name, capacity, categories });
    }
    case 'perimeter-sector.added': {
      const { sectorId, facilityId, code, name, status } = e.payload;
      return view.put('perimeterSectors', { id: sectorId, facilityId, code, name, status, statusSince: at });
    }
    case 'perimeter-sector.status-changed': {
      const sector = await must(view, 'perimeterSectors', e.payload.sectorId);
      return view.put('perimeterSectors', { ...sector, status: e.payload.status, statusSince: at });
    }
    case 'guard-strength.reported': {
      const { reportId, facilityId, shift, guardsOnDuty, guardsRequired } = e.payload;
      return view.put('guardStrengthReports', {
        id: reportId,
        facilityId,
        shift,
        guardsOnDuty,
        guardsRequired,
        reportedAt: at,
      });
    }
    case 'alert-posture.changed': {
      const facility = await must(view, 'facilities', e.payload.facilityId);
      return view.put('facilities', { ...facility, alertPosture: e.payload.posture, alertPostureSince: at });
    }
    case 'person.registered': {
      const p = e.payload;
      const facility = await must(view, 'facilities', p.facilityId);
      await view.put('facilities', { ...facility, lastRegistrationSeq: facility.lastRegistrationSeq + 1 });
      await view.put('persons', {
        id: p.personId,
        registrationNumber: p.registrationNumber,
        registeredAtFacilityId: p.facilityId,
        displayName: displayName(p.identity.names),
        sex: p.identity.sex,
        birthDate: p.identity.birthDate.date,
        identity: p.identity,
        householdId: p.householdId,
        classification: null,
        classificationReason: null,
        registeredAt: at,
        nationalityGroup: nationalityGroup(p.identity.nationalities),
        mergedInto: null,
      });
      await view.put('custody', { id: p.personId, ...unregistered, lastEventId: null });
      for (const otherId of p.distinctFrom ?? []) {
        await view.put('duplicateDecisions', {
          id: pairKey(p.personId, otherId),
          personId: p.personId,
          otherId,
          decision: 'not-duplicate',
          reason: 'registered as another person by the registrar who was shown both',
          decidedAt: at,
          eventId: event.id,
        });
      }
      return;
    }
    case 'person.identity-corrected': {
      const person = await must(view, 'persons', e.payload.personId);
      const identity = { ...person.identity, ...e.payload.changes };
      return view.put('persons', {
        ...person,
        identity,
        displayName: displayName(identity.names),
        sex: identity.sex,
        birthDate: identity.birthDate.date,
        nationalityGroup: nationalityGroup(identity.nationalities),
      });
    }
    case 'person.merged': {
      const duplicate = await must(view, 'persons', e.payload.duplicateId);
      return view.put('persons', { ...duplicate, mergedInto: e.payload.personId });
    }
    case 'person.unmerged': {
      const person = await must(view, 'persons', e.payload.personId);
      return view.put('persons', { ...person, mergedInto: null });
    }
    case 'duplicate.decided': {
      const { personId, otherId, decision, reason } = e.payload;
      return view.put('duplicateDecisions', {
        id: pairKey(personId, otherId),
        personId,
        otherId,
        decision,
        reason,
        decidedAt: at,
        eventId: event.id,
      });
    }
    case 'person.classified': {
      const person = await must(view, 'persons', e.payload.personId);
      return view.put('persons', {
        ...person,
        classification: e.payload.classification,
        classificationReason: e.payload.reason,
      });
    }
    case 'family-link.added': {
      const { linkId, personId, relatedPersonId, relation } = e.payload;
      return view.put('familyLinks', { id: linkId, personId, relatedPersonId, relation });
    }
    case 'household.formed': {
      const { householdId, facilityId, name, memberIds } = e.payload;
      await view.put('households', { id: householdId, facilityId, name });
      for (const memberId of memberIds) {
        const person = await must(view, 'persons', memberId);
        await view.put('persons', { ...person, householdId });
      }
      return;
    }
    case 'separation.added': {
      const { separationId, personIds, reason } = e.payload;
      await view.put('separations', { id: separationId, reason, status: 'active', liftedReason: null });
      for (const personId of personIds) {
        await view.put('separationMembers', { id: `${separationId}:${personId}`, separationId, personId });
      }
      return;
    }
    case 'separation.lifted': {
      const separation = await must(view, 'separations', e.payload.separationId);
      return view.put('separations', { ...separation, status: 'lifted', liftedReason: e.payload.reason });
    }
    case 'register-entry.recorded': {
      const { entryId, personId, kind, description } = e.payload;
      return view.put('registerEntries', { id: entryId, personId, kind, description, occurredAt: at });
    }
    case 'protection-note.recorded': {
      const { noteId, personId, kind, note, childCaseId } = e.payload;
      return view.put('protectionNotes', {
        id: noteId,
        personId,
        kind,
        note,
        occurredAt: at,
        childCaseId: childCaseId ?? null,
      });
    }
    case 'case.opened': {
      const { caseId, country, facilityId, householdId, memberIds, status, reason } = e.payload;
      await view.put('cases', {
        id: caseId,
        country,
        facilityId,
        householdId,
        status,
        statusSince: at,
        openedAt: at,
        openedBy: e.actor,
        completion: null,
        toAuthority: null,
      });
      for (const personId of memberIds) {
        await view.put('caseMembers', { id: `${caseId}:${personId}`, caseId, personId });
      }
      return view.put('caseDecisions', {
        id: e.id,
        caseId,
        fromStatus: null,
        status,
        reason,
        occurredAt: at,
        decidedBy: e.actor,
      });
    }
    case 'case.status-changed': {
      const { caseId, from, status, reason, completion, toAuthority } = e.payload;
      const found = await must(view, 'cases', caseId);
      await view.put('cases', {
        ...found,
        status,
        statusSince: at,
        completion: completion ?? found.completion,
        toAuthority: toAuthority ?? found.toAuthority,
      });
      return view.put('caseDecisions', {
        id: e.id,
        caseId,
        fromStatus: from,
        status,
        reason,
        occurredAt: at,
        decidedBy: e.actor,
      });
    }
    case 'case.entry-recorded': {
      const { entryId, caseId, kind, personId, ...details } = e.payload;
      return view.put('caseEntries', {
        id: entryId,
        caseId,
        kind,
        personId,
        details: details as Record<string, string>,
        occurredAt: at,
        recordedBy: e.actor,
      });
    }
    case 'child-case.opened': {
      const { childCaseId, personId, facilityId, concern, summary } = e.payload;
      return view.put('childCases', {
        id: childCaseId,
        personId,
        facilityId,
        concern,
        summary,
        status: 'open',
        openedAt: at,
        openedBy: e.actor,
        closedAt: null,
        closedReason: null,
      });
    }
    case 'child-case.closed': {
      const found = await must(view, 'childCases', e.payload.childCaseId);
      return view.put('childCases', {
        ...found,
        status: 'closed',
        closedAt: at,
        closedReason: e.payload.reason,
      });
    }
    case 'child-separation.approved': {
      const { approvalId, personId, movement, reason } = e.payload;
      return view.put('childSeparationApprovals', {
        id: approvalId,
        personId,
        movement,
        reason,
        approvedAt: at,
        approvedBy: e.actor,
        usedByEventId: null,
      });
    }
    case 'child-separation.approval-used': {
      const approval = await must(view, 'childSeparationApprovals', e.payload.approvalId);
      return view.put('childSeparationApprovals', { ...approval, usedByEventId: e.payload.eventId });
    }
    case 'birth-registration.opened': {
      const { personId, motherId, facilityId } = e.payload;
      return view.put('birthRegistrations', {
        id: personId,
        motherId,
        facilityId,
        bornAt: at,
        status: 'open',
        reference: null,
        authority: null,
        completedAt: null,
      });
    }
    case 'birth-registration.completed': {
      const found = await must(view, 'birthRegistrations', e.payload.personId);
      return view.put('birthRegistrations', {
        ...found,
        status: 'completed',
        reference: e.payload.reference,
        authority: e.payload.authority,
        completedAt: at,
      });
    }
    case 'headcount.opened': {
      const { headcountId, facilityId, kind, sections, scope, recountOf } = e.payload;
      await view.put('headcounts', {
        id: headcountId,
        facilityId,
        kind,
        status: 'open',
        scope,
        openedAt: at,
        openedBy: e.actor,
        openPosition: e.position,
        closedAt: null,
        closedBy: null,
        recountOf,
      });
      for (const { sectionId, expected } of sections) {
        await view.put('headcountSections', {
          id: headcountSectionId(headcountId, sectionId),
          headcountId,
          sectionId,
          expected,
          counted: 0,
          reported: null,
          reportedPosition: null,
        });
      }
      return;
    }
    case 'headcount.marked': {
      const { headcountId, marks } = e.payload;
      const counted = new Map<string | null, number>();
      for (const m of marks) {
        await view.put('headcountMarks', {
          id: m.markId,
          headcountId,
          personId: m.personId,
          sectionId: m.sectionId,
          method: m.method,
          markedAt: m.markedAt,
          markedBy: e.actor,
          position: e.position,
          outcome: m.outcome,
        });
        if (m.outcome === 'counted') counted.set(m.sectionId, (counted.get(m.sectionId) ?? 0) + 1);
      }
      for (const [sectionId, n] of counted) {
        const section = await must(view, 'headcountSections', headcountSectionId(headcountId, sectionId));
        await view.put('headcountSections', { ...section, counted: section.counted + n });
      }
      return;
    }
    case 'headcount.section-counted': {
      const { headcountId, sectionId, count } = e.payload;
      const section = await must(view, 'headcountSections', headcountSectionId(headcountId, sectionId));
      return view.put('headcountSections', { ...section, reported: count, reportedPosition: e.position });
    }
    case 'headcount.closed': {
      const headcount = await must(view, 'headcounts', e.payload.headcountId);
      await view.put('headcounts', { ...headcount, status: 'closed', closedAt: at, closedBy: e.actor });
      for (const d of e.payload.discrepancies) {
        await view.put('discrepancies', {
          id: d.discrepancyId,
          headcountId: headcount.id,
          facilityId: headcount.facilityId,
          kind: d.kind,
          personId: d.personId,
          sectionId: d.sectionId,
          countedSectionId: d.countedSectionId,
          expected: d.expected,
          reported: d.reported,
          foundAt: at,
          status: 'open',
          resolution: null,
          reason: null,
          locatedWhere: null,
          locatedNote: null,
          correction: null,
          incidentId: null,
          resolvedAt: null,
          resolvedBy: null,
        });
      }
      return;
    }
    case 'discrepancy.resolved': {
      const d = await must(view, 'discrepancies', e.payload.discrepancyId);
      const { resolution, reason, located, correction, incidentId } = e.payload;
      return view.put('discrepancies', {
        ...d,
        status: 'resolved',
        resolution,
        reason,
        locatedWhere: located?.where ?? null,
        locatedNote: located?.note ?? null,
        correction: correction ?? null,
        incidentId: incidentId ?? null,
        resolvedAt: at,
        resolvedBy: e.actor,
      });
    }
    case 'incident.opened': {
      const p = e.payload;
      const details = (p.details ?? {}) as Record<string, unknown>;
      await view.put('incidents', {
        id: p.incidentId,
        facilityId: p.facilityId,
        type: p.type,
        status: 'open',
        occurredAt: at,
        precision: p.precision ?? 'minute',
        summary: p.summary,
        headcountId: p.headcountId,
        recordedBy: e.actor,
        sectionId: p.location?.sectionId ?? null,
        sectorId: p.location?.sectorId ?? null,
        lat: p.location?.point?.lat ?? null,
        lon: p.location?.point?.lon ?? null,
        place: p.location?.place ?? null,
        details,
        scale: typeof details.scale === 'string' ? details.scale : null,
        outcome: typeof details.outcome === 'string' ? details.outcome : null,
      });
      if (p.personIds !== undefined) {
        for (const personId of p.personIds) {
          await view.put('incidentPersons', {
            id: `${p.incidentId}:${personId}`,
            incidentId: p.incidentId,
            personId,
            role: 'escapee',
            identifiedAt: at,
          });
        }
      }
      await addIncidentPeople(view, p.incidentId, p.people ?? [], at);
      for (const link of p.links ?? []) await linkIncident(view, p.incidentId, link, at);
      return;
    }
    case 'incident.people-added':
      return addIncidentPeople(view, e.payload.incidentId, e.payload.people, at);
    case 'incident.linked': {
      const { incidentId, linkedIncidentId, relation } = e.payload;
      return linkIncident(view, incidentId, { incidentId: linkedIncidentId, relation }, at);
    }
    case 'incident.status-changed': {
      const incident = await must(view, 'incidents', e.payload.incidentId);
      return view.put('incidents', { ...incident, status: e.payload.status });
    }
    case 'claim.recorded': {
      const { claimId, ...p } = e.payload;
      return view.put('claims', {
        id: claimId,
        ...p,
        topic: claimTopic(p),
        recordedBy: e.actor,
        assessment: null,
        assessmentReason: null,
        assessedBy: null,
        assessedAt: null,
      });
    }
    case 'claim.assessed': {
      const { claimId, reason, supersedes } = e.payload;
      if (supersedes !== null) {
        const earlier = await must(view, 'claims', supersedes);
        await view.put('claims', { ...earlier, assessment: 'superseded' });
      }
      const claim = await must(view, 'claims', claimId);
      return view.put('claims', {
        ...claim,
        assessment: 'most-likely',
        assessmentReason: reason,
        assessedBy: e.actor,
        assessedAt: at,
      });
    }
    case 'external-event.recorded': {
      const { externalEventId, point, ...p } = e.payload;
      return view.put('externalEvents', {
        id: externalEventId,
        kind: p.kind,
        occurredAt: at,
        precision: p.precision,
        lat: point.lat,
        lon: point.lon,
        place: p.place,
        summary: p.summary,
        killed: p.killed,
        injured: p.injured,
        sourceKind: p.sourceKind ?? null,
        sourceName: p.sourceName ?? null,
        sourceReference: p.sourceReference ?? null,
        reliability: p.reliability ?? null,
        credibility: p.credibility ?? null,
        recordedBy: e.actor,
      });
    }
    case 'whereabouts.reported': {
      const { reportId, point, ...p } = e.payload;
      return view.put('whereaboutsReports', {
        id: reportId,
        ...p,
        lat: point?.lat ?? null,
        lon: point?.lon ?? null,
        recordedBy: e.actor,
        recordedAt: at,
      });
    }
    case 'handover-request.made': {
      const { requestId, ...p } = e.payload;
      return view.put('handoverRequests', {
        id: requestId,
        ...p,
        status: 'requested',
        requestedAt: at,
        decidedAt: null,
        decisionReason: null,
      });
    }
    case 'handover-request.decided': {
      const request = await must(view, 'handoverRequests', e.payload.requestId);
      return view.put('handoverRequests', {
        ...request,
        status: e.payload.status,
        decidedAt: at,
        decisionReason: e.payload.reason,
      });
    }
    case 'notification.dispatched': {
      for (const notificationId of e.payload.notificationIds) {
        const notification = await must(view, 'notifications', notificationId);
        await view.put('notifications', {
          ...notification,
          status: 'dispatched',
          dispatchedAt: at,
          channel: e.payload.channel,
          reference: e.payload.reference,
        });
      }
      return;
    }
    case 'card.issued': {
      const { personId, serial, origin, issuedAt, code } = e.payload;
      return view.put('idCards', {
        id: personId,
        serial,
        origin,
        issuedAt,
        code,
        revokedAt: null,
        revokedReason: null,
      });
    }
    case 'card.revoked': {
      const card = await must(view, 'idCards', e.payload.personId);
      return view.put('idCards', { ...card, revokedAt: at, revokedReason: e.payload.reason });
    }
  }
}

async function addIncidentPeople(
  view: ProjectionView,
  incidentId: string,
  people: readonly { personId: string; role: string }[],
  at: string,
): Promise<void> {
  for (const { personId, role } of people) {
    await view.put('incidentPersons', {
      id: `${incidentId}:${personId}:${role}`,
      incidentId,
      personId,
      role,
      identifiedAt: at,
    });
  }
}

async function linkIncident(
  view: ProjectionView,
  incidentId: string,
  link: { incidentId: string; relation: string },
  at: string,
): Promise<void> {
  await view.put('incidentLinks', {
    id: `${incidentId}:${link.incidentId}`,
    incidentId,
    linkedIncidentId: link.incidentId,
    relation: link.relation,
    linkedAt: at,
  });
}

export const headcountSectionId = (headcountId: string, sectionId: string | null): string =>
  `${headcountId}:${sectionId ?? ''}`;

const arrivals: ReadonlySet<string> = new Set(['admitted', 'recaptured', 'transfer-received', 'born']);

async function projectCustody(
  view: ProjectionView,
  e: DomainEvent<`custody.${string}` & EventType>,
): Promise<void> {
  const p = e.payload as CustodyPayload;
  const type = e.type.slice('custody.'.length);
  let state: CustodyState;
  /** Where the event happened: the facility arrived at, or the one left (for a correction, the voided event's). */
  let facilityId: string | null;
  let notifiedKind: string | null = notifiedEventTypes.has(type as never) ? type : null;
  if (type === 'corrected') {
    const voided = await must(view, 'custodyHistory', p.correctsEventId!);
    await view.put('custodyHistory', { ...voided, voidedBy: e.id });
    state = await refoldCustody(view, p.personId);
    facilityId = voided.facilityId;
    // The bureau was told of the voided event, so it is told of its correction too.
    notifiedKind = notifiedEventTypes.has(voided.type as CustodyEventType) ? 'corrected' : null;
  } else {
    const before = custodyStateOf(await must(view, 'custody', p.personId));
    state = applyCustody(before, factOf(e.type, p), e.occurredAt);
    facilityId = arrivals.has(type)
      ? state.facilityId
      : (before.facilityId ?? before.transferFromFacilityId ?? before.lastFacilityId);
  }
  await view.put('custodyHistory', {
    id: e.id,
    personId: p.personId,
    type,
    occurredAt: e.occurredAt,
    details: p,
    voidedBy: null,
    facilityId,
  });
  await view.put('custody', { id: p.personId, ...state, lastEventId: e.id });
  if (notifiedKind !== null) {
    await view.put('notifications', {
      id: e.id,
      personId: p.personId,
      eventId: e.id,
      kind: notifiedKind,
      occurredAt: e.occurredAt,
      status: 'queued',
      dispatchedAt: null,
      channel: null,
      reference: null,
    });
  }
}
