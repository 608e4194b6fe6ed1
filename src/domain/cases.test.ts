import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { caseStatuses, caseTransitions } from './case-table.ts';
import { carersLeftBehind, checkCaseTransition, daysUntilAdult } from './cases.ts';
import type { CustodianError } from './errors.ts';

describe('the repatriation status machine', () => {
  const allowed: [string, string][] = [
    ['identified', 'requested'],
    ['requested', 'under-review'],
    ['requested', 'accepted'],
    ['requested', 'refused'],
    ['under-review', 'accepted'],
    ['under-review', 'refused'],
    ['accepted', 'scheduled'],
    ['accepted', 'refused'],
    ['refused', 'requested'],
    ['scheduled', 'completed'],
    ['scheduled', 'accepted'],
    ['scheduled', 'refused'],
  ];

  it('allows exactly the transitions of SPEC 6 and refuses every other pair, naming the way on', () => {
    for (const from of caseStatuses) {
      for (const to of caseStatuses) {
        const ok = allowed.some(([f, t]) => f === from && t === to);
        if (ok) {
          assert.doesNotThrow(() => checkCaseTransition(from, to), `${from} -> ${to}`);
          continue;
        }
        assert.throws(
          () => checkCaseTransition(from, to),
          (e: CustodianError) => {
            assert.equal(e.id, 'case.transition-refused');
            assert.equal(e.errors[0]!.field, 'status');
            assert.match(e.message, new RegExp(`${from} cannot become ${to}`));
            return true;
          },
          `${from} -> ${to}`,
        );
      }
    }
  });

  it('has a path from identified to completed and none out of completed', () => {
    const reach = new Set(['identified']);
    for (let i = 0; i < caseStatuses.length; i++) {
      for (const s of [...reach]) for (const t of caseTransitions[s as 'identified']) reach.add(t);
    }
    assert.deepEqual([...reach].sort(), [...caseStatuses].sort());
    assert.deepEqual(caseTransitions.completed, []);
  });
});

describe('the child separation rule', () => {
  const child = { status: 'in-custody' as const, facilityId: 'hol' };
  const carer = (status: 'in-custody' | 'in-transit' | 'handed-over', facilityId: string | null) => ({
    place: { status, facilityId },
  });

  it('finds carers held where the child is, and only them', () => {
    const mother = carer('in-custody', 'hol');
    assert.deepEqual(carersLeftBehind(child, [mother]), [mother]);
    assert.deepEqual(carersLeftBehind(child, [carer('in-transit', null)]), [], 'she left first');
    assert.deepEqual(carersLeftBehind(child, [carer('in-custody', 'roj')]), [], 'already apart');
    assert.deepEqual(carersLeftBehind(child, [carer('handed-over', null)]), []);
    assert.deepEqual(carersLeftBehind(child, []), []);
  });

  it('counts the days until a child turns 18', () => {
    assert.equal(daysUntilAdult('2002-01-31', '2019-12-31'), 31);
    assert.equal(daysUntilAdult('2002-01-31', '2020-01-31'), 0);
    assert.ok(daysUntilAdult('2001-01-01', '2019-12-31') < 0);
  });
});
