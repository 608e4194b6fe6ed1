// Two homes for the projections: the database (inside a command's transaction) and memory (verify).
import {
  type ProjectionRows,
  type ProjectionTable,
  type ProjectionView,
  projectionTables,
} from '../domain/projection.ts';
import {
  columnOf,
  type Db,
  type Dialect,
  insertRows,
  listParameter,
  placeholder,
  propertyOf,
  quoted,
  runSql,
  selectWhereIn,
  settleAll,
} from './store.ts';

type AnyRow = Record<string, unknown> & { id: string };

/** Serialises a row's JSON columns to text, as the database holds them. */
export function toStored(table: ProjectionTable, row: object): AnyRow {
  const stored = { ...row } as AnyRow;
  for (const column of projectionTables[table] as readonly string[])
    stored[column] = JSON.stringify(stored[column]);
  return stored;
}

export function fromStored<T extends ProjectionTable>(table: T, stored: object): ProjectionRows[T] {
  const row = { ...stored } as AnyRow;
  for (const column of projectionTables[table] as readonly string[])
    row[column] = JSON.parse(row[column] as string);
  return row as unknown as ProjectionRows[T];
}

const jsonColumnSets = new Map<ProjectionTable, ReadonlySet<string>>();
const jsonColumns = (table: ProjectionTable): ReadonlySet<string> =>
  getOrCreate(jsonColumnSets, table, () => new Set<string>(projectionTables[table]));

/** A projection row as the database returns it (snake_case columns, JSON as text) made a row again. */
export function fromDatabase<T extends ProjectionTable>(
  table: T,
  stored: Record<string, unknown>,
): ProjectionRows[T] {
  const row: Record<string, unknown> = {};
  for (const column in stored) row[propertyOf(column)] = stored[column];
  for (const column of projectionTables[table] as readonly string[])
    row[column] = JSON.parse(row[column] as string);
  return row as unknown as ProjectionRows[T];
}

const selectSqlCache = new Map<string, string>();
function selectSql(dialect: Dialect, table: ProjectionTable, column: string, many: boolean): string {
  const key = `${dialect}|${table}|${column}|${many}`;
  let sql = selectSqlCache.get(key);
  if (sql === undefined) {
    sql = many
      ? selectWhereIn(dialect, table, column)
      : `select * from ${quoted(columnOf(table))} where ${quoted(columnOf(column))} = ${placeholder(dialect, 1)}`;
    selectSqlCache.set(key, sql);
  }
  return sql;
}

const settled: Promise<void> = Promise.resolve();

/**
 * What commands and the reducer have read so far in this process, by id (tables) and by a column
 * whose values are ids (lists): `prefetch()` reads ahead only these.
 */
const readTables = new Set<ProjectionTable>();
const listedColumns = new Map<string, { table: ProjectionTable; column: string }>();
const looksLikeId = (value: string) =>
  value.length === 36 && value[8] === '-' && value[13] === '-' && value[23] === '-';

/**
 * Projection rows read and written through a transaction, with a write-behind cache: a row read or
 * written once is served from memory for the rest of the transaction, and written rows are kept
 * until `flush()`, which upserts them with one multi-row statement per table. The ledger writer
 * flushes before the transaction commits; a failure before that rolls everything back, so nothing
 * is half-written. `list()` sees the rows written earlier in the same transaction.
 *
 * Anything else that reads projection tables with SQL inside the same transaction must call
 * `flush()` first. The cache is only valid because writers of the projections are serialised: each
 * one holds the chain head's lock (PostgreSQL) or the database's write lock (SQLite).
 */
export class DatabaseView implements ProjectionView {
  /** Rows by table and id; null where the database has no such row. */
  private readonly rows = new Map<ProjectionTable, Map<string, AnyRow | null>>();
  private readonly dirty = new Map<ProjectionTable, Map<string, AnyRow>>();
  /** By table, then column: value -> the ids of every row with that value, database and writes since. */
  private readonly lists = new Map<ProjectionTable, Map<string, Map<unknown, Set<string>>>>();
  private puts = 0;

  constructor(
    private readonly db: Db,
    private readonly dialect: Dialect,
  ) {}

  // get() and put() are not `async`: served from memory, they cost no more than one settled promise.
  get<T extends ProjectionTable>(table: T, id: string): Promise<ProjectionRows[T] | undefined> {
    const row = this.table(table).get(id);
    if (row === undefined) return this.read(table, id);
    return Promise.resolve((row ?? undefined) as ProjectionRows[T] | undefined);
  }

  private async read<T extends ProjectionTable>(
    table: T,
    id: string,
  ): Promise<ProjectionRows[T] | undefined> {
    readTables.add(table);
    const [stored] = await runSql(this.db, selectSql(this.dialect, table, 'id', false), [id]);
    // A row put meanwhile (by a caller that did not wait) is newer than the one read.
    const rows = this.table(table);
    let row = rows.get(id);
    if (row === undefined) {
      row = stored === undefined ? null : (fromDatabase(table, stored) as unknown as AnyRow);
      rows.set(id, row);
    }
    return (row ?? undefined) as ProjectionRows[T] | undefined;
  }

  put<T extends ProjectionTable>(table: T, row: ProjectionRows[T]): Promise<void> {
    this.write(table, row as unknown as AnyRow);
    return settled;
  }

  private write(table: ProjectionTable, next: AnyRow): void {
    const rows = this.table(table);
    const previous = rows.get(next.id);
    rows.set(next.id, next);
    let dirty = this.dirty.get(table);
    if (dirty === undefined) {
      dirty = new Map();
      this.dirty.set(table, dirty);
    }
    dirty.set(next.id, next);
    this.puts++;
    const indexes = this.lists.get(table);
    if (indexes === undefined) return;
    for (const [column, index] of indexes) {
      // A row that is listed was loaded with its list, so `previous` is known for every listed row.
      if (previous) index.get(previous[column])?.delete(next.id);
      index.get(next[column])?.add(next.id);
    }
  }

  async list<T extends ProjectionTable>(
    table: T,
    column: keyof ProjectionRows[T] & string,
    value: string,
  ): Promise<ProjectionRows[T][]> {
    if (looksLikeId(value)) listedColumns.set(`${table}.${column}`, { table, column });
    let ids = this.lists.get(table)?.get(column)?.get(value);
    if (ids === undefined) {
      await this.loadLists(table, column, [value]);
      ids = this.lists.get(table)!.get(column)!.get(value)!;
    }
    const rows = this.table(table);
    return [...ids].map((id) => rows.get(id) as unknown as ProjectionRows[T]);
  }

  /**
   * Loads, in a few statements, the rows with any of these ids from every projection table read by id
   * so far, and the lists by these values of every column listed by id so far: a batch of commands
   * then reads memory. Only an optimisation: whatever is not loaded is read when it is needed.
   */
  async prefetch(ids: Iterable<string>): Promise<void> {
    const unique = [...new Set(ids)];
    if (unique.length === 0) return;
    const byId = async (table: ProjectionTable, rows: Map<string, AnyRow | null>, missing: string[]) => {
      const found = await runSql(this.db, selectSql(this.dialect, table, 'id', true), [
        listParameter(this.dialect, missing),
      ]);
      for (const id of missing) rows.set(id, null);
      for (const stored of found)
        rows.set(stored.id as string, fromDatabase(table, stored) as unknown as AnyRow);
    };
    // Sent together: the server answers one after the other without waiting for this process.
    const reads: Promise<void>[] = [];
    for (const table of readTables) {
      const rows = this.table(table);
      const missing = unique.filter((id) => !rows.has(id));
      if (missing.length > 0) reads.push(byId(table, rows, missing));
    }
    for (const { table, column } of listedColumns.values()) reads.push(this.loadLists(table, column, unique));
    await settleAll(reads);
  }

  /**
   * Writes every row put since the last flush, one multi-row upsert per table. The statements are
   * sent together, so that PostgreSQL goes from one to the next without waiting for this process.
   */
  async flush(): Promise<void> {
    this.puts = 0;
    const writes: Promise<void>[] = [];
    for (const [table, rows] of this.dirty) {
      if (rows.size === 0) continue;
      // Taken out before the statement runs: a row put meanwhile waits for the next flush.
      const written = [...rows.values()];
      rows.clear();
      writes.push(
        insertRows(this.db, this.dialect, table, written, { upsertKey: 'id', json: jsonColumns(table) }),
      );
    }
    await settleAll(writes);
  }

  /** How many rows wait for `flush()`, about (a row put twice counts twice). */
  get pending(): number {
    return this.puts;
  }

  private table(name: ProjectionTable): Map<string, AnyRow | null> {
    let rows = this.rows.get(name);
    if (rows === undefined) {
      rows = new Map();
      this.rows.set(name, rows);
    }
    return rows;
  }

  /** Makes the lists of `table` by `column` complete for these values: the database's rows as changed since, and rows written since. */
  private async loadLists(table: ProjectionTable, column: string, values: readonly unknown[]): Promise<void> {
    const index = getOrCreate(
      getOrCreate(this.lists, table, () => new Map()),
      column,
      () => new Map(),
    );
    const wanted = [...new Set(values)].filter((v) => !index.has(v));
    if (wanted.length === 0) return;
    const found =
      wanted.length === 1
        ? await runSql(this.db, selectSql(this.dialect, table, column, false), wanted)
        : await runSql(this.db, selectSql(this.dialect, table, column, true), [
            listParameter(this.dialect, wanted as string[]),
          ]);
    for (const v of wanted) index.set(v, new Set());
    const rows = this.table(table);
    for (const stored of found) {
      const id = stored.id as string;
      let row = rows.get(id);
      if (row === undefined || row === null) {
        row = fromDatabase(table, stored) as unknown as AnyRow;
        rows.set(id, row);
      }
      // The row as it is now in this transaction decides which list it is on.
      index.get(row[column])?.add(id);
    }
    for (const row of this.dirty.get(table)?.values() ?? []) index.get(row[column])?.add(row.id);
  }
}

/** Projection rows in memory, indexed on demand by any column that is listed. */
export class MemoryView implements ProjectionView {
  readonly tables = new Map<ProjectionTable, Map<string, AnyRow>>();
  /** By table, then column: value -> ids. */
  private readonly indexes = new Map<ProjectionTable, Map<string, Map<unknown, Set<string>>>>();

  private table(name: ProjectionTable): Map<string, AnyRow> {
    let rows = this.tables.get(name);
    if (rows === undefined) {
      rows = new Map();
      this.tables.set(name, rows);
    }
    return rows;
  }

  async get<T extends ProjectionTable>(table: T, id: string): Promise<ProjectionRows[T] | undefined> {
    return this.table(table).get(id) as ProjectionRows[T] | undefined;
  }

  async put<T extends ProjectionTable>(table: T, row: ProjectionRows[T]): Promise<void> {
    const next = row as unknown as AnyRow;
    const rows = this.table(table);
    const previous = rows.get(next.id);
    rows.set(next.id, next);
    const indexes = this.indexes.get(table);
    if (indexes === undefined) return;
    for (const [column, index] of indexes) {
      if (previous !== undefined) index.get(previous[column])?.delete(next.id);
      addTo(index, next[column], next.id);
    }
  }

  async list<T extends ProjectionTable>(
    table: T,
    column: string,
    value: string,
  ): Promise<ProjectionRows[T][]> {
    const indexes = getOrCreate(this.indexes, table, () => new Map());
    let index = indexes.get(column);
    if (index === undefined) {
      index = new Map();
      for (const row of this.table(table).values()) addTo(index, row[column], row.id);
      indexes.set(column, index);
    }
    const rows = this.table(table);
    return [...(index.get(value) ?? [])].map((id) => rows.get(id) as unknown as ProjectionRows[T]);
  }
}

function addTo(index: Map<unknown, Set<string>>, value: unknown, id: string): void {
  getOrCreate(index, value, () => new Set()).add(id);
}

function getOrCreate<K, V>(map: Map<K, V>, key: K, create: () => V): V {
  let value = map.get(key);
  if (value === undefined) {
    value = create();
    map.set(key, value);
  }
  return value;
}
