// Finding people by name through the API's query, on SQLite and PostgreSQL: any script, spelling or
// order; ranked with a reason; only within the caller's facilities; current after every change.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { UserActor } from '../src/app/access.ts';
import type { Custodian } from '../src/app/custodian.ts';
import { databases, openTestApp } from './support/databases.ts';
import { actor, admit, buildWorld, mother } from './support/world.ts';

for (const database of databases) {
  describe(`search by name on ${database.name}`, { skip: database.skip ?? false }, () => {
    let t: Awaited<ReturnType<typeof openTestApp>>;
    let app: Custodian;
    let w: Awaited<ReturnType<typeof buildWorld>>;

    before(async () => {
      t = await openTestApp(database);
      app = t.app;
      w = await buildWorld(app);
      await admit(app, w.mother.personId, w.hol, w.annex, '2019-09-01T08:00:00Z');
      // A namesake with another father, at Roj.
      await app.execute(actor, 'registerPerson', {
        facilityId: w.roj,
        identity: {
          ...mother,
          names: { latin: { given: 'Fatima', father: 'Hassan', family: 'Al-Douri' } },
          birthDate: { date: '1988-01-01' },
        },
      });
    });
    after(() => t.close());

    const search = async (q: string, as = actor as Parameters<Custodian['query']>[0]) =>
      (await app.query(as, 'listPersons', { q, limit: 10 })).items;

    it('finds the same woman from her Arabic name and from a Latin spelling in FAMILY, Given order', async () => {
      for (const q of ['فاطمة علي الدوري', 'DOURI, Fatma Aly', 'fatima ali al douri']) {
        const [first] = await search(q);
        assert.equal(first?.id, w.mother.personId, q);
        assert.notEqual(first!.match?.decision, 'no-match', q);
        assert.ok((first!.match?.reason.length ?? 0) > 0);
      }
    });

    it('does not take the namesake with another father for her', async () => {
      const results = await search('Fatima Ali Al-Douri');
      const namesake = results.find((r) => r.id !== w.mother.personId && r.displayName.includes('Hassan'));
      assert.ok(namesake === undefined || namesake.match?.decision !== 'match');
    });

    it('answers a user of one facility with the people of that facility only', async () => {
      await app.accounts.addUser(actor, {
        username: 'registrar-roj',
        role: 'registrar',
        facilities: ['ROJ'],
        password: 'a long enough passphrase',
      });
      const rojOnly: UserActor = (
        await app.accounts.login(
          { username: 'registrar-roj', password: 'a long enough passphrase' },
          '127.0.0.1',
        )
      ).actor;
      const results = await search('Fatima Ali Al-Douri', rojOnly);
      assert.ok(results.every((r) => r.id !== w.mother.personId));
      assert.ok(results.some((r) => r.displayName.includes('Hassan')));
    });

    it('keeps up with registrations, corrections and merges', async () => {
      const newcomer = await app.execute(actor, 'registerPerson', {
        facilityId: w.hol,
        identity: { ...mother, names: { latin: { given: 'Khadija', father: 'Yusuf', family: 'Zubaidi' } } },
      });
      assert.equal((await search('Khadija Yousef Al-Zubaidi'))[0]?.id, newcomer.personId);
      await app.execute(actor, 'correctIdentity', {
        personId: newcomer.personId,
        changes: { names: { latin: { given: 'Khadija', father: 'Yusuf', family: 'Jubouri' }, aliases: [] } },
        reason: 'misheard',
      });
      assert.equal((await search('Khadija Yusuf Jubouri'))[0]?.id, newcomer.personId);
      await app.execute(actor, 'mergePersons', {
        personId: w.mother.personId,
        duplicateId: newcomer.personId,
        reason: 'test of the index',
      });
      assert.ok((await search('Khadija Yusuf Jubouri')).every((r) => r.id !== newcomer.personId));
    });

    it('finds a record by its registration number, in any case', async () => {
      const { registrationNumber } = w.mother;
      const found = await search(registrationNumber.toLowerCase());
      assert.deepEqual(
        found.map((p) => p.id),
        [w.mother.personId],
      );
    });

    it('refuses a cursor with a name search, naming the field', async () => {
      await assert.rejects(
        app.query(actor, 'listPersons', { q: 'Fatima', cursor: 'abc' }),
        (e: { errors: { field: string }[] }) => e.errors[0]!.field === 'cursor',
      );
    });
  });
}
