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

export interface Breakdown {
  population: Count;
  byCategory: Record<Category, Count>;
  byNationalityGroup: Record<NationalityGroup, Count>;
}
