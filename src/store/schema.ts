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
  notifications: Stored<'notifications'>;
}

export { projectionTables };
