import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import {
  applyCustody,
  type CustodyFact,
  type CustodyState,
  foldCustody,
  phaseOf,
  unregistered,
} from './custody.ts';
import {
  type CustodyEventType,
  type CustodyPhase,
  custodyEventTypes,
  notifiedEventTypes,
  transitions,
} from './custody-table.ts';
import { CustodianError } from './errors.ts';

// Places used throughout: the person is held at HOL (section S1) before each event.
const HOL = '00000000-0000-4000-8000-000000000001';
const ROJ = '00000000-0000-4000-8000-000000000002';
const AYN = '00000000-0000-4000-8000-000000000003';
const S1 = '00000000-0000-4000-8000-0000000000a1';
const S2 = '00000000-0000-4000-8000-0000000000a2';
const S3 = '00000000-0000-4000-8000-0000000000a3';
const HOSPITAL = 'Hasakah National Hospital';
const T0 = '2019-10-10T08:00:00.000Z';
const DUE = '2019-10-11T08:00:00.000Z';
const AT = '2019-10-13T08:00:00.000Z';

type FactType = Exclude<CustodyEventType, 'corrected'>;

const phases: readonly CustodyPhase[] = [
  'registered',
  'in-custody',
  'at-hospital',
  'in-transit',
  'handed-over',
  'repatriated',
  'released',
  'escaped',
  'deceased',
];

/** A state of a person admitted at Al Hol: the record stays with Al Hol after they leave. */
const state = (fields: Partial<CustodyState>): CustodyState => ({
  ...unregistered,
  since: T0,
  lastFacilityId: HOL,
  ...fields,
});

/** One state per phase, written out by hand rather than produced by the code under test. */
const stateIn: Record<CustodyPhase, CustodyState> = {
  registered: unregistered,
  'in-custody': state({ status: 'in-custody', facilityId: HOL, sectionId: S1, presence: 'in' }),
  'at-hospital': state({
    status: 'in-custody',
    facilityId: HOL,
    sectionId: S1,
    presence: 'hospital',
    hospital: HOSPITAL,
  }),
  'in-transit': state({
    status: 'in-transit',
    transferFromFacilityId: HOL,
    transferToFacilityId: ROJ,
    transferDueAt: DUE,
  }),
  'handed-over': state({ status: 'handed-over', handedOverTo: 'Iraqi judiciary' }),
  repatriated: state({ status: 'repatriated', handedOverTo: 'FRA' }),
  released: state({ status: 'released' }),
  escaped: state({ status: 'escaped', facilityId: HOL }),
  deceased: state({ status: 'deceased', facilityId: HOL }),
};

/** A fact of each type, with every field its type carries. */
const factOf: Record<FactType, CustodyFact> = {
  admitted: { type: 'admitted', facilityId: AYN, sectionId: S3 },
  moved: { type: 'moved', sectionId: S2 },
  'transfer-started': { type: 'transfer-started', toFacilityId: ROJ, dueAt: '2019-10-14T08:00:00.000Z' },
  'transfer-received': { type: 'transfer-received', facilityId: ROJ, sectionId: S3 },
  'handed-over': { type: 'handed-over', toAuthority: 'French authorities', country: 'FRA' },
  repatriated: { type: 'repatriated', country: 'DEU' },
  released: { type: 'released' },
  escaped: { type: 'escaped' },
  recaptured: { type: 'recaptured', facilityId: AYN, sectionId: S3 },
  hospitalised: { type: 'hospitalised', hospital: 'Qamishli hospital' },
  returned: { type: 'returned', sectionId: S2 },
  born: { type: 'born', facilityId: HOL, sectionId: S1 },
  died: { type: 'died' },
};

const inCustodyAt = (facilityId: string, sectionId: string | null): CustodyState => ({
  ...unregistered,
  since: AT,
  status: 'in-custody',
  presence: 'in',
  facilityId,
  sectionId,
  lastFacilityId: facilityId,
});

/**
 * The expected transition table, written independently of `transitions`: the phases each event may
 * follow, and the state it leads to from there. A change to the table must change this too.
 */
const expected: Record<
  FactType,
  { from: readonly CustodyPhase[]; to: (from: CustodyState) => CustodyState }
> = {
  admitted: {
    from: ['registered', 'released', 'handed-over', 'repatriated'],
    to: () => inCustodyAt(AYN, S3),
  },
  moved: { from: ['in-custody'], to: (from) => ({ ...from, since: AT, sectionId: S2 }) },
  'transfer-started': {
    from: ['in-custody'],
    to: (from) => ({
      ...unregistered,
      since: AT,
      lastFacilityId: from.lastFacilityId,
      status: 'in-transit',
      transferFromFacilityId: HOL,
      transferToFacilityId: ROJ,
      transferDueAt: '2019-10-14T08:00:00.000Z',
    }),
  },
  'transfer-received': { from: ['in-transit'], to: () => inCustodyAt(ROJ, S3) },
  'handed-over': {
    from: ['in-custody'],
    to: (from) => ({
      ...unregistered,
      since: AT,
      lastFacilityId: from.lastFacilityId,
      status: 'handed-over',
      handedOverTo: 'French authorities',
    }),
  },
  repatriated: {
    from: ['in-custody'],
    to: (from) => ({
      ...unregistered,
      since: AT,
      lastFacilityId: from.lastFacilityId,
      status: 'repatriated',
      handedOverTo: 'DEU',
    }),
  },
  released: {
    from: ['in-custody', 'at-hospital'],
    to: (from) => ({ ...unregistered, since: AT, lastFacilityId: from.lastFacilityId, status: 'released' }),
  },
  escaped: {
    from: ['in-custody', 'at-hospital', 'in-transit'],
    // At large, but the record keeps the facility the person escaped from (in transit: the sender).
    to: (from) => ({
      ...unregistered,
      since: AT,
      lastFacilityId: from.lastFacilityId,
      status: 'escaped',
      facilityId: HOL,
    }),
  },
  recaptured: { from: ['escaped'], to: () => inCustodyAt(AYN, S3) },
  hospitalised: {
    from: ['in-custody'],
    to: (from) => ({ ...from, since: AT, presence: 'hospital', hospital: 'Qamishli hospital' }),
  },
  returned: {
    from: ['at-hospital'],
    to: (from) => ({ ...from, since: AT, presence: 'in', hospital: null, sectionId: S2 }),
  },
  // `born` starts the record of a child born in custody, and nothing else.
  born: { from: ['registered'], to: () => inCustodyAt(HOL, S1) },
  died: {
    from: ['in-custody', 'at-hospital', 'in-transit', 'escaped'],
    // The facility in whose custody (or from whose custody) the person died.
    to: (from) => ({
      ...unregistered,
      since: AT,
      lastFacilityId: from.lastFacilityId,
      status: 'deceased',
      facilityId: HOL,
    }),
  },
};

function refusal(run: () => unknown): CustodianError {
  try {
    run();
  } catch (error) {
    if (error instanceof CustodianError) return error;
    throw error;
  }
  assert.fail('expected a refusal');
}

describe('the transition table', () => {
  it('covers every custody event type but corrected, and only known phases', () => {
    const types = custodyEventTypes.filter((t) => t !== 'corrected');
    assert.deepEqual(Object.keys(transitions).sort(), [...types].sort());
    assert.deepEqual(Object.keys(expected).sort(), [...types].sort());
    for (const allowed of Object.values(transitions))
      for (const phase of allowed) assert.ok(phases.includes(phase), phase);
  });

  it('builds one hand-written state per phase', () => {
    for (const phase of phases) assert.equal(phaseOf(stateIn[phase]), phase);
  });

  for (const type of Object.keys(expected) as FactType[]) {
    describe(type, () => {
      for (const phase of phases) {
        const from = Object.freeze(stateIn[phase]);
        const fact = Object.freeze(factOf[type]);
        if (expected[type].from.includes(phase)) {
          it(`is accepted for a person ${phase}`, () => {
            const after = applyCustody(from, fact, AT);
            assert.deepEqual(after, expected[type].to(from));
            assert.deepEqual(from, stateIn[phase], 'the previous state is left as it was');
          });
        } else {
          it(`is refused for a person ${phase}`, () => {
            const error = refusal(() => applyCustody(from, fact, AT));
            assert.equal(error.id, 'custody.transition-refused');
            assert.equal(error.kind, 'conflict');
            assert.equal(error.errors[0]?.field, 'type');
            assert.ok(error.message.includes(`cannot be recorded as ${type}`), error.message);
          });
        }
      }
    });
  }
});

describe('applyCustody', () => {
  it('names the status and what the event would need in a refusal', () => {
    const error = refusal(() => applyCustody(stateIn.released, factOf.escaped, AT));
    assert.equal(
      error.message,
      'A person who is released cannot be recorded as escaped (possible only for a person in custody, ' +
        'in custody at hospital, in transit between facilities)',
    );
    assert.deepEqual(error.errors, [{ field: 'type', message: error.message }]);
  });

  it('refuses an event earlier than the last one', () => {
    const error = refusal(() =>
      applyCustody(stateIn['in-custody'], factOf.moved, '2019-10-10T07:59:59.999Z'),
    );
    assert.equal(error.id, 'custody.out-of-order');
    assert.equal(error.errors[0]?.field, 'occurredAt');
    assert.match(error.message, /correction/);
  });

  it('accepts an event at the same moment as the last one', () => {
    assert.equal(applyCustody(stateIn['in-custody'], factOf.moved, T0).sectionId, S2);
  });

  it('refuses out-of-order events from every phase an event may follow', () => {
    const before = '2019-10-09T08:00:00.000Z';
    for (const type of Object.keys(expected) as FactType[]) {
      for (const phase of expected[type].from) {
        if (phase === 'registered') continue; // nothing happened before
        const error = refusal(() => applyCustody(stateIn[phase], factOf[type], before));
        assert.equal(error.id, 'custody.out-of-order', `${type} from ${phase}`);
      }
    }
  });

  it('refuses a transfer received anywhere but at its destination', () => {
    const error = refusal(() =>
      applyCustody(
        stateIn['in-transit'],
        { type: 'transfer-received', facilityId: AYN, sectionId: null },
        AT,
      ),
    );
    assert.equal(error.id, 'custody.wrong-destination');
    assert.equal(error.errors[0]?.field, 'facilityId');
    assert.ok(error.message.includes(ROJ) && error.message.includes(AYN), error.message);
  });

  it('leaves a person unassigned to a section when admitted without one', () => {
    const after = applyCustody(unregistered, { type: 'admitted', facilityId: HOL }, AT);
    assert.deepEqual(after, inCustodyAt(HOL, null));
  });

  it('returns a person from hospital to the section held before when no section is given', () => {
    const after = applyCustody(stateIn['at-hospital'], { type: 'returned' }, AT);
    assert.deepEqual(after, { ...stateIn['in-custody'], since: AT });
  });

  it('keeps the sending facility of a person who escapes in transit', () => {
    assert.equal(applyCustody(stateIn['in-transit'], factOf.escaped, AT).facilityId, HOL);
  });

  it('keeps the facility of a person who dies in transit or at large', () => {
    assert.equal(applyCustody(stateIn['in-transit'], factOf.died, AT).facilityId, HOL);
    assert.equal(applyCustody(stateIn.escaped, factOf.died, AT).facilityId, HOL);
  });
});

describe('born', () => {
  it('starts the record of a child born in custody', () => {
    assert.deepEqual(applyCustody(unregistered, factOf.born, AT), inCustodyAt(HOL, S1));
  });

  it('cannot happen twice, nor to anyone with a custody history', () => {
    const child = applyCustody(unregistered, factOf.born, AT);
    assert.equal(refusal(() => applyCustody(child, factOf.born, AT)).id, 'custody.transition-refused');
    for (const phase of phases.filter((p) => p !== 'registered')) {
      assert.equal(
        refusal(() => applyCustody(stateIn[phase], factOf.born, AT)).id,
        'custody.transition-refused',
        phase,
      );
    }
  });
});

describe('stories', () => {
  it('a released person cannot escape', () => {
    const released = foldCustody([
      { fact: factOf.admitted, occurredAt: '2019-01-01T00:00:00.000Z' },
      { fact: factOf.released, occurredAt: '2019-06-01T00:00:00.000Z' },
    ]);
    const error = refusal(() => applyCustody(released, factOf.escaped, AT));
    assert.equal(error.id, 'custody.transition-refused');
    assert.equal(error.errors[0]?.field, 'type');
  });

  it('an escaped person can be recaptured, at another facility', () => {
    const escaped = foldCustody([
      { fact: { type: 'admitted', facilityId: HOL, sectionId: S1 }, occurredAt: '2019-01-01T00:00:00.000Z' },
      { fact: factOf.escaped, occurredAt: '2019-10-13T08:00:00.000Z' },
    ]);
    assert.equal(escaped.status, 'escaped');
    assert.equal(escaped.facilityId, HOL);
    const recaptured = applyCustody(escaped, factOf.recaptured, '2019-10-20T08:00:00.000Z');
    assert.equal(recaptured.status, 'in-custody');
    assert.equal(recaptured.facilityId, AYN);
    assert.equal(recaptured.sectionId, S3);
    assert.equal(recaptured.presence, 'in');
  });

  it('an at-hospital person cannot be moved between sections', () => {
    const atHospital = foldCustody([
      { fact: factOf.admitted, occurredAt: '2019-01-01T00:00:00.000Z' },
      { fact: factOf.hospitalised, occurredAt: '2019-06-01T00:00:00.000Z' },
    ]);
    assert.equal(phaseOf(atHospital), 'at-hospital');
    const error = refusal(() => applyCustody(atHospital, factOf.moved, AT));
    assert.equal(error.id, 'custody.transition-refused');
    assert.match(error.message, /in custody at hospital cannot be recorded as moved/);
  });
});

describe('foldCustody', () => {
  const journey: { fact: CustodyFact; occurredAt: string }[] = [
    { fact: { type: 'admitted', facilityId: HOL, sectionId: S1 }, occurredAt: '2019-01-01T00:00:00.000Z' },
    { fact: { type: 'moved', sectionId: S2 }, occurredAt: '2019-02-01T00:00:00.000Z' },
    { fact: { type: 'hospitalised', hospital: HOSPITAL }, occurredAt: '2019-03-01T00:00:00.000Z' },
    { fact: { type: 'returned' }, occurredAt: '2019-03-05T00:00:00.000Z' },
    {
      fact: { type: 'transfer-started', toFacilityId: ROJ, dueAt: '2019-04-02T00:00:00.000Z' },
      occurredAt: '2019-04-01T00:00:00.000Z',
    },
    {
      fact: { type: 'transfer-received', facilityId: ROJ, sectionId: S3 },
      occurredAt: '2019-04-01T12:00:00.000Z',
    },
    { fact: { type: 'escaped' }, occurredAt: '2019-10-13T08:00:00.000Z' },
    {
      fact: { type: 'recaptured', facilityId: AYN, sectionId: null },
      occurredAt: '2019-10-20T00:00:00.000Z',
    },
    { fact: { type: 'released' }, occurredAt: '2020-01-01T00:00:00.000Z' },
    { fact: { type: 'admitted', facilityId: HOL, sectionId: S1 }, occurredAt: '2020-06-01T00:00:00.000Z' },
    { fact: { type: 'handed-over', toAuthority: 'Iraqi judiciary' }, occurredAt: '2021-01-01T00:00:00.000Z' },
  ];

  it('is the unregistered state for an empty history', () => {
    assert.deepEqual(foldCustody([]), unregistered);
  });

  it('replays a history event by event', () => {
    let state = unregistered;
    for (const [i, e] of journey.entries()) {
      state = applyCustody(state, e.fact, e.occurredAt);
      assert.deepEqual(foldCustody(journey.slice(0, i + 1)), state);
    }
    assert.deepEqual(state, {
      ...unregistered,
      status: 'handed-over',
      handedOverTo: 'Iraqi judiciary',
      since: '2021-01-01T00:00:00.000Z',
      lastFacilityId: HOL, // admitted there again before the handover
    });
  });

  it('goes through the expected statuses on the way', () => {
    const statuses = journey.map((_, i) => phaseOf(foldCustody(journey.slice(0, i + 1))));
    assert.deepEqual(statuses, [
      'in-custody',
      'in-custody',
      'at-hospital',
      'in-custody',
      'in-transit',
      'in-custody',
      'escaped',
      'in-custody',
      'released',
      'in-custody',
      'handed-over',
    ]);
    assert.equal(foldCustody(journey.slice(0, 4)).sectionId, S2, 'returned to the section held before');
    assert.equal(foldCustody(journey.slice(0, 7)).facilityId, ROJ, 'escaped from the destination');
  });

  it('rebuilds the hand-written states from the histories that lead to them', () => {
    const admitted = { fact: { type: 'admitted', facilityId: HOL, sectionId: S1 }, occurredAt: T0 } as const;
    const then = (fact: CustodyFact) => [admitted, { fact, occurredAt: T0 }];
    assert.deepEqual(foldCustody([]), stateIn.registered);
    assert.deepEqual(foldCustody([admitted]), stateIn['in-custody']);
    assert.deepEqual(foldCustody(then({ type: 'hospitalised', hospital: HOSPITAL })), stateIn['at-hospital']);
    assert.deepEqual(
      foldCustody(then({ type: 'transfer-started', toFacilityId: ROJ, dueAt: DUE })),
      stateIn['in-transit'],
    );
    assert.deepEqual(
      foldCustody(then({ type: 'handed-over', toAuthority: 'Iraqi judiciary' })),
      stateIn['handed-over'],
    );
    assert.deepEqual(foldCustody(then({ type: 'repatriated', country: 'FRA' })), stateIn.repatriated);
    assert.deepEqual(foldCustody(then({ type: 'released' })), stateIn.released);
    assert.deepEqual(foldCustody(then({ type: 'escaped' })), stateIn.escaped);
    assert.deepEqual(foldCustody(then({ type: 'died' })), stateIn.deceased);
  });

  it('refuses a history that does not hold together, naming the offending event', () => {
    const error = refusal(() =>
      foldCustody([
        { fact: factOf.admitted, occurredAt: '2019-01-01T00:00:00.000Z' },
        { fact: factOf.released, occurredAt: '2019-02-01T00:00:00.000Z' },
        { fact: factOf.escaped, occurredAt: '2019-03-01T00:00:00.000Z' },
      ]),
    );
    assert.equal(error.id, 'custody.transition-refused');
    assert.match(error.message, /released cannot be recorded as escaped/);
  });

  describe('corrected, by replaying what remains', () => {
    it('voiding a mistaken escape puts the person back in custody', () => {
      const admitted = journey[0]!;
      const mistakenEscape = { fact: factOf.escaped, occurredAt: '2019-10-13T08:00:00.000Z' };
      assert.equal(foldCustody([admitted, mistakenEscape]).status, 'escaped');
      assert.deepEqual(foldCustody([admitted]), {
        ...inCustodyAt(HOL, S1),
        since: admitted.occurredAt,
      });
    });

    it('voiding an event that later events depend on breaks the history', () => {
      const withoutTransferStart = journey.filter((e) => e.fact.type !== 'transfer-started').slice(0, 5);
      const error = refusal(() => foldCustody(withoutTransferStart));
      assert.equal(error.id, 'custody.transition-refused');
      assert.match(error.message, /cannot be recorded as transfer-received/);
    });

    it('voiding the only event leaves the person registered', () => {
      assert.deepEqual(foldCustody([]), unregistered);
    });
  });
});

describe('every person is accounted for', () => {
  const facilities = [HOL, ROJ, AYN];
  const sections = [S1, S2, S3, null];
  const anyFact: fc.Arbitrary<CustodyFact> = fc.oneof(
    fc.record({
      type: fc.constantFrom(
        'admitted' as const,
        'recaptured' as const,
        'born' as const,
        'transfer-received' as const,
      ),
      facilityId: fc.constantFrom(...facilities),
      sectionId: fc.constantFrom(...sections),
    }),
    fc.record({ type: fc.constant('moved' as const), sectionId: fc.constantFrom(S1, S2, S3) }),
    fc.record({
      type: fc.constant('transfer-started' as const),
      toFacilityId: fc.constantFrom(...facilities),
      dueAt: fc.constant('2030-01-01T00:00:00.000Z'),
    }),
    fc.record({
      type: fc.constant('handed-over' as const),
      toAuthority: fc.constantFrom('Iraqi judiciary', 'CJTF'),
    }),
    fc.record({ type: fc.constant('repatriated' as const), country: fc.constantFrom('FRA', 'DEU') }),
    fc.record({ type: fc.constant('hospitalised' as const), hospital: fc.constant(HOSPITAL) }),
    fc.record({ type: fc.constant('returned' as const), sectionId: fc.constantFrom(S1, S2, undefined) }),
    fc.constantFrom<CustodyFact>({ type: 'released' }, { type: 'escaped' }, { type: 'died' }),
  );

  function checkInvariants(s: CustodyState): void {
    const phase = phaseOf(s);
    assert.ok(s.since !== null || phase === 'registered');
    switch (s.status) {
      case 'in-custody':
        assert.notEqual(s.facilityId, null);
        assert.ok(s.presence === 'in' || s.presence === 'hospital');
        assert.equal(s.hospital !== null, s.presence === 'hospital');
        assert.equal(s.transferToFacilityId, null);
        assert.equal(s.handedOverTo, null);
        break;
      case 'in-transit':
        assert.notEqual(s.transferFromFacilityId, null);
        assert.notEqual(s.transferToFacilityId, null);
        assert.notEqual(s.transferDueAt, null);
        assert.equal(s.facilityId, null);
        assert.equal(s.presence, null);
        break;
      case 'escaped':
      case 'deceased':
        assert.notEqual(s.facilityId, null, `${s.status} keeps the facility`);
        assert.equal(s.presence, null);
        assert.equal(s.sectionId, null);
        break;
      case 'handed-over':
      case 'repatriated':
        assert.notEqual(s.handedOverTo, null);
        assert.equal(s.facilityId, null);
        break;
      case 'released':
      case 'registered':
        assert.equal(s.facilityId, null);
        assert.equal(s.presence, null);
        break;
    }
  }

  it('has exactly one consistent status after any sequence of accepted events', () => {
    fc.assert(
      fc.property(fc.array(anyFact, { maxLength: 40 }), (facts) => {
        let s = unregistered;
        for (const [i, fact] of facts.entries()) {
          const occurredAt = new Date(Date.UTC(2019, 0, 1 + i)).toISOString();
          const before = phaseOf(s);
          const starts = fact.type === 'born' && s.since === null;
          const allowed = starts || transitions[fact.type].includes(before);
          try {
            s = applyCustody(s, fact, occurredAt);
            assert.ok(allowed, `${fact.type} accepted from ${before}`);
          } catch (error) {
            if (!(error instanceof CustodianError)) throw error;
            if (error.id === 'custody.wrong-destination') {
              assert.equal(before, 'in-transit');
              continue;
            }
            assert.equal(error.id, 'custody.transition-refused');
            assert.ok(!allowed, `${fact.type} refused from ${before}`);
            continue;
          }
          assert.equal(s.since, occurredAt);
          checkInvariants(s);
        }
      }),
      { numRuns: 500 },
    );
  });
});

describe('notifiedEventTypes', () => {
  it('are exactly transfers, handovers, releases, repatriations, escapes, hospital admissions, births and deaths', () => {
    assert.deepEqual(
      [...notifiedEventTypes].sort(),
      [
        'born',
        'died',
        'escaped',
        'handed-over',
        'hospitalised',
        'released',
        'repatriated',
        'transfer-started',
      ].sort(),
    );
  });

  it('name only known custody event types', () => {
    for (const type of notifiedEventTypes) assert.ok(custodyEventTypes.includes(type), type);
  });
});
