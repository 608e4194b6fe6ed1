// The database's tables as Kysely sees them (camelCase here, snake_case in SQL).
import type { ProjectionRows, ProjectionTable } from '../domain/projection.ts';
import { projectionTables } from '../domain/projection.ts';

/** A projection row as stored: JSON columns hold text. */
type Stored<T extends ProjectionTable> = {
  [K in keyof ProjectionRows[T]]: K extends (typeof projectionTables)[T][number]
    ? string
    : ProjectionRows[T][K];
};

export interface EventsTable {
  position: number;
  id: string;
  origin: string;
  originSeq: number;
  type: string;
  subject: string;
  payload: string;
  actor: string;
  occurredAt: string;
  recordedAt: string;
  prevHash: string;
  hash: string;
}

export interface Database {
  events: EventsTable;
  nodes: { origin: string; publicKey: string; role: 'local' | 'peer'; createdAt: string };
  chainHeads: { origin: string; originSeq: number; hash: string };
  checkpoints: { origin: string; originSeq: number; headHash: string; signedAt: string; signature: string };
  idempotencyKeys: { key: string; requestHash: string; response: string; createdAt: string };
  facilities: Stored<'facilities'>;
  sections: Stored<'sections'>;
  perimeterSectors: Stored<'perimeterSectors'>;
  guardStrengthReports: Stored<'guardStrengthReports'>;
  persons: Stored<'persons'>;
  custody: Stored<'custody'>;
  custodyHistory: Stored<'custodyHistory'>;
  familyLinks: Stored<'familyLinks'>;
  households: Stored<'households'>;
  separations: Stored<'separations'>;
  separationMembers: Stored<'separationMembers'>;
  registerEntries: Stored<'registerEntries'>;
  protectionNotes: Stored<'protectionNotes'>;
  notifications: Stored<'notifications'>;
  headcounts: Stored<'headcounts'>;
  headcountSections: Stored<'headcountSections'>;
  headcountMarks: Stored<'headcountMarks'>;
  discrepancies: Stored<'discrepancies'>;
  incidents: Stored<'incidents'>;
  incidentPersons: Stored<'incidentPersons'>;
  idCards: Stored<'idCards'>;
  duplicateDecisions: Stored<'duplicateDecisions'>;
  duplicateCandidates: DuplicateCandidatesTable;
  incidentLinks: Stored<'incidentLinks'>;
  claims: Stored<'claims'>;
  externalEvents: Stored<'externalEvents'>;
  whereaboutsReports: Stored<'whereaboutsReports'>;
  handoverRequests: Stored<'handoverRequests'>;
  cases: Stored<'cases'>;
  caseMembers: Stored<'caseMembers'>;
  caseEntries: Stored<'caseEntries'>;
  caseDecisions: Stored<'caseDecisions'>;
  childCases: Stored<'childCases'>;
  childSeparationApprovals: Stored<'childSeparationApprovals'>;
  birthRegistrations: Stored<'birthRegistrations'>;
  users: UsersTable;
  sessions: SessionsTable;
  apiTokens: ApiTokensTable;
  loginThrottle: { key: string; failures: number; lastFailureAt: string; lockedUntil: string | null };
  auditLog: AuditLogTable;
  auditHead: { id: string; position: number; hash: string };
  /** The node key's signature over the audit log's head at a position (see `signCheckpoint`). */
  auditCheckpoints: { position: number; hash: string; signedAt: string; signature: string };
}

/**
 * Pairs of records that may be one person, as the duplicate scan and registrations found them (id:
 * `pairKey`, `personId` < `otherId`). Not a projection: re-derived by every scan; the decisions on
 * them are ledger events (`duplicateDecisions`).
 */
export interface DuplicateCandidatesTable {
  id: string;
  personId: string;
  otherId: string;
  /** The name matcher's score, in thousandths. */
  score: number;
  decision: string;
  reason: string;
  /** `scan` or `registration` (queued when a registration went ahead). */
  source: string;
  foundAt: string;
}

export interface UsersTable {
  id: string;
  /** Lower case; unique. */
  username: string;
  displayName: string;
  role: string;
  /** JSON: "all" or an array of facility ids. */
  facilities: string;
  passwordHash: string;
  /** 1 when the password was set by someone else and must be changed at the next sign-in. */
  mustChangePassword: number;
  passwordChangedAt: string;
  disabledAt: string | null;
  createdAt: string;
}

export interface SessionsTable {
  /** SHA-256 of the session cookie's value: the value itself is never stored. */
  idHash: string;
  userId: string;
  csrfToken: string;
  address: string;
  createdAt: string;
  lastSeenAt: string;
  expiresAt: string;
}

export interface ApiTokensTable {
  id: string;
  tokenHash: string;
  userId: string;
  name: string;
  scope: string;
  createdAt: string;
  expiresAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

export interface AuditLogTable {
  position: number;
  id: string;
  at: string;
  userId: string | null;
  username: string;
  role: string | null;
  action: string;
  target: string | null;
  /** JSON. */
  details: string;
  address: string | null;
  result: string;
  prevHash: string;
  hash: string;
}

export { projectionTables };
