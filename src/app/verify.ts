// `verify`: re-hash every event, check every signed checkpoint, rebuild every projection and compare.
import { isDeepStrictEqual } from 'node:util';
import { type Kysely, sql } from 'kysely';
import type { DomainEvent } from '../domain/events.ts';
import { type ProjectionTable, project, projectionTables } from '../domain/projection.ts';
import { checkpointSignatureValid } from '../ledger/checkpoint.ts';
import { type ChainHead, checkLink, describeBreak, type StoredEvent } from '../ledger/event.ts';
import { MemoryView } from '../store/projection-views.ts';
import type { Database } from '../store/schema.ts';
import { columnOf, dialectOf, propertyOf, quoted } from '../store/store.ts';
import { verifyAuditLog } from './audit.ts';

/** Where verify spent its time, in milliseconds. */
export interface VerifyTimings {
  /** Reading the checkpoints and checking the signature of each. */
  signaturesMs: number;
  /** Step 1 in all: reading every event, checking the chain, replaying the projections. */
  replayMs: number;
  /** ... of which waiting for pages of events from the database. */
  readMs: number;
  /** ... of which re-hashing every event and checking its link (the hash chain alone). */
  chainMs: number;
  /** ... of which parsing the payloads and applying the events to the projections in memory. */
  projectMs: number;
  /** Step 2: checkpoints against the chains, and the stored chain heads. */
  checkpointsMs: number;
  /** Step 3: reading every projection row and comparing it with the rebuilt one. */
  compareMs: number;
  /** Step 4: re-hashing the audit log. */
  auditMs: number;
  totalMs: number;
}

export interface VerifyReport {
  ok: boolean;
  events: number;
  chains: ChainHead[];
  checkpoints: number;
  projectionRows: number;
  auditEntries: number;
  /** What is wrong, the first finding first; each names the event or row and how it differs. */
  problems: string[];
  timings: VerifyTimings;
}

/** Small pages keep the young generation small: the rows of a page are live while it is checked. */
const PAGE = 2_000;
const MAX_PROBLEMS = 50;

type Row = Record<string, unknown>;

/** One page of events after a position; the columns are named as the event's properties. */
function eventsAfter(raw: Kysely<Database>, after: number): Promise<StoredEvent[]> {
  return sql<StoredEvent>`select position, id, origin, origin_seq as "originSeq", type, subject, payload, actor,
      occurred_at as "occurredAt", recorded_at as "recordedAt", prev_hash as "prevHash", hash
    from events where position > ${after} order by position limit ${PAGE}`
    .execute(raw)
    .then((r) => r.rows);
}

/** One page of a projection table's rows after an id, as stored (snake_case columns, JSON as text). */
function rowsAfter(raw: Kysely<Database>, table: ProjectionTable, after: string): Promise<Row[]> {
  return sql<Row>`select * from ${sql.raw(quoted(columnOf(table)))} where id > ${after} order by id limit ${PAGE}`
    .execute(raw)
    .then((r) => r.rows);
}

/** A page read ahead fails when it is awaited, not before as an unhandled rejection. */
function readingAhead<T>(page: Promise<T>): Promise<T> {
  page.catch(() => undefined);
  return page;
}

export async function verifyLedger(db: Kysely<Database>): Promise<VerifyReport> {
  const started = performance.now();
  const timings: VerifyTimings = {
    signaturesMs: 0,
    replayMs: 0,
    readMs: 0,
    chainMs: 0,
    projectMs: 0,
    checkpointsMs: 0,
    compareMs: 0,
    auditMs: 0,
    totalMs: 0,
  };
  // Hot reads go without the camelCase plugin: the SQL names its columns, or rows are mapped here.
  const raw = db.withoutPlugins();
  const problems: string[] = [];
  const report = (problem: string) => {
    if (problems.length < MAX_PROBLEMS) problems.push(problem);
  };

  let t = performance.now();
  const nodes = new Map((await db.selectFrom('nodes').selectAll().execute()).map((n) => [n.origin, n]));
  const checkpoints = await db
    .selectFrom('checkpoints')
    .selectAll()
    .orderBy('origin')
    .orderBy('originSeq')
    .execute();
  /** By origin: sequence number -> the hash its checkpoint signs. */
  const signedHashes = new Map<string, Map<number, string>>();
  for (const c of checkpoints) {
    const node = nodes.get(c.origin);
    if (node === undefined)
      report(`checkpoint ${c.origin}#${c.originSeq}: no public key is known for node ${c.origin}`);
    else if (!checkpointSignatureValid(c, node.publicKey)) {
      report(
        `checkpoint ${c.origin}#${c.originSeq}: the signature does not verify with node ${c.origin}'s public key`,
      );
    }
    let signed = signedHashes.get(c.origin);
    if (signed === undefined) {
      signed = new Map();
      signedHashes.set(c.origin, signed);
    }
    signed.set(c.originSeq, c.headHash);
  }
  timings.signaturesMs = performance.now() - t;

  // 1. Every event, in the order it was recorded: its chain link, its hash, and its effect on the projections.
  t = performance.now();
  /** Each origin's chain as far as it was read: its head, its signed hashes, and whether it broke. */
  interface Chain {
    head: ChainHead | undefined;
    signed: Map<number, string> | undefined;
    broken: boolean;
  }
  const chains = new Map<string, Chain>();
  let chain: Chain | undefined;
  const view = new MemoryView();
  let events = 0;
  let readMs = 0;
  const name = (e: StoredEvent) =>
    `event ${e.id} (${e.type}, node ${e.origin} #${e.originSeq}, position ${e.position})`;
  // On PostgreSQL the next page is read while this one is checked; SQLite reads in this thread anyway.
  const readAhead = dialectOf(db) !== 'sqlite';
  let next: Promise<StoredEvent[]> | undefined;
  let after = 0;
  for (;;) {
    const r = performance.now();
    const page = await (next ?? eventsAfter(raw, after));
    readMs += performance.now() - r;
    if (page.length === 0) break;
    after = page[page.length - 1]!.position;
    next = readAhead ? readingAhead(eventsAfter(raw, after)) : undefined;
    events += page.length;
    // The chain of the whole page first, then its projections; findings are merged by position.
    const found: { at: number; problem: string }[] = [];
    const c = performance.now();
    for (let i = 0; i < page.length; i++) {
      const e = page[i]!;
      if (chain === undefined || chain.head?.origin !== e.origin) {
        chain = chains.get(e.origin);
        if (chain === undefined) {
          chain = { head: undefined, signed: signedHashes.get(e.origin), broken: false };
          chains.set(e.origin, chain);
        }
      }
      if (!chain.broken) {
        const broken = checkLink(chain.head, e);
        if (broken !== null) {
          found.push({ at: i, problem: `${name(e)}: ${describeBreak(broken)}` });
          chain.broken = true;
        }
        const signed = chain.signed?.get(e.originSeq);
        if (signed !== undefined && signed !== e.hash) {
          found.push({
            at: i,
            problem: `${name(e)}: its hash ${e.hash} differs from the signed checkpoint's ${signed}: history was rewritten`,
          });
          chain.broken = true;
        }
      }
      if (chain.head === undefined) chain.head = { origin: e.origin, originSeq: e.originSeq, hash: e.hash };
      else {
        chain.head.originSeq = e.originSeq;
        chain.head.hash = e.hash;
      }
    }
    const p = performance.now();
    timings.chainMs += p - c;
    const chainFound = found.length;
    for (let i = 0; i < page.length; i++) {
      const e = page[i]!;
      try {
        const domainEvent = {
          id: e.id,
          type: e.type,
          subject: e.subject,
          payload: JSON.parse(e.payload),
          occurredAt: e.occurredAt,
          actor: e.actor,
          position: e.position,
        };
        await project(view, domainEvent as DomainEvent);
      } catch (error) {
        found.push({
          at: i,
          problem: `${name(e)}: cannot be applied to the projections: ${(error as Error).message}`,
        });
      }
    }
    timings.projectMs += performance.now() - p;
    if (found.length > chainFound) found.sort((a, b) => a.at - b.at);
    for (const f of found) report(f.problem);
  }
  timings.readMs = readMs;
  timings.replayMs = performance.now() - t;
  const heads = new Map<string, ChainHead>();
  for (const [origin, { head }] of chains) if (head !== undefined) heads.set(origin, head);

  // 2. Checkpoints past the end of a chain mean signed events were removed; stored heads must match.
  t = performance.now();
  for (const c of checkpoints) {
    const head = heads.get(c.origin);
    if ((head?.originSeq ?? 0) < c.originSeq) {
      report(
        `checkpoint ${c.origin}#${c.originSeq} signs an event the ledger no longer holds (the chain ends at #${head?.originSeq ?? 0}): events were removed`,
      );
    }
  }
  const storedHeads = await db.selectFrom('chainHeads').selectAll().execute();
  for (const stored of storedHeads) {
    const head = heads.get(stored.origin);
    if (head?.originSeq !== stored.originSeq || head.hash !== stored.hash) {
      report(
        `chain head of node ${stored.origin}: stored #${stored.originSeq} ${stored.hash}, but the events end at #${head?.originSeq ?? 0} ${head?.hash ?? '-'}`,
      );
    }
  }
  for (const origin of heads.keys()) {
    if (!storedHeads.some((h) => h.origin === origin)) report(`chain head of node ${origin} is missing`);
  }
  timings.checkpointsMs = performance.now() - t;

  // 3. Every projection row as stored against the row the events give.
  t = performance.now();
  let projectionRows = 0;
  for (const table of Object.keys(projectionTables) as ProjectionTable[]) {
    // Rows are taken out of the rebuilt table as they are found: what is left is missing.
    const expected = view.tables.get(table) ?? new Map<string, Row>();
    const jsonColumns = new Set<string>(projectionTables[table]);
    let nextRows: Promise<Row[]> | undefined;
    let lastId = '';
    for (;;) {
      const rows = await (nextRows ?? rowsAfter(raw, table, lastId));
      if (rows.length === 0) break;
      lastId = rows[rows.length - 1]!.id as string;
      nextRows = readAhead ? readingAhead(rowsAfter(raw, table, lastId)) : undefined;
      for (const stored of rows) {
        projectionRows++;
        const rowId = stored.id as string;
        const want = expected.get(rowId);
        if (want === undefined) {
          report(`projection ${table} row ${rowId}: stored, but no event creates it`);
          continue;
        }
        expected.delete(rowId);
        const difference = compareRow(stored, want, jsonColumns);
        if (difference === 'unparsable')
          report(`projection ${table} row ${rowId}: a JSON column does not parse`);
        else if (difference !== null) {
          report(
            `projection ${table} row ${rowId}: column ${difference.column} is ${JSON.stringify(difference.has)} in the database, ` +
              `but the ledger gives ${JSON.stringify(difference.should)}`,
          );
        }
      }
    }
    for (const rowId of expected.keys())
      report(`projection ${table} row ${rowId}: the ledger gives it, but it is missing from the database`);
  }
  timings.compareMs = performance.now() - t;

  // 4. The audit log's own chain.
  t = performance.now();
  const auditEntries = await verifyAuditLog(db, report);
  timings.auditMs = performance.now() - t;
  timings.totalMs = performance.now() - started;
  for (const key of Object.keys(timings) as (keyof VerifyTimings)[])
    timings[key] = Math.round(timings[key] * 10) / 10;

  return {
    ok: problems.length === 0,
    events,
    chains: [...heads.values()],
    checkpoints: checkpoints.length,
    projectionRows,
    auditEntries,
    problems,
    timings,
  };
}

/**
 * The first column in which a stored row (snake_case columns, JSON columns as text) differs from the
 * row the ledger gives, or null. A JSON column is equal when its text is that of the rebuilt value,
 * or else when it parses to a deeply equal value.
 */
function compareRow(
  stored: Row,
  want: Row,
  jsonColumns: ReadonlySet<string>,
): { column: string; has: unknown; should: unknown } | 'unparsable' | null {
  let parsed: Row | undefined;
  const asRow = (): Row | 'unparsable' => {
    if (parsed === undefined) {
      const row: Row = {};
      try {
        for (const column in stored) {
          const property = propertyOf(column);
          row[property] = jsonColumns.has(property) ? JSON.parse(stored[column] as string) : stored[column];
        }
      } catch {
        return 'unparsable';
      }
      parsed = row;
    }
    return parsed;
  };
  let matched = 0;
  for (const column in stored) {
    const property = propertyOf(column);
    if (property in want) matched++;
    const has = stored[column] ?? null;
    const should = want[property] ?? null;
    if (has === should) continue;
    if (jsonColumns.has(property) && typeof has === 'string' && has === JSON.stringify(should)) continue;
    const row = asRow();
    if (row === 'unparsable') return row;
    if (!isDeepStrictEqual(row[property] ?? null, should))
      return { column: property, has: row[property] ?? null, should };
  }
  // Columns the rebuilt row has and the stored one does not.
  if (matched < Object.keys(want).length) {
    const row = asRow();
    if (row === 'unparsable') return row;
    for (const property of Object.keys(want)) {
      if (!(property in row) && (want[property] ?? null) !== null)
        return { column: property, has: null, should: want[property] };
    }
  }
  return null;
}
