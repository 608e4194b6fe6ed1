// Reads of cases (SPEC 6): repatriation cases and their timelines, the per-country figures, child
// alerts, child-protection cases (child-protection officers only) and birth-registration tasks.
import { sql } from 'kysely';
import { z } from 'zod';
import { SMALL_CELL } from '../../auth/policy.ts';
import { APPROACHING_ADULTHOOD_DAYS, caseStatuses } from '../../domain/case-table.ts';
import { daysUntilAdult } from '../../domain/cases.ts';
import { country, id } from '../../domain/common.ts';
import { notFound } from '../../domain/errors.ts';
import { adultBornBy, isMinorOn } from '../../domain/person.ts';
import { fromStored } from '../../store/projection-views.ts';
import type { Db, Dialect } from '../../store/store.ts';
import type { Access } from '../access.ts';
import { visibleFacility } from './facilities.ts';
import { personInScope } from './persons.ts';
import { type Count, decodeCursor, defineQuery, inList, pageInput, suppress, toPage } from './query.ts';

const DAY_MS = 86_400_000;

/** The people of these ids that `access` may see, with what a case shows of them. */
async function visibleMembers(db: Db, access: Access, ids: string[], today: string) {
  if (ids.length === 0) return [];
  const rows = await db
    .selectFrom('persons')
    .innerJoin('custody', 'custody.id', 'persons.id')
    .select([
      'persons.id',
      'persons.displayName',
      'persons.registrationNumber',
      'persons.sex',
      'persons.birthDate',
      'custody.status',
      'custody.facilityId',
      'custody.handedOverTo',
    ])
    .where('persons.id', 'in', [...new Set(ids)])
    .where(personInScope(access.facilities))
    .orderBy('persons.birthDate')
    .execute();
  return rows.map((r) => ({ ...r, minor: isMinorOn(r.birthDate, today) }));
}

export const listCases = defineQuery({
  summary: 'Repatriation cases with their members, filtered by country, status or facility',
  input: z.strictObject({
    country: country.optional(),
    status: z.enum(caseStatuses).optional(),
    facilityId: id.optional(),
    ...pageInput,
  }),
  async run({ db, now, access }, { country: c, status, facilityId, cursor, limit }) {
    const after = decodeCursor<string>(cursor, 'string');
    let q = db
      .selectFrom('cases')
      .selectAll()
      .orderBy('id')
      .limit(limit + 1);
    if (access.facilities !== null) q = q.where('facilityId', 'in', inList(access.facilities));
    if (c !== undefined) q = q.where('country', '=', c);
    if (status !== undefined) q = q.where('status', '=', status);
    if (facilityId !== undefined) q = q.where('facilityId', '=', facilityId);
    if (after !== undefined) q = q.where('id', '>', after);
    const rows = await q.execute();
    const memberships =
      rows.length === 0
        ? []
        : await db
            .selectFrom('caseMembers')
            .selectAll()
            .where(
              'caseId',
              'in',
              rows.map((r) => r.id),
            )
            .execute();
    const members = new Map(
      (
        await visibleMembers(
          db,
          access,
          memberships.map((m) => m.personId),
          now.slice(0, 10),
        )
      ).map((m) => [m.id, m]),
    );
    return toPage(
      rows,
      limit,
      (r) => r.id,
      (r) => ({
        ...r,
        members: memberships
          .filter((m) => m.caseId === r.id)
          .flatMap((m) => members.get(m.personId) ?? [])
          .map(({ id: personId, displayName, minor, status: custodyStatus }) => ({
            id: personId,
            displayName,
            minor,
            status: custodyStatus,
          })),
      }),
    );
  },
});

/** A case `access` may see, or the same answer as for a case that does not exist. */
async function visibleCase(db: Db, access: Access, caseId: string) {
  const row = await db.selectFrom('cases').selectAll().where('id', '=', caseId).executeTakeFirst();
  if (row === undefined || !access.inScope(row.facilityId)) throw notFound('case', caseId);
  return row;
}

export const getCase = defineQuery({
  summary:
    "One case: its members, decisions, wishes, documents and consular contacts as one timeline; the children's " +
    'protection notes and cases for child-protection officers only',
  input: z.strictObject({ caseId: id }),
  async run({ db, now, access }, { caseId }) {
    const found = await visibleCase(db, access, caseId);
    const today = now.slice(0, 10);
    const memberIds = (
      await db.selectFrom('caseMembers').select('personId').where('caseId', '=', caseId).execute()
    ).map((m) => m.personId);
    const members = await visibleMembers(db, access, memberIds, today);
    const decisions = await db
      .selectFrom('caseDecisions')
      .selectAll()
      .where('caseId', '=', caseId)
      .orderBy('occurredAt')
      .orderBy('id')
      .execute();
    const entries = (
      await db
        .selectFrom('caseEntries')
        .selectAll()
        .where('caseId', '=', caseId)
        .orderBy('occurredAt')
        .orderBy('id')
        .execute()
    )
      .map((e) => fromStored('caseEntries', e))
      .filter((e) => e.personId === null || members.some((m) => m.id === e.personId));
    const children = members.filter((m) => m.minor).map((m) => m.id);
    const protection =
      access.sees('protection') && children.length > 0
        ? {
            protectionNotes: await db
              .selectFrom('protectionNotes')
              .selectAll()
              .where('personId', 'in', children)
              .orderBy('occurredAt')
              .execute(),
            childCases: await db
              .selectFrom('childCases')
              .selectAll()
              .where('personId', 'in', children)
              .orderBy('openedAt')
              .execute(),
          }
        : {};
    return {
      ...found,
      members,
      decisions,
      entries,
      /** Days the case has spent in each status so far. */
      daysInStatus: daysInStatus(decisions, now),
      ...protection,
    };
  },
  auditTarget: (input) => input.caseId,
});

/** Days spent in each status, from a case's decisions in order; the current status counts until now. */
function daysInStatus(
  decisions: readonly { status: string; occurredAt: string }[],
  now: string,
): Partial<Record<string, number>> {
  const days: Partial<Record<string, number>> = {};
  for (const [i, d] of decisions.entries()) {
    if (d.status === 'completed') continue;
    const end = decisions[i + 1]?.occurredAt ?? now;
    days[d.status] = (days[d.status] ?? 0) + (Date.parse(end) - Date.parse(d.occurredAt)) / DAY_MS;
  }
  for (const status in days) days[status] = Math.round(days[status]! * 10) / 10;
  return days;
}

export interface CountryFigures {
  country: string;
  /** People in custody of this nationality now. */
  held: { men: Count; women: Count; children: Count; total: Count };
  /** People in cases by the status their case is in now. */
  byStatus: Record<(typeof caseStatuses)[number], Count>;
  /** People whose case was requested (it went past `identified`), accepted (and then scheduled or completed), refused now, completed. */
  requested: Count;
  accepted: Count;
  refused: Count;
  completed: Count;
  cases: Count;
  /** Mean days a case spent in each status (null when too few cases to show to this reader). */
  meanDaysInStatus: Record<string, number | null>;
}

/**
 * The per-country figures over the facilities in `scope` (null: all): people held by nationality, and
 * people in cases by status with the time cases spend in each. Small cells are suppressed for roles
 * that do not read individual people.
 */
export async function figuresByCountry(
  db: Db,
  dialect: Dialect,
  access: Access,
  scope: ReadonlySet<string> | null,
  now: string,
  only?: string,
): Promise<CountryFigures[]> {
  const adultsBornBy = adultBornBy(now.slice(0, 10));
  const nationalities =
    dialect === 'sqlite'
      ? sql`json_each(p.identity, '$.nationalities') as n`
      : sql`jsonb_array_elements_text(p.identity::jsonb -> 'nationalities') as n(value)`;
  const facilityFilter = scope === null ? sql`` : sql`and c.facility_id in (${sql.join(inList(scope))})`;
  const countryFilter = only === undefined ? sql`` : sql`and n.value = ${only}`;
  const { rows: held } = await sql<{ country: string; sex: string; minor: number; count: number }>`
    select n.value as country, p.sex as sex,
      case when p.birth_date > ${adultsBornBy} then 1 else 0 end as minor,
      cast(count(*) as integer) as count
    from custody c join persons p on p.id = c.id, ${nationalities}
    where c.status = 'in-custody' and p.merged_into is null ${facilityFilter} ${countryFilter}
    group by n.value, p.sex, minor`.execute(db);

  let casesQuery = db
    .selectFrom('cases')
    .innerJoin('caseMembers', 'caseMembers.caseId', 'cases.id')
    .select((eb) => [
      'cases.country',
      'cases.status',
      eb.cast<number>(eb.fn.countAll(), 'integer').as('people'),
      eb.cast<number>(eb.fn.count('cases.id').distinct(), 'integer').as('cases'),
    ])
    .groupBy(['cases.country', 'cases.status']);
  if (scope !== null) casesQuery = casesQuery.where('cases.facilityId', 'in', inList(scope));
  if (only !== undefined) casesQuery = casesQuery.where('cases.country', '=', only);
  const inCases = await casesQuery.execute();

  let decisionsQuery = db
    .selectFrom('caseDecisions')
    .innerJoin('cases', 'cases.id', 'caseDecisions.caseId')
    .select(['cases.country', 'caseDecisions.caseId', 'caseDecisions.status', 'caseDecisions.occurredAt'])
    .orderBy('caseDecisions.caseId')
    .orderBy('caseDecisions.occurredAt')
    .orderBy('caseDecisions.id');
  if (scope !== null) decisionsQuery = decisionsQuery.where('cases.facilityId', 'in', inList(scope));
  if (only !== undefined) decisionsQuery = decisionsQuery.where('cases.country', '=', only);
  const decisions = await decisionsQuery.execute();
  const spans = new Map<string, Map<string, number[]>>();
  const byCase = new Map<string, typeof decisions>();
  for (const d of decisions) byCase.set(d.caseId, [...(byCase.get(d.caseId) ?? []), d]);
  for (const list of byCase.values()) {
    const perStatus = daysInStatus(list, now);
    const country = list[0]!.country;
    const forCountry = spans.get(country) ?? new Map<string, number[]>();
    spans.set(country, forCountry);
    for (const [status, days] of Object.entries(perStatus)) {
      forCountry.set(status, [...(forCountry.get(status) ?? []), days!]);
    }
  }

  const countries = new Set([...held.map((h) => h.country), ...inCases.map((c) => c.country)]);
  if (only !== undefined) countries.add(only);
  const figures = [...countries]
    .filter((c) => /^[A-Z]{3}$/.test(c))
    .map((c) => {
      const h = held.filter((r) => r.country === c);
      const sum = (keep: (r: (typeof h)[number]) => boolean) =>
        h.filter(keep).reduce((n, r) => n + Number(r.count), 0);
      const men = sum((r) => r.sex === 'male' && Number(r.minor) === 0);
      const women = sum((r) => r.sex === 'female' && Number(r.minor) === 0);
      const children = sum((r) => Number(r.minor) === 1);
      const people = (statuses: readonly string[]) =>
        inCases
          .filter((r) => r.country === c && statuses.includes(r.status))
          .reduce((n, r) => n + Number(r.people), 0);
      const statusCounts = caseStatuses.map((s) => people([s]));
      const caseCount = inCases.filter((r) => r.country === c).reduce((n, r) => n + Number(r.cases), 0);
      const [sMen, sWomen, sChildren] = suppress([men, women, children], access);
      const shownStatus = suppress(statusCounts, access);
      const [requested, accepted, refused, completed, cases] = suppress(
        [
          people(caseStatuses.filter((s) => s !== 'identified')),
          people(['accepted', 'scheduled', 'completed']),
          people(['refused']),
          people(['completed']),
          caseCount,
        ],
        access,
      );
      const meanDaysInStatus = Object.fromEntries(
        caseStatuses
          .filter((s) => s !== 'completed')
          .map((s) => {
            const list = spans.get(c)?.get(s) ?? [];
            const shown = list.length > 0 && (access.readsPersons || list.length >= SMALL_CELL);
            return [s, shown ? Math.round((list.reduce((a, b) => a + b, 0) / list.length) * 10) / 10 : null];
          }),
      );
      return {
        country: c,
        held: {
          men: sMen!,
          women: sWomen!,
          children: sChildren!,
          total: suppress([men + women + children, 0], access)[0]!,
        },
        byStatus: Object.fromEntries(
          caseStatuses.map((s, i) => [s, shownStatus[i]!]),
        ) as CountryFigures['byStatus'],
        requested: requested!,
        accepted: accepted!,
        refused: refused!,
        completed: completed!,
        cases: cases!,
        meanDaysInStatus,
        order: men + women + children + caseCount,
      };
    });
  return figures
    .sort((a, b) => b.order - a.order || a.country.localeCompare(b.country))
    .map(({ order: _o, ...f }) => f);
}

export const countryFigures = defineQuery({
  summary:
    'One country: its nationals held (men, women, children), people in cases by status (requested, accepted, ' +
    'refused, completed) and the mean days cases spend in each status; small cells suppressed for analysts',
  input: z.strictObject({ country, facilityId: id.optional() }),
  async run({ db, dialect, now, access }, input) {
    if (input.facilityId !== undefined) await visibleFacility(db, access, input.facilityId);
    const scope = input.facilityId !== undefined ? new Set([input.facilityId]) : access.facilities;
    const [figures] = await figuresByCountry(db, dialect, access, scope, now, input.country);
    return { asOf: now, ...figures! };
  },
});

export const childAlerts = defineQuery({
  summary:
    'Children to watch: those turning 18 within 180 days, and those separated from their mother by a transfer ' +
    'or a handover',
  input: z.strictObject({ facilityId: id.optional() }),
  async run({ db, now, access }, { facilityId }) {
    const today = now.slice(0, 10);
    const soon = new Date(Date.parse(today) + APPROACHING_ADULTHOOD_DAYS * DAY_MS).toISOString().slice(0, 10);
    const scope = facilityId !== undefined ? new Set([facilityId]) : access.facilities;
    if (facilityId !== undefined) await visibleFacility(db, access, facilityId);
    let approaching = db
      .selectFrom('persons')
      .innerJoin('custody', 'custody.id', 'persons.id')
      .select([
        'persons.id',
        'persons.displayName',
        'persons.registrationNumber',
        'persons.sex',
        'persons.birthDate',
        'custody.status',
        'custody.facilityId',
        'custody.sectionId',
      ])
      .where('custody.status', 'in', ['in-custody', 'in-transit'])
      .where('persons.mergedInto', 'is', null)
      .where('persons.birthDate', '>', adultBornBy(today))
      .where('persons.birthDate', '<=', adultBornBy(soon))
      .where(personInScope(scope))
      .orderBy('persons.birthDate');
    if (facilityId !== undefined) approaching = approaching.where('custody.facilityId', '=', facilityId);
    const turning = (await approaching.execute()).map((r) => ({
      ...r,
      daysUntilAdult: daysUntilAdult(r.birthDate, today),
    }));

    let links = db
      .selectFrom('familyLinks')
      .innerJoin('persons', 'persons.id', 'familyLinks.relatedPersonId')
      .innerJoin('custody', 'custody.id', 'familyLinks.relatedPersonId')
      .innerJoin('persons as mother', 'mother.id', 'familyLinks.personId')
      .innerJoin('custody as mc', 'mc.id', 'familyLinks.personId')
      .select([
        'persons.id',
        'persons.displayName',
        'persons.registrationNumber',
        'persons.birthDate',
        'custody.status',
        'custody.facilityId',
        'custody.transferToFacilityId',
        'mother.id as motherId',
        'mother.displayName as motherName',
        'mc.status as motherStatus',
        'mc.facilityId as motherFacilityId',
        'mc.transferToFacilityId as motherTransferToFacilityId',
        'mc.handedOverTo as motherHandedOverTo',
        'mc.since as motherSince',
        'custody.since',
      ])
      .where('familyLinks.relation', '=', 'mother')
      .where('custody.status', 'in', ['in-custody', 'in-transit'])
      .where('mc.status', 'in', ['in-custody', 'in-transit', 'handed-over'])
      .where('persons.birthDate', '>', adultBornBy(today))
      .where(personInScope(scope));
    if (facilityId !== undefined) links = links.where('custody.facilityId', '=', facilityId);
    const separated = (await links.execute())
      .filter((r) => {
        const together =
          r.status === r.motherStatus &&
          (r.status === 'in-custody'
            ? r.facilityId === r.motherFacilityId
            : r.transferToFacilityId === r.motherTransferToFacilityId);
        return !together;
      })
      .map((r) => ({ ...r, separatedSince: r.since! > r.motherSince! ? r.since : r.motherSince }));
    return { asOf: now, turning18: turning, separatedFromMother: separated };
  },
});

export const listChildCases = defineQuery({
  summary: 'Child-protection cases, open first, with the child: child-protection officers only',
  input: z.strictObject({ status: z.enum(['open', 'closed']).optional(), ...pageInput }),
  async run({ db, access }, { status, cursor, limit }) {
    const after = decodeCursor<string>(cursor, 'string');
    let q = db
      .selectFrom('childCases')
      .innerJoin('persons', 'persons.id', 'childCases.personId')
      .innerJoin('custody', 'custody.id', 'childCases.personId')
      .selectAll('childCases')
      .select(['persons.displayName', 'persons.registrationNumber', 'persons.birthDate'])
      .where(personInScope(access.facilities))
      .orderBy('childCases.id')
      .limit(limit + 1);
    if (status !== undefined) q = q.where('childCases.status', '=', status);
    if (after !== undefined) q = q.where('childCases.id', '>', after);
    return toPage(
      await q.execute(),
      limit,
      (r) => r.id,
      (r) => r,
    );
  },
});

export const listBirthRegistrations = defineQuery({
  summary: 'Children born in custody and whether their birth was registered with the civil registry',
  input: z.strictObject({ status: z.enum(['open', 'completed']).optional(), ...pageInput }),
  async run({ db, access }, { status, cursor, limit }) {
    const after = decodeCursor<string>(cursor, 'string');
    let q = db
      .selectFrom('birthRegistrations')
      .innerJoin('persons', 'persons.id', 'birthRegistrations.id')
      .innerJoin('custody', 'custody.id', 'birthRegistrations.id')
      .innerJoin('persons as mother', 'mother.id', 'birthRegistrations.motherId')
      .selectAll('birthRegistrations')
      .select(['persons.displayName', 'persons.registrationNumber', 'mother.displayName as motherName'])
      .where(personInScope(access.facilities))
      .orderBy('birthRegistrations.id')
      .limit(limit + 1);
    if (status !== undefined) q = q.where('birthRegistrations.status', '=', status);
    if (after !== undefined) q = q.where('birthRegistrations.id', '>', after);
    return toPage(
      await q.execute(),
      limit,
      (r) => r.id,
      (r) => r,
    );
  },
});
