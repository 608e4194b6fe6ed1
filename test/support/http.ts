// Signed-in HTTP clients for tests: one user per role, each with its session cookie and CSRF token.
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { systemActor } from '../../src/app/access.ts';
import type { Custodian } from '../../src/app/custodian.ts';
import type { Role } from '../../src/auth/policy.ts';
import { CSRF_HEADER, SESSION_COOKIE } from '../../src/http/auth.ts';

export const api = '/api/v1';
export const PASSWORD = 'correct horse battery staple';

export interface Client {
  username: string;
  get(url: string): Promise<LightMyRequestResponse>;
  post(url: string, payload: unknown, headers?: Record<string, string>): Promise<LightMyRequestResponse>;
}

/** Adds a user (unless it exists) and signs them in over the API. */
export async function signIn(
  server: FastifyInstance,
  app: Custodian,
  username: string,
  role: Role,
  facilities: 'all' | string[] = 'all',
): Promise<Client> {
  const exists = (await app.query(systemActor('test'), 'listUsers', {})).items.some(
    (u) => u.username === username,
  );
  if (!exists) {
    await app.accounts.addUser(systemActor('test'), { username, role, facilities, password: PASSWORD });
  }
  const login = await server.inject({
    method: 'POST',
    url: `${api}/auth/login`,
    payload: { username, password: PASSWORD },
  });
  if (login.statusCode !== 200) throw new Error(`sign-in of ${username} failed: ${login.body}`);
  const cookie = login.cookies.find((c) => c.name === SESSION_COOKIE)!;
  const headers = { cookie: `${SESSION_COOKIE}=${cookie.value}` };
  const csrf = login.json().csrfToken as string;
  return {
    username,
    get: (url) => server.inject({ method: 'GET', url: api + url, headers }),
    post: (url, payload, extra = {}) =>
      server.inject({
        method: 'POST',
        url: api + url,
        headers: { ...headers, 'content-type': 'application/json', [CSRF_HEADER]: csrf, ...extra },
        payload: typeof payload === 'string' ? payload : JSON.stringify(payload),
      }),
  };
}
