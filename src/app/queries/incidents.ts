// Reads of incidents and intelligence: the incident log, one incident with its people, claims and figures,
// external events with their distance to each facility, and the people at large.
import { z } from 'zod';
import { redactPayload } from '../../auth/policy.ts';
import { id, isoDate } from '../../domain/common.ts';
import { notFound } from '../../domain/errors.ts';
import {
  claimMeasures,
  distanceKm,
  gap,
  incidentStatuses,
  incidentTypes,
  reportedRange,
} from '../../domain/incident.ts';
import { fromStored } from '../../store/projection-views.ts';
import type { Db } from '../../store/store.ts';
import type { Access } from '../access.ts';
import { visibleFacility } from './facilities.ts';
import { personInScope } from './persons.ts';
import { decodeCursor, defineQuery, inList, pageInput, toPage } from './query.ts';

const DAY_MS = 86_400_000;
const dayAfter = (date: string) => new Date(Date.parse(date) + DAY_MS).toISOString().slice(0, 10);

/** A row as a reader may see it: source identities only for the roles that see intelligence. */
const withoutHidden = <R extends object>(type: string, row: R, access: Access): R =>
  redactPayload(type, row, (c) => access.sees(c)) ?? row;

/** The facilities the caller may see, with where they are. */
async function facilitiesInScope(db: Db, access: Access) {
  let q = db
    .selectFrom('facilities')
    .select(['id', 'code', 'nameEn', 'nameAr', 'lat', 'lon'])
    .orderBy('code');
  if (access.facilities !== null) q = q.where('id', 'in', inList(access.facilities));
  return q.execute();
}

export const listIncidents = defineQuery({
  summary: 'The incident log: incidents at the facilities the caller may see, latest first, with filters',
  input: z.strictObject({
    facilityId: id.optional(),
    type: z.enum(incidentTypes).optional(),
    status: z.enum(incidentStatuses).optional(),
    from: isoDate.optional(),
    to: isoDate.optional(),
    ...pageInput,
  }),
  async run({ db, access }, input) {
    if (input.facilityId !== undefined) await visibleFacility(db, access, input.facilityId);
    const after = decodeCursor<string>(input.cursor, 'string');
    let q = db
      .selectFrom('incidents')
      .innerJoin('facilities', 'facilities.id', 'incidents.facilityId')
      .leftJoin('perimeterSectors', 'perimeterSectors.id', 'incidents.sectorId')
      .leftJoin('sections', 'sections.id', 'incidents.sectionId')
      .selectAll('incidents')
      .select([
        'facilities.code as facilityCode',
        'facilities.lat as facilityLat',
        'facilities.lon as facilityLon',
        'perimeterSectors.code as sectorCode',
        'sections.code as sectionCode',
        (eb) =>
          eb
            .selectFrom('incidentPersons')
            .select((e) => e.cast<number>(e.fn.countAll(), 'integer').as('n'))
            .whereRef('incidentPersons.incidentId', '=', 'incidents.id')
            .as('people'),
      ])
      .orderBy('incidents.occurredAt', 'desc')
      .orderBy('incidents.id', 'desc')
      .limit(input.limit + 1);
    if (access.facilities !== null) q = q.where('incidents.facilityId', 'in', inList(access.facilities));
    if (input.facilityId !== undefined) q = q.where('incidents.facilityId', '=', input.facilityId);
    if (input.type !== undefined) q = q.where('incidents.type', '=', input.type);
    if (input.status !== undefined) q = q.where('incidents.status', '=', input.status);
    if (input.from !== undefined) q = q.where('incidents.occurredAt', '>=', input.from);
    if (input.to !== undefined) q = q.where('incidents.occurredAt', '<', dayAfter(input.to));
    if (after !== undefined) {
      const [at, lastId] = after.split('|') as [string, string];
      q = q.where((eb) =>
        eb.or([
          eb('incidents.occurredAt', '<', at),
          eb.and([eb('incidents.occurredAt', '=', at), eb('incidents.id', '<', lastId)]),
        ]),
      );
    }
    return toPage(
      await q.execute(),
      input.limit,
      (r) => `${r.occurredAt}|${r.id}`,
      ({ facilityLat, facilityLon, ...r }) => ({
        ...fromStored('incidents', r),
        facilityCode: r.facilityCode,
        sectorCode: r.sectorCode,
        sectionCode: r.sectionCode,
        people: Number(r.people ?? 0),
        /** Where to draw it: its own point, or its facility's. */
        point:
          r.lat !== null && r.lon !== null
            ? { lat: r.lat, lon: r.lon }
            : { lat: facilityLat, lon: facilityLon },
      }),
    );
  },
});

export const getIncident = defineQuery({
  summary:
    'One incident: where and when, the answers of its type, its people with their custody now, linked ' +
    'incidents, every claim side by side with its graded source, and reported figures against the people identified',
  input: z.strictObject({ incidentId: id }),
  async run({ db, access }, { incidentId }) {
    const row = await db.selectFrom('incidents').selectAll().where('id', '=', incidentId).executeTakeFirst();
    if (row === undefined || !access.inScope(row.facilityId)) throw notFound('incident', incidentId);
    const incident = fromStored('incidents', row);
    const facility = await visibleFacility(db, access, incident.facilityId);
    const sector = incident.sectorId
      ? await db
          .selectFrom('perimeterSectors')
          .selectAll()
          .where('id', '=', incident.sectorId)
          .executeTakeFirst()
      : undefined;
    const section = incident.sectionId
      ? await db.selectFrom('sections').selectAll().where('id', '=', incident.sectionId).executeTakeFirst()
      : undefined;
    const people = await db
      .selectFrom('incidentPersons')
      .innerJoin('persons', 'persons.id', 'incidentPersons.personId')
      .innerJoin('custody', 'custody.id', 'incidentPersons.personId')
      .select([
        'incidentPersons.personId',
        'incidentPersons.role',
        'incidentPersons.identifiedAt',
        'persons.displayName',
        'persons.registrationNumber',
        'custody.status',
        'custody.facilityId',
      ])
      .where('incidentPersons.incidentId', '=', incidentId)
      .where(personInScope(access.facilities))
      .orderBy('incidentPersons.identifiedAt')
      .orderBy('persons.displayName')
      .execute();
    const allPeople = await db
      .selectFrom('incidentPersons')
      .innerJoin('custody', 'custody.id', 'incidentPersons.personId')
      .select(['incidentPersons.role', 'custody.status'])
      .where('incidentPersons.incidentId', '=', incidentId)
      .execute();
    const claims = (
      await db
        .selectFrom('claims')
        .selectAll()
        .where('incidentId', '=', incidentId)
        .orderBy('reportedAt')
        .orderBy('id')
        .execute()
    ).map((c) => withoutHidden('claim.recorded', c, access));
    const linked = (direction: 'to' | 'from') =>
      db
        .selectFrom('incidentLinks')
        .innerJoin(
          'incidents',
          'incidents.id',
          direction === 'to' ? 'incidentLinks.linkedIncidentId' : 'incidentLinks.incidentId',
        )
        .select([
          'incidentLinks.relation',
          'incidents.id',
          'incidents.type',
          'incidents.occurredAt',
          'incidents.summary',
          'incidents.facilityId',
        ])
        .where(
          direction === 'to' ? 'incidentLinks.incidentId' : 'incidentLinks.linkedIncidentId',
          '=',
          incidentId,
        )
        .execute()
        .then((rows) => rows.map((r) => ({ ...r, direction })));
    const links = [...(await linked('to')), ...(await linked('from'))];
    const escapees = allPeople.filter((p) => p.role === 'escapee');
    const reported = (measure: (typeof claimMeasures)[number]) =>
      reportedRange(claims.filter((c) => c.kind === 'count' && c.measure === measure));
    const escapedReported = reported('escaped');
    return {
      ...incident,
      facility: { id: facility.id, code: facility.code, nameEn: facility.nameEn, nameAr: facility.nameAr },
      sector: sector ? { id: sector.id, code: sector.code, name: sector.name } : null,
      section: section ? { id: section.id, code: section.code, name: section.name } : null,
      people,
      links: links.filter((l) => access.inScope(l.facilityId)),
      claims,
      figures: {
        reported: Object.fromEntries(claimMeasures.map((m) => [m, reported(m)])),
        identified: escapees.length,
        /** The identified escapees back in custody now. */
        recaptured: escapees.filter((p) => p.status !== 'escaped').length,
        stillAtLarge: escapees.filter((p) => p.status === 'escaped').length,
        /** Reported escaped that the register does not name. */
        gap: gap(escapedReported, escapees.length),
      },
    };
  },
});

export const listExternalEvents = defineQuery({
  summary:
    'Events near the facilities (shelling, car bombs, assaults, arson), latest first, each with its ' +
    'great-circle distance to every facility the caller may see; with facilityId, those within withinKm of it',
  input: z.strictObject({
    facilityId: id.optional(),
    withinKm: z.coerce.number().min(0).max(20_000).optional(),
    from: isoDate.optional(),
    to: isoDate.optional(),
    ...pageInput,
  }),
  async run({ db, access }, input) {
    const near = input.facilityId !== undefined ? await visibleFacility(db, access, input.facilityId) : null;
    const facilities = await facilitiesInScope(db, access);
    let q = db.selectFrom('externalEvents').selectAll().orderBy('occurredAt', 'desc').orderBy('id', 'desc');
    if (input.from !== undefined) q = q.where('occurredAt', '>=', input.from);
    if (input.to !== undefined) q = q.where('occurredAt', '<', dayAfter(input.to));
    const presented = (await q.execute()).flatMap((row) => {
      const event = withoutHidden('external-event.recorded', row, access);
      const at = { lat: row.lat, lon: row.lon };
      const distances = facilities
        .map((f) => ({ facilityId: f.id, code: f.code, km: Math.round(distanceKm(at, f) * 10) / 10 }))
        .sort((a, b) => a.km - b.km);
      if (near === null) return [{ ...event, distanceKm: null as number | null, distances }];
      const km = distances.find((d) => d.facilityId === near.id)!.km;
      return input.withinKm === undefined || km <= input.withinKm
        ? [{ ...event, distanceKm: km, distances }]
        : [];
    });
    // Distances are computed, not stored: the page is cut after filtering, by position in the list.
    const start = decodeCursor<number>(input.cursor, 'number') ?? 0;
    const rows = presented.slice(start, start + input.limit + 1).map((e, i) => ({ e, i: start + i }));
    return toPage(
      rows,
      input.limit,
      (r) => r.i + 1,
      (r) => r.e,
    );
  },
});

export const listAtLarge = defineQuery({
  summary:
    'People at large (custody `escaped`) whose record the caller may see: when and from where, the escape ' +
    'incident naming them, whereabouts reports over time with their graded sources, and handover requests',
  input: z.strictObject({ facilityId: id.optional(), ...pageInput }),
  async run({ db, access }, input) {
    if (input.facilityId !== undefined) await visibleFacility(db, access, input.facilityId);
    const after = decodeCursor<string>(input.cursor, 'string');
    let q = db
      .selectFrom('custody')
      .innerJoin('persons', 'persons.id', 'custody.id')
      .select([
        'persons.id',
        'persons.displayName',
        'persons.registrationNumber',
        'persons.sex',
        'persons.birthDate',
        'custody.since',
        'custody.lastFacilityId',
      ])
      .where('custody.status', '=', 'escaped')
      .where(personInScope(access.facilities))
      .orderBy('persons.id')
      .limit(input.limit + 1);
    if (input.facilityId !== undefined) q = q.where('custody.lastFacilityId', '=', input.facilityId);
    if (after !== undefined) q = q.where('persons.id', '>', after);
    const rows = await q.execute();
    const ids = new Set(rows.map((r) => r.id));
    const whereabouts = await db
      .selectFrom('whereaboutsReports')
      .selectAll()
      .where('personId', 'in', inList(ids))
      .orderBy('seenAt')
      .execute();
    const requests = await db
      .selectFrom('handoverRequests')
      .selectAll()
      .where('personId', 'in', inList(ids))
      .orderBy('requestedAt')
      .execute();
    const incidents = await db
      .selectFrom('incidentPersons')
      .innerJoin('incidents', 'incidents.id', 'incidentPersons.incidentId')
      .select(['incidentPersons.personId', 'incidents.id', 'incidents.occurredAt', 'incidents.facilityId'])
      .where('incidentPersons.personId', 'in', inList(ids))
      .where('incidentPersons.role', '=', 'escapee')
      .orderBy('incidents.occurredAt')
      .execute();
    return toPage(
      rows,
      input.limit,
      (r) => r.id,
      (r) => ({
        personId: r.id,
        displayName: r.displayName,
        registrationNumber: r.registrationNumber,
        sex: r.sex,
        birthDate: r.birthDate,
        escapedAt: r.since,
        fromFacilityId: r.lastFacilityId,
        incidentId:
          incidents.filter((i) => i.personId === r.id && access.inScope(i.facilityId)).at(-1)?.id ?? null,
        whereabouts: whereabouts
          .filter((w) => w.personId === r.id)
          .map((w) => withoutHidden('whereabouts.reported', w, access)),
        handoverRequests: requests.filter((h) => h.personId === r.id),
      }),
    );
  },
});
