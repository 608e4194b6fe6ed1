// Sign-in and its defences over the API, on SQLite and PostgreSQL: indistinguishable failures,
// lock-out with back-off, session expiry, CSRF, API token scope and expiry, one-time passwords,
// security headers, and the hash-chained audit log that `verify` checks.
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { systemActor } from '../src/app/access.ts';
import { LOCKOUT, SESSION_ABSOLUTE_MS, SESSION_IDLE_MS } from '../src/app/accounts.ts';
import { auditHash } from '../src/app/audit.ts';
import type { Custodian } from '../src/app/custodian.ts';
import { CSRF_HEADER, SESSION_COOKIE } from '../src/http/auth.ts';
import { buildServer } from '../src/http/server.ts';
import { databases, openTestApp } from './support/databases.ts';
import { api, PASSWORD, signIn } from './support/http.ts';
import { buildWorld, eventCount } from './support/world.ts';

const operator = systemActor('test');

for (const database of databases) {
  describe(`sign-in and audit on ${database.name}`, { skip: database.skip ?? false }, () => {
    let t: Awaited<ReturnType<typeof openTestApp>>;
    let app: Custodian;
    let server: FastifyInstance;
    let w: Awaited<ReturnType<typeof buildWorld>>;
    let now = Date.now();
    /** Each test signs in from its own address, so that the per-address lock-out of one does not reach another. */
    let address = 0;
    let ip = '10.0.0.1';

    before(async () => {
      t = await openTestApp(database, () => new Date(now));
      app = t.app;
      server = buildServer(app, { rateLimits: { loginPerMinute: 10_000, searchPerMinute: 10_000 } });
      w = await buildWorld(app);
    });
    beforeEach(() => {
      ip = `10.0.0.${++address}`;
    });
    after(async () => {
      await server.close();
      await t.close();
    });

    const login = (username: string, password: string) =>
      server.inject({
        method: 'POST',
        url: `${api}/auth/login`,
        payload: { username, password },
        remoteAddress: ip,
      });
    const cookieOf = (response: Awaited<ReturnType<typeof login>>) =>
      `${SESSION_COOKIE}=${response.cookies.find((c) => c.name === SESSION_COOKIE)!.value}`;

    it('answers a wrong password, an unknown user and a disabled user alike', async () => {
      await app.accounts.addUser(operator, {
        username: 'amina',
        role: 'registrar',
        facilities: 'all',
        password: PASSWORD,
      });
      await app.accounts.addUser(operator, {
        username: 'gone',
        role: 'registrar',
        facilities: 'all',
        password: PASSWORD,
      });
      await app.accounts.disableUser(operator, { username: 'gone' });
      const wrong = await login('amina', 'not the password at all');
      const unknown = await login('nobody-here', 'not the password at all');
      const disabled = await login('gone', PASSWORD);
      for (const r of [wrong, unknown, disabled]) {
        assert.equal(r.statusCode, 401);
        assert.equal(r.headers['set-cookie'], undefined);
      }
      assert.deepEqual(wrong.json(), unknown.json());
      assert.deepEqual(wrong.json(), disabled.json());
      assert.equal(wrong.json().code, 'auth.failed');
      const ok = await login('Amina', PASSWORD);
      assert.equal(ok.statusCode, 200, 'usernames are not case-sensitive');
      const cookie = ok.headers['set-cookie'] as string;
      assert.match(cookie, /HttpOnly/);
      assert.match(cookie, /SameSite=Strict/);
      assert.doesNotMatch(cookie, /Secure/, 'Secure only over TLS');
    });

    it('locks a username after repeated failures, with back-off, whether or not it exists', async () => {
      await app.accounts.addUser(operator, {
        username: 'layla',
        role: 'guard',
        facilities: 'all',
        password: PASSWORD,
      });
      for (const name of ['layla', 'no-such-user']) {
        for (let i = 0; i < LOCKOUT.username; i++)
          assert.equal((await login(name, 'wrong password!!')).statusCode, 401);
        const locked = await login(name, PASSWORD);
        assert.equal(locked.statusCode, 429, `${name} is locked even with the right password`);
        assert.equal(locked.json().code, 'auth.locked');
        assert.equal(locked.headers['retry-after'], String(LOCKOUT.firstLockMs / 1000));
      }
      now += LOCKOUT.firstLockMs + 1000;
      assert.equal((await login('layla', 'wrong password!!')).statusCode, 401);
      const longer = await login('layla', PASSWORD);
      assert.equal(longer.statusCode, 429, 'a failure after a lock locks again');
      assert.equal(
        longer.headers['retry-after'],
        String((2 * LOCKOUT.firstLockMs) / 1000),
        'for twice as long',
      );
      now += 2 * LOCKOUT.firstLockMs + 1000;
      assert.equal((await login('layla', PASSWORD)).statusCode, 200);
      assert.equal((await login('layla', 'wrong password!!')).statusCode, 401, 'success clears the count');
      assert.equal((await login('layla', PASSWORD)).statusCode, 200);
    });

    it('locks an address that guesses across many usernames', async () => {
      for (let i = 0; i < LOCKOUT.address; i++) await login(`guess-${i}`, 'wrong password!!');
      await app.accounts.addUser(operator, {
        username: 'huda',
        role: 'guard',
        facilities: 'all',
        password: PASSWORD,
      });
      const locked = await login('huda', PASSWORD);
      assert.equal(locked.statusCode, 429);
      ip = '10.0.1.1';
      assert.equal((await login('huda', PASSWORD)).statusCode, 200, 'another address is not locked');
    });

    it('ends a session after its idle time, and after its absolute lifetime however busy', async () => {
      const client = await signIn(server, app, 'idle-user', 'registrar');
      assert.equal((await client.get('/persons')).statusCode, 200);
      now += SESSION_IDLE_MS + 1000;
      const idle = await client.get('/persons');
      assert.equal(idle.statusCode, 401);
      assert.equal(idle.json().code, 'auth.session-expired');
      const busy = await signIn(server, app, 'idle-user', 'registrar');
      const step = SESSION_IDLE_MS / 2;
      let elapsed = 0;
      for (; elapsed + step < SESSION_ABSOLUTE_MS; elapsed += step) {
        now += step;
        assert.equal((await busy.get('/persons')).statusCode, 200, `still valid after ${elapsed + step} ms`);
      }
      now += step;
      assert.equal((await busy.get('/persons')).statusCode, 401);
    });

    it('refuses a change on a cookie session without its CSRF token, writing nothing', async () => {
      await app.accounts.addUser(operator, {
        username: 'csrf-user',
        role: 'registrar',
        facilities: 'all',
        password: PASSWORD,
      });
      const session = await login('csrf-user', PASSWORD);
      const before = await eventCount(app);
      const body = {
        facilityId: w.hol,
        identity: {
          names: { latin: { given: 'Forged' } },
          sex: 'female',
          birthDate: { date: '1990-01-01' },
          nationalities: ['unknown'],
        },
      };
      for (const csrf of [undefined, 'a-token-from-elsewhere', '']) {
        const response = await server.inject({
          method: 'POST',
          url: `${api}/persons`,
          headers: { cookie: cookieOf(session), ...(csrf === undefined ? {} : { [CSRF_HEADER]: csrf }) },
          payload: body,
        });
        assert.equal(response.statusCode, 403);
        assert.equal(response.json().code, 'auth.csrf');
      }
      assert.equal(await eventCount(app), before);
      const done = await server.inject({
        method: 'POST',
        url: `${api}/persons`,
        headers: { cookie: cookieOf(session), [CSRF_HEADER]: session.json().csrfToken },
        payload: body,
      });
      assert.equal(done.statusCode, 201);
    });

    it('limits an API token to its scope, and refuses it once expired or revoked', async () => {
      await app.accounts.addUser(operator, { username: 'sync', role: 'registrar', facilities: 'all' });
      const read = await app.accounts.createToken(operator, {
        username: 'sync',
        name: 'reports',
        scope: 'read',
        expiresInDays: 1,
      });
      const write = await app.accounts.createToken(operator, {
        username: 'sync',
        name: 'import',
        scope: 'write',
      });
      const as = (token: string) => ({ authorization: `Bearer ${token}` });
      const register = (token: string) =>
        server.inject({
          method: 'POST',
          url: `${api}/facilities/${w.hol}/sections`,
          headers: as(token),
          payload: { code: 'TOKEN', name: 'x', capacity: 1, categories: ['man'] },
        });
      assert.equal((await server.inject({ url: `${api}/persons`, headers: as(read.token) })).statusCode, 200);
      const refused = await server.inject({
        method: 'POST',
        url: `${api}/persons/${w.mother.personId}/register-entries`,
        headers: as(read.token),
        payload: { kind: 'request', description: 'x' },
      });
      assert.equal(refused.statusCode, 403);
      assert.equal(refused.json().code, 'auth.token-scope');
      assert.equal(
        (await register(write.token)).json().code,
        'auth.role',
        "a token has its user's role, no more",
      );
      const written = await server.inject({
        method: 'POST',
        url: `${api}/persons/${w.mother.personId}/register-entries`,
        headers: as(write.token),
        payload: { kind: 'request', description: 'x' },
      });
      assert.equal(written.statusCode, 201, 'no CSRF token needed: browsers do not send bearer tokens');
      const listed = (await app.query(operator, 'listUsers', {})).items.find((u) => u.username === 'sync')!;
      assert.equal(listed.tokens.length, 2);
      assert.ok(!JSON.stringify(listed).includes(read.token), 'a token is never shown again');
      now += 86_400_000 + 1000;
      const expired = await server.inject({ url: `${api}/persons`, headers: as(read.token) });
      assert.equal(expired.statusCode, 401);
      assert.equal(expired.json().code, 'auth.invalid-token');
      await app.accounts.revokeToken(operator, { tokenId: write.tokenId });
      assert.equal(
        (await server.inject({ url: `${api}/persons`, headers: as(write.token) })).statusCode,
        401,
      );
      assert.equal((await server.inject({ url: `${api}/persons` })).json().code, 'auth.required');
    });

    it('lets a one-time password do nothing but choose a new password', async () => {
      const added = await app.accounts.addUser(operator, {
        username: 'newcomer',
        role: 'guard',
        facilities: 'all',
      });
      const first = await login('newcomer', added.oneTimePassword!);
      assert.equal(first.json().mustChangePassword, true);
      const headers = { cookie: cookieOf(first), [CSRF_HEADER]: first.json().csrfToken };
      const blocked = await server.inject({ url: `${api}/persons`, headers });
      assert.equal(blocked.statusCode, 403);
      assert.equal(blocked.json().code, 'auth.password-change-required');
      const short = await server.inject({
        method: 'POST',
        url: `${api}/auth/password`,
        headers,
        payload: { currentPassword: added.oneTimePassword, newPassword: 'short' },
      });
      assert.equal(short.statusCode, 400);
      assert.deepEqual(
        short.json().errors.map((e: { field: string }) => e.field),
        ['newPassword'],
      );
      const changed = await server.inject({
        method: 'POST',
        url: `${api}/auth/password`,
        headers,
        payload: { currentPassword: added.oneTimePassword, newPassword: 'a new long passphrase' },
      });
      assert.equal(changed.statusCode, 200);
      assert.equal((await server.inject({ url: `${api}/persons`, headers })).statusCode, 200);
      assert.equal((await login('newcomer', added.oneTimePassword!)).statusCode, 401);
      const out = await server.inject({ method: 'POST', url: `${api}/auth/logout`, headers, payload: {} });
      assert.equal(out.statusCode, 200);
      assert.equal((await server.inject({ url: `${api}/persons`, headers })).statusCode, 401);
    });

    it('sends security headers: a CSP without inline scripts, no sniffing, no framing', async () => {
      const response = await server.inject({ url: `${api}/health` });
      const csp = response.headers['content-security-policy'] as string;
      assert.match(csp, /script-src 'self'/);
      assert.doesNotMatch(csp, /unsafe-inline/);
      assert.match(csp, /frame-ancestors 'none'/);
      assert.equal(response.headers['x-content-type-options'], 'nosniff');
      assert.equal(response.headers['x-frame-options'], 'DENY');
      assert.equal(response.headers['strict-transport-security'], undefined, 'HSTS only over TLS');
      const big = await server.inject({
        method: 'POST',
        url: `${api}/auth/login`,
        headers: { 'content-type': 'application/json' },
        payload: JSON.stringify({ username: 'x', password: 'y'.repeat(2 * 1024 * 1024) }),
      });
      assert.equal(big.statusCode, 413);
    });

    it('rate-limits sign-in attempts per address', async () => {
      const limited = buildServer(app, { rateLimits: { loginPerMinute: 3, searchPerMinute: 3 } });
      const statuses = [];
      for (let i = 0; i < 4; i++) {
        const r = await limited.inject({
          method: 'POST',
          url: `${api}/auth/login`,
          payload: { username: 'x', password: 'y' },
          remoteAddress: '10.9.9.9',
        });
        statuses.push(r.statusCode);
      }
      await limited.close();
      assert.deepEqual(statuses, [401, 401, 401, 429]);
    });

    it('audits reads, searches, exports and sign-ins, and verify finds an edited audit entry', async () => {
      const auditor = await signIn(server, app, 'auditor', 'auditor');
      const registrar = await signIn(server, app, 'reader', 'registrar');
      await registrar.get(`/persons/${w.mother.personId}`);
      await registrar.get('/persons?limit=5');
      await registrar.get('/notifications');
      await registrar.get('/persons/00000000-0000-7000-8000-000000000000');
      const log = (await auditor.get('/audit?username=reader&limit=500')).json().items as {
        action: string;
        target: string | null;
        result: string;
        role: string;
        address: string;
        details: { via?: string };
      }[];
      assert.deepEqual(
        log.map((e) => [e.action, e.result]),
        [
          ['login', 'ok'],
          ['person.read', 'ok'],
          ['person.search', 'ok'],
          ['export', 'ok'],
          ['person.read', 'not-found'],
        ],
      );
      assert.equal(log[1]!.target, w.mother.personId);
      assert.equal(log[1]!.role, 'registrar');
      assert.equal(log[1]!.details.via, 'session');
      const failed = (await auditor.get('/audit?action=login&limit=500')).json().items;
      assert.ok(failed.some((e: { result: string }) => e.result === 'failed'));
      assert.equal((await registrar.get('/audit')).statusCode, 403, 'only an auditor reads the audit log');

      const clean = await app.verify();
      assert.deepEqual(clean.problems, []);
      assert.ok(clean.auditEntries >= 7);
      const entry = await app.store.db
        .selectFrom('auditLog')
        .select(['position', 'id'])
        .where('action', '=', 'person.read')
        .executeTakeFirstOrThrow();
      await app.store.db
        .updateTable('auditLog')
        .set({ result: 'denied' })
        .where('id', '=', entry.id)
        .execute();
      const edited = await app.verify();
      assert.equal(edited.ok, false);
      assert.match(
        edited.problems[0]!,
        new RegExp(`audit log entry ${entry.position} \\(${entry.id}\\).*altered`),
      );
      await app.store.db.updateTable('auditLog').set({ result: 'ok' }).where('id', '=', entry.id).execute();
      assert.ok((await app.verify()).ok);

      // Someone with the database but not the node key rewrites the entry and every hash after it.
      await app.checkpoint();
      const rows = await app.store.db.selectFrom('auditLog').selectAll().orderBy('position').execute();
      let prevHash = rows[entry.position - 2]?.hash ?? '0'.repeat(64);
      for (const row of rows.slice(entry.position - 1)) {
        const { position, hash: _old, ...rest } = row;
        const forged = { ...rest, prevHash, result: row.id === entry.id ? 'denied' : row.result };
        prevHash = auditHash(forged);
        await app.store.db
          .updateTable('auditLog')
          .set({ result: forged.result, prevHash: forged.prevHash, hash: prevHash })
          .where('position', '=', position)
          .execute();
      }
      await app.store.db.updateTable('auditHead').set({ hash: prevHash }).execute();
      const rewritten = await app.verify();
      assert.equal(rewritten.ok, false);
      assert.match(rewritten.problems.join('\n'), /is not the entry whose head was signed/);

      const last = rows[rows.length - 1]!;
      await app.store.db.deleteFrom('auditLog').where('position', '=', last.position).execute();
      const truncated = (await app.verify()).problems.join('\n');
      assert.match(truncated, new RegExp(`entry ${last.position}, signed at .*, is missing`));
      assert.match(truncated, /entries were removed/);
    });
  });
}
