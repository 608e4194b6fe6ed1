// A small world for integration tests: two facilities with sections, a mother and two children.
import assert from 'node:assert/strict';
import { systemActor } from '../../src/app/access.ts';
import type { Custodian } from '../../src/app/custodian.ts';
import { CustodianError } from '../../src/domain/errors.ts';

export const actor = systemActor('test');
export const authority = 'Internal Security Forces, test';

export const mother = {
  names: {
    arabic: { given: 'فاطمة', father: 'علي', family: 'الدوري' },
    latin: { given: 'Fatima', father: 'Ali', family: 'Al-Douri' },
  },
  sex: 'female',
  birthDate: { date: '1992-03-14' },
  nationalities: ['IRQ'],
  motherName: 'Khadija',
  fatherFirstName: 'Ali',
  lastResidence: 'Mosul',
};

export const child = (given: string, sex: 'male' | 'female', date: string) => ({
  names: { latin: { given, father: 'Omar', family: 'Al-Douri' } },
  sex,
  birthDate: { date, estimated: true },
  nationalities: ['unknown'],
});

export async function buildWorld(app: Custodian) {
  const hol = await app.execute(actor, 'registerFacility', {
    code: 'HOL',
    nameEn: 'Al Hol camp',
    nameAr: 'مخيم الهول',
    kind: 'camp',
    location: { lat: 36.378, lon: 41.14 },
    borderDistanceKm: 13,
    capacity: 70000,
    authority: 'Autonomous Administration of North and East Syria',
  });
  const annex = await app.execute(actor, 'addSection', {
    facilityId: hol.facilityId,
    code: 'ANNEX',
    name: 'Annex (foreign women and children)',
    capacity: 10000,
    categories: ['woman', 'girl', 'boy'],
  });
  const phase5 = await app.execute(actor, 'addSection', {
    facilityId: hol.facilityId,
    code: 'PH5',
    name: 'Phase 5',
    capacity: 8000,
    categories: ['woman', 'girl', 'boy'],
  });
  const men = await app.execute(actor, 'addSection', {
    facilityId: hol.facilityId,
    code: 'MEN',
    name: 'Reception, men',
    capacity: 200,
    categories: ['man'],
  });
  const roj = await app.execute(actor, 'registerFacility', {
    code: 'ROJ',
    nameEn: 'Roj camp',
    nameAr: 'مخيم روج',
    kind: 'camp',
    location: { lat: 37.07, lon: 42.07 },
    capacity: 4000,
    authority: 'Autonomous Administration of North and East Syria',
  });
  const rojMain = await app.execute(actor, 'addSection', {
    facilityId: roj.facilityId,
    code: 'MAIN',
    name: 'Main camp',
    capacity: 4000,
    categories: ['woman', 'girl', 'boy'],
  });
  const m = await app.execute(actor, 'registerPerson', { facilityId: hol.facilityId, identity: mother });
  const c1 = await app.execute(actor, 'registerPerson', {
    facilityId: hol.facilityId,
    identity: child('Aisha', 'female', '2014-06-01'),
  });
  const c2 = await app.execute(actor, 'registerPerson', {
    facilityId: hol.facilityId,
    identity: child('Yusuf', 'male', '2016-09-20'),
  });
  const household = await app.execute(actor, 'formHousehold', {
    facilityId: hol.facilityId,
    name: 'Al-Douri',
    memberIds: [m.personId, c1.personId, c2.personId],
  });
  for (const c of [c1, c2]) {
    await app.execute(actor, 'addFamilyLink', {
      personId: m.personId,
      relatedPersonId: c.personId,
      relation: 'mother',
    });
  }
  return {
    hol: hol.facilityId,
    roj: roj.facilityId,
    annex: annex.sectionId,
    phase5: phase5.sectionId,
    men: men.sectionId,
    rojMain: rojMain.sectionId,
    mother: m,
    children: [c1, c2],
    household: household.householdId,
  };
}

export function admit(
  app: Custodian,
  personId: string,
  facilityId: string,
  sectionId: string | null,
  occurredAt: string,
) {
  return app.execute(actor, 'recordCustody', {
    type: 'admitted',
    personId,
    facilityId,
    sectionId,
    occurredAt,
    reason: 'arrival from Baghuz',
    authority,
    legalBasis: 'Administrative detention pending repatriation',
    orderingAuthority: 'Camp administration',
    property: [{ item: 'mobile phone', quantity: 1 }],
  });
}

export async function eventCount(app: Custodian): Promise<number> {
  return (await app.query(actor, 'ledgerHead', {})).events;
}

/** The refusal a call ends with; fails the test if it succeeds or fails otherwise. */
export async function refusal(promise: Promise<unknown>): Promise<CustodianError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof CustodianError) return error;
    throw error;
  }
  assert.fail('expected a refusal');
}
