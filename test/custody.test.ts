// The custody record end to end, on SQLite and PostgreSQL: a household's journey, refusals, and verify.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import type { Custodian } from '../src/app/custodian.ts';
import { databases, openTestApp } from './support/databases.ts';
import { actor, admit, authority, buildWorld, child, eventCount, refusal } from './support/world.ts';

const custody = (app: Custodian, input: Record<string, unknown>) =>
  app.execute(actor, 'recordCustody', { reason: 'as recorded by the test', authority, ...input });

for (const database of databases) {
  describe(`custody record on ${database.name}`, { skip: database.skip ?? false }, () => {
    let t: Awaited<ReturnType<typeof openTestApp>>;
    let app: Custodian;
    let w: Awaited<ReturnType<typeof buildWorld>>;
    let adult: string;

    before(async () => {
      t = await openTestApp(database);
      app = t.app;
      w = await buildWorld(app);
      const man = await app.execute(actor, 'registerPerson', {
        facilityId: w.hol,
        identity: {
          names: { latin: { given: 'Jack', family: 'Thornton', kunya: 'Abu Sulayman' } },
          sex: 'male',
          birthDate: { date: '1985-01-01', estimated: true },
          nationalities: ['GBR'],
        },
      });
      adult = man.personId;
    });
    after(() => t.close());

    it('registers with registration numbers that carry a check digit', async () => {
      const person = await app.query(actor, 'getPerson', { personId: w.mother.personId });
      assert.match(person.registrationNumber, /^HOL-000001-\d$/);
      assert.equal(person.category, 'woman');
      assert.equal(person.nationalityGroup, 'iraqi');
      assert.equal(person.custody.status, 'registered');
      assert.deepEqual(
        person.household.map((m) => m.id).sort(),
        [w.mother.personId, ...w.children.map((c) => c.personId)].sort(),
      );
      assert.equal(person.familyLinks.filter((l) => l.relation === 'mother').length, 2);
    });

    it('follows a household through admission, move, transfer, escape and recapture', async () => {
      for (const p of [w.mother, ...w.children])
        await admit(app, p.personId, w.hol, w.annex, '2019-10-01T08:00:00Z');
      await custody(app, {
        type: 'moved',
        personId: w.mother.personId,
        sectionId: w.phase5,
        occurredAt: '2019-10-02T08:00:00Z',
      });
      const transfer = {
        type: 'transfer-started',
        personId: w.mother.personId,
        toFacilityId: w.roj,
        dueAt: '2019-10-03T18:00:00Z',
        occurredAt: '2019-10-03T08:00:00Z',
      };
      // Alone, the mother would leave her children behind: child protection approves it for each child.
      const alone = await refusal(custody(app, transfer));
      assert.equal(alone.id, 'custody.child-separation');
      assert.equal(alone.errors[0]!.field, 'personId');
      for (const c of w.children) {
        await app.execute(actor, 'approveChildSeparation', {
          personId: c.personId,
          movement: 'transfer-started',
          reason: 'the mother is taken to Roj for trial; the children stay with their grandmother',
        });
      }
      const started = await custody(app, transfer);
      assert.equal(started.status, 'in-transit');
      const notifications = await app.query(actor, 'listNotifications', { status: 'queued' });
      assert.ok(
        notifications.items.some((n) => n.eventId === started.eventId && n.kind === 'transfer-started'),
      );
      const overdue = await app.query(actor, 'overdueTransfers', {});
      assert.deepEqual(
        overdue.items.map((p) => p.id),
        [w.mother.personId],
      );

      const wrong = await refusal(
        custody(app, {
          type: 'transfer-received',
          personId: w.mother.personId,
          facilityId: w.hol,
          occurredAt: '2019-10-03T17:00:00Z',
        }),
      );
      assert.equal(wrong.id, 'custody.wrong-destination');
      await custody(app, {
        type: 'transfer-received',
        personId: w.mother.personId,
        facilityId: w.roj,
        sectionId: w.rojMain,
        occurredAt: '2019-10-03T17:00:00Z',
      });
      assert.equal((await app.query(actor, 'overdueTransfers', {})).items.length, 0);

      await custody(app, {
        type: 'escaped',
        personId: w.mother.personId,
        occurredAt: '2019-10-13T10:00:00Z',
      });
      const escaped = await app.query(actor, 'getPerson', { personId: w.mother.personId });
      assert.equal(escaped.custody.status, 'escaped');
      assert.equal(escaped.custody.facilityId, w.roj);
      await custody(app, {
        type: 'recaptured',
        personId: w.mother.personId,
        facilityId: w.roj,
        sectionId: w.rojMain,
        occurredAt: '2019-10-15T10:00:00Z',
      });
      const back = await app.query(actor, 'getPerson', { personId: w.mother.personId });
      assert.equal(back.custody.status, 'in-custody');
      assert.equal(back.custody.sectionId, w.rojMain);
      const history = await app.query(actor, 'custodyHistory', { personId: w.mother.personId });
      assert.deepEqual(
        history.items.map((h) => h.type),
        ['admitted', 'moved', 'transfer-started', 'transfer-received', 'escaped', 'recaptured'],
      );
    });

    it('hands an adult over to a foreign authority', async () => {
      await admit(app, adult, w.hol, w.men, '2019-10-01T09:00:00Z');
      const handed = await custody(app, {
        type: 'handed-over',
        personId: adult,
        toAuthority: 'United States forces',
        country: 'USA',
        occurredAt: '2019-10-10T09:00:00Z',
      });
      assert.equal(handed.status, 'handed-over');
      const refused = await refusal(
        custody(app, { type: 'escaped', personId: adult, occurredAt: '2019-10-11T09:00:00Z' }),
      );
      assert.equal(refused.id, 'custody.transition-refused');
      assert.equal(refused.errors[0]?.field, 'type');
    });

    it('refuses a security classification for a child and accepts it for an adult', async () => {
      const refused = await refusal(
        app.execute(actor, 'classifyPerson', {
          personId: w.children[0]!.personId,
          classification: 'high',
          reason: 'none',
        }),
      );
      assert.equal(refused.id, 'person.child-classification');
      assert.equal(refused.errors[0]?.field, 'classification');
      const ok = await app.execute(actor, 'classifyPerson', {
        personId: adult,
        classification: 'high-value',
        reason: 'file 12',
      });
      assert.equal(ok.classification, 'high-value');
    });

    it('refuses a move that breaks a separation unless overridden with a reason', async () => {
      const other = await app.execute(actor, 'registerPerson', {
        facilityId: w.hol,
        identity: {
          names: { latin: { given: 'Maryam', family: 'Haddad' } },
          sex: 'female',
          birthDate: { date: '1990-01-01' },
          nationalities: ['SYR'],
        },
      });
      await admit(app, other.personId, w.hol, w.phase5, '2019-10-01T08:00:00Z');
      await app.execute(actor, 'addSeparation', {
        personIds: [other.personId, w.children[0]!.personId],
        reason: 'threats',
      });
      const before = await eventCount(app);
      const refused = await refusal(
        custody(app, {
          type: 'moved',
          personId: w.children[0]!.personId,
          sectionId: w.phase5,
          occurredAt: '2019-10-05T08:00:00Z',
        }),
      );
      assert.equal(refused.id, 'custody.separation-breached');
      assert.equal(refused.errors[0]?.field, 'sectionId');
      assert.equal(await eventCount(app), before);
      const moved = await custody(app, {
        type: 'moved',
        personId: w.children[0]!.personId,
        sectionId: w.phase5,
        occurredAt: '2019-10-05T08:00:00Z',
        separationOverride: 'mother moved; the child stays with her; guarded tent',
      });
      assert.equal(moved.sectionId, w.phase5);
    });

    it('refuses a section that may not hold the person', async () => {
      const refused = await refusal(
        custody(app, {
          type: 'moved',
          personId: w.children[1]!.personId,
          sectionId: w.men,
          occurredAt: '2019-10-06T08:00:00Z',
        }),
      );
      assert.equal(refused.id, 'section.category');
    });

    it('registers a birth in custody linked to the mother, with a notification', async () => {
      const born = await app.execute(actor, 'registerBirth', {
        motherId: w.mother.personId,
        child: { names: { latin: { given: 'Hamza' } }, sex: 'male' },
        occurredAt: '2019-11-01T04:00:00Z',
        authority,
      });
      const baby = await app.query(actor, 'getPerson', { personId: born.personId });
      assert.equal(baby.custody.status, 'in-custody');
      assert.equal(baby.custody.facilityId, w.roj);
      assert.equal(baby.birthDate, '2019-11-01');
      assert.equal(baby.householdId, w.household);
      assert.ok(baby.familyLinks.some((l) => l.personId === w.mother.personId && l.relation === 'mother'));
      const queued = await app.query(actor, 'listNotifications', { status: 'queued', limit: 500 });
      assert.ok(queued.items.some((n) => n.personId === born.personId && n.kind === 'born'));
    });

    it('corrects a custody event by voiding it, keeping it in the ledger', async () => {
      const wrong = await custody(app, {
        type: 'hospitalised',
        personId: w.children[1]!.personId,
        hospital: 'Hasakah National Hospital',
        occurredAt: '2019-11-02T08:00:00Z',
      });
      assert.equal(
        (await app.query(actor, 'getPerson', { personId: w.children[1]!.personId })).custody.presence,
        'hospital',
      );
      const correction = await custody(app, {
        type: 'corrected',
        personId: w.children[1]!.personId,
        correctsEventId: wrong.eventId,
        reason: 'recorded for the wrong child',
        occurredAt: '2019-11-02T09:00:00Z',
      });
      // The bureau was told of the hospitalisation, so it must be told it was wrong.
      const queued = await app.query(actor, 'listNotifications', { status: 'queued', limit: 500 });
      assert.deepEqual(
        queued.items.filter((n) => n.personId === w.children[1]!.personId).map((n) => [n.kind, n.eventId]),
        [
          ['hospitalised', wrong.eventId],
          ['corrected', correction.eventId],
        ],
      );
      const fixed = await app.query(actor, 'getPerson', { personId: w.children[1]!.personId });
      assert.equal(fixed.custody.presence, 'in');
      const history = await app.query(actor, 'custodyHistory', { personId: w.children[1]!.personId });
      assert.equal(history.items.find((h) => h.id === wrong.eventId)?.voidedBy !== null, true);
      const again = await refusal(
        custody(app, {
          type: 'corrected',
          personId: w.children[1]!.personId,
          correctsEventId: wrong.eventId,
          occurredAt: '2019-11-02T10:00:00Z',
        }),
      );
      assert.equal(again.id, 'correction.already-void');
    });

    it('writes nothing of a batch when one of its commands is refused', async () => {
      const before = await eventCount(app);
      const refused = await refusal(
        app.executeBatch(actor, [
          {
            command: 'registerPerson',
            input: { facilityId: w.hol, identity: child('Layla', 'female', '2018-01-01') },
          },
          {
            command: 'classifyPerson',
            input: { personId: w.children[1]!.personId, classification: 'high', reason: 'x' },
          },
        ]),
      );
      assert.equal(refused.id, 'person.child-classification');
      assert.equal(await eventCount(app), before);
      const persons = await app.query(actor, 'listPersons', { limit: 500 });
      assert.ok(!persons.items.some((p) => p.displayName.startsWith('Layla')));
    });

    it('verifies the ledger, then names an altered event and an altered projection row', async () => {
      const clean = await app.verify();
      assert.deepEqual(clean.problems, []);
      assert.ok(clean.ok);
      assert.ok(clean.checkpoints >= 1);

      // One byte of one stored event's payload.
      const target = await app.store.db
        .selectFrom('events')
        .selectAll()
        .where('type', '=', 'custody.escaped')
        .executeTakeFirstOrThrow();
      const altered = target.payload.replace('test', 'tesT');
      assert.notEqual(altered, target.payload);
      await app.store.db
        .updateTable('events')
        .set({ payload: altered })
        .where('id', '=', target.id)
        .execute();
      const broken = await app.verify();
      assert.equal(broken.ok, false);
      assert.match(broken.problems[0]!, new RegExp(`event ${target.id} .*altered`));
      await app.store.db
        .updateTable('events')
        .set({ payload: target.payload })
        .where('id', '=', target.id)
        .execute();
      assert.ok((await app.verify()).ok);

      // One projection row: somebody sets an escaped person back in custody by hand.
      await app.store.db.updateTable('custody').set({ status: 'released' }).where('id', '=', adult).execute();
      const edited = await app.verify();
      assert.equal(edited.ok, false);
      assert.equal(edited.problems.length, 1);
      assert.match(
        edited.problems[0]!,
        new RegExp(
          `projection custody row ${adult}: column status is "released" in the database, but the ledger gives "handed-over"`,
        ),
      );
      await app.store.db
        .updateTable('custody')
        .set({ status: 'handed-over' })
        .where('id', '=', adult)
        .execute();

      // A whole rewrite of an event with a recomputed hash is caught by the signed checkpoint or the next link.
      await sql`delete from events where position = (select max(position) from events)`.execute(app.store.db);
      const truncated = await app.verify();
      assert.equal(truncated.ok, false);
      assert.ok(truncated.problems.some((p) => /chain head|checkpoint/.test(p)));
    });
  });
}
