// The HTTP API: problem+json for every kind of bad request, nothing written by a refusal,
// idempotent retries, pagination and the OpenAPI document, on SQLite and PostgreSQL.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import type { Custodian } from '../src/app/custodian.ts';
import { routes } from '../src/http/routes.ts';
import { buildServer } from '../src/http/server.ts';
import { databases, openTestApp } from './support/databases.ts';
import { api, type Client, signIn } from './support/http.ts';
import { buildWorld, eventCount, mother } from './support/world.ts';

for (const database of databases) {
  describe(`HTTP API on ${database.name}`, { skip: database.skip ?? false }, () => {
    let t: Awaited<ReturnType<typeof openTestApp>>;
    let app: Custodian;
    let server: FastifyInstance;
    let w: Awaited<ReturnType<typeof buildWorld>>;
    let registrar: Client;
    let commander: Client;

    before(async () => {
      t = await openTestApp(database);
      app = t.app;
      server = buildServer(app);
      w = await buildWorld(app);
      registrar = await signIn(server, app, 'registrar', 'registrar');
      commander = await signIn(server, app, 'commander', 'commander');
    });
    after(async () => {
      await server.close();
      await t.close();
    });

    /** People are registered by a registrar; custody events are recorded by a commander. */
    const post = (url: string, payload: unknown, headers: Record<string, string> = {}) =>
      (url.includes('/custody-events') ? commander : registrar).post(url, payload, headers);
    const get = (url: string) => registrar.get(url);

    /** Sends a bad request and checks the status, the problem+json, the fields it names, and that nothing was written. */
    async function expectProblem(
      send: () => ReturnType<Client['post']>,
      status: number,
      code: string,
      fields: string[],
    ): Promise<Record<string, unknown>> {
      const before = await eventCount(app);
      const response = await send();
      assert.equal(response.statusCode, status, response.body);
      assert.match(response.headers['content-type'] as string, /^application\/problem\+json/);
      const body = response.json();
      assert.equal(body.status, status);
      assert.equal(body.code, code);
      assert.equal(body.type, `urn:custodian:problem:${code}`);
      assert.deepEqual(
        body.errors.map((e: { field: string }) => e.field),
        fields,
      );
      assert.equal(await eventCount(app), before, 'a refused request must write nothing');
      return body;
    }

    it('answers health and serves an OpenAPI 3.1 document covering every route', async () => {
      const health = await server.inject({ url: `${api}/health` });
      assert.equal(health.json().status, 'ok');
      const doc = (await server.inject({ url: `${api}/openapi.json` })).json();
      assert.equal(doc.openapi, '3.1.0');
      for (const route of routes) {
        const path = api + route.path.replace(/:(\w+)/g, '{$1}');
        assert.ok(doc.paths[path]?.[route.method.toLowerCase()], `${route.method} ${path} is documented`);
      }
      const register = doc.paths[`${api}/persons`].post.requestBody.content['application/json'].schema;
      assert.ok(register.properties.identity, 'the body schema comes from the validating schema');
      const custody =
        doc.paths[`${api}/persons/{personId}/custody-events`].post.requestBody.content['application/json']
          .schema;
      assert.ok(
        custody.oneOf.every((b: { properties: object }) => !('personId' in b.properties)),
        'path parameters are not body fields',
      );
    });

    it('registers a person and answers 201 with the registration number', async () => {
      const response = await post('/persons', {
        facilityId: w.hol,
        identity: { ...mother, names: { latin: { given: 'Zainab' } } },
      });
      assert.equal(response.statusCode, 201, response.body);
      assert.match(response.json().registrationNumber, /^HOL-\d{6}-\d$/);
    });

    it('refuses malformed JSON naming the body', async () => {
      await expectProblem(() => post('/persons', '{"facilityId": '), 400, 'body.malformed-json', ['body']);
    });

    it('refuses unknown fields, naming each', async () => {
      await expectProblem(
        () => post('/persons', { facilityId: w.hol, identity: { ...mother, eyeColour: 'brown' }, colour: 1 }),
        400,
        'input.invalid',
        ['identity.eyeColour', 'colour'],
      );
    });

    it('refuses wrong types and missing fields, naming each', async () => {
      await expectProblem(
        () =>
          post('/persons', {
            facilityId: 42,
            identity: { ...mother, sex: undefined, birthDate: { date: 'yesterday' } },
          }),
        400,
        'input.invalid',
        ['facilityId', 'identity.sex', 'identity.birthDate.date'],
      );
    });

    it('refuses an unknown id in the body with 422 and in the path with 404', async () => {
      const unknown = '01900000-0000-7000-8000-000000000000';
      await expectProblem(
        () => post('/persons', { facilityId: unknown, identity: mother }),
        422,
        'reference.unknown',
        ['facilityId'],
      );
      const before = await eventCount(app);
      const response = await get(`/persons/${unknown}`);
      assert.equal(response.statusCode, 404);
      assert.equal(response.json().code, 'resource.not-found');
      assert.equal(await eventCount(app), before);
      await expectProblem(
        () => post(`/persons/${unknown}/custody-events`, { type: 'released', reason: 'x', authority: 'y' }),
        422,
        'reference.unknown',
        ['personId'],
      );
    });

    it('refuses an invalid transition with 409 naming the type', async () => {
      const body = await expectProblem(
        () =>
          post(`/persons/${w.mother.personId}/custody-events`, {
            type: 'escaped',
            reason: 'x',
            authority: 'y',
          }),
        409,
        'custody.transition-refused',
        ['type'],
      );
      assert.match(String(body.detail), /registered but not yet admitted cannot be recorded as escaped/);
    });

    it('refuses a path parameter repeated in the body and a non-object body', async () => {
      await expectProblem(
        () =>
          post(`/persons/${w.mother.personId}/custody-events`, {
            personId: w.mother.personId,
            type: 'released',
            reason: 'x',
            authority: 'y',
          }),
        400,
        'input.invalid',
        ['personId'],
      );
      await expectProblem(() => post('/persons', '[1,2]'), 400, 'input.invalid', ['body']);
    });

    it('refuses an unknown query parameter and a forged cursor', async () => {
      const unknownParam = await get(`/persons?colour=red`);
      assert.equal(unknownParam.statusCode, 400);
      assert.deepEqual(
        unknownParam.json().errors.map((e: { field: string }) => e.field),
        ['colour'],
      );
      const forged = await get(`/persons?cursor=not-a-cursor`);
      assert.equal(forged.statusCode, 400);
      assert.deepEqual(
        forged.json().errors.map((e: { field: string }) => e.field),
        ['cursor'],
      );
    });

    it('returns the first answer to an idempotent retry and writes nothing new', async () => {
      const payload = { facilityId: w.hol, identity: { ...mother, names: { latin: { given: 'Hafsa' } } } };
      const first = await post('/persons', payload, { 'idempotency-key': 'retry-1' });
      assert.equal(first.statusCode, 201);
      const count = await eventCount(app);
      const retry = await post('/persons', payload, { 'idempotency-key': 'retry-1' });
      assert.equal(retry.statusCode, 201);
      assert.deepEqual(retry.json(), first.json());
      assert.equal(await eventCount(app), count);
      await expectProblem(
        () =>
          post(
            '/persons',
            { ...payload, identity: { ...payload.identity, sex: 'male' } },
            { 'idempotency-key': 'retry-1' },
          ),
        422,
        'idempotency.key-reused',
        ['Idempotency-Key'],
      );
    });

    it('pages through lists with a cursor, each person once', async () => {
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const query: string = cursor ? `&cursor=${cursor}` : '';
        const page = (await get(`/persons?limit=2${query}`)).json();
        assert.ok(page.items.length <= 2);
        seen.push(...page.items.map((p: { id: string }) => p.id));
        cursor = page.nextCursor;
      } while (cursor !== null);
      const all = (await get(`/persons?limit=500`)).json();
      assert.deepEqual(
        seen,
        all.items.map((p: { id: string }) => p.id),
      );
      assert.equal(new Set(seen).size, seen.length);
      assert.ok(seen.length >= 5);
    });

    it('answers an unknown route with problem+json', async () => {
      const response = await get(`/prisoners`);
      assert.equal(response.statusCode, 404);
      assert.equal(response.json().code, 'route.not-found');
    });
  });
}
