// Opens the database (an SQLite file or a PostgreSQL URL) and brings its schema up to date.
import { chmodSync, existsSync, mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import SQLite from 'better-sqlite3';
import {
  CamelCasePlugin,
  CompiledQuery,
  Kysely,
  type KyselyPlugin,
  type Migration,
  Migrator,
  type PluginTransformQueryArgs,
  type PluginTransformResultArgs,
  PostgresDialect,
  type QueryResult,
  type RootOperationNode,
  type SqliteDatabase,
  SqliteDialect,
  type SqliteStatement,
  type Transaction,
  type UnknownRow,
} from 'kysely';
import pg from 'pg';
import * as ledgerAndRegistry from './migrations/2026-11-22T2100-ledger-and-registry.ts';
import * as accessControl from './migrations/2026-11-23T1400-access-control.ts';
import * as idCards from './migrations/2026-11-23T1600-id-cards.ts';
import * as headcounts from './migrations/2026-11-23T1700-headcounts.ts';
import * as incidents from './migrations/2026-11-23T1900-incidents.ts';
import * as cases from './migrations/2026-11-23T2000-cases.ts';
import * as duplicates from './migrations/2026-11-24T1000-duplicates.ts';
import type { Database } from './schema.ts';

export type Dialect = 'sqlite' | 'postgres';
export type Db = Kysely<Database> | Transaction<Database>;

export interface Store {
  db: Kysely<Database>;
  dialect: Dialect;
  /** The SQLite file's absolute path, or the PostgreSQL URL without its password. */
  location: string;
  close(): Promise<void>;
}

const migrations: Record<string, Migration> = {
  '2026-11-22T2100-ledger-and-registry': ledgerAndRegistry,
  '2026-11-23T1400-access-control': accessControl,
  '2026-11-23T1700-headcounts': headcounts,
  '2026-11-23T1600-id-cards': idCards,
  '2026-11-23T1900-incidents': incidents,
  '2026-11-23T2000-cases': cases,
  '2026-11-24T1000-duplicates': duplicates,
};

const dialects = new WeakMap<Kysely<Database>, Dialect>();
/** The dialect of a database opened by `openStore`. */
export const dialectOf = (db: Kysely<Database>): Dialect | undefined => dialects.get(db);

export const isPostgresUrl = (db: string): boolean => /^postgres(ql)?:\/\//.test(db);

export async function openStore(db: string): Promise<Store> {
  const store = isPostgresUrl(db) ? openPostgres(db) : openSqlite(db);
  const { error, results } = await new Migrator({
    db: store.db,
    provider: { getMigrations: async () => migrations },
  }).migrateToLatest();
  typesByTable.clear();
  if (error) {
    await store.close();
    const failed = results?.find((r) => r.status === 'Error')?.migrationName ?? 'unknown';
    throw new Error(`Migration ${failed} failed on ${store.location}: ${(error as Error).message}`);
  }
  return store;
}

function openSqlite(file: string): Store {
  const path = resolve(file);
  // The file holds every person's record: readable by the account that runs Custodian only.
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  const created = !existsSync(path);
  const database = new SQLite(path);
  if (created) chmodSync(path, 0o600);
  // 8 KiB pages (for new databases): fewer, fuller pages to write at each commit than with 4 KiB.
  database.pragma('page_size = 8192');
  database.pragma('journal_mode = WAL');
  // FULL: a command is on disk when it returns, even if the laptop loses power right after.
  database.pragma('synchronous = FULL');
  database.pragma('busy_timeout = 10000');
  // 64 MiB of page cache instead of 2: the indexes of a ledger of millions of events stay in memory.
  database.pragma('cache_size = -65536');
  const statements = withStatementCache(database);
  const db = new Kysely<Database>({
    dialect: new SqliteDialect({ database: statements }),
    plugins: [new CamelCasePlugin(), new SqliteStatements(statements)],
  });
  dialects.set(db, 'sqlite');
  return { db, dialect: 'sqlite', location: path, close: () => db.destroy() };
}

// int8 (count(*), sums) arrives as a string by default; the counts here fit a JS number.
pg.types.setTypeParser(pg.types.builtins.INT8, (value: string) => Number(value));

function openPostgres(url: string): Store {
  const pool = new pg.Pool({ connectionString: url, max: 10 });
  // A connection the server closes while it sits idle in the pool (a restart, an administrator) is
  // dropped by the pool and the next query opens another: it must not bring the process down.
  pool.on('error', () => {});
  const db = new Kysely<Database>({
    dialect: new PostgresDialect({ pool }),
    plugins: [new CamelCasePlugin()],
  });
  const location = url.replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:***@');
  dialects.set(db, 'postgres');
  return { db, dialect: 'postgres', location, close: () => db.destroy() };
}

/**
 * The SQLite connection's prepared statements, carried by the Kysely instance and every transaction
 * made from it (plugins are): `insertRows` runs one prepared single-row statement per row with them,
 * which SQLite executes faster than one statement of many rows, and without a query per row through
 * Kysely. It changes no query.
 */
class SqliteStatements implements KyselyPlugin {
  constructor(readonly database: SqliteDatabase) {}
  transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
    return args.node;
  }
  async transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    return args.result;
  }
}

/**
 * Kysely prepares every query anew; better-sqlite3 statements can be reused. Keeps the most recently
 * used statements by their SQL text (a statement still being iterated is not handed out twice).
 */
function withStatementCache(database: SQLite.Database, size = 500): SqliteDatabase {
  const cache = new Map<string, SQLite.Statement>();
  return {
    close: () => database.close(),
    prepare(sql: string): SqliteStatement {
      const cached = cache.get(sql);
      if (cached !== undefined && !cached.busy) {
        cache.delete(sql);
        cache.set(sql, cached);
        return cached as unknown as SqliteStatement;
      }
      const statement = database.prepare(sql);
      if (cached === undefined) {
        cache.set(sql, statement);
        if (cache.size > size) cache.delete(cache.keys().next().value!);
      }
      return statement as unknown as SqliteStatement;
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Hand-written SQL for the hot paths (the ledger writer, the projection views, verify): the same text
// for every call, so SQLite reuses its prepared statement, and no query builder runs per row.

/** The names exactly as the store's CamelCasePlugin maps them (its mappers are memoised). */
class Naming extends CamelCasePlugin {
  column = (property: string): string => this.snakeCase(property);
  property = (column: string): string => this.camelCase(column);
}
const naming = new Naming();
/** The SQL name of a property: `originSeq` -> `origin_seq`. */
export const columnOf = naming.column;
/** The property name of an SQL column: `origin_seq` -> `originSeq`. */
export const propertyOf = naming.property;
export const quoted = (name: string): string => `"${name.replaceAll('"', '""')}"`;

/** Runs SQL text with its parameters (`?` on SQLite, `$1...` on PostgreSQL) in `db`'s connection. */
export async function runSql<R = Record<string, unknown>>(
  db: Db,
  sql: string,
  parameters: readonly unknown[],
): Promise<R[]> {
  // Rows come back as the SQL names them: no plugin maps them (callers map or alias columns).
  let raw = withoutPlugins.get(db);
  if (raw === undefined) {
    raw = db.withoutPlugins();
    withoutPlugins.set(db, raw);
  }
  const result = await raw.executeQuery<R>(CompiledQuery.raw(sql, parameters as unknown[]));
  return result.rows as R[];
}
const withoutPlugins = new WeakMap<Db, Db>();

/** The placeholder of the n-th parameter (from 1). */
export const placeholder = (dialect: Dialect, n: number): string => (dialect === 'postgres' ? `$${n}` : '?');

/**
 * Every row of `table` whose `column` is one of a list of distinct text values, given as ONE parameter
 * so that the SQL text does not depend on how many there are: `= any($n)` on PostgreSQL, `json_each`
 * on SQLite. For the primary key `id`, PostgreSQL probes the index once per value: a LATERAL subquery
 * with LIMIT cannot be turned into a join, and so cannot be planned as a scan of the whole table,
 * which the planner prefers for `id = any($1)` while it believes a table small (statistics trail a
 * ledger's growing tables) and which then compares every row with every value.
 */
export function selectWhereIn(dialect: Dialect, table: string, column: string): string {
  const [from, col] = [quoted(columnOf(table)), quoted(columnOf(column))];
  if (dialect === 'sqlite') return `select * from ${from} where ${col} in (select value from json_each(?))`;
  return column === 'id'
    ? `select t.* from unnest($1::text[]) as v(id), lateral (select * from ${from} where ${from}.id = v.id limit 1) as t`
    : `select * from ${from} where ${col} = any($1::text[])`;
}
export const listParameter = (dialect: Dialect, values: readonly string[]): unknown =>
  dialect === 'postgres' ? values : JSON.stringify(values);

/**
 * Waits for statements sent together on one connection, and throws the failure that made the others
 * fail, if any: after a failed statement PostgreSQL refuses every later one of the transaction with
 * SQLSTATE 25P02, which would not say why.
 */
export async function settleAll(statements: readonly Promise<unknown>[]): Promise<void> {
  const failures = (await Promise.allSettled(statements)).flatMap((s) =>
    s.status === 'rejected' ? [s.reason as unknown] : [],
  );
  if (failures.length === 0) return;
  throw failures.find((error) => (error as { code?: unknown }).code !== '25P02') ?? failures[0];
}

/** PostgreSQL: rows per statement (one JSON parameter). */
const MAX_ROWS_PER_STATEMENT = 10_000;

export interface InsertOptions {
  /** Upsert on this key: a row whose key exists replaces the stored columns it names. */
  upsertKey?: string;
  /** Properties whose values are stored as JSON text. */
  json?: ReadonlySet<string>;
}

interface Shape {
  properties: string[];
  names: Set<string>;
  rows: Record<string, unknown>[];
}

/**
 * Inserts rows. On SQLite, one prepared single-row statement per shape of row, run for each row on the
 * transaction's connection (a `db` that is not a transaction gets one of its own, so that the rows go
 * in together or not at all). On PostgreSQL, `INSERT ... SELECT ... FROM json_to_recordset($1)` with
 * the rows as one JSON parameter (one short statement text whatever the number of rows, and no
 * per-value escaping in the client). With `upsertKey` it is INSERT ... ON CONFLICT (key) DO UPDATE.
 * Columns are the rows' properties whose value is not undefined, as Kysely's `values()` takes them;
 * rows that name different columns go in different statements. A row must not appear twice in one call.
 */
export async function insertRows(
  db: Db,
  dialect: Dialect,
  table: string,
  rows: Iterable<object>,
  options: InsertOptions = {},
): Promise<void> {
  if (dialect === 'sqlite') {
    if (!db.isTransaction) {
      return db.transaction().execute((trx) => insertRows(trx, dialect, table, rows, options));
    }
    return insertSqlite(sqliteStatementsOf(db), table, rows, options);
  }
  const shapes: Shape[] = [];
  let last: Shape | undefined;
  for (const row of rows as Iterable<Record<string, unknown>>) {
    const shape = shapeOf(row, shapes, last);
    shape.rows.push(row);
    last = shape;
  }
  const types = await columnTypes(db, table);
  const json = options.json;
  for (const { properties, rows: group } of shapes) {
    for (let start = 0; start < group.length; start += MAX_ROWS_PER_STATEMENT) {
      let chunk = group.slice(start, start + MAX_ROWS_PER_STATEMENT);
      if (json !== undefined && properties.some((p) => json.has(p))) {
        chunk = chunk.map((row) => {
          const copy = { ...row };
          for (const p of json) if (copy[p] !== undefined) copy[p] = JSON.stringify(copy[p]);
          return copy;
        });
      }
      await runSql(db, recordsetSql(table, properties, types, options.upsertKey), [JSON.stringify(chunk)]);
    }
  }
}

/** The shape `row` has among `shapes` (tried `last` first), added to them if it is new. */
function shapeOf(row: Record<string, unknown>, shapes: Shape[], last: Shape | undefined): Shape {
  let shape = last !== undefined && hasShape(row, last) ? last : shapes.find((s) => hasShape(row, s));
  if (shape === undefined) {
    const properties = Object.keys(row).filter((k) => row[k] !== undefined);
    shape = { properties, names: new Set(properties), rows: [] };
    shapes.push(shape);
  }
  return shape;
}

interface SqliteShape extends Shape {
  statement: SqliteStatement;
  json: boolean[];
  /** The parameters of one row, refilled for each (better-sqlite3 binds them when the statement runs). */
  parameters: unknown[];
}

const sqliteStatements = new WeakMap<Db, SqliteDatabase>();
function sqliteStatementsOf(db: Db): SqliteDatabase {
  let statements = sqliteStatements.get(db);
  if (statements === undefined) {
    const plugin = db.getExecutor().plugins.find((p) => p instanceof SqliteStatements);
    if (plugin === undefined) throw new Error('this database was not opened by openStore');
    statements = plugin.database;
    sqliteStatements.set(db, statements);
  }
  return statements;
}

function insertSqlite(
  statements: SqliteDatabase,
  table: string,
  rows: Iterable<object>,
  options: InsertOptions,
): void {
  const shapes: SqliteShape[] = [];
  let last: SqliteShape | undefined;
  for (const row of rows as Iterable<Record<string, unknown>>) {
    let shape = last;
    if (shape === undefined || !hasShape(row, shape)) {
      const known = shapeOf(row, shapes, undefined) as SqliteShape;
      if (known.statement === undefined) {
        known.statement = statements.prepare(valuesSql(table, known.properties, options.upsertKey));
        known.json = known.properties.map((p) => options.json?.has(p) === true);
        known.parameters = new Array(known.properties.length);
      }
      shape = known;
      last = shape;
    }
    const { properties, json, parameters } = shape;
    for (let c = 0; c < properties.length; c++) {
      const value = row[properties[c]!];
      parameters[c] = json[c] ? JSON.stringify(value) : value;
    }
    shape.statement.run(parameters);
  }
}

/** Whether a row names exactly the shape's properties (ignoring undefined values), without allocating. */
function hasShape(row: Record<string, unknown>, shape: Shape): boolean {
  let n = 0;
  for (const key in row) {
    if (row[key] === undefined) continue;
    if (!shape.names.has(key)) return false;
    n++;
  }
  return n === shape.properties.length;
}

function conflictClause(columns: readonly string[], upsertKey: string | undefined): string {
  if (upsertKey === undefined) return '';
  const key = quoted(columnOf(upsertKey));
  const updates = columns.filter((c) => c !== key).map((c) => `${c} = excluded.${c}`);
  return updates.length > 0
    ? ` on conflict (${key}) do update set ${updates.join(', ')}`
    : ` on conflict (${key}) do nothing`;
}

const sqlCache = new Map<string, string>();
function cachedSql(key: string, build: () => string): string {
  let sql = sqlCache.get(key);
  if (sql === undefined) {
    sql = build();
    // Keep the cache from growing without bound.
    if (sqlCache.size > 2000) sqlCache.clear();
    sqlCache.set(key, sql);
  }
  return sql;
}

function valuesSql(table: string, properties: readonly string[], upsertKey?: string): string {
  return cachedSql(`values|${table}|${properties.join(',')}|${upsertKey ?? ''}`, () => {
    const columns = properties.map((p) => quoted(columnOf(p)));
    return (
      `insert into ${quoted(columnOf(table))} (${columns.join(', ')}) ` +
      `values (${columns.map(() => '?').join(', ')})${conflictClause(columns, upsertKey)}`
    );
  });
}

/** PostgreSQL: the rows arrive as one JSON array of objects keyed by property, typed by the table's columns. */
function recordsetSql(
  table: string,
  properties: readonly string[],
  types: ReadonlyMap<string, string>,
  upsertKey?: string,
): string {
  return cachedSql(`recordset|${table}|${properties.join(',')}|${upsertKey ?? ''}`, () => {
    const definitions = properties.map((p) => {
      const type = types.get(columnOf(p));
      if (type === undefined) throw new Error(`table ${columnOf(table)} has no column ${columnOf(p)}`);
      return `${quoted(p)} ${type}`;
    });
    const names = properties.map((p) => quoted(columnOf(p)));
    return (
      `insert into ${quoted(columnOf(table))} (${names.join(', ')}) ` +
      `select ${properties.map(quoted).join(', ')} from json_to_recordset($1::json) as r(${definitions.join(', ')})` +
      conflictClause(names, upsertKey)
    );
  });
}

/**
 * PostgreSQL column types by table: the schema is the migrations', the same in every database at the
 * same version; `openStore` forgets them after migrating.
 */
const typesByTable = new Map<string, Promise<Map<string, string>>>();
function columnTypes(db: Db, table: string): Promise<Map<string, string>> {
  let types = typesByTable.get(table);
  if (types === undefined) {
    types = runSql<{ column_name: string; data_type: string }>(
      db,
      'select column_name, data_type from information_schema.columns where table_schema = current_schema() and table_name = $1',
      [columnOf(table)],
    ).then((rows) => new Map(rows.map((r) => [r.column_name, r.data_type])));
    typesByTable.set(table, types);
    types.catch(() => typesByTable.delete(table));
  }
  return types;
}
