import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  checkIncident,
  distanceKm,
  gap,
  incidentTypes,
  type RecordIncidentInput,
  recordClaim,
  recordIncident,
  reportedRange,
} from './incident.ts';

const facilityId = '01900000-0000-7000-8000-000000000001';
const sectorId = '01900000-0000-7000-8000-000000000002';
const personId = '01900000-0000-7000-8000-000000000003';
const otherId = '01900000-0000-7000-8000-000000000004';

/** A valid input of each type: the questions each type asks. */
const valid: Record<(typeof incidentTypes)[number], Record<string, unknown>> = {
  'escape-attempt': {
    location: { sectorId },
    details: { scale: 'organised', outcome: 'thwarted', forceUsed: 'physical' },
  },
  escape: { details: { scale: 'mass', authority: 'Asayish' }, people: [{ personId, role: 'escapee' }] },
  riot: { details: { forceUsed: 'non-lethal', participantsEstimate: 200 } },
  violence: {
    details: { kind: 'assault', injuries: 'minor' },
    people: [
      { personId, role: 'victim' },
      { personId: otherId, role: 'perpetrator' },
    ],
  },
  attack: { details: { weapon: 'shelling', damage: 'north wall breached', injured: 3 } },
  fire: { details: { cause: 'shelling', damage: 'tents of phase 4' } },
  'death-in-custody': { details: { cause: 'cardiac arrest' }, people: [{ personId, role: 'deceased' }] },
  'guard-shortage': { details: { guardsOnDuty: 6, guardsRequired: 20 } },
  'perimeter-breach': { location: { sectorId }, details: { means: 'fence-cut' } },
  contraband: { details: { items: 'two mobile phones' } },
  other: { details: {} },
};

const parse = (type: string, fields: Record<string, unknown>) =>
  recordIncident.safeParse({ type, facilityId, summary: 'test', ...fields });

describe('incident types', () => {
  for (const type of incidentTypes) {
    it(`accepts a complete ${type} and refuses one without the answers of its type`, () => {
      const parsed = parse(type, valid[type]!);
      assert.ok(parsed.success, JSON.stringify(parsed.error?.issues));
      assert.deepEqual(checkIncident(parsed.data as RecordIncidentInput), []);
      if (type !== 'other') {
        const missing = parse(type, { ...valid[type], details: {} });
        assert.ok(!missing.success || checkIncident(missing.data as RecordIncidentInput).length > 0);
      }
    });
  }

  it('refuses an escape attempt without its perimeter sector, naming the field', () => {
    const parsed = parse('escape-attempt', { details: valid['escape-attempt']!.details });
    assert.ok(parsed.success);
    assert.deepEqual(
      checkIncident(parsed.data as RecordIncidentInput).map((e) => e.field),
      ['location.sectorId'],
    );
  });

  it('refuses an unknown answer of an escape attempt', () => {
    const parsed = parse('escape-attempt', {
      location: { sectorId },
      details: { scale: 'crowd', outcome: 'thwarted', forceUsed: 'none' },
    });
    assert.ok(!parsed.success);
    assert.deepEqual(parsed.error.issues[0]!.path, ['details', 'scale']);
  });

  it('asks a victim of violence, one deceased of a death, and more guards required than on duty', () => {
    const fields = (type: string, f: Record<string, unknown>) =>
      checkIncident(parse(type, f).data as RecordIncidentInput).map((e) => e.field);
    assert.deepEqual(fields('violence', { details: valid.violence!.details, people: [] }), ['people']);
    assert.deepEqual(fields('death-in-custody', { details: { cause: 'x' } }), ['people']);
    assert.deepEqual(fields('guard-shortage', { details: { guardsOnDuty: 20, guardsRequired: 20 } }), [
      'details.guardsOnDuty',
    ]);
  });

  it('refuses a role the type does not have', () => {
    const errors = checkIncident(
      parse('fire', { details: valid.fire!.details, people: [{ personId, role: 'escapee' }] })
        .data as RecordIncidentInput,
    );
    assert.deepEqual(
      errors.map((e) => e.field),
      ['people.0.role'],
    );
  });

  it('takes one place: a section, a sector or a point', () => {
    assert.ok(!parse('other', { details: {}, location: { sectorId, point: { lat: 36, lon: 40 } } }).success);
  });
});

describe('claims', () => {
  it('grades a source on the Admiralty scale and counts as a range', () => {
    const claim = (count: unknown, reliability: unknown, credibility: unknown) =>
      recordClaim.safeParse({
        kind: 'count',
        incidentId: facilityId,
        measure: 'recaptured',
        count,
        source: { kind: 'official', name: 'Asayish', reliability, credibility },
      }).success;
    assert.ok(claim({ min: 60, max: 70 }, 'B', 2));
    assert.ok(!claim({ min: 70, max: 60 }, 'B', 2), 'min above max');
    assert.ok(!claim({ min: 60, max: 70 }, 'G', 2), 'reliability is A-F');
    assert.ok(!claim({ min: 60, max: 70 }, 'B', 7), 'credibility is 1-6');
  });

  it('reports the assessed claim, or the span of all, and the gap to the people identified', () => {
    const c = (min: number, max: number, assessment: string | null = null) => ({
      countMin: min,
      countMax: max,
      assessment,
    });
    assert.equal(reportedRange([]), null);
    assert.deepEqual(reportedRange([c(859, 859), c(750, 800)]), { min: 750, max: 859 });
    assert.deepEqual(reportedRange([c(859, 859), c(750, 800, 'most-likely')]), { min: 750, max: 800 });
    assert.deepEqual(gap({ min: 60, max: 70 }, 65), { min: 0, max: 5 });
    assert.deepEqual(gap({ min: 859, max: 859 }, 200), { min: 659, max: 659 });
  });
});

describe('distances', () => {
  it('are great-circle distances for known coordinates', () => {
    const near = (a: number, b: number, tolerance: number) =>
      assert.ok(Math.abs(a - b) <= tolerance, `${a} is not ${b} ± ${tolerance}`);
    // Paris (Notre-Dame) to London (Charing Cross): 343.5 km on the mean-radius sphere.
    near(distanceKm({ lat: 48.8566, lon: 2.3522 }, { lat: 51.5074, lon: -0.1278 }), 343.5, 0.5);
    // One degree of longitude on the equator, and a quarter of a meridian.
    near(distanceKm({ lat: 0, lon: 0 }, { lat: 0, lon: 1 }), 111.195, 0.01);
    near(distanceKm({ lat: 0, lon: 0 }, { lat: 90, lon: 0 }), 10_007.5, 0.5);
    // Al Hol camp to Roj camp, in the north-east corner of Syria: about 113 km.
    near(distanceKm({ lat: 36.378, lon: 41.14 }, { lat: 37.07, lon: 42.07 }), 113.3, 1);
    assert.equal(distanceKm({ lat: 36.4, lon: 41.1 }, { lat: 36.4, lon: 41.1 }), 0);
  });
});
