// Merging a person registered twice, and undoing it, on SQLite and PostgreSQL: both histories stay,
// the duplicate leaves the lists while merged, and two records that both place the person are refused.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Custodian } from '../src/app/custodian.ts';
import { databases, openTestApp } from './support/databases.ts';
import { actor, admit, buildWorld, eventCount, mother } from './support/world.ts';

for (const database of databases) {
  describe(`merging duplicate records on ${database.name}`, { skip: database.skip ?? false }, () => {
    let t: Awaited<ReturnType<typeof openTestApp>>;
    let app: Custodian;
    let w: Awaited<ReturnType<typeof buildWorld>>;
    let duplicate: string;

    before(async () => {
      t = await openTestApp(database);
      app = t.app;
      w = await buildWorld(app);
      await admit(app, w.mother.personId, w.hol, w.annex, '2019-09-01T08:00:00Z');
      // The same woman, registered again at Roj under another spelling, and admitted there too.
      const again = await app.execute(actor, 'registerPerson', {
        facilityId: w.roj,
        identity: { ...mother, names: { latin: { given: 'Fatma', father: 'Aly', family: 'Ad-Douri' } } },
      });
      duplicate = again.personId;
      await admit(app, duplicate, w.roj, w.rojMain, '2019-09-02T08:00:00Z');
    });
    after(() => t.close());

    const listed = async () => (await app.query(actor, 'listPersons', { limit: 500 })).items.map((p) => p.id);

    it('refuses to merge two records that both place the person in custody, writing nothing', async () => {
      const before = await eventCount(app);
      await assert.rejects(
        app.execute(actor, 'mergePersons', {
          personId: w.mother.personId,
          duplicateId: duplicate,
          reason: 'twice',
        }),
        (e: { id: string; errors: { field: string }[] }) =>
          e.id === 'merge.both-held' && e.errors[0]!.field === 'duplicateId',
      );
      await assert.rejects(
        app.execute(actor, 'mergePersons', { personId: duplicate, duplicateId: duplicate, reason: 'x' }),
        { id: 'merge.same-record' },
      );
      assert.equal(await eventCount(app), before);
    });

    it('merges once the wrong admission is corrected, keeping both histories, and verifies', async () => {
      const history = await app.query(actor, 'custodyHistory', { personId: duplicate });
      await app.execute(actor, 'recordCustody', {
        type: 'corrected',
        personId: duplicate,
        correctsEventId: history.items[0]!.id,
        reason: 'she was at Al Hol: registered twice',
        authority: 'Asayish',
      });
      await app.execute(actor, 'mergePersons', {
        personId: w.mother.personId,
        duplicateId: duplicate,
        reason: 'same woman, registered twice',
      });
      assert.ok(!(await listed()).includes(duplicate), 'the duplicate leaves the lists');
      const kept = await app.query(actor, 'getPerson', { personId: w.mother.personId });
      assert.deepEqual(
        kept.mergedRecords.map((r) => r.id),
        [duplicate],
      );
      const merged = await app.query(actor, 'getPerson', { personId: duplicate });
      assert.equal(merged.mergedInto, w.mother.personId);
      assert.equal((await app.query(actor, 'custodyHistory', { personId: duplicate })).items.length, 2);
      await assert.rejects(
        app.execute(actor, 'mergePersons', {
          personId: w.mother.personId,
          duplicateId: duplicate,
          reason: 'again',
        }),
        { id: 'merge.already-merged' },
      );
      assert.deepEqual((await app.verify()).problems, []);
    });

    it('undoes a merge with a further event', async () => {
      await app.execute(actor, 'unmergePerson', { personId: duplicate, reason: 'two women after all' });
      assert.ok((await listed()).includes(duplicate));
      assert.equal((await app.query(actor, 'getPerson', { personId: duplicate })).mergedInto, null);
      await assert.rejects(app.execute(actor, 'unmergePerson', { personId: duplicate, reason: 'x' }), {
        id: 'merge.not-merged',
      });
      const events = await app.query(actor, 'ledgerEvents', { subject: duplicate, limit: 500 });
      assert.deepEqual(
        events.items.map((e) => e.type).filter((type) => type.startsWith('person.')),
        ['person.registered', 'person.merged', 'person.unmerged'],
      );
      assert.deepEqual((await app.verify()).problems, []);
    });
  });
}
