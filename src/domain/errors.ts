// One error type for every refusal, with a stable id that clients and tests match on.

export interface FieldError {
  /** Dotted path of the offending field, e.g. `identity.birthDate.date` or `body`. */
  field: string;
  message: string;
}

export type ErrorKind =
  | 'invalid'
  | 'unauthenticated'
  | 'forbidden'
  | 'not-found'
  | 'conflict'
  | 'unprocessable'
  | 'too-many';

export class CustodianError extends Error {
  constructor(
    /** Stable id, e.g. `custody.transition-refused`. */
    readonly id: string,
    readonly kind: ErrorKind,
    message: string,
    readonly errors: FieldError[] = [],
    /** For `too-many`: seconds until a retry may succeed. */
    readonly retryAfterSeconds?: number,
    /** Further members of the problem answer (RFC 9457 extensions), e.g. the possible duplicates found. */
    readonly extensions?: Readonly<Record<string, unknown>>,
  ) {
    super(message);
    this.name = 'CustodianError';
  }
}

export const invalidInput = (errors: FieldError[]): CustodianError =>
  new CustodianError(
    'input.invalid',
    'invalid',
    `Invalid input: ${errors.map((e) => `${e.field}: ${e.message}`).join('; ')}`,
    errors,
  );

/** A referenced record does not exist (or is not visible to the caller). */
export const unknownReference = (field: string, what: string, id: string): CustodianError =>
  new CustodianError('reference.unknown', 'unprocessable', `No ${what} with id ${id}`, [
    { field, message: `no ${what} with id ${id}` },
  ]);

export const notFound = (what: string, id: string): CustodianError =>
  new CustodianError('resource.not-found', 'not-found', `No ${what} with id ${id}`, [
    { field: 'id', message: `no ${what} with id ${id}` },
  ]);

/** A rule of the domain refuses the request; `id` names the rule. */
export const refused = (id: string, field: string, message: string): CustodianError =>
  new CustodianError(id, 'conflict', message, [{ field, message }]);

/** A rule refuses the request and the answer carries what the client needs to decide (`extensions`). */
export const refusedWith = (
  id: string,
  field: string,
  message: string,
  extensions: Record<string, unknown>,
): CustodianError => new CustodianError(id, 'conflict', message, [{ field, message }], undefined, extensions);

export const unprocessable = (id: string, field: string, message: string): CustodianError =>
  new CustodianError(id, 'unprocessable', message, [{ field, message }]);

/** The caller is not signed in, or their session or token is no longer valid. */
export const unauthenticated = (id: string, message: string, field?: string): CustodianError =>
  new CustodianError(id, 'unauthenticated', message, field ? [{ field, message }] : []);

/** The caller's role may not do this at all (out-of-scope records answer `not-found` instead). */
export const forbidden = (id: string, message: string, field?: string): CustodianError =>
  new CustodianError(id, 'forbidden', message, field ? [{ field, message }] : []);

export const tooMany = (id: string, message: string, retryAfterSeconds: number): CustodianError =>
  new CustodianError(id, 'too-many', message, [], retryAfterSeconds);
