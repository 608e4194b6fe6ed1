// What a command is: a validating schema and a body that appends events through the ledger writer.
import { v7 as uuidv7 } from 'uuid';
import type { z } from 'zod';
import { type FieldError, invalidInput, unknownReference, unprocessable } from '../../domain/errors.ts';
import type { ProjectionRows, ProjectionTable } from '../../domain/projection.ts';
import type { Db, Dialect } from '../../store/store.ts';
import type { Access } from '../access.ts';
import type { Headcounts } from '../headcounts.ts';
import type { LedgerWriter } from '../ledger-writer.ts';
import type { NameSearch } from '../name-search.ts';

export interface CommandContext {
  writer: LedgerWriter;
  /** Who runs the command, and what they may see (a refusal may only show what they may see). */
  access: Access;
  /** The registry's name index, for the duplicate check of a registration (ready before the transaction). */
  names: NameSearch;
  db: Db;
  dialect: Dialect;
  /** Who acts (a username, as the ledger records it). */
  actor: string;
  /** The open headcounts' memory. */
  headcounts: Headcounts;
  /** The time the command runs, ISO 8601 UTC. */
  now: string;
  newId(): string;
  /** A row that must exist, or a refusal that names the field that referred to it. */
  require<T extends ProjectionTable>(
    table: T,
    id: string,
    field: string,
    what: string,
  ): Promise<ProjectionRows[T]>;
  /** `occurredAt` as given, or now; a time more than five minutes ahead of the clock is refused. */
  occurredAt(given: string | undefined, field?: string): string;
}

export interface Command<S extends z.ZodType = z.ZodType, R = unknown> {
  summary: string;
  input: S;
  /**
   * Concurrent calls may share one transaction (group commit, see `Custodian.execute`). Only for
   * commands that check everything before they append, so that a refusal writes nothing.
   */
  groupCommit?: true;
  run(ctx: CommandContext, input: z.output<S>): Promise<R>;
}

export const defineCommand = <S extends z.ZodType, R>(command: Command<S, R>): Command<S, R> => command;

/** A command's context: its transaction's writer, who runs it, and the app's in-memory indexes. */
export function makeContext(
  writer: LedgerWriter,
  access: Access,
  app: { names: NameSearch; headcounts: Headcounts },
): CommandContext {
  const now = writer.now();
  return {
    writer,
    access,
    names: app.names,
    db: writer.trx,
    dialect: writer.dialect,
    actor: writer.actor,
    headcounts: app.headcounts,
    now,
    newId: uuidv7,
    async require(table, id, field, what) {
      const row = await writer.view.get(table, id);
      if (row === undefined) throw unknownReference(field, what, id);
      return row;
    },
    occurredAt(given, field = 'occurredAt') {
      if (given === undefined) return now;
      if (Date.parse(given) - Date.parse(now) > 5 * 60_000) {
        throw unprocessable('time.in-future', field, `${field} ${given} is in the future (now is ${now})`);
      }
      return given;
    },
  };
}

/** Validates input against a schema; every problem is reported with the path of its field. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown, prefix = ''): z.output<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const errors: FieldError[] = [];
  for (const issue of result.error.issues) {
    const path = [prefix, ...issue.path.map(String)].filter((p) => p !== '');
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys)
        errors.push({ field: [...path, key].join('.'), message: 'unknown field' });
      continue;
    }
    const missing = issue.code === 'invalid_type' && / received undefined$/.test(issue.message);
    errors.push({ field: path.join('.') || 'body', message: missing ? 'is required' : issue.message });
  }
  throw invalidInput(errors);
}
