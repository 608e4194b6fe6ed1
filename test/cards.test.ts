// ID cards on SQLite and PostgreSQL: issued by a registrar with a code signed by the node key, read
// by a guard at scan; a replaced, revoked, forged or out-of-scope card is refused, and verify passes.
import assert from 'node:assert/strict';
import { generateKeyPairSync } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { resolveCard } from '../src/app/cards.ts';
import type { Custodian } from '../src/app/custodian.ts';
import { buildServer } from '../src/http/server.ts';
import { signCard } from '../src/ledger/card.ts';
import { nodeKeyFromPrivate } from '../src/ledger/node-key.ts';
import { databases, openTestApp } from './support/databases.ts';
import { type Client, signIn } from './support/http.ts';
import { actor, admit, buildWorld, eventCount, mother } from './support/world.ts';

const stranger = nodeKeyFromPrivate(generateKeyPairSync('ed25519').privateKey);

/** A refusal of a scan: its status, stable code and the field it names. */
const refusal = (r: LightMyRequestResponse) => {
  const body = r.json();
  return { status: r.statusCode, code: body.code, field: body.errors?.[0]?.field };
};

for (const database of databases) {
  describe(`ID cards on ${database.name}`, { skip: database.skip ?? false }, () => {
    let t: Awaited<ReturnType<typeof openTestApp>>;
    let app: Custodian;
    let server: FastifyInstance;
    let w: Awaited<ReturnType<typeof buildWorld>>;
    let registrar: Client;
    let guard: Client;
    let commander: Client;
    let rojPerson: { personId: string; registrationNumber: string };
    let first: { code: string; serial: number };
    let current: { code: string; serial: number };

    before(async () => {
      t = await openTestApp(database);
      app = t.app;
      server = buildServer(app);
      w = await buildWorld(app);
      await admit(app, w.mother.personId, w.hol, w.annex, '2019-09-01T08:00:00Z');
      rojPerson = await app.execute(actor, 'registerPerson', { facilityId: w.roj, identity: mother });
      await admit(app, rojPerson.personId, w.roj, w.rojMain, '2019-09-01T08:00:00Z');
      registrar = await signIn(server, app, 'registrar-hol', 'registrar', ['HOL']);
      guard = await signIn(server, app, 'guard-hol', 'guard', ['HOL']);
      commander = await signIn(server, app, 'commander-all', 'commander');
    });
    after(async () => {
      await server.close();
      await t.close();
    });

    const scan = (client: Client, code: string) => client.post('/cards/scan', { code });

    it('lets a registrar issue a card whose code the person record then carries', async () => {
      const issued = await registrar.post(`/persons/${w.mother.personId}/cards`, {});
      assert.equal(issued.statusCode, 201, issued.body);
      first = issued.json();
      assert.equal(first.serial, 1);
      assert.match(first.code, new RegExp(`^CUS1:${w.mother.registrationNumber}:[A-Z2-7]{125}$`));
      assert.equal(issued.json().replaced, null);
      const record = (await registrar.get(`/persons/${w.mother.personId}`)).json();
      assert.equal(record.card.code, first.code);
      assert.equal(record.card.serial, 1);
      assert.equal(record.card.origin, app.node.origin);
      assert.equal(record.card.revokedAt, null);
      const refused = await guard.post(`/persons/${w.mother.personId}/cards`, {});
      assert.equal(refusal(refused).code, 'auth.role', 'guards scan cards, registrars issue them');
    });

    it('answers a scan with the person, where they are held and the card', async () => {
      const scanned = await scan(guard, first.code);
      assert.equal(scanned.statusCode, 200, scanned.body);
      const person = scanned.json();
      assert.equal(person.id, w.mother.personId);
      assert.equal(person.registrationNumber, w.mother.registrationNumber);
      assert.equal(person.displayName, 'Fatima Ali Al-Douri');
      assert.equal(person.custody.status, 'in-custody');
      assert.equal(person.custody.facilityId, w.hol);
      assert.equal(person.custody.sectionId, w.annex);
      assert.deepEqual(person.card, { serial: 1, origin: app.node.origin, issuedAt: person.card.issuedAt });
      assert.ok(!('classificationReason' in person));
    });

    it('writes every scan to the audit log as a read of the person, refused ones too', async () => {
      await scan(guard, 'not a card');
      const log = await app.query(actor, 'auditLog', { limit: 500 });
      const scans = log.items.filter(
        (e) => e.username === 'guard-hol' && (e.details as { query?: string }).query === 'scanCard',
      );
      assert.ok(scans.length >= 2);
      const ok = scans.find((e) => e.result === 'ok')!;
      assert.equal(ok.action, 'person.read');
      assert.equal(ok.target, w.mother.personId);
      assert.ok(scans.some((e) => e.result === 'invalid'));
    });

    it('refuses the old card once a new one is issued, and reads the new one', async () => {
      const again = await registrar.post(`/persons/${w.mother.personId}/cards`, { reason: 'card lost' });
      assert.equal(again.statusCode, 201, again.body);
      current = again.json();
      assert.equal(current.serial, 2);
      assert.equal(again.json().replaced, 1);
      const old = await scan(guard, first.code);
      assert.deepEqual(refusal(old), { status: 409, code: 'card.revoked', field: 'code' });
      assert.match(old.json().detail, /card 1 was replaced by card 2/);
      assert.equal((await scan(guard, current.code)).json().card.serial, 2);
    });

    it('refuses a forged card: another key, an altered character, or a known origin with a foreign key', async () => {
      const registrationNumber = w.mother.registrationNumber;
      const at = '2019-10-01T00:00:00Z';
      const cases = [
        signCard(stranger, { registrationNumber, serial: current.serial, at }).code,
        signCard({ ...stranger, origin: app.node.origin }, { registrationNumber, serial: current.serial, at })
          .code,
        current.code.slice(0, 40) + (current.code[40] === 'A' ? 'B' : 'A') + current.code.slice(41),
        // Another person's registration number on a genuine card.
        current.code.replace(registrationNumber, w.children[0]!.registrationNumber),
      ];
      for (const code of cases) {
        assert.deepEqual(refusal(await scan(guard, code)), {
          status: 422,
          code: 'card.forged',
          field: 'code',
        });
      }
    });

    it('refuses a malformed card: cut short, another version, or not a card', async () => {
      for (const code of [current.code.slice(0, -3), current.code.replace('CUS1', 'CUS9'), 'HELLO', '']) {
        assert.deepEqual(refusal(await scan(guard, code)), {
          status: 400,
          code: 'card.malformed',
          field: 'code',
        });
      }
      assert.equal(refusal(await guard.post('/cards/scan', {})).code, 'input.invalid');
    });

    it("answers a card of someone held outside the guard's facilities as one of nobody", async () => {
      const rojCard = await app.execute(actor, 'issueCard', { personId: rojPerson.personId });
      const outside = await scan(guard, rojCard.code);
      assert.deepEqual(refusal(outside), { status: 404, code: 'card.unknown-person', field: 'code' });
      assert.ok(!outside.body.includes(rojPerson.personId));
      const nobody = signCard(app.node, { registrationNumber: 'HOL-999999-4', serial: 1, at: app.now() });
      assert.deepEqual(refusal(await scan(guard, nobody.code)), {
        status: 404,
        code: 'card.unknown-person',
        field: 'code',
      });
      // Revoked or not, a card from outside says nothing more.
      await app.execute(actor, 'revokeCard', { personId: rojPerson.personId, reason: 'lost' });
      assert.equal(refusal(await scan(guard, rojCard.code)).code, 'card.unknown-person');
      assert.equal(refusal(await scan(commander, rojCard.code)).code, 'card.revoked');
    });

    it('refuses a revoked card until a new one is issued', async () => {
      const revoked = await commander.post(`/persons/${w.mother.personId}/cards/revoke`, {
        reason: 'taken from her at the market',
      });
      assert.equal(revoked.statusCode, 200, revoked.body);
      const scanned = await scan(guard, current.code);
      assert.equal(refusal(scanned).code, 'card.revoked');
      assert.match(scanned.json().detail, /taken from her at the market/);
      const twice = await commander.post(`/persons/${w.mother.personId}/cards/revoke`, { reason: 'again' });
      assert.equal(refusal(twice).code, 'card.none-valid');
      current = (await registrar.post(`/persons/${w.mother.personId}/cards`, {})).json();
      assert.equal(current.serial, 3);
      assert.equal((await scan(guard, current.code)).statusCode, 200);
    });

    it("accepts a known peer's signature, and still refuses its card when it is not the current one", async () => {
      await app.store.db
        .insertInto('nodes')
        .values({
          origin: stranger.origin,
          publicKey: stranger.publicKeyPem,
          role: 'peer',
          createdAt: app.now(),
        })
        .execute();
      try {
        const peerCard = signCard(stranger, {
          registrationNumber: w.mother.registrationNumber,
          serial: current.serial,
          at: app.now(),
        });
        const scanned = await scan(guard, peerCard.code);
        assert.equal(
          refusal(scanned).code,
          'card.revoked',
          'the signature holds; the register knows no such card',
        );
      } finally {
        await app.store.db.deleteFrom('nodes').where('origin', '=', stranger.origin).execute();
      }
    });

    it('resolves a card inside a command transaction, as a headcount mark would', async () => {
      const resolved = await app.transact(actor, (writer) =>
        resolveCard(writer.view, writer.trx, current.code),
      );
      assert.equal(resolved.personId, w.mother.personId);
      assert.equal(resolved.card.serial, current.serial);
      await assert.rejects(
        app.transact(actor, (writer) =>
          resolveCard(writer.view, writer.trx, first.code, { field: 'marks.0.code' }),
        ),
        (e: { id: string; errors: { field: string }[] }) =>
          e.id === 'card.revoked' && e.errors[0]!.field === 'marks.0.code',
      );
    });

    it('refuses a card for a record merged into another, and issuing one on it', async () => {
      const child = w.children[1]!;
      const card = await app.execute(actor, 'issueCard', { personId: child.personId });
      const dup = await app.execute(actor, 'registerPerson', {
        facilityId: w.hol,
        identity: { ...mother, names: { latin: { given: 'Yusuf', family: 'Duplicate' } } },
      });
      await app.execute(actor, 'mergePersons', {
        personId: dup.personId,
        duplicateId: child.personId,
        reason: 'registered twice',
      });
      assert.equal(refusal(await scan(guard, card.code)).code, 'card.revoked');
      const before = await eventCount(app);
      await assert.rejects(app.execute(actor, 'issueCard', { personId: child.personId }), {
        id: 'card.merged-record',
      });
      assert.equal(await eventCount(app), before, 'nothing written');
      await app.execute(actor, 'unmergePerson', { personId: child.personId, reason: 'not the same' });
      assert.equal((await scan(guard, card.code)).statusCode, 200);
    });

    it('verifies with card events in the ledger, rebuilding the current cards', async () => {
      await app.checkpoint();
      const report = await app.verify();
      assert.deepEqual(report.problems, []);
      assert.ok(report.ok);
      const cards = await app.store.db.selectFrom('idCards').selectAll().execute();
      assert.ok(cards.length >= 3);
    });
  });
}
