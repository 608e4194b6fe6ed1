import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { caseStatuses, caseTransitions } from './case-table.ts';
import { checkCaseTransition, daysUntilAdult, together } from './cases.ts';
import type { CustodyStatus } from './custody-table.ts';
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
  const at = (
    status: CustodyStatus,
    where: { facilityId?: string; transferToFacilityId?: string; handedOverTo?: string } = {},
  ) => ({
    status,
    facilityId: where.facilityId ?? null,
    transferToFacilityId: where.transferToFacilityId ?? null,
    handedOverTo: where.handedOverTo ?? null,
  });

  it('keeps a child and a carer together only where they are, or go, to the same place', () => {
    const hol = at('in-custody', { facilityId: 'hol' });
    assert.ok(together(hol, at('in-custody', { facilityId: 'hol' })), 'same facility');
    assert.ok(!together(hol, at('in-custody', { facilityId: 'roj' })));
    assert.ok(!together(hol, at('in-transit', { transferToFacilityId: 'hol' })), 'she left');
    const toRoj = at('in-transit', { transferToFacilityId: 'roj' });
    assert.ok(together(toRoj, at('in-transit', { transferToFacilityId: 'roj' })), 'same convoy');
    assert.ok(!together(toRoj, at('in-transit', { transferToFacilityId: 'hsk' })));
    const france = at('repatriated', { handedOverTo: 'FRA' });
    assert.ok(together(france, at('repatriated', { handedOverTo: 'FRA' })));
    assert.ok(!together(france, at('handed-over', { handedOverTo: 'FRA' })), 'another way');
    assert.ok(!together(france, at('repatriated', { handedOverTo: 'BEL' })));
    assert.ok(!together(at('released'), at('released')), 'released is not a place');
  });

  it('counts the days until a child turns 18', () => {
    assert.equal(daysUntilAdult('2002-01-31', '2019-12-31'), 31);
    assert.equal(daysUntilAdult('2002-01-31', '2020-01-31'), 0);
    assert.ok(daysUntilAdult('2001-01-01', '2019-12-31') < 0);
  });
});
