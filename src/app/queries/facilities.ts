// Reads of facilities: the list, one facility with its sections and occupancy, and its history.
import { z } from 'zod';
import { id } from '../../domain/common.ts';
import { notFound } from '../../domain/errors.ts';
import { fromStored } from '../../store/projection-views.ts';
import type { Db } from '../../store/store.ts';
import type { Access } from '../access.ts';
import { presentEvent } from './ledger.ts';
import { decodeCursor, defineQuery, inList, pageInput, suppress, suppressOne, toPage } from './query.ts';

/** A facility outside the caller's scope is answered exactly like one that does not exist. */
export async function visibleFacility(db: Db, access: Access, facilityId: string) {
  const facility = access.inScope(facilityId)
    ? await db.selectFrom('facilities').selectAll().where('id', '=', facilityId).executeTakeFirst()
    : undefined;
  if (facility === undefined) throw notFound('facility', facilityId);
  return facility;
}

export const listFacilities = defineQuery({
  summary: 'Facilities, by code',
  input: z.strictObject(pageInput),
  async run({ db, access }, { cursor, limit }) {
    const after = decodeCursor<string>(cursor, 'string');
    let q = db
      .selectFrom('facilities')
      .selectAll()
      .orderBy('code')
      .limit(limit + 1);
    if (after !== undefined) q = q.where('code', '>', after);
    if (access.facilities !== null) q = q.where('id', 'in', inList(access.facilities));
    return toPage(
      await q.execute(),
      limit,
      (f) => f.code,
      (f) => f,
    );
  },
});

export const getFacility = defineQuery({
  summary: 'One facility: sections with occupancy, perimeter sectors, latest guard strength, alert posture',
  input: z.strictObject({ facilityId: id }),
  async run({ db, access }, { facilityId }) {
    const facility = await visibleFacility(db, access, facilityId);
    const sections = await db
      .selectFrom('sections')
      .selectAll()
      .where('facilityId', '=', facilityId)
      .orderBy('code')
      .execute();
    const counts = await db
      .selectFrom('custody')
      .select(['sectionId', 'presence', (eb) => eb.cast<number>(eb.fn.countAll(), 'integer').as('count')])
      .where('facilityId', '=', facilityId)
      .where('status', '=', 'in-custody')
      .groupBy(['sectionId', 'presence'])
      .execute();
    const held = (sectionId: string | null, presence?: string) =>
      counts
        .filter((c) => c.sectionId === sectionId && (presence === undefined || c.presence === presence))
        .reduce((n, c) => n + c.count, 0);
    const inTransit = await db
      .selectFrom('custody')
      .select((eb) => eb.cast<number>(eb.fn.countAll(), 'integer').as('count'))
      .where('status', '=', 'in-transit')
      .where('transferToFacilityId', '=', facilityId)
      .executeTakeFirstOrThrow();
    const guard = await db
      .selectFrom('guardStrengthReports')
      .selectAll()
      .where('facilityId', '=', facilityId)
      .orderBy('reportedAt', 'desc')
      .limit(1)
      .executeTakeFirst();
    const perimeterSectors = await db
      .selectFrom('perimeterSectors')
      .selectAll()
      .where('facilityId', '=', facilityId)
      .orderBy('code')
      .execute();
    const population = counts.reduce((n, c) => n + c.count, 0);
    // Sections and the unassigned add up to the population: one table of cells for suppression.
    const occupancy = suppress([...sections.map((s) => held(s.id)), held(null)], access);

    return {
      ...facility,
      population: suppressOne(population, access),
      atHospital: suppressOne(
        counts.filter((c) => c.presence === 'hospital').reduce((n, c) => n + c.count, 0),
        access,
      ),
      unassigned: occupancy[sections.length]!,
      expectedByTransfer: suppressOne(inTransit.count, access),
      sections: sections.map((s, i) => {
        const section = fromStored('sections', s);
        const occupied = occupancy[i]!;
        return {
          ...section,
          occupancy: occupied,
          // Present and occupancy side by side would give away the few away from a section.
          ...(access.readsPersons ? { present: held(s.id, 'in') } : {}),
          vacancies: typeof occupied === 'number' ? Math.max(0, s.capacity - occupied) : null,
        };
      }),
      perimeterSectors,
      latestGuardStrength: guard ?? null,
    };
  },
});

export const facilityHistory = defineQuery({
  summary: "A facility's events: sections, sectors, guard strength and alert posture over time",
  input: z.strictObject({ facilityId: id, ...pageInput }),
  async run({ db, access }, { facilityId, cursor, limit }) {
    await visibleFacility(db, access, facilityId);
    const after = decodeCursor<number>(cursor, 'number');
    let q = db
      .selectFrom('events')
      .selectAll()
      .where('subject', '=', facilityId)
      .orderBy('position')
      .limit(limit + 1);
    if (after !== undefined) q = q.where('position', '>', after);
    return toPage(await q.execute(), limit, (e) => e.position, presentEvent(access));
  },
});
