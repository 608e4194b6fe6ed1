// RFC 9457 problem+json answers, from the app's errors and from Fastify's own.
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { CustodianError, type ErrorKind, type FieldError } from '../domain/errors.ts';

export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance: string;
  /** The stable id of the error, e.g. `custody.transition-refused`. */
  code: string;
  errors: FieldError[];
  /** Members some refusals add (RFC 9457 extensions), e.g. `candidates`. */
  [extension: string]: unknown;
}

const statusOf: Record<ErrorKind, number> = {
  invalid: 400,
  unauthenticated: 401,
  forbidden: 403,
  'not-found': 404,
  conflict: 409,
  unprocessable: 422,
  'too-many': 429,
};
const titles: Record<number, string> = {
  400: 'Bad request',
  401: 'Not signed in',
  403: 'Not allowed',
  404: 'Not found',
  409: 'Refused by a rule',
  413: 'Request too large',
  415: 'Unsupported media type',
  422: 'Unprocessable request',
  429: 'Too many requests',
  500: 'Internal error',
};

export function problem(
  status: number,
  code: string,
  detail: string,
  instance: string,
  errors: FieldError[] = [],
): Problem {
  return {
    type: `urn:custodian:problem:${code}`,
    title: titles[status] ?? 'Error',
    status,
    detail,
    instance,
    code,
    errors,
  };
}

export function sendProblem(reply: FastifyReply, p: Problem): FastifyReply {
  return reply.code(p.status).type('application/problem+json').send(p);
}

export function handleError(error: FastifyError | Error, request: FastifyRequest, reply: FastifyReply) {
  const instance = request.url;
  if (error instanceof CustodianError) {
    if (error.retryAfterSeconds !== undefined) reply.header('retry-after', String(error.retryAfterSeconds));
    const answer = problem(statusOf[error.kind], error.id, error.message, instance, error.errors);
    return sendProblem(reply, { ...error.extensions, ...answer });
  }
  const code = (error as FastifyError).code;
  if (code === 'FST_ERR_CTP_INVALID_JSON_BODY' || error instanceof SyntaxError) {
    return sendProblem(
      reply,
      problem(400, 'body.malformed-json', `The body is not valid JSON: ${error.message}`, instance, [
        { field: 'body', message: 'malformed JSON' },
      ]),
    );
  }
  if (code === 'FST_ERR_CTP_EMPTY_JSON_BODY') {
    return sendProblem(
      reply,
      problem(400, 'body.empty', 'The body is empty', instance, [{ field: 'body', message: 'is required' }]),
    );
  }
  if (code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') {
    return sendProblem(
      reply,
      problem(415, 'body.media-type', 'Send JSON with Content-Type: application/json', instance, [
        { field: 'Content-Type', message: 'must be application/json' },
      ]),
    );
  }
  if (code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
    return sendProblem(
      reply,
      problem(413, 'body.too-large', 'The body is larger than this server accepts', instance, [
        { field: 'body', message: 'too large' },
      ]),
    );
  }
  if ((error as FastifyError).statusCode === 429) {
    return sendProblem(
      reply,
      problem(429, 'rate.limited', 'Too many requests from this address; wait a minute', instance),
    );
  }
  request.log.error({ err: error }, 'unexpected error');
  // The text of an unexpected error stays in the log: it may name tables, paths or people.
  return sendProblem(
    reply,
    problem(500, 'internal', 'An unexpected error occurred; it was logged', instance),
  );
}
