import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { RosterEntry } from '../api/types.ts';
import type { QueuedMark } from './mark-queue.ts';
import { rosterStates, searchRoster } from './roster.ts';

const person = (n: number, displayName: string, counted = false): RosterEntry => ({
  personId: `p${n}`,
  registrationNumber: `HOL-00012${n}-0`,
  displayName,
  sectionId: 's',
  counted,
});
const roster = [
  person(1, 'Fatima Ali Al-Douri'),
  person(2, 'Amina Hassan', true),
  person(3, 'Khadija Omar'),
  person(4, 'Zaynab Ali'),
];
const mark = (n: number, extra: Partial<QueuedMark>): QueuedMark => ({
  markId: `m${n}`,
  headcountId: 'h',
  sectionId: 's',
  method: 'registration-number',
  markedAt: '2019-10-14T06:00:00Z',
  ...extra,
});

describe('the roster on the counting screen', () => {
  it('finds people by the start of any of their names, in any order, case and accents aside', () => {
    assert.deepEqual(
      searchRoster(roster, 'ali').map((p) => p.personId),
      ['p1', 'p4'],
    );
    assert.deepEqual(
      searchRoster(roster, 'DOURI fát').map((p) => p.personId),
      ['p1'],
    );
    assert.deepEqual(searchRoster(roster, '  '), []);
  });

  it('finds people by part of their registration number', () => {
    assert.deepEqual(
      searchRoster(roster, '0123').map((p) => p.personId),
      ['p3'],
    );
  });

  it('says who is counted: by the server, waiting on this device, sent, refused', () => {
    const states = rosterStates(roster, [
      { mark: mark(1, { personId: 'p1' }), outcome: undefined },
      { mark: mark(2, { registrationNumber: 'HOL-000123-0' }), outcome: { outcome: 'refused', reason: 'x' } },
      {
        mark: mark(3, { registrationNumber: 'HOL-000124-0' }),
        outcome: {
          outcome: 'counted-twice',
          result: {
            markId: 'm3',
            personId: 'p4',
            registrationNumber: 'HOL-000124-0',
            displayName: 'Zaynab Ali',
            outcome: 'counted-twice',
          },
        },
      },
    ]);
    assert.deepEqual(Object.fromEntries(states), {
      p1: 'waiting',
      p2: 'counted',
      p3: 'refused',
      p4: 'counted-twice',
    });
  });
});
