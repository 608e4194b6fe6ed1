// Who may do what: the roles of SPEC 8, the classes of sensitive fields, and ONE table that says which
// role may run each command, read each query and manage accounts. The app enforces it; nothing else may.
import type { CommandName } from '../app/commands/index.ts';
import type { QueryName } from '../app/queries/index.ts';
import type { CustodyEventType } from '../domain/custody-table.ts';
import type { IncidentType } from '../domain/incident.ts';

export const roles = [
  'admin',
  'registrar',
  'guard',
  'commander',
  'child-protection',
  'case-officer',
  'security-analyst',
  'analyst',
  'auditor',
  'monitor',
] as const;
export type Role = (typeof roles)[number];

export const roleDescriptions: Record<Role, string> = {
  admin: 'manages users, tokens and facilities; sees no person records',
  registrar: 'registers people and records their custody at their facilities',
  guard: 'counts, moves and reports at their facilities; sees no medical or protection data',
  commander: 'runs a facility: custody decisions, separations, perimeter, alert posture',
  'child-protection': "children's protection notes, family links and households",
  'case-officer': 'repatriation and handover of people at their facilities',
  'security-analyst': 'security classifications, separations and intelligence fields',
  analyst: 'aggregate counts only, small cells suppressed',
  auditor: 'reads the ledger and the audit log; checks that nobody disappears',
  monitor: 'read-only accountability view of people and their custody',
};

/**
 * Sensitive data, by class. A field of a class absent from a role's list is absent from every answer
 * to that role: person reads, searches, histories, exports and the ledger's event payloads.
 */
export const fieldClasses = {
  protection: ['child-protection'],
  medical: ['registrar', 'commander', 'child-protection'],
  intelligence: ['commander', 'security-analyst'],
} as const satisfies Record<string, readonly Role[]>;
export type FieldClass = keyof typeof fieldClasses;

export const sees = (role: Role, fieldClass: FieldClass): boolean =>
  (fieldClasses[fieldClass] as readonly Role[]).includes(role);

/**
 * Where sensitive data sits in ledger events (and so in the projections built from them): whole events
 * of a class, fields of an event's payload, and register entries by kind.
 */
export const sensitiveData = {
  events: {
    'protection-note.recorded': 'protection',
    'child-case.opened': 'protection',
    'child-case.closed': 'protection',
  },
  fields: {
    'child-separation.approved': { reason: 'protection' },
    'custody.admitted': { visibleInjuries: 'medical', complaintsOfPriorTreatment: 'medical' },
    'custody.hospitalised': { reason: 'medical' },
    'person.classified': { reason: 'intelligence' },
    // Who said it: an informant named to the wrong reader is in danger.
    'claim.recorded': { sourceName: 'intelligence', sourceReference: 'intelligence' },
    'external-event.recorded': { sourceName: 'intelligence', sourceReference: 'intelligence' },
    'whereabouts.reported': { sourceName: 'intelligence', sourceReference: 'intelligence' },
  },
  registerEntries: { injury: 'medical' },
} as const satisfies {
  events: Record<string, FieldClass>;
  fields: Record<string, Record<string, FieldClass>>;
  registerEntries: Record<string, FieldClass>;
};

/**
 * An event payload as one reader may see it: without the fields of classes they may not see, or
 * undefined when the whole event is of such a class.
 */
export function redactPayload<P extends object>(
  type: string,
  payload: P,
  canSee: (fieldClass: FieldClass) => boolean,
): P | undefined {
  const whole = (sensitiveData.events as Record<string, FieldClass>)[type];
  if (whole !== undefined && !canSee(whole)) return undefined;
  const kind = (payload as { kind?: unknown }).kind;
  if (type === 'register-entry.recorded' && typeof kind === 'string') {
    const entryClass = (sensitiveData.registerEntries as Record<string, FieldClass>)[kind];
    if (entryClass !== undefined && !canSee(entryClass)) return undefined;
  }
  const fields = (sensitiveData.fields as Record<string, Record<string, FieldClass>>)[type];
  if (fields === undefined) return payload;
  const hidden = Object.entries(fields).filter(([, c]) => !canSee(c));
  if (hidden.length === 0) return payload;
  const copy = { ...payload } as Record<string, unknown>;
  for (const [field] of hidden) delete copy[field];
  return copy as P;
}

/** What is written to the audit log when a query runs. */
export type AuditedRead = 'person.read' | 'person.search' | 'export' | 'audit.read';

export interface CommandRule {
  roles: readonly Role[];
  /** `all`: only users scoped to every facility (the command is not about one facility). */
  scope: 'facility' | 'all';
  /** For commands with a `type`: the roles that may record each type (narrower than `roles`). */
  types?: Readonly<Record<string, readonly Role[]>>;
  /** Input fields that only some of `roles` may give, e.g. a separation override. */
  fields?: Readonly<Record<string, readonly Role[]>>;
}

export interface QueryRule {
  roles: readonly Role[];
  scope: 'facility' | 'all';
  audit?: AuditedRead;
}

const operational = ['registrar', 'guard', 'commander'] as const;
/** Roles that see individual people (not `analyst`, who sees counts, nor `admin`, who runs the system). */
const personReaders = [
  ...operational,
  'child-protection',
  'case-officer',
  'security-analyst',
  'auditor',
  'monitor',
] as const;
const everyone = roles;
/** Repatriation and handover cases. */
const caseWorkers = ['case-officer'] as const;
/** Who reads cases: those who work on them, decide on custody, protect children, or account for people. */
const caseReaders = [
  'case-officer',
  'commander',
  'child-protection',
  'registrar',
  'auditor',
  'monitor',
] as const;

export const custodyRecorders: Record<CustodyEventType, readonly Role[]> = {
  admitted: ['registrar', 'commander'],
  moved: ['registrar', 'guard', 'commander'],
  'transfer-started': ['registrar', 'commander'],
  'transfer-received': ['registrar', 'commander'],
  'handed-over': ['commander', 'case-officer'],
  repatriated: ['commander', 'case-officer'],
  released: ['commander'],
  escaped: ['guard', 'commander'],
  recaptured: ['registrar', 'guard', 'commander'],
  hospitalised: ['registrar', 'guard', 'commander'],
  returned: ['registrar', 'guard', 'commander'],
  born: ['registrar'],
  died: ['registrar', 'commander'],
  corrected: ['registrar', 'commander'],
};

/**
 * Who may record each type of incident: guards what they see on their rounds, a commander anything; an
 * escape names escapees and sets them at large, as a declared escape does, so it is the commander's.
 */
const incidentRecorders: Record<IncidentType, readonly Role[]> = {
  'escape-attempt': ['guard', 'commander'],
  escape: ['commander'],
  riot: ['guard', 'commander'],
  violence: ['guard', 'commander'],
  attack: ['guard', 'commander', 'security-analyst'],
  fire: ['guard', 'commander'],
  'death-in-custody': ['commander'],
  'guard-shortage': ['guard', 'commander'],
  'perimeter-breach': ['guard', 'commander'],
  contraband: ['guard', 'commander'],
  other: ['guard', 'commander', 'security-analyst'],
};

export const commandPolicy: Record<CommandName, CommandRule> = {
  registerFacility: { roles: ['admin'], scope: 'all' },
  amendFacility: { roles: ['admin'], scope: 'facility' },
  addSection: { roles: ['admin', 'commander'], scope: 'facility' },
  amendSection: { roles: ['admin', 'commander'], scope: 'facility' },
  addPerimeterSector: { roles: ['admin', 'commander'], scope: 'facility' },
  changePerimeterSectorStatus: { roles: ['guard', 'commander'], scope: 'facility' },
  reportGuardStrength: { roles: ['guard', 'commander'], scope: 'facility' },
  changeAlertPosture: { roles: ['commander'], scope: 'facility' },
  registerPerson: { roles: ['registrar'], scope: 'facility' },
  correctIdentity: { roles: ['registrar'], scope: 'facility' },
  classifyPerson: { roles: ['commander', 'security-analyst'], scope: 'facility' },
  mergePersons: { roles: ['registrar', 'commander'], scope: 'facility' },
  unmergePerson: { roles: ['registrar', 'commander'], scope: 'facility' },
  decideDuplicate: { roles: ['registrar', 'commander'], scope: 'facility' },
  addFamilyLink: { roles: ['registrar', 'child-protection'], scope: 'facility' },
  formHousehold: { roles: ['registrar', 'child-protection'], scope: 'facility' },
  addSeparation: { roles: ['commander', 'security-analyst'], scope: 'facility' },
  liftSeparation: { roles: ['commander'], scope: 'facility' },
  recordRegisterEntry: { roles: ['registrar', 'commander'], scope: 'facility' },
  recordProtectionNote: { roles: ['child-protection'], scope: 'facility' },
  registerBirth: { roles: ['registrar'], scope: 'facility' },
  recordCustody: {
    roles: ['registrar', 'guard', 'commander', 'case-officer'],
    scope: 'facility',
    types: custodyRecorders,
    fields: { separationOverride: ['commander'] },
  },
  recordHouseholdCustody: {
    roles: ['registrar', 'guard', 'commander', 'case-officer'],
    scope: 'facility',
    types: custodyRecorders,
    fields: { separationOverride: ['commander'] },
  },
  dispatchNotifications: { roles: ['registrar', 'commander'], scope: 'facility' },
  openHeadcount: { roles: operational, scope: 'facility' },
  recordMarks: { roles: operational, scope: 'facility' },
  recordSectionCount: { roles: operational, scope: 'facility' },
  closeHeadcount: { roles: ['guard', 'commander'], scope: 'facility' },
  orderRecount: { roles: ['guard', 'commander'], scope: 'facility' },
  resolveDiscrepancy: { roles: ['commander'], scope: 'facility' },
  declareEscape: { roles: ['commander'], scope: 'facility' },
  issueCard: { roles: ['registrar'], scope: 'facility' },
  revokeCard: { roles: ['registrar', 'commander'], scope: 'facility' },
  recordIncident: {
    roles: ['guard', 'commander', 'security-analyst'],
    scope: 'facility',
    types: incidentRecorders,
  },
  addIncidentPeople: { roles: ['commander', 'security-analyst'], scope: 'facility' },
  linkIncidents: { roles: ['commander', 'security-analyst'], scope: 'facility' },
  changeIncidentStatus: { roles: ['commander'], scope: 'facility' },
  recordClaim: { roles: ['commander', 'security-analyst'], scope: 'facility' },
  assessClaim: { roles: ['security-analyst'], scope: 'facility' },
  recordExternalEvent: { roles: ['commander', 'security-analyst'], scope: 'facility' },
  reportWhereabouts: { roles: ['commander', 'security-analyst'], scope: 'facility' },
  requestHandover: { roles: ['commander', 'case-officer'], scope: 'facility' },
  decideHandoverRequest: { roles: ['commander', 'case-officer'], scope: 'facility' },
  openCase: { roles: caseWorkers, scope: 'facility' },
  decideCase: { roles: caseWorkers, scope: 'facility' },
  recordCaseEntry: { roles: caseWorkers, scope: 'facility' },
  completeCase: { roles: caseWorkers, scope: 'facility' },
  openChildCase: { roles: ['child-protection'], scope: 'facility' },
  closeChildCase: { roles: ['child-protection'], scope: 'facility' },
  approveChildSeparation: { roles: ['child-protection'], scope: 'facility' },
  completeBirthRegistration: { roles: ['registrar', 'child-protection'], scope: 'facility' },
};

export const queryPolicy: Record<QueryName, QueryRule> = {
  listFacilities: { roles: everyone, scope: 'facility' },
  getFacility: { roles: everyone, scope: 'facility' },
  facilityHistory: { roles: everyone, scope: 'facility' },
  situation: { roles: everyone, scope: 'facility' },
  listPersons: { roles: personReaders, scope: 'facility', audit: 'person.search' },
  getPerson: { roles: personReaders, scope: 'facility', audit: 'person.read' },
  custodyHistory: { roles: personReaders, scope: 'facility', audit: 'person.read' },
  overdueTransfers: {
    roles: [...operational, 'auditor', 'monitor'],
    scope: 'facility',
    audit: 'person.search',
  },
  listNotifications: {
    roles: ['registrar', 'commander', 'auditor', 'monitor'],
    scope: 'facility',
    audit: 'export',
  },
  scanCard: { roles: operational, scope: 'facility', audit: 'person.read' },
  listDuplicates: { roles: ['registrar', 'commander'], scope: 'facility', audit: 'person.search' },
  ledgerEvents: { roles: ['auditor'], scope: 'all', audit: 'export' },
  ledgerHead: { roles: ['admin', 'auditor', 'monitor'], scope: 'all' },
  auditLog: { roles: ['auditor'], scope: 'all', audit: 'audit.read' },
  listUsers: { roles: ['admin', 'auditor'], scope: 'all' },
  getHeadcount: { roles: [...operational, 'auditor', 'monitor'], scope: 'facility', audit: 'person.search' },
  listHeadcounts: { roles: [...operational, 'auditor', 'monitor'], scope: 'facility' },
  headcountRoster: { roles: operational, scope: 'facility', audit: 'person.search' },
  listDiscrepancies: {
    roles: [...operational, 'auditor', 'monitor'],
    scope: 'facility',
    audit: 'person.search',
  },
  rollBoard: { roles: [...operational, 'auditor', 'monitor'], scope: 'facility' },
  listIncidents: { roles: personReaders, scope: 'facility' },
  getIncident: { roles: personReaders, scope: 'facility', audit: 'person.search' },
  listExternalEvents: { roles: everyone, scope: 'facility' },
  listAtLarge: {
    roles: [...operational, 'security-analyst', 'case-officer', 'auditor', 'monitor'],
    scope: 'facility',
    audit: 'person.search',
  },
  listCases: { roles: caseReaders, scope: 'facility', audit: 'person.search' },
  getCase: { roles: caseReaders, scope: 'facility', audit: 'person.read' },
  countryFigures: { roles: everyone, scope: 'facility' },
  childAlerts: {
    roles: ['child-protection', 'case-officer', 'commander', 'registrar'],
    scope: 'facility',
    audit: 'person.search',
  },
  listChildCases: { roles: ['child-protection'], scope: 'facility', audit: 'person.search' },
  listBirthRegistrations: {
    roles: ['registrar', 'child-protection', 'commander', 'auditor', 'monitor'],
    scope: 'facility',
    audit: 'person.search',
  },
};

/** Account management: none of it is a ledger event; all of it is written to the audit log. */
export const accountPolicy = {
  addUser: ['admin'],
  disableUser: ['admin'],
  resetPassword: ['admin'],
  createToken: ['admin'],
  revokeToken: ['admin'],
} as const satisfies Record<string, readonly Role[]>;
export type AccountOperation = keyof typeof accountPolicy;

/** Roles that may read individual people; the others get counts with small cells suppressed. */
export const readsPersons = (role: Role): boolean => queryPolicy.getPerson.roles.includes(role);

/** Counts under this are shown as `<5` to roles that do not read individual people. */
export const SMALL_CELL = 5;

/** API tokens act as their user, further limited: `read` runs queries only, `write` also commands. */
export const tokenScopes = ['read', 'write'] as const;
export type TokenScope = (typeof tokenScopes)[number];
