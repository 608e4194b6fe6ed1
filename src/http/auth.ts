// Sign-in over HTTP: the session cookie and its CSRF token, bearer API tokens, and the one place where
// a request becomes an acting user.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { UserActor } from '../app/access.ts';
import { csrfMatches, SESSION_ABSOLUTE_MS } from '../app/accounts.ts';
import type { Custodian } from '../app/custodian.ts';
import { forbidden, unauthenticated } from '../domain/errors.ts';

export const SESSION_COOKIE = 'custodian_session';
export const CSRF_HEADER = 'x-csrf-token';

/**
 * The acting user of a request: a bearer API token, or the session cookie. A request that changes
 * anything (POST) on a cookie session must carry the session's CSRF token in `X-CSRF-Token`; bearer
 * tokens are not sent by browsers on their own, so they need none.
 */
export async function authenticate(
  app: Custodian,
  request: FastifyRequest,
  { allowPasswordChange = false } = {},
): Promise<{ actor: UserActor; sessionToken?: string }> {
  const address = request.ip;
  const authorization = request.headers.authorization;
  if (authorization !== undefined) {
    const match = /^Bearer\s+(\S+)$/i.exec(authorization);
    const actor = match ? await app.accounts.tokenActor(match[1]!, address) : null;
    if (actor === null)
      throw unauthenticated(
        'auth.invalid-token',
        'The API token is unknown, expired or revoked',
        'Authorization',
      );
    return { actor };
  }
  const sessionToken = request.cookies[SESSION_COOKIE];
  if (sessionToken === undefined) throw unauthenticated('auth.required', 'Sign in first', SESSION_COOKIE);
  const session = await app.accounts.session(sessionToken, address);
  if (session === null)
    throw unauthenticated('auth.session-expired', 'The session has ended; sign in again', SESSION_COOKIE);
  if (request.method !== 'GET' && request.method !== 'HEAD') {
    const given = request.headers[CSRF_HEADER];
    if (!csrfMatches(typeof given === 'string' ? given : undefined, session.csrfToken)) {
      throw forbidden('auth.csrf', `Send the session's CSRF token in the ${CSRF_HEADER} header`, CSRF_HEADER);
    }
  }
  const actor = allowPasswordChange ? { ...session.actor, mustChangePassword: false } : session.actor;
  return { actor, sessionToken };
}

const whoAmI = (actor: UserActor) => ({
  username: actor.username,
  role: actor.role,
  facilities: actor.facilities,
  mustChangePassword: actor.mustChangePassword === true,
});

/** `/auth/login`, `/auth/logout`, `/auth/session` and `/auth/password`. */
export function authRoutes(
  server: FastifyInstance,
  app: Custodian,
  prefix: string,
  { secure, loginPerMinute }: { secure: boolean; loginPerMinute: number },
): void {
  // Secure when served over TLS, here or at a trusted reverse proxy (X-Forwarded-Proto: https).
  const setCookie = (reply: FastifyReply, value: string, maxAgeSeconds: number) =>
    reply.setCookie(SESSION_COOKIE, value, {
      httpOnly: true,
      sameSite: 'strict',
      secure: secure || reply.request.protocol === 'https',
      path: '/',
      maxAge: maxAgeSeconds,
    });

  server.post(
    `${prefix}/auth/login`,
    { config: { rateLimit: { max: loginPerMinute, timeWindow: 60_000 } } },
    async (request, reply) => {
      const session = await app.accounts.login(request.body, request.ip);
      setCookie(reply, session.sessionToken, SESSION_ABSOLUTE_MS / 1000);
      return { ...whoAmI(session.actor), csrfToken: session.csrfToken, expiresAt: session.expiresAt };
    },
  );

  server.post(`${prefix}/auth/logout`, async (request, reply) => {
    const { actor, sessionToken } = await authenticate(app, request, { allowPasswordChange: true });
    if (sessionToken !== undefined) await app.accounts.logout(sessionToken, actor);
    setCookie(reply, '', 0);
    return { signedOut: true };
  });

  server.get(`${prefix}/auth/session`, async (request) => {
    const sessionToken = request.cookies[SESSION_COOKIE];
    const session = sessionToken ? await app.accounts.session(sessionToken, request.ip) : null;
    if (session === null) throw unauthenticated('auth.required', 'Sign in first', SESSION_COOKIE);
    return { ...whoAmI(session.actor), csrfToken: session.csrfToken };
  });

  server.post(`${prefix}/auth/password`, async (request) => {
    const { actor, sessionToken } = await authenticate(app, request, { allowPasswordChange: true });
    return app.accounts.changePassword(actor, request.body, sessionToken);
  });
}
