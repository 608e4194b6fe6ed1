// The Fastify server: one handler per route of the route table, problem+json for every error.
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import type { Custodian } from '../app/custodian.ts';
import { invalidInput } from '../domain/errors.ts';
import { resolveActor } from './actor.ts';
import { openApiDocument } from './openapi.ts';
import { handleError, problem, sendProblem } from './problem.ts';
import { routes } from './routes.ts';

export const API_PREFIX = '/api/v1';

export interface ServerOptions {
  logger?: FastifyServerOptions['logger'];
  https?: { cert: Buffer; key: Buffer } | null;
}

export function buildServer(app: Custodian, options: ServerOptions = {}): FastifyInstance {
  const server = Fastify({
    logger: options.logger ?? false,
    bodyLimit: 1024 * 1024,
    ...(options.https ? { https: options.https } : {}),
  } as FastifyServerOptions);
  server.setErrorHandler(handleError);
  server.setNotFoundHandler((request, reply) =>
    sendProblem(
      reply,
      problem(404, 'route.not-found', `No route ${request.method} ${request.url}`, request.url),
    ),
  );

  const openapi = openApiDocument(routes, API_PREFIX);
  server.get(`${API_PREFIX}/openapi.json`, async () => openapi);
  server.get(`${API_PREFIX}/health`, async () => ({
    status: 'ok',
    node: app.node.origin,
    database: app.store.dialect,
  }));

  for (const route of routes) {
    const url = API_PREFIX + route.path;
    if (route.method === 'GET') {
      server.get(url, async (request) => {
        const input = { ...(request.query as object), ...(request.params as object) };
        return app.query(resolveActor(request), route.query, input);
      });
      continue;
    }
    server.post(url, async (request, reply) => {
      const body = request.body;
      if (typeof body !== 'object' || body === null || Array.isArray(body)) {
        throw invalidInput([{ field: 'body', message: 'must be a JSON object' }]);
      }
      const params = request.params as Record<string, string>;
      const clash = route.params.filter((p) => Object.hasOwn(body, p));
      if (clash.length > 0) {
        throw invalidInput(
          clash.map((p) => ({ field: p, message: 'is given in the path; leave it out of the body' })),
        );
      }
      const key = request.headers['idempotency-key'];
      if (key !== undefined && (typeof key !== 'string' || key.length === 0 || key.length > 200)) {
        throw invalidInput([{ field: 'Idempotency-Key', message: 'must be one header of 1-200 characters' }]);
      }
      const result = await app.execute(resolveActor(request), route.command, { ...body, ...params }, key);
      return reply.code(route.status).send(result);
    });
  }
  return server;
}
