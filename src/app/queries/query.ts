// What a query is (a validating schema and a read), and cursor pagination shared by every list.
import { z } from 'zod';
import { invalidInput } from '../../domain/errors.ts';
import type { Db } from '../../store/store.ts';

export interface QueryContext {
  db: Db;
  now: string;
}

export interface Query<S extends z.ZodType = z.ZodType, R = unknown> {
  summary: string;
  input: S;
  run(ctx: QueryContext, input: z.output<S>): Promise<R>;
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
