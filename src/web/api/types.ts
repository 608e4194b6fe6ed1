// The shapes of the API's answers that the web app reads (see GET /api/v1/openapi.json).

export { type Role, roles } from '../../auth/policy.ts';

import type { Role } from '../../auth/policy.ts';

export interface SessionInfo {
  username: string;
  role: Role;
  /** `all`, or the ids of the facilities the user is scoped to. */
  facilities: 'all' | string[];
  mustChangePassword: boolean;
  csrfToken: string;
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

/** A count as the API gives it: exact, or hidden for roles that see counts only. */
export type Count = number | '<5' | 'suppressed';

export const categories = ['man', 'woman', 'boy', 'girl'] as const;
export type Category = (typeof categories)[number];
export const nationalityGroups = ['syrian', 'iraqi', 'third-country'] as const;
export type NationalityGroup = (typeof nationalityGroups)[number];

export {
  type CustodyEventType,
  type CustodyStatus,
  custodyEventTypes,
  custodyStatuses,
} from '../../domain/custody-table.ts';
export * from '../../domain/incident-table.ts';

import type { CustodyEventType, CustodyStatus } from '../../domain/custody-table.ts';
import type { IncidentStatus, IncidentType } from '../../domain/incident-table.ts';

export type FacilityKind = 'camp' | 'prison' | 'holding' | 'hospital';
export type AlertPosture = 'normal' | 'heightened' | 'critical';
export type SectorStatus = 'open' | 'closed' | 'breached';

export interface Facility {
  id: string;
  code: string;
  nameEn: string;
  nameAr: string;
  kind: FacilityKind;
  capacity: number;
  authority: string;
  borderDistanceKm: number | null;
  alertPosture: AlertPosture;
  alertPostureSince: string | null;
  lat: number;
  lon: number;
}

export interface Section {
  id: string;
  facilityId: string;
  code: string;
  name: string;
  capacity: number;
  categories: Category[];
  occupancy: Count;
  present?: number;
  vacancies: number | null;
}

export interface PerimeterSector {
  id: string;
  code: string;
  name: string;
  status: SectorStatus;
  statusSince: string;
}

export interface GuardStrength {
  shift: string;
  guardsOnDuty: number;
  guardsRequired: number | null;
  reportedAt: string;
}

export interface FacilityDetail extends Facility {
  population: Count;
  atHospital: Count;
  unassigned: Count;
  expectedByTransfer: Count;
  sections: Section[];
  perimeterSectors: PerimeterSector[];
  latestGuardStrength: GuardStrength | null;
}

/** A ledger event about a facility, as GET /facilities/:id/history gives it. */
export interface FacilityEvent {
  position: number;
  type: string;
  occurredAt: string;
  payload?: Record<string, unknown>;
}

export interface NameParts {
  given: string;
  father?: string;
  grandfather?: string;
  family?: string;
  kunya?: string;
}

export interface Identity {
  names: { arabic?: NameParts; latin?: NameParts; aliases: string[] };
  sex: 'male' | 'female';
  birthDate: { date: string; estimated: boolean };
  placeOfBirth?: string;
  nationalities: string[];
  lastResidence?: string;
  fatherFirstName?: string;
  motherName?: string;
  distinguishingMarks?: string;
  personToNotify?: { name: string; relation?: string };
}

export interface Custody {
  status: CustodyStatus;
  facilityId: string | null;
  sectionId: string | null;
  presence: 'in' | 'hospital' | null;
  hospital: string | null;
  transferFromFacilityId: string | null;
  transferToFacilityId: string | null;
  transferDueAt: string | null;
  handedOverTo: string | null;
  since: string | null;
  lastFacilityId: string | null;
}

export interface Person {
  id: string;
  registrationNumber: string;
  displayName: string;
  sex: 'male' | 'female';
  birthDate: string;
  identity: Identity;
  householdId: string | null;
  classification: 'standard' | 'high' | 'high-value' | null;
  nationalityGroup: NationalityGroup;
  category: Category;
  minor: boolean;
  custody: Custody;
}

export interface PersonRecord extends Person {
  familyLinks: {
    id: string;
    personId: string;
    relatedPersonId: string;
    relation: 'mother' | 'father' | 'spouse' | 'sibling' | 'guardian';
    personName: string;
    relatedPersonName: string;
  }[];
  household: { id: string; displayName: string; registrationNumber: string }[];
  separations: { id: string; reason: string; status: string }[];
  /** The current ID card; null until one is issued. */
  card: IdCard | null;
}

export interface IdCard {
  serial: number;
  origin: string;
  issuedAt: string;
  /** The QR code's text, signed by the issuing node. */
  code: string;
  revokedAt: string | null;
  revokedReason: string | null;
}

/** POST /cards/scan: the person a card names, and which card it is. */
export interface ScannedPerson extends Person {
  card: { serial: number; origin: string; issuedAt: string };
}

/** One of two records proposed as possible duplicates (GET /duplicates). */
export interface DuplicateRecord extends Person {
  registeredAtFacilityId: string;
  household: { id: string; name: string | null; members: number } | null;
}

/** A scan of the registry for possible duplicates under way. */
export interface ScanProgress {
  startedAt: string;
  checked: number;
  of: number;
}

export interface DuplicatePair {
  id: string;
  match: { score: number; decision: 'match' | 'possible'; reason: string };
  source: 'scan' | 'registration';
  foundAt: string;
  decision: {
    decision: 'merged' | 'not-duplicate';
    reason: string;
    decidedAt: string;
    eventId: string;
  } | null;
  records: [DuplicateRecord, DuplicateRecord];
}

export interface CustodyHistoryEntry {
  id: string;
  type: CustodyEventType;
  occurredAt: string;
  facilityId: string | null;
  voidedBy: string | null;
  details: Record<string, unknown> & { reason?: string; authority?: string };
}

type Movements = 'admitted' | 'released' | 'transferred' | 'handedOver' | 'repatriated';
export type Movement = Movements | 'escaped' | 'recaptured' | 'died';

/** GET /reports/situation: the figures the dashboard shows, exactly as the API gives them. */
export interface Situation {
  asOf: string;
  from: string;
  to: string;
  facilities: (Breakdown & {
    incidents: IncidentFigures;
    facilityId: string;
    code: string;
    name: string;
    kind: FacilityKind;
    capacity: number;
  })[];
  totals: Breakdown;
  movements: ({ day: string } & Record<Movement, Count>)[];
  atLarge: Count;
  overdueTransfers: Count;
  pendingNotifications: Count;
  incidents: IncidentFigures & { externalEvents: number };
  countries: CountryFigures[];
}

export interface Range {
  min: number;
  max: number;
}

export interface IncidentFigures {
  byType: Record<IncidentType, Count>;
  escapeAttempts: Record<'thwarted' | 'successful' | 'individual' | 'group' | 'organised', Count>;
  escapes: {
    incidents: number;
    reportedEscaped: Range | null;
    reportedRecaptured: Range | null;
    identified: Count;
    gap: Range | null;
  };
}

export interface Point {
  lat: number;
  lon: number;
}

export interface IncidentSummary {
  id: string;
  facilityId: string;
  facilityCode: string;
  type: IncidentType;
  status: IncidentStatus;
  occurredAt: string;
  precision: string;
  summary: string;
  sectorCode: string | null;
  sectionCode: string | null;
  place: string | null;
  details: Record<string, unknown>;
  people: number;
  point: Point;
}

export interface Claim {
  id: string;
  kind: 'count' | 'statement';
  measure: string | null;
  countMin: number | null;
  countMax: number | null;
  question: string | null;
  statement: string | null;
  sourceKind: string;
  /** Absent for roles that may not see who said it. */
  sourceName?: string;
  sourceReference?: string | null;
  reliability: string;
  credibility: number;
  reportedAt: string;
  assessment: 'most-likely' | 'superseded' | null;
  assessmentReason: string | null;
}

export interface IncidentDetail {
  id: string;
  facilityId: string;
  type: IncidentType;
  status: IncidentStatus;
  occurredAt: string;
  precision: string;
  summary: string;
  recordedBy: string;
  place: string | null;
  lat: number | null;
  lon: number | null;
  details: Record<string, unknown>;
  facility: { id: string; code: string; nameEn: string; nameAr: string };
  sector: { id: string; code: string; name: string } | null;
  section: { id: string; code: string; name: string } | null;
  people: {
    personId: string;
    role: string;
    identifiedAt: string;
    displayName: string;
    registrationNumber: string;
    status: CustodyStatus;
  }[];
  links: {
    id: string;
    type: IncidentType;
    occurredAt: string;
    summary: string;
    relation: string;
    direction: string;
  }[];
  claims: Claim[];
  figures: {
    reported: Record<string, Range | null>;
    identified: number;
    recaptured: number;
    stillAtLarge: number;
    gap: Range | null;
  };
}

export interface ExternalEvent {
  id: string;
  kind: string;
  occurredAt: string;
  lat: number;
  lon: number;
  place: string;
  summary: string;
  killed: number;
  injured: number;
  distanceKm: number | null;
  distances: { facilityId: string; code: string; km: number }[];
}

export interface AtLargePerson {
  personId: string;
  displayName: string;
  registrationNumber: string;
  escapedAt: string | null;
  fromFacilityId: string | null;
  incidentId: string | null;
  whereabouts: {
    id: string;
    seenAt: string;
    place: string;
    claim: string;
    sourceKind: string;
    sourceName?: string;
    reliability: string;
    credibility: number;
  }[];
  handoverRequests: { id: string; kind: string; authority: string; status: string; requestedAt: string }[];
}

export type { CaseStatus } from '../../domain/case-table.ts';
/** Repatriation cases (issue 8): the status machine, plain data from the domain. */
export { caseStatuses } from '../../domain/case-table.ts';

/** One country's figures, in the situation report and at GET /countries/:country. */
export interface CountryFigures {
  country: string;
  held: { men: Count; women: Count; children: Count; total: Count };
  byStatus: Record<import('../../domain/case-table.ts').CaseStatus, Count>;
  requested: Count;
  accepted: Count;
  refused: Count;
  completed: Count;
  cases: Count;
  meanDaysInStatus: Record<string, number | null>;
}

export interface Breakdown {
  population: Count;
  byCategory: Record<Category, Count>;
  byNationalityGroup: Record<NationalityGroup, Count>;
}

// --- Headcounts (issue 6): GET/POST under /facilities/:id/headcounts and /headcounts/:id. The kinds are
// the domain's (types only: the web app does not bundle its schemas); lists here are in screen order.

import type {
  DiscrepancyKind,
  locatedPlaces as domainPlaces,
  HeadcountKind,
  markMethods,
  resolutions,
} from '../../domain/headcount.ts';

export type { DiscrepancyKind, HeadcountKind };
export type Resolution = (typeof resolutions)[number];
export type LocatedPlace = (typeof domainPlaces)[number];
export type MarkMethod = (typeof markMethods)[number];

/** Every kind of discrepancy, in the order the resolution screen groups them. */
export const discrepancyKinds = Object.keys({
  missing: true,
  unexpected: true,
  'wrong-section': true,
  'counted-twice': true,
  'section-difference': true,
} satisfies Record<DiscrepancyKind, true>) as DiscrepancyKind[];

export const locatedPlaces = Object.keys({
  'elsewhere-in-facility': true,
  hospital: true,
  'in-transit': true,
  'other-facility': true,
} satisfies Record<LocatedPlace, true>) as LocatedPlace[];

export interface HeadcountSection {
  /** null: the people of the facility with no section. */
  sectionId: string | null;
  code: string | null;
  name: string | null;
  /** The register when the count opened. */
  expected: number;
  /** Nominal marks. */
  counted: number;
  /** The number a guard entered, for numeric counts. */
  reported: number | null;
  difference: number | null;
}

export interface Discrepancy {
  discrepancyId: string;
  headcountId: string;
  facilityId: string;
  kind: DiscrepancyKind;
  personId: string | null;
  registrationNumber: string | null;
  displayName: string | null;
  /** Where the register expected the person. */
  sectionId: string | null;
  countedSectionId: string | null;
  /** Numeric counts: the register's number, the one reported, and reported minus expected. */
  expected: number | null;
  reported: number | null;
  difference: number | null;
  status: 'open' | 'resolved';
  resolution: Resolution | null;
  reason: string | null;
  located: { where: LocatedPlace; note: string | null } | null;
  correction: string | null;
  incidentId: string | null;
  resolvedAt: string | null;
  resolvedBy: string | null;
}

export interface Headcount {
  headcountId: string;
  facilityId: string;
  kind: HeadcountKind;
  status: 'open' | 'closed';
  openedAt: string;
  openedBy: string;
  closedAt: string | null;
  closedBy: string | null;
  recountOf: string | null;
  sections: HeadcountSection[];
  /** After close. */
  discrepancies: Discrepancy[];
}

/** A headcount in a list: without its discrepancies. */
export type HeadcountSummary = Omit<Headcount, 'discrepancies'>;

/** One person the register expected in a section when the count opened. */
export interface RosterEntry {
  personId: string;
  registrationNumber: string;
  displayName: string;
  sectionId: string | null;
  /** A mark exists for them. */
  counted: boolean;
}

export interface MarkResult {
  markId: string;
  personId: string;
  registrationNumber: string;
  displayName: string;
  outcome: 'counted' | 'counted-twice' | 'already-recorded';
  firstCount?: { sectionId: string | null; by: string; at: string };
}

export interface RollBoard {
  facilityId: string;
  asOf: string;
  /** The population at the start of the facility's day. */
  unlock: { at: string; population: number };
  inCustody: number;
  inNow: number;
  out: { hospital: number; inTransit: number; court?: number };
  arrivedToday: number;
  leftToday: number;
  /** Transfers due in. */
  stillToArrive: number;
  /** In, with no section. */
  unassigned: { count: number; lastCompleteCountAt: string | null };
  sections: {
    sectionId: string;
    code: string;
    name: string;
    capacity: number;
    occupied: number;
    vacancies: number;
    lastCompleteCountAt: string | null;
  }[];
  openDiscrepancies: number;
  openHeadcounts: HeadcountSummary[];
}

// --- Repatriation cases and child protection (issue 8): GET /cases, /cases/:id, /child-alerts,
// /child-cases, /birth-registrations. The status machine and its vocabularies are the domain's plain data.

import type {
  documentKinds as domainDocumentKinds,
  protectionNoteKinds as domainNoteKinds,
} from '../../domain/person.ts';

export {
  caseDocumentStatuses,
  caseTransitions,
  caseWishes,
  childCaseConcerns,
  consularDirections,
} from '../../domain/case-table.ts';

export const documentKinds = [
  'passport',
  'national-id',
  'birth-certificate',
  'family-booklet',
  'residence-permit',
  'camp-card',
  'other',
] as const satisfies readonly (typeof domainDocumentKinds)[number][];
export const protectionNoteKinds = [
  'assessment',
  'best-interests',
  'care-arrangement',
  'service',
  'family-tracing',
  'concern',
] as const satisfies readonly (typeof domainNoteKinds)[number][];

export interface CaseSummary {
  id: string;
  country: string;
  facilityId: string;
  householdId: string | null;
  status: import('../../domain/case-table.ts').CaseStatus;
  statusSince: string;
  openedAt: string;
  completion: string | null;
  members: { id: string; displayName: string; minor: boolean; status: CustodyStatus }[];
}

export interface ProtectionNote {
  id: string;
  personId: string;
  kind: string;
  note: string;
  occurredAt: string;
  childCaseId: string | null;
}

export interface ChildCase {
  id: string;
  personId: string;
  facilityId: string;
  concern: string;
  summary: string;
  status: 'open' | 'closed';
  openedAt: string;
  closedAt: string | null;
  closedReason: string | null;
}

export interface CaseDetail extends Omit<CaseSummary, 'members'> {
  toAuthority: string | null;
  members: {
    id: string;
    displayName: string;
    registrationNumber: string;
    sex: 'male' | 'female';
    birthDate: string;
    minor: boolean;
    status: CustodyStatus;
    facilityId: string | null;
  }[];
  decisions: {
    id: string;
    fromStatus: string | null;
    status: string;
    reason: string;
    occurredAt: string;
    decidedBy: string;
  }[];
  entries: {
    id: string;
    kind: 'wish' | 'document' | 'consular-contact' | 'note';
    personId: string | null;
    details: Record<string, string>;
    occurredAt: string;
    recordedBy: string;
  }[];
  daysInStatus: Partial<Record<string, number>>;
  /** Child-protection officers only: absent for every other role. */
  protectionNotes?: ProtectionNote[];
  childCases?: ChildCase[];
}

export interface ChildAlerts {
  asOf: string;
  turning18: {
    id: string;
    displayName: string;
    registrationNumber: string;
    birthDate: string;
    facilityId: string | null;
    daysUntilAdult: number;
  }[];
  separatedFromMother: {
    id: string;
    displayName: string;
    registrationNumber: string;
    facilityId: string | null;
    motherId: string;
    motherName: string;
    motherStatus: CustodyStatus;
    motherFacilityId: string | null;
    motherHandedOverTo: string | null;
    separatedSince: string | null;
  }[];
}

export interface ChildCaseListed extends ChildCase {
  displayName: string;
  registrationNumber: string;
  birthDate: string;
}

export interface BirthRegistration {
  id: string;
  motherId: string;
  facilityId: string;
  bornAt: string;
  status: 'open' | 'completed';
  reference: string | null;
  completedAt: string | null;
  displayName: string;
  registrationNumber: string;
  motherName: string;
}
