// The situation report: population, movements, people at large and what is pending, for a period and
// the facilities the caller may see. The dashboard shows these numbers; the API answers the same.
import { sql } from 'kysely';
import { z } from 'zod';
import { id, isoDate, type NationalityGroup, nationalityGroups } from '../../domain/common.ts';
import { invalidInput } from '../../domain/errors.ts';
import { type PersonCategory, personCategories } from '../../domain/facility.ts';
import { gap, incidentTypes, type Range, reportedRange } from '../../domain/incident.ts';
import { adultBornBy } from '../../domain/person.ts';
import type { Db } from '../../store/store.ts';
import type { Access } from '../access.ts';
import { figuresByCountry } from './cases.ts';
import { visibleFacility } from './facilities.ts';
import { personInScope } from './persons.ts';
import { type Count, defineQuery, inList, suppress, suppressOne } from './query.ts';

/** The custody events counted as movements, by the name the report gives them. */
const movementTypes = {
  admitted: 'admitted',
  released: 'released',
  transferred: 'transfer-started',
  handedOver: 'handed-over',
  repatriated: 'repatriated',
  escaped: 'escaped',
  recaptured: 'recaptured',
  died: 'died',
} as const;
type Movement = keyof typeof movementTypes;

const MAX_DAYS = 366;
const DAY_MS = 86_400_000;

const categoryOf = (sex: string, minor: number): PersonCategory =>
  sex === 'male' ? (minor ? 'boy' : 'man') : minor ? 'girl' : 'woman';

export const situation = defineQuery({
  summary:
    'The situation for a period: population by facility, category and nationality group, movements per day, ' +
    'people at large, overdue transfers, pending notifications, and per country the nationals held and the ' +
    'people in repatriation cases by status (small cells suppressed for analysts)',
  input: z.strictObject({
    /** First day of the period (default: 30 days before `to`). */
    from: isoDate.optional(),
    /** Last day of the period (default: the day of the last movement recorded, at the latest today). */
    to: isoDate.optional(),
    facilityId: id.optional(),
  }),
  async run({ db, dialect, now, access }, input) {
    if (input.facilityId !== undefined) await visibleFacility(db, access, input.facilityId);
    const today = now.slice(0, 10);
    const scope = input.facilityId !== undefined ? new Set([input.facilityId]) : (access.facilities ?? null);
    // By default the period ends with the last movement recorded (today, in a node in daily use), so
    // that a record that stopped, or an imported history, does not open on thirty empty days.
    let latest = db.selectFrom('custodyHistory').select((eb) => eb.fn.max('occurredAt').as('at'));
    if (scope !== null) latest = latest.where('facilityId', 'in', inList(scope));
    const last = input.to === undefined ? (await latest.executeTakeFirst())?.at : undefined;
    const to = input.to ?? (last && last.slice(0, 10) < today ? last.slice(0, 10) : today);
    const from = input.from ?? new Date(Date.parse(to) - 29 * DAY_MS).toISOString().slice(0, 10);
    const days = Math.round((Date.parse(to) - Date.parse(from)) / DAY_MS) + 1;
    if (days < 1 || days > MAX_DAYS) {
      throw invalidInput([
        { field: 'from', message: `the period must be 1-${MAX_DAYS} days, from before to` },
      ]);
    }
    let facilitiesQuery = db
      .selectFrom('facilities')
      .select(['id', 'code', 'nameEn', 'kind', 'capacity'])
      .orderBy('code');
    if (scope !== null) facilitiesQuery = facilitiesQuery.where('id', 'in', inList(scope));
    const facilities = await facilitiesQuery.execute();

    const adultsBornBy = adultBornBy(today);
    let heldQuery = db
      .selectFrom('custody')
      .innerJoin('persons', 'persons.id', 'custody.id')
      .select((eb) => [
        'custody.facilityId',
        'persons.sex',
        'persons.nationalityGroup',
        eb.case().when('persons.birthDate', '>', adultsBornBy).then(1).else(0).end().as('minor'),
        eb.cast<number>(eb.fn.countAll(), 'integer').as('count'),
      ])
      .where('custody.status', '=', 'in-custody')
      .groupBy(['custody.facilityId', 'persons.sex', 'persons.nationalityGroup', 'minor']);
    if (scope !== null) heldQuery = heldQuery.where('custody.facilityId', 'in', inList(scope));
    const held = await heldQuery.execute();

    let movementQuery = db
      .selectFrom('custodyHistory')
      .select((eb) => [
        sql<string>`substr(occurred_at, 1, 10)`.as('day'),
        'type',
        eb.cast<number>(eb.fn.countAll(), 'integer').as('count'),
      ])
      .where('voidedBy', 'is', null)
      .where('type', 'in', Object.values(movementTypes))
      .where('occurredAt', '>=', from)
      .where('occurredAt', '<', new Date(Date.parse(to) + DAY_MS).toISOString().slice(0, 10))
      .groupBy(['day', 'type']);
    if (scope !== null) movementQuery = movementQuery.where('facilityId', 'in', inList(scope));
    const moved = await movementQuery.execute();

    const count = async (status: 'escaped' | 'in-transit-overdue' | 'queued'): Promise<number> => {
      let q = db
        .selectFrom('custody')
        .innerJoin('persons', 'persons.id', 'custody.id')
        .select((eb) => eb.cast<number>(eb.fn.countAll(), 'integer').as('count'));
      if (status === 'escaped') q = q.where('custody.status', '=', 'escaped');
      if (status === 'in-transit-overdue') {
        q = q.where('custody.status', '=', 'in-transit').where('custody.transferDueAt', '<', now);
      }
      if (status === 'queued') {
        q = q
          .innerJoin('notifications', 'notifications.personId', 'custody.id')
          .where('notifications.status', '=', 'queued');
      }
      q = q.where(personInScope(scope));
      return (await q.executeTakeFirstOrThrow()).count;
    };

    const perFacility = facilities.map((f) => {
      const cells = personCategories.flatMap((category) =>
        nationalityGroups.map((group) => ({
          category,
          nationalityGroup: group,
          count: held
            .filter(
              (r) =>
                r.facilityId === f.id &&
                r.nationalityGroup === group &&
                categoryOf(r.sex, Number(r.minor)) === category,
            )
            .reduce((n, r) => n + r.count, 0),
        })),
      );
      return { facility: f, cells };
    });
    const sum = <C extends { count: number }>(cells: C[], keep: (c: C) => boolean) =>
      cells.filter(keep).reduce((n, c) => n + c.count, 0);
    type Cell = { category: PersonCategory; nationalityGroup: NationalityGroup; count: number };
    const breakdown = (cells: Cell[]) => {
      const shown = suppress(
        cells.map((c) => c.count),
        access,
      );
      return {
        population: suppressOne(
          sum(cells, () => true),
          access,
        ),
        byCategory: keyed(personCategories, (k) => sum(cells, (c) => c.category === k), access),
        byNationalityGroup: keyed(
          nationalityGroups,
          (k) => sum(cells, (c) => c.nationalityGroup === k),
          access,
        ),
        cells: cells.map((c, i) => ({ ...c, count: shown[i]! })),
      };
    };
    const allCells = perFacility.flatMap((f) => f.cells);
    const totals = breakdown(
      personCategories.flatMap((category) =>
        nationalityGroups.map((nationalityGroup) => ({
          category,
          nationalityGroup,
          count: sum(allCells, (c) => c.category === category && c.nationalityGroup === nationalityGroup),
        })),
      ),
    );

    const movements = Array.from({ length: days }, (_, i) => {
      const day = new Date(Date.parse(from) + i * DAY_MS).toISOString().slice(0, 10);
      const row = { day } as { day: string } & Record<Movement, Count>;
      for (const [name, type] of Object.entries(movementTypes) as [Movement, string][]) {
        const n = moved.filter((m) => m.day === day && m.type === type).reduce((s, m) => s + m.count, 0);
        row[name] = suppressOne(n, access);
      }
      return row;
    });

    const incidents = await incidentFigures(db, access, scope, from, to);

    return {
      asOf: now,
      from,
      to,
      facilities: perFacility.map(({ facility: f, cells }) => ({
        facilityId: f.id,
        code: f.code,
        name: f.nameEn,
        kind: f.kind,
        capacity: f.capacity,
        ...breakdown(cells),
        incidents: incidents.perFacility(f.id),
      })),
      totals,
      movements,
      atLarge: suppressOne(await count('escaped'), access),
      overdueTransfers: suppressOne(await count('in-transit-overdue'), access),
      pendingNotifications: suppressOne(await count('queued'), access),
      incidents: incidents.totals,
      countries: await figuresByCountry(db, dialect, access, scope, now),
    };
  },
});

/**
 * Incidents of the period: by type; escape attempts thwarted and successful, individual, group and
 * organised; escapes with the people identified beside the counts reported; recaptures; external events.
 */
async function incidentFigures(
  db: Db,
  access: Access,
  scope: ReadonlySet<string> | null,
  from: string,
  to: string,
) {
  const end = new Date(Date.parse(to) + DAY_MS).toISOString().slice(0, 10);
  let q = db
    .selectFrom('incidents')
    .select(['id', 'facilityId', 'type', 'scale', 'outcome'])
    .where('occurredAt', '>=', from)
    .where('occurredAt', '<', end);
  if (scope !== null) q = q.where('facilityId', 'in', inList(scope));
  const rows = await q.execute();
  const ids = new Set(rows.filter((r) => r.type === 'escape').map((r) => r.id));
  const claims = await db
    .selectFrom('claims')
    .select(['incidentId', 'measure', 'countMin', 'countMax', 'assessment'])
    .where('kind', '=', 'count')
    .where('incidentId', 'in', inList(ids))
    .execute();
  const identified = await db
    .selectFrom('incidentPersons')
    .select(['incidentId', (eb) => eb.cast<number>(eb.fn.countAll(), 'integer').as('count')])
    .where('role', '=', 'escapee')
    .where('incidentId', 'in', inList(ids))
    .groupBy('incidentId')
    .execute();
  const externalEvents = (
    await db
      .selectFrom('externalEvents')
      .select((eb) => eb.cast<number>(eb.fn.countAll(), 'integer').as('count'))
      .where('occurredAt', '>=', from)
      .where('occurredAt', '<', end)
      .executeTakeFirstOrThrow()
  ).count;

  const figures = (facilityId: string | null) => {
    const here = rows.filter((r) => facilityId === null || r.facilityId === facilityId);
    const attempts = here.filter((r) => r.type === 'escape-attempt');
    const escapes = here.filter((r) => r.type === 'escape');
    const sumRanges = (measure: string): Range | null => {
      const ranges = escapes
        .map((e) => reportedRange(claims.filter((c) => c.incidentId === e.id && c.measure === measure)))
        .filter((r): r is Range => r !== null);
      return ranges.length === 0
        ? null
        : { min: ranges.reduce((n, r) => n + r.min, 0), max: ranges.reduce((n, r) => n + r.max, 0) };
    };
    const named = identified
      .filter((i) => escapes.some((e) => e.id === i.incidentId))
      .reduce((n, i) => n + i.count, 0);
    const reportedEscaped = sumRanges('escaped');
    const n = (keep: (r: (typeof rows)[number]) => boolean) =>
      suppressOne(attempts.filter(keep).length, access);
    return {
      byType: keyed(incidentTypes, (t) => here.filter((r) => r.type === t).length, access),
      escapeAttempts: {
        thwarted: n((r) => r.outcome === 'thwarted'),
        successful: n((r) => r.outcome === 'successful'),
        individual: n((r) => r.scale === 'individual'),
        group: n((r) => r.scale === 'group'),
        organised: n((r) => r.scale === 'organised'),
      },
      escapes: {
        incidents: escapes.length,
        /** Ranges summed over the escapes of the period, each the assessed claim or the span of its claims. */
        reportedEscaped,
        reportedRecaptured: sumRanges('recaptured'),
        identified: suppressOne(named, access),
        gap: access.readsPersons ? gap(reportedEscaped, named) : null,
      },
    };
  };
  return {
    perFacility: (facilityId: string) => figures(facilityId),
    totals: { ...figures(null), externalEvents },
  };
}

/** Counts by key, suppressed together (they add up to one total). */
function keyed<K extends string>(
  keys: readonly K[],
  countOf: (k: K) => number,
  access: Access,
): Record<K, Count> {
  const shown = suppress(keys.map(countOf), access);
  return Object.fromEntries(keys.map((k, i) => [k, shown[i]!])) as Record<K, Count>;
}
