// What a query is (a validating schema and a read), and cursor pagination shared by every list.
import { z } from 'zod';
import { SMALL_CELL } from '../../auth/policy.ts';
import { invalidInput } from '../../domain/errors.ts';
import type { Db, Dialect } from '../../store/store.ts';
import type { Access } from '../access.ts';
import type { DuplicateScanner } from '../duplicates.ts';
import type { Headcounts } from '../headcounts.ts';
import type { NameSearch } from '../name-search.ts';

export interface QueryContext {
  db: Db;
  dialect: Dialect;
  now: string;
  /** What the caller may see: queries filter by its facilities and present through its field classes. */
  access: Access;
  /** The registry's name index, for searches by name. */
  names: NameSearch;
  /** The open headcounts' memory. */
  headcounts: Headcounts;
  /** The duplicate scanner, for the progress of a scan under way. */
  duplicates: DuplicateScanner;
}

export interface Query<S extends z.ZodType = z.ZodType, R = unknown> {
  summary: string;
  input: S;
  run(ctx: QueryContext, input: z.output<S>): Promise<R>;
  /** For audited reads: whom the answer was about, when the input does not name them by `personId`. */
  auditTarget?(input: z.output<S>, result: R): string | null;
}

export const defineQuery = <S extends z.ZodType, R>(query: Query<S, R>): Query<S, R> => query;

export const pageInput = {
  cursor: z.string().max(500).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
};

export interface Page<T> {
  items: T[];
  /** Pass as `cursor` for the next page; null on the last page. */
  nextCursor: string | null;
}

export function encodeCursor(key: string | number): string {
  return Buffer.from(JSON.stringify(key)).toString('base64url');
}

export function decodeCursor<K extends string | number>(
  cursor: string | undefined,
  kind: 'string' | 'number',
): K | undefined {
  if (cursor === undefined) return undefined;
  try {
    const key = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (typeof key === kind) return key as K;
  } catch {}
  throw invalidInput([{ field: 'cursor', message: 'is not a cursor this list gave out' }]);
}

/** Builds a page from `limit + 1` rows read after the cursor. */
export function toPage<R, T>(
  rows: R[],
  limit: number,
  keyOf: (row: R) => string | number,
  present: (row: R) => T,
): Page<T> {
  const more = rows.length > limit;
  const items = more ? rows.slice(0, limit) : rows;
  return {
    items: items.map(present),
    nextCursor: more ? encodeCursor(keyOf(items[items.length - 1]!)) : null,
  };
}

/** Ids for an SQL `in`: never empty (an empty list is not valid SQL). */
export const inList = (ids: ReadonlySet<string>): string[] => [...ids, ''];

/** A count as a role that does not read individual people sees it (`suppressed`: hidden so that a total does not reveal a `<5`). */
export type Count = number | '<5' | 'suppressed';

/**
 * Counts of one table (cells that add up to a shown total) as `access` may see them: for roles that do
 * not read individual people, cells of 1-4 become `<5`, and where that hides one cell only, the next
 * smallest becomes `suppressed`, so that the total does not give the hidden one away.
 */
export function suppress(counts: readonly number[], access: Access): Count[] {
  if (access.readsPersons) return [...counts];
  const small = (n: number) => n > 0 && n < SMALL_CELL;
  const hidden = counts.flatMap((n, i) => (small(n) ? [i] : []));
  const next =
    hidden.length === 1
      ? counts
          .map((n, i) => [n, i] as const)
          .filter(([n, i]) => n > 0 && i !== hidden[0])
          .sort((a, b) => a[0] - b[0])[0]?.[1]
      : undefined;
  return counts.map((n, i) => (small(n) ? '<5' : i === next ? 'suppressed' : n));
}

/** One count on its own (a total): suppressed when small. */
export const suppressOne = (count: number, access: Access): Count => suppress([count, 0], access)[0]!;
