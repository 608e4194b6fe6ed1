// The Fastify server: security headers, sign-in, one handler per route of the route table, and
// problem+json for every error.
import cookie from '@fastify/cookie';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import type { Custodian } from '../app/custodian.ts';
import { invalidInput } from '../domain/errors.ts';
import { authenticate, authRoutes } from './auth.ts';
import { openApiDocument } from './openapi.ts';
import { handleError, problem, sendProblem } from './problem.ts';
import { routes } from './routes.ts';
import { registerWebApp } from './web.ts';

export const API_PREFIX = '/api/v1';

/** Largest request body accepted (an import goes through the CLI, not the API). */
const BODY_LIMIT = 1024 * 1024;
export interface RateLimits {
  /** Sign-in attempts per address per minute, before the per-account lock-out even counts. */
  loginPerMinute: number;
  /** Searches per address per minute: enough for a registrar typing, too few to walk the register. */
  searchPerMinute: number;
}
export const defaultRateLimits: RateLimits = { loginPerMinute: 20, searchPerMinute: 120 };

export interface ServerOptions {
  logger?: FastifyServerOptions['logger'];
  https?: { cert: Buffer; key: Buffer } | null;
  rateLimits?: RateLimits;
  /** Addresses of reverse proxies whose X-Forwarded-For and X-Forwarded-Proto are believed. */
  trustProxy?: string[];
  /** The built web app (default dist/web). */
  webRoot?: string;
}

export function buildServer(app: Custodian, options: ServerOptions = {}): FastifyInstance {
  const secure = Boolean(options.https);
  const limits = options.rateLimits ?? defaultRateLimits;
  const server = Fastify({
    logger: options.logger ?? false,
    bodyLimit: BODY_LIMIT,
    ...(options.trustProxy ? { trustProxy: options.trustProxy } : {}),
    ...(options.https ? { https: options.https } : {}),
  } as FastifyServerOptions);
  server.setErrorHandler(handleError);
  server.register(cookie);
  server.register(helmet, {
    // No inline script or style, nothing from another origin: the web app is served from here.
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        connectSrc: ["'self'"],
        fontSrc: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'none'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
      },
    },
    frameguard: { action: 'deny' },
    hsts: secure ? { maxAge: 31_536_000, includeSubDomains: true } : false,
    referrerPolicy: { policy: 'no-referrer' },
  });
  server.register(rateLimit, { global: false });
  server.register(async (api) => {
    api.setNotFoundHandler((request, reply) =>
      sendProblem(
        reply,
        problem(404, 'route.not-found', `No route ${request.method} ${request.url}`, request.url),
      ),
    );
    const openapi = openApiDocument(routes, API_PREFIX);
    api.get(`${API_PREFIX}/openapi.json`, async () => openapi);
    api.get(`${API_PREFIX}/health`, async () => ({
      status: 'ok',
      node: app.node.origin,
      database: app.store.dialect,
    }));
    authRoutes(api, app, API_PREFIX, { secure, loginPerMinute: limits.loginPerMinute });

    for (const route of routes) {
      const url = API_PREFIX + route.path;
      if (route.method === 'GET') {
        const config =
          route.query === 'listPersons'
            ? { rateLimit: { max: limits.searchPerMinute, timeWindow: 60_000 } }
            : undefined;
        api.get(url, config ? { config } : {}, async (request) => {
          const { actor } = await authenticate(app, request);
          const input = { ...(request.query as object), ...(request.params as object) };
          return app.query(actor, route.query, input);
        });
        continue;
      }
      api.post(url, async (request, reply) => {
        const { actor } = await authenticate(app, request);
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
        const input = { ...body, ...params };
        if ('query' in route) return app.query(actor, route.query, input);
        if ('account' in route) {
          return reply.code(route.status).send(await app.accounts.run(route.account, actor, input));
        }
        const key = request.headers['idempotency-key'];
        if (key !== undefined && (typeof key !== 'string' || key.length === 0 || key.length > 200)) {
          throw invalidInput([
            { field: 'Idempotency-Key', message: 'must be one header of 1-200 characters' },
          ]);
        }
        const result = await app.execute(actor, route.command, input, key);
        return reply.code(route.status).send(result);
      });
    }
  });
  registerWebApp(server, options.webRoot);
  return server;
}
