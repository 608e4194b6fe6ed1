import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { databases } from '../../test/support/databases.ts';
import type { PersonRow, SectionRow } from '../domain/projection.ts';
import { DatabaseView, fromDatabase } from './projection-views.ts';
import { type Db, type Dialect, insertRows, openStore, placeholder, runSql, type Store } from './store.ts';

const section = (id: string, facilityId: string, code = 'A'): SectionRow => ({
  id,
  facilityId,
  code,
  name: `Section ${code}`,
  capacity: 100,
  categories: ['woman', 'girl', 'boy'],
});

const person = (id: string, householdId: string | null): PersonRow => ({
  id,
  registrationNumber: `HOL-${id}`,
  registeredAtFacilityId: 'hol',
  nationalityGroup: 'iraqi',
  mergedInto: null,
  displayName: 'أمينة (Amina)',
  sex: 'female',
  birthDate: '1990-02-28',
  identity: {
    names: {
      arabic: { given: 'أمينة' },
      latin: { given: 'Amina', family: 'O\'Neil "Q" \\ \u2028' },
      aliases: [],
    },
    sex: 'female',
    birthDate: { date: '1990-02-28', estimated: true },
    nationalities: ['IRQ'],
    documents: [],
    biometrics: [],
  },
  householdId,
  classification: null,
  classificationReason: null,
  registeredAt: '2019-10-13T08:00:00.000Z',
});

const ids = (rows: readonly { id: string }[]) => rows.map((r) => r.id).sort();

async function stored(db: Db, dialect: Dialect, table: string, id: string) {
  const [row] = await runSql(db, `select * from ${table} where id = ${placeholder(dialect, 1)}`, [id]);
  return row;
}

/** A rollback that the test asks for, told apart from a failure. */
class Rollback extends Error {}

for (const database of databases) {
  describe(`DatabaseView on ${database.name}`, { skip: database.skip ?? false }, () => {
    let store: Store;
    let drop: () => Promise<void>;

    before(async () => {
      const created = await database.create();
      drop = created.drop;
      store = await openStore(created.options.db);
      await insertRows(
        store.db,
        store.dialect,
        'sections',
        [section('s1', 'hol', 'A'), section('s2', 'roj', 'B')],
        {
          upsertKey: 'id',
          json: new Set(['categories']),
        },
      );
    });
    after(async () => {
      await store.close();
      await drop();
    });

    it('serves rows put in the transaction, and writes them only when flushed', async () => {
      await store.db.transaction().execute(async (trx) => {
        const view = new DatabaseView(trx, store.dialect);
        await view.put('sections', section('s3', 'hol', 'C'));
        assert.deepEqual(await view.get('sections', 's3'), section('s3', 'hol', 'C'));
        assert.equal(await stored(trx, store.dialect, 'sections', 's3'), undefined);
        await view.flush();
        assert.equal(view.pending, 0);
        const row = await stored(trx, store.dialect, 'sections', 's3');
        assert.deepEqual(fromDatabase('sections', row!), section('s3', 'hol', 'C'));
      });
    });

    it('lists rows of the database together with the rows put earlier in the transaction', async () => {
      await store.db
        .transaction()
        .execute(async (trx) => {
          const view = new DatabaseView(trx, store.dialect);
          await view.put('sections', section('s4', 'hol', 'D'));
          assert.deepEqual(ids(await view.list('sections', 'facilityId', 'hol')), ['s1', 's3', 's4']);
          // A row that moves from one list to another, read from the database or not.
          await view.put('sections', section('s1', 'roj', 'A'));
          await view.put('sections', section('s5', 'roj', 'E'));
          assert.deepEqual(ids(await view.list('sections', 'facilityId', 'hol')), ['s3', 's4']);
          assert.deepEqual(ids(await view.list('sections', 'facilityId', 'roj')), ['s1', 's2', 's5']);
          assert.equal(
            (await view.list('sections', 'facilityId', 'roj')).find((s) => s.id === 's1')?.code,
            'A',
          );
          assert.deepEqual(await view.list('sections', 'facilityId', 'ayn'), []);
          await view.put('sections', section('s6', 'ayn', 'F'));
          assert.deepEqual(ids(await view.list('sections', 'facilityId', 'ayn')), ['s6']);
          throw new Rollback();
        })
        .catch((error) => {
          if (!(error instanceof Rollback)) throw error;
        });
      assert.equal(
        await stored(store.db, store.dialect, 'sections', 's4'),
        undefined,
        'a rollback leaves nothing written',
      );
      assert.equal(
        fromDatabase('sections', (await stored(store.db, store.dialect, 'sections', 's1'))!).facilityId,
        'hol',
      );
    });

    it('reads ahead without losing what was put', async () => {
      await store.db
        .transaction()
        .execute(async (trx) => {
          const view = new DatabaseView(trx, store.dialect);
          await view.list('sections', 'facilityId', 'hol');
          await view.put('sections', section('s2', 'hol', 'B'));
          await view.prefetch(['s1', 's2', 'nobody', 'roj']);
          assert.equal((await view.get('sections', 's2'))?.facilityId, 'hol');
          assert.equal(await view.get('sections', 'nobody'), undefined);
          assert.deepEqual(ids(await view.list('sections', 'facilityId', 'roj')), []);
          assert.deepEqual(ids(await view.list('sections', 'facilityId', 'hol')), ['s1', 's2', 's3']);
          throw new Rollback();
        })
        .catch((error) => {
          if (!(error instanceof Rollback)) throw error;
        });
    });

    it('throws the failure that stopped a flush, not what failed after it, and writes nothing', async () => {
      const twin = { ...person('twin-1', null), registrationNumber: 'HOL-twin' };
      await assert.rejects(
        store.db.transaction().execute(async (trx) => {
          const view = new DatabaseView(trx, store.dialect);
          await view.put('persons', person('p-first', null));
          await view.flush();
          // The persons are written before the section, and PostgreSQL refuses every statement after
          // a failed one.
          await view.put('persons', twin);
          await view.put('persons', { ...twin, id: 'twin-2' });
          await view.put('sections', section('s9', 'hol', 'Z'));
          await view.flush();
        }),
        (error: Error) => /unique/i.test(error.message),
      );
      for (const id of ['p-first', 'twin-1', 'twin-2'])
        assert.equal(await stored(store.db, store.dialect, 'persons', id), undefined);
      assert.equal(await stored(store.db, store.dialect, 'sections', 's9'), undefined);
    });

    it('upserts rows with JSON columns and any text, many at a time', async () => {
      const people = Array.from({ length: 1500 }, (_, i) => person(`p${i}`, i % 2 === 0 ? 'h1' : null));
      await store.db.transaction().execute(async (trx) => {
        const view = new DatabaseView(trx, store.dialect);
        for (const p of people) await view.put('persons', p);
        await view.flush();
        await view.put('persons', { ...people[0]!, householdId: null, classification: 'standard' });
        await view.flush();
      });
      await store.db.transaction().execute(async (trx) => {
        const view = new DatabaseView(trx, store.dialect);
        assert.deepEqual(await view.get('persons', 'p1'), people[1]);
        assert.deepEqual(await view.get('persons', 'p0'), {
          ...people[0],
          householdId: null,
          classification: 'standard',
        });
        assert.equal((await view.list('persons', 'householdId', 'h1')).length, 749);
      });
    });
  });
}
