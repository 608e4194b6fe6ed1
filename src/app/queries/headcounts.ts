// Reads of headcounts: a count with its sections and discrepancies, the roster a guard counts from, the
// open discrepancies of a facility, and the roll board (SPEC 4).
import { z } from 'zod';
import { id } from '../../domain/common.ts';
import { notFound } from '../../domain/errors.ts';
import { placeKey } from '../../domain/headcount.ts';
import type { DiscrepancyRow, HeadcountRow } from '../../domain/projection.ts';
import type { Db } from '../../store/store.ts';
import type { Access } from '../access.ts';
import { visibleFacility } from './facilities.ts';
import { defineQuery, inList } from './query.ts';

/** The facility's local day starts at midnight in Syria (UTC+3, no daylight saving since 2022). */
const FACILITY_UTC_OFFSET_HOURS = 3;

export function unlockOf(now: string): string {
  const local = new Date(Date.parse(now) + FACILITY_UTC_OFFSET_HOURS * 3_600_000);
  local.setUTCHours(0, 0, 0, 0);
  return new Date(local.getTime() - FACILITY_UTC_OFFSET_HOURS * 3_600_000).toISOString();
}

async function visibleHeadcount(db: Db, access: Access, headcountId: string): Promise<HeadcountRow> {
  const row = await db.selectFrom('headcounts').selectAll().where('id', '=', headcountId).executeTakeFirst();
  if (row === undefined || !access.inScope(row.facilityId)) throw notFound('headcount', headcountId);
  return row as HeadcountRow;
}

/** Names and numbers of people, by id (every id given is a person this facility's count named). */
async function peopleNamed(db: Db, ids: ReadonlySet<string>) {
  const people = new Map<string, { registrationNumber: string; displayName: string }>();
  const all = [...ids];
  for (let i = 0; i < all.length; i += 5_000) {
    const rows = await db
      .selectFrom('persons')
      .select(['id', 'registrationNumber', 'displayName'])
      .where('id', 'in', inList(new Set(all.slice(i, i + 5_000))))
      .execute();
    for (const r of rows) people.set(r.id, r);
  }
  return people;
}

async function presentDiscrepancies(db: Db, rows: readonly DiscrepancyRow[]) {
  const people = await peopleNamed(db, new Set(rows.flatMap((d) => (d.personId ? [d.personId] : []))));
  return rows.map((d) => {
    const p = d.personId ? people.get(d.personId) : undefined;
    return {
      discrepancyId: d.id,
      headcountId: d.headcountId,
      facilityId: d.facilityId,
      kind: d.kind,
      personId: d.personId,
      registrationNumber: p?.registrationNumber ?? null,
      displayName: p?.displayName ?? null,
      sectionId: d.sectionId,
      countedSectionId: d.countedSectionId,
      expected: d.expected,
      reported: d.reported,
      difference: d.reported === null || d.expected === null ? null : d.reported - d.expected,
      foundAt: d.foundAt,
      status: d.status,
      resolution: d.resolution,
      reason: d.reason,
      located: d.locatedWhere === null ? null : { where: d.locatedWhere, note: d.locatedNote },
      correction: d.correction,
      incidentId: d.incidentId,
      resolvedAt: d.resolvedAt,
      resolvedBy: d.resolvedBy,
    };
  });
}

async function presentHeadcount(db: Db, row: HeadcountRow, withDiscrepancies: boolean) {
  const [sections, names] = await Promise.all([
    db.selectFrom('headcountSections').selectAll().where('headcountId', '=', row.id).execute(),
    db
      .selectFrom('sections')
      .select(['id', 'code', 'name'])
      .where('facilityId', '=', row.facilityId)
      .execute(),
  ]);
  const byId = new Map(names.map((s) => [s.id, s]));
  const discrepancies = withDiscrepancies
    ? await presentDiscrepancies(
        db,
        (await db
          .selectFrom('discrepancies')
          .selectAll()
          .where('headcountId', '=', row.id)
          .orderBy('kind')
          .orderBy('sectionId')
          .execute()) as DiscrepancyRow[],
      )
    : undefined;
  return {
    headcountId: row.id,
    facilityId: row.facilityId,
    kind: row.kind,
    status: row.status,
    scope: row.scope,
    openedAt: row.openedAt,
    openedBy: row.openedBy,
    closedAt: row.closedAt,
    closedBy: row.closedBy,
    recountOf: row.recountOf,
    sections: sections
      .map((s) => ({
        sectionId: s.sectionId,
        code: s.sectionId === null ? null : (byId.get(s.sectionId)?.code ?? null),
        name: s.sectionId === null ? null : (byId.get(s.sectionId)?.name ?? null),
        expected: s.expected,
        counted: s.counted,
        reported: s.reported,
        difference: s.reported === null ? null : s.reported - s.expected,
      }))
      .sort((a, b) => (a.code ?? '~').localeCompare(b.code ?? '~')),
    ...(discrepancies ? { discrepancies } : {}),
  };
}

export const getHeadcount = defineQuery({
  summary: 'One headcount: its sections (expected, counted, reported) and, once closed, its discrepancies',
  input: z.strictObject({ headcountId: id }),
  async run({ db, access }, { headcountId }) {
    return presentHeadcount(db, await visibleHeadcount(db, access, headcountId), true);
  },
});

export const listHeadcounts = defineQuery({
  summary: "A facility's headcounts, latest first (the last 100)",
  input: z.strictObject({ facilityId: id, status: z.enum(['open', 'closed']).optional() }),
  async run({ db, access }, { facilityId, status }) {
    await visibleFacility(db, access, facilityId);
    let q = db
      .selectFrom('headcounts')
      .selectAll()
      .where('facilityId', '=', facilityId)
      .orderBy('openPosition', 'desc')
      .limit(100);
    if (status !== undefined) q = q.where('status', '=', status);
    const rows = (await q.execute()) as HeadcountRow[];
    return { items: await Promise.all(rows.map((r) => presentHeadcount(db, r, false))) };
  },
});

export const headcountRoster = defineQuery({
  summary:
    'Who the register expected in a section of an open count when it opened, and whether each is counted',
  input: z.strictObject({ headcountId: id, sectionId: z.union([id, z.literal('unassigned')]) }),
  async run({ db, access, headcounts }, input) {
    const row = await visibleHeadcount(db, access, input.headcountId);
    const state = await headcounts.state(db, row);
    const place = state.placeNumbers.get(placeKey(input.sectionId === 'unassigned' ? null : input.sectionId));
    if (place === undefined) throw notFound('section of this headcount', input.sectionId);
    const ids = new Set<string>();
    state.expected.forEach((where, person) => {
      if (where === place) ids.add(state.people[person]!);
    });
    const people = await peopleNamed(db, ids);
    const items = [...ids]
      .map((personId) => ({
        personId,
        registrationNumber: people.get(personId)!.registrationNumber,
        displayName: people.get(personId)!.displayName,
        sectionId: input.sectionId === 'unassigned' ? null : input.sectionId,
        counted: state.firstMarkOf(personId) !== undefined,
      }))
      .sort((a, b) => a.registrationNumber.localeCompare(b.registrationNumber));
    return { items };
  },
});

export const listDiscrepancies = defineQuery({
  summary: "A facility's headcount discrepancies, open or resolved, latest first (the last 1,000)",
  input: z.strictObject({ facilityId: id, status: z.enum(['open', 'resolved']).optional() }),
  async run({ db, access }, { facilityId, status }) {
    await visibleFacility(db, access, facilityId);
    let q = db
      .selectFrom('discrepancies')
      .selectAll()
      .where('facilityId', '=', facilityId)
      .orderBy('foundAt', 'desc')
      .orderBy('id')
      .limit(1_000);
    if (status !== undefined) q = q.where('status', '=', status);
    return { items: await presentDiscrepancies(db, (await q.execute()) as DiscrepancyRow[]) };
  },
});

const arrivals = ['admitted', 'transfer-received', 'recaptured', 'born'];
const departures = ['transfer-started', 'handed-over', 'repatriated', 'released', 'escaped', 'died'];

export const rollBoard = defineQuery({
  summary:
    "A facility's roll board: population at unlock, in and out now, today's movements, sections, counts",
  input: z.strictObject({ facilityId: id }),
  async run({ db, access, now }, { facilityId }) {
    await visibleFacility(db, access, facilityId);
    const unlock = unlockOf(now);
    const held = await db
      .selectFrom('custody')
      .select(['sectionId', 'presence', (eb) => eb.cast<number>(eb.fn.countAll(), 'integer').as('n')])
      .where('facilityId', '=', facilityId)
      .where('status', '=', 'in-custody')
      .groupBy(['sectionId', 'presence'])
      .execute();
    const today = await db
      .selectFrom('custodyHistory')
      .select(['type', (eb) => eb.cast<number>(eb.fn.countAll(), 'integer').as('n')])
      .where('facilityId', '=', facilityId)
      .where('occurredAt', '>=', unlock)
      .where('voidedBy', 'is', null)
      .where('type', 'in', [...arrivals, ...departures])
      .groupBy('type')
      .execute();
    const inTransit = (column: 'transferToFacilityId' | 'transferFromFacilityId') =>
      db
        .selectFrom('custody')
        .select((eb) => eb.cast<number>(eb.fn.countAll(), 'integer').as('n'))
        .where('status', '=', 'in-transit')
        .where(column, '=', facilityId)
        .executeTakeFirstOrThrow();
    const [toArrive, leftInTransit] = await Promise.all([
      inTransit('transferToFacilityId'),
      inTransit('transferFromFacilityId'),
    ]);
    const sections = await db
      .selectFrom('sections')
      .selectAll()
      .where('facilityId', '=', facilityId)
      .orderBy('code')
      .execute();
    const lastCounts = await db
      .selectFrom('headcountSections as s')
      .innerJoin('headcounts as h', 'h.id', 's.headcountId')
      .select(['s.sectionId', (eb) => eb.fn.max('h.closedAt').as('at')])
      .where('h.facilityId', '=', facilityId)
      .where('h.status', '=', 'closed')
      .groupBy('s.sectionId')
      .execute();
    const open = await db
      .selectFrom('discrepancies')
      .select((eb) => eb.cast<number>(eb.fn.countAll(), 'integer').as('n'))
      .where('facilityId', '=', facilityId)
      .where('status', '=', 'open')
      .executeTakeFirstOrThrow();
    const openCounts = (await db
      .selectFrom('headcounts')
      .selectAll()
      .where('facilityId', '=', facilityId)
      .where('status', '=', 'open')
      .orderBy('openPosition', 'desc')
      .execute()) as HeadcountRow[];

    const sum = (rows: { n: number }[]) => rows.reduce((n, r) => n + Number(r.n), 0);
    const inCustody = sum(held);
    const inNow = sum(held.filter((h) => h.presence === 'in'));
    const arrivedToday = sum(today.filter((t) => arrivals.includes(t.type)));
    const leftToday = sum(today.filter((t) => departures.includes(t.type)));
    const lastCount = new Map(lastCounts.map((c) => [c.sectionId, c.at as string | null]));
    const occupied = (sectionId: string | null) => sum(held.filter((h) => h.sectionId === sectionId));
    return {
      facilityId,
      asOf: now,
      unlock: { at: unlock, population: inCustody - arrivedToday + leftToday },
      inCustody,
      inNow,
      out: {
        hospital: sum(held.filter((h) => h.presence === 'hospital')),
        inTransit: Number(leftInTransit.n),
      },
      arrivedToday,
      leftToday,
      stillToArrive: Number(toArrive.n),
      unassigned: { count: occupied(null), lastCompleteCountAt: lastCount.get(null) ?? null },
      sections: sections.map((s) => ({
        sectionId: s.id,
        code: s.code,
        name: s.name,
        capacity: s.capacity,
        occupied: occupied(s.id),
        vacancies: Math.max(0, s.capacity - occupied(s.id)),
        lastCompleteCountAt: lastCount.get(s.id) ?? null,
      })),
      openDiscrepancies: Number(open.n),
      openHeadcounts: await Promise.all(openCounts.map((h) => presentHeadcount(db, h, false))),
    };
  },
});
