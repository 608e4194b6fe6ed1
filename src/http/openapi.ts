// The OpenAPI 3.1 document, generated from the route table and the same schemas that validate requests.
import { z } from 'zod';
import { accountOperations, changePasswordInput, loginInput } from '../app/accounts.ts';
import { commands } from '../app/commands/index.ts';
import { queries } from '../app/queries/index.ts';
import { CSRF_HEADER, SESSION_COOKIE } from './auth.ts';
import type { Route } from './routes.ts';

type JsonSchema = Record<string, unknown>;

const toSchema = (schema: z.ZodType): JsonSchema =>
  z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as JsonSchema;

/** Removes the path parameters from a body schema (and from each branch of a union). */
function withoutParams(schema: JsonSchema, params: readonly string[]): JsonSchema {
  if (params.length === 0) return schema;
  const strip = (s: JsonSchema): JsonSchema => {
    const branches = (s.oneOf ?? s.anyOf) as JsonSchema[] | undefined;
    if (branches) return { ...s, [s.oneOf ? 'oneOf' : 'anyOf']: branches.map(strip) };
    const properties = { ...(s.properties as Record<string, unknown> | undefined) };
    for (const p of params) delete properties[p];
    const required = ((s.required as string[] | undefined) ?? []).filter((r) => !params.includes(r));
    return { ...s, properties, required };
  };
  const { $schema: _ignored, ...rest } = strip(schema);
  return rest;
}

const problemSchema = {
  type: 'object',
  required: ['type', 'title', 'status', 'detail', 'code', 'errors'],
  properties: {
    type: { type: 'string' },
    title: { type: 'string' },
    status: { type: 'integer' },
    detail: { type: 'string' },
    instance: { type: 'string' },
    code: { type: 'string', description: 'Stable id of the error, e.g. custody.transition-refused' },
    errors: {
      type: 'array',
      items: { type: 'object', properties: { field: { type: 'string' }, message: { type: 'string' } } },
    },
  },
  description:
    'Some refusals add members: `person.possible-duplicates` lists the possible duplicates the user may see as `candidates`',
};

const problemResponse = (description: string) => ({
  description,
  content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } },
});

export function openApiDocument(routes: readonly Route[], prefix: string): JsonSchema {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of routes) {
    const path = prefix + route.path.replace(/:(\w+)/g, '{$1}');
    const parameters: unknown[] = route.params.map((name) => ({
      name,
      in: 'path',
      required: true,
      schema: name === 'username' ? { type: 'string' } : { type: 'string', format: 'uuid' },
    }));
    const operation: Record<string, unknown> = { tags: [route.tag], parameters };
    if (!('query' in route)) {
      const name = 'account' in route ? route.account : route.command;
      const command = 'account' in route ? accountOperations[route.account] : commands[route.command];
      operation.operationId = name;
      operation.summary = command.summary;
      if ('command' in route) {
        parameters.push({
          name: 'Idempotency-Key',
          in: 'header',
          required: false,
          description: 'A retry with the same key returns the first answer and writes nothing new',
          schema: { type: 'string', maxLength: 200 },
        });
      }
      operation.requestBody = {
        required: true,
        content: { 'application/json': { schema: withoutParams(toSchema(command.input), route.params) } },
      };
      operation.responses = {
        [route.status]: {
          description: 'Done; the ledger holds the new events',
          content: { 'application/json': {} },
        },
        400: problemResponse('Malformed JSON, unknown fields or invalid values; `errors` names each field'),
        401: problemResponse('Not signed in, or the session or token is no longer valid'),
        403: problemResponse(
          'The role may not do this, the CSRF token is missing, or the token may only read',
        ),
        404: problemResponse('The resource in the path does not exist, or is outside your facilities'),
        409: problemResponse('A rule refuses it (e.g. an invalid custody transition)'),
        422: problemResponse('A referenced record does not exist, or the request cannot be processed'),
      };
    } else {
      const query = queries[route.query];
      operation.operationId = route.query;
      operation.summary = query.summary;
      const input = toSchema(query.input) as { properties?: Record<string, JsonSchema>; required?: string[] };
      if (route.method === 'POST') {
        operation.requestBody = {
          required: true,
          content: { 'application/json': { schema: withoutParams(input, route.params) } },
        };
      } else {
        for (const [name, schema] of Object.entries(input.properties ?? {})) {
          if (route.params.includes(name)) continue;
          parameters.push({ name, in: 'query', required: input.required?.includes(name) ?? false, schema });
        }
      }
      operation.responses = {
        200: { description: 'The answer', content: { 'application/json': {} } },
        400: problemResponse(route.method === 'POST' ? 'Invalid body' : 'Invalid query parameters'),
        401: problemResponse('Not signed in, or the session or token is no longer valid'),
        403: problemResponse('The role may not read this'),
        404: problemResponse('Not found, or outside your facilities'),
        ...(route.method === 'POST'
          ? {
              409: problemResponse('A rule refuses it (e.g. a card replaced by a newer one)'),
              422: problemResponse('The request cannot be processed (e.g. a card whose signature fails)'),
            }
          : {}),
      };
    }
    paths[path] = { ...paths[path], [route.method.toLowerCase()]: operation };
  }
  const open = { security: [] };
  paths[`${prefix}/health`] = {
    get: {
      ...open,
      operationId: 'health',
      summary: 'Liveness and the node this server is',
      responses: { 200: { description: 'Up' } },
    },
  };
  paths[`${prefix}/auth/login`] = {
    post: {
      ...open,
      tags: ['auth'],
      operationId: 'login',
      summary: 'Sign in: sets the session cookie and answers the CSRF token to send as X-CSRF-Token',
      requestBody: {
        required: true,
        content: { 'application/json': { schema: withoutParams(toSchema(loginInput), []) } },
      },
      responses: {
        200: { description: 'Signed in', content: { 'application/json': {} } },
        401: problemResponse('Wrong username or password (the same answer whichever it was)'),
        429: problemResponse('Locked after repeated failures; see Retry-After'),
      },
    },
  };
  paths[`${prefix}/auth/logout`] = {
    post: {
      tags: ['auth'],
      operationId: 'logout',
      summary: 'End this session',
      responses: { 200: { description: 'Signed out' } },
    },
  };
  paths[`${prefix}/auth/session`] = {
    get: {
      tags: ['auth'],
      operationId: 'session',
      summary: 'Who is signed in, with the CSRF token of the session',
      responses: { 200: { description: 'The session' }, 401: problemResponse('Not signed in') },
    },
  };
  paths[`${prefix}/auth/password`] = {
    post: {
      tags: ['auth'],
      operationId: 'changePassword',
      summary: 'Change your own password (required after a one-time password)',
      requestBody: {
        required: true,
        content: { 'application/json': { schema: withoutParams(toSchema(changePasswordInput), []) } },
      },
      responses: { 200: { description: 'Changed' }, 422: problemResponse('The current password is wrong') },
    },
  };
  return {
    openapi: '3.1.0',
    info: {
      title: 'Custodian API',
      version: '1',
      description: 'Who is held where, proven unaltered. Every change is an event in a hash-chained ledger.',
    },
    paths,
    security: [{ session: [], csrf: [] }, { bearer: [] }],
    components: {
      schemas: { Problem: problemSchema },
      securitySchemes: {
        session: { type: 'apiKey', in: 'cookie', name: SESSION_COOKIE },
        csrf: {
          type: 'apiKey',
          in: 'header',
          name: CSRF_HEADER,
          description: 'Required on POST with a session',
        },
        bearer: { type: 'http', scheme: 'bearer', description: 'API token: bin/custodian users token' },
      },
    },
  };
}
