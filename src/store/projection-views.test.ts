import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import {
  type CustodyHistoryRow,
  type PersonRow,
  type ProjectionTable,
  projectionTables,
  type SectionRow,
} from '../domain/projection.ts';
import { fromStored, MemoryView, toStored } from './projection-views.ts';

const section = (id: string, facilityId: string, code = 'ANNEX'): SectionRow => ({
  id,
  facilityId,
  code,
  name: `Section ${code}`,
  capacity: 100,
  categories: ['woman', 'girl', 'boy'],
});

const ids = (rows: readonly { id: string }[]) => rows.map((r) => r.id).sort();

describe('MemoryView', () => {
  it('gets what was put, by table and id', async () => {
    const view = new MemoryView();
    const row = section('s1', 'hol');
    await view.put('sections', row);
    assert.deepEqual(await view.get('sections', 's1'), row);
    assert.equal(await view.get('sections', 's2'), undefined);
    assert.equal(await view.get('facilities', 's1'), undefined, 'tables are separate');
  });

  it('replaces a row put again with the same id', async () => {
    const view = new MemoryView();
    await view.put('sections', section('s1', 'hol'));
    await view.put('sections', { ...section('s1', 'hol'), capacity: 250 });
    assert.equal((await view.get('sections', 's1'))?.capacity, 250);
    assert.equal((await view.list('sections', 'facilityId', 'hol')).length, 1);
  });

  it('lists the rows whose column has a value', async () => {
    const view = new MemoryView();
    await view.put('sections', section('s1', 'hol', 'A'));
    await view.put('sections', section('s2', 'hol', 'B'));
    await view.put('sections', section('s3', 'roj', 'A'));
    assert.deepEqual(ids(await view.list('sections', 'facilityId', 'hol')), ['s1', 's2']);
    assert.deepEqual(ids(await view.list('sections', 'facilityId', 'roj')), ['s3']);
    assert.deepEqual(ids(await view.list('sections', 'code', 'A')), ['s1', 's3']);
    assert.deepEqual(await view.list('sections', 'facilityId', 'ayn'), []);
    assert.deepEqual(await view.list('custody', 'facilityId', 'hol'), []);
  });

  it('lists rows put after the index was built', async () => {
    const view = new MemoryView();
    await view.put('sections', section('s1', 'hol'));
    assert.deepEqual(ids(await view.list('sections', 'facilityId', 'hol')), ['s1']);
    await view.put('sections', section('s2', 'hol'));
    await view.put('sections', section('s3', 'roj'));
    assert.deepEqual(ids(await view.list('sections', 'facilityId', 'hol')), ['s1', 's2']);
    assert.deepEqual(ids(await view.list('sections', 'facilityId', 'roj')), ['s3']);
  });

  it('moves a row in the index when its indexed column changes', async () => {
    const view = new MemoryView();
    await view.put('sections', section('s1', 'hol'));
    await view.put('sections', section('s2', 'hol'));
    assert.deepEqual(ids(await view.list('sections', 'facilityId', 'hol')), ['s1', 's2']);
    await view.put('sections', section('s1', 'roj'));
    assert.deepEqual(ids(await view.list('sections', 'facilityId', 'hol')), ['s2']);
    assert.deepEqual(ids(await view.list('sections', 'facilityId', 'roj')), ['s1']);
    assert.equal(
      (await view.list('sections', 'facilityId', 'roj'))[0]?.facilityId,
      'roj',
      'lists the new row',
    );
  });

  it('keeps every index of a table up to date, and leaves other tables alone', async () => {
    const view = new MemoryView();
    const history = (id: string, personId: string, voidedBy: string | null): CustodyHistoryRow => ({
      id,
      personId,
      type: 'escaped',
      facilityId: 'hol',
      occurredAt: '2019-10-13T08:00:00.000Z',
      details: { personId, reason: 'roll call', authority: 'Asayish' },
      voidedBy,
    });
    await view.put('custodyHistory', history('e1', 'p1', null));
    await view.list('custodyHistory', 'personId', 'p1');
    await view.list('custodyHistory', 'type', 'escaped');
    await view.list('sections', 'facilityId', 'p1');
    await view.put('custodyHistory', { ...history('e1', 'p2', 'c1'), type: 'died' });
    assert.deepEqual(ids(await view.list('custodyHistory', 'personId', 'p1')), []);
    assert.deepEqual(ids(await view.list('custodyHistory', 'personId', 'p2')), ['e1']);
    assert.deepEqual(ids(await view.list('custodyHistory', 'type', 'escaped')), []);
    assert.deepEqual(ids(await view.list('custodyHistory', 'type', 'died')), ['e1']);
    assert.deepEqual(ids(await view.list('custodyHistory', 'voidedBy', 'c1')), ['e1']);
    assert.deepEqual(await view.list('sections', 'facilityId', 'p2'), []);
  });

  it('agrees with a plain filter after any sequence of puts and lists', async () => {
    const op = fc.oneof(
      fc.record({
        kind: fc.constant('put' as const),
        id: fc.constantFrom('s1', 's2', 's3', 's4'),
        facilityId: fc.constantFrom('hol', 'roj', 'ayn'),
        code: fc.constantFrom('A', 'B'),
      }),
      fc.record({
        kind: fc.constant('list' as const),
        column: fc.constantFrom('facilityId' as const, 'code' as const),
        value: fc.constantFrom('hol', 'roj', 'ayn', 'A', 'B'),
      }),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(op, { maxLength: 30 }), async (ops) => {
        const view = new MemoryView();
        const model = new Map<string, SectionRow>();
        for (const o of ops) {
          if (o.kind === 'put') {
            const row = section(o.id, o.facilityId, o.code);
            model.set(o.id, row);
            await view.put('sections', row);
          } else {
            const expected = [...model.values()].filter((r) => r[o.column] === o.value);
            assert.deepEqual(ids(await view.list('sections', o.column, o.value)), ids(expected));
          }
        }
      }),
    );
  });
});

describe('toStored and fromStored', () => {
  it('turn exactly the JSON columns into text and back', () => {
    const row = section('s1', 'hol');
    const stored = toStored('sections', row);
    assert.equal(stored.categories, '["woman","girl","boy"]');
    assert.equal(stored.facilityId, 'hol');
    assert.equal(stored.capacity, 100);
    assert.deepEqual(fromStored('sections', stored), row);
  });

  it('do not change the row they are given', () => {
    const row = section('s1', 'hol');
    toStored('sections', row);
    assert.deepEqual(row.categories, ['woman', 'girl', 'boy']);
    const stored = toStored('sections', row);
    fromStored('sections', stored);
    assert.equal(typeof stored.categories, 'string');
  });

  it('round-trip a person with a nested identity and a custody event with its details', () => {
    const person: PersonRow = {
      id: 'p1',
      registrationNumber: 'HOL-000001-3',
      registeredAtFacilityId: 'hol',
      nationalityGroup: 'iraqi',
      mergedInto: null,
      displayName: '(Umm Ali) أمينة',
      sex: 'female',
      birthDate: '1990-02-28',
      identity: {
        names: {
          arabic: { given: 'أمينة', kunya: 'أم علي' },
          latin: { given: 'Amina' },
          aliases: ['Umm Ali'],
        },
        sex: 'female',
        birthDate: { date: '1990-02-28', estimated: true },
        nationalities: ['IRQ', 'stateless'],
        documents: [{ kind: 'family-booklet', held: false }],
        biometrics: [],
      },
      householdId: null,
      classification: null,
      classificationReason: null,
      registeredAt: '2019-10-13T08:00:00.000Z',
    };
    const stored = toStored('persons', person);
    assert.equal(typeof stored.identity, 'string');
    assert.equal(stored.householdId, null);
    assert.deepEqual(fromStored('persons', stored), person);

    const event: CustodyHistoryRow = {
      id: 'e1',
      personId: 'p1',
      type: 'admitted',
      occurredAt: '2019-10-13T08:00:00.000Z',
      details: {
        personId: 'p1',
        reason: 'arrived from Baghuz',
        authority: 'Asayish, Al Hol',
        facilityId: 'hol',
        sectionId: null,
        property: [{ item: 'phone', quantity: 1 }],
      },
      voidedBy: null,
      facilityId: 'hol',
    };
    assert.deepEqual(fromStored('custodyHistory', toStored('custodyHistory', event)), event);
  });

  it('leave tables without JSON columns as they are', () => {
    const tables = Object.keys(projectionTables) as ProjectionTable[];
    for (const table of tables.filter((t) => projectionTables[t].length === 0)) {
      const row = { id: 'x', name: 'y', n: 1, none: null };
      assert.deepEqual(toStored(table, row), row, table);
      assert.deepEqual(fromStored(table, row), row, table);
    }
  });

  it('round-trip any JSON value in a JSON column', () => {
    fc.assert(
      fc.property(fc.jsonValue({ stringUnit: 'binary' }), (value) => {
        const row = {
          id: 'e1',
          personId: 'p1',
          type: 'moved',
          occurredAt: 'x',
          details: value,
          voidedBy: null,
        };
        assert.deepEqual(
          fromStored('custodyHistory', toStored('custodyHistory', row)),
          JSON.parse(JSON.stringify(row)),
        );
      }),
    );
  });
});
