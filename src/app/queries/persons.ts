// Reads of people: the list with current custody, one person's whole record, custody history.
import type { ExpressionBuilder } from 'kysely';
import { z } from 'zod';
import { redactPayload } from '../../auth/policy.ts';
import { id, nationalityGroups } from '../../domain/common.ts';
import { custodyStatuses } from '../../domain/custody-table.ts';
import { invalidInput, notFound } from '../../domain/errors.ts';
import { personCategories } from '../../domain/facility.ts';
import { adultBornBy, categoryOn, isMinorOn } from '../../domain/person.ts';
import type { CustodyRow, PersonRow } from '../../domain/projection.ts';
import { fromStored } from '../../store/projection-views.ts';
import type { Database } from '../../store/schema.ts';
import type { Db } from '../../store/store.ts';
import type { Access } from '../access.ts';
import { decodeCursor, defineQuery, type Page, pageInput, toPage } from './query.ts';

/**
 * A person as answers show them: identity, category and nationality group today, current custody.
 * The reason for a security classification is intelligence, absent for roles that may not see it.
 */
export function presentPerson(person: PersonRow, custody: CustodyRow, today: string, access: Access) {
  const { id: _id, lastEventId, ...status } = custody;
  const { classificationReason, ...shown } = person;
  return {
    ...shown,
    ...(access.sees('intelligence') ? { classificationReason } : {}),
    category: categoryOn(person.sex as 'male' | 'female', person.birthDate, today),
    minor: isMinorOn(person.birthDate, today),
    custody: { ...status, lastEventId },
  };
}

const personColumns = [
  'persons.id',
  'persons.registrationNumber',
  'persons.registeredAtFacilityId',
  'persons.displayName',
  'persons.sex',
  'persons.birthDate',
  'persons.identity',
  'persons.householdId',
  'persons.classification',
  'persons.classificationReason',
  'persons.registeredAt',
  'persons.nationalityGroup',
  'persons.mergedInto',
] as const;

/** The columns of a person's current custody, read with the person and told apart by `split`. */
const custodyColumns = [
  'status',
  'facilityId',
  'sectionId',
  'presence',
  'hospital',
  'transferFromFacilityId',
  'transferToFacilityId',
  'transferDueAt',
  'handedOverTo',
  'since',
  'lastFacilityId',
  'lastEventId',
] as const satisfies readonly (keyof CustodyRow)[];

export function personWithCustody(db: Db) {
  return db
    .selectFrom('persons')
    .innerJoin('custody', 'custody.id', 'persons.id')
    .select(personColumns)
    .select(custodyColumns.map((c) => `custody.${c}` as const));
}

/**
 * The people held at these facilities (null: every facility): those whose record a facility answers
 * for (the one that last held them, or registered them), and those in transit to one of them. Needs `persons` joined with `custody`.
 */
export function personInScope(facilities: ReadonlySet<string> | null) {
  return (
    eb: ExpressionBuilder<
      Database & { persons: Database['persons']; custody: Database['custody'] },
      'persons' | 'custody'
    >,
  ) => {
    if (facilities === null) return eb.lit(true);
    const ids = [...facilities];
    if (ids.length === 0) return eb.lit(false);
    return eb.or([
      eb(eb.fn.coalesce('custody.lastFacilityId', 'persons.registeredAtFacilityId'), 'in', ids),
      eb('custody.transferToFacilityId', 'in', ids),
    ]);
  };
}

type Joined = Awaited<ReturnType<ReturnType<typeof personWithCustody>['execute']>>[number];

export function split(row: Joined): [PersonRow, CustodyRow] {
  const person: Record<string, unknown> = { ...row };
  const custody: Record<string, unknown> = { id: row.id };
  for (const column of custodyColumns) {
    custody[column] = row[column];
    delete person[column];
  }
  return [fromStored('persons', person), custody as unknown as CustodyRow];
}

/** Why a person was found by a search by name: how well the names agree, the decision, and in words. */
interface NameMatch {
  score: number;
  decision: 'match' | 'possible' | 'no-match';
  reason: string;
}
type ListedPerson = ReturnType<typeof presentPerson> & { match?: NameMatch };

export const listPersons = defineQuery({
  summary:
    'People with their current custody status and place, filtered by facility, section, status, ' +
    'category (on the day) or nationality group; with `q`, found by name in any script or spelling, ' +
    'ranked, each with the reason it matched',
  input: z.strictObject({
    /** A name in Arabic or Latin script, in any spelling or order ("DOURI, Fatima"), or a registration number. */
    q: z.string().trim().min(1).max(300).optional(),
    facilityId: id.optional(),
    sectionId: id.optional(),
    status: z.enum(custodyStatuses).optional(),
    category: z.enum(personCategories).optional(),
    nationalityGroup: z.enum(nationalityGroups).optional(),
    ...pageInput,
  }),
  async run(
    { db, now, access, names },
    { q: query, cursor, limit, ...filters },
  ): Promise<Page<ListedPerson>> {
    const today = now.slice(0, 10);
    const filtered = () => {
      let q = personWithCustody(db)
        .where(personInScope(access.facilities))
        .where('persons.mergedInto', 'is', null);
      const { facilityId, sectionId, status, category, nationalityGroup } = filters;
      if (facilityId !== undefined) q = q.where('custody.facilityId', '=', facilityId);
      if (sectionId !== undefined) q = q.where('custody.sectionId', '=', sectionId);
      if (status !== undefined) q = q.where('custody.status', '=', status);
      if (nationalityGroup !== undefined) q = q.where('persons.nationalityGroup', '=', nationalityGroup);
      if (category !== undefined) {
        const minor = category === 'boy' || category === 'girl';
        q = q
          .where('persons.sex', '=', category === 'man' || category === 'boy' ? 'male' : 'female')
          .where('persons.birthDate', minor ? '>' : '<=', adultBornBy(today));
      }
      return q;
    };
    // A registration number (typed, or read from a card) names one record: no ranking needed.
    if (query !== undefined && /^[A-Z]{3}-\d{6}-\d$/i.test(query)) {
      const rows = await filtered().where('persons.registrationNumber', '=', query.toUpperCase()).execute();
      return { items: rows.map((r) => presentPerson(...split(r), today, access)), nextCursor: null };
    }
    if (query !== undefined) {
      if (cursor !== undefined) {
        throw invalidInput([{ field: 'cursor', message: 'a search by name is one ranked page' }]);
      }
      // The index answers only with people the caller may see and the filters keep: their ids are
      // read once per scope, filters and day, and again only once the ledger has moved on.
      const unfiltered = access.facilities === null && Object.values(filters).every((f) => f === undefined);
      const allowed = unfiltered
        ? null
        : await names.visibleIds(
            JSON.stringify([access.facilities && [...access.facilities].sort(), filters, today]),
            await ledgerPosition(db),
            async () =>
              new Set((await filtered().clearSelect().select('persons.id').execute()).map((r) => r.id)),
          );
      const found = await names.search(query, limit, (personId) => allowed?.has(personId) ?? true);
      const rows =
        found.length === 0
          ? []
          : await personWithCustody(db)
              .where(
                'persons.id',
                'in',
                found.map((f) => f.id),
              )
              .execute();
      const byId = new Map(rows.map((r) => [r.id, r]));
      return {
        items: found.flatMap((f) => {
          const row = byId.get(f.id);
          if (row === undefined) return [];
          const match = { score: Math.round(f.score * 1000) / 1000, decision: f.decision, reason: f.reason };
          return [{ ...presentPerson(...split(row), today, access), match }];
        }),
        nextCursor: null,
      };
    }
    const after = decodeCursor<string>(cursor, 'string');
    let q = filtered()
      .orderBy('persons.id')
      .limit(limit + 1);
    if (after !== undefined) q = q.where('persons.id', '>', after);
    return toPage(
      await q.execute(),
      limit,
      (r) => r.id,
      (r) => presentPerson(...split(r), today, access),
    );
  },
});

/** The position of the last event recorded: any change to who is where moves it. */
async function ledgerPosition(db: Db): Promise<number> {
  const row = await db
    .selectFrom('events')
    .select((eb) => eb.fn.max('position').as('position'))
    .executeTakeFirst();
  return Number(row?.position ?? 0);
}

/** Which of these people `access` may see. */
async function visibleIds(db: Db, access: Access, ids: string[]): Promise<Set<string>> {
  if (access.facilities === null || ids.length === 0) return new Set(ids);
  const rows = await db
    .selectFrom('persons')
    .innerJoin('custody', 'custody.id', 'persons.id')
    .select('persons.id')
    .where('persons.id', 'in', [...new Set(ids)])
    .where(personInScope(access.facilities))
    .execute();
  return new Set(rows.map((r) => r.id));
}

/** A person `access` may see, or the same not-found answer as for an id that does not exist. */
async function visiblePerson(db: Db, access: Access, personId: string) {
  const row = await personWithCustody(db)
    .where('persons.id', '=', personId)
    .where(personInScope(access.facilities))
    .executeTakeFirst();
  if (row === undefined) throw notFound('person', personId);
  return split(row);
}

export const getPerson = defineQuery({
  summary: "One person's record: identity, custody, family, household, separations, register entries",
  input: z.strictObject({ personId: id }),
  async run({ db, now, access }, { personId }) {
    const [person, custody] = await visiblePerson(db, access, personId);
    const links = await db
      .selectFrom('familyLinks')
      .innerJoin('persons as a', 'a.id', 'familyLinks.personId')
      .innerJoin('persons as b', 'b.id', 'familyLinks.relatedPersonId')
      .select([
        'familyLinks.id',
        'familyLinks.personId',
        'familyLinks.relatedPersonId',
        'familyLinks.relation',
        'a.displayName as personName',
        'b.displayName as relatedPersonName',
      ])
      .where((eb) =>
        eb.or([eb('familyLinks.personId', '=', personId), eb('familyLinks.relatedPersonId', '=', personId)]),
      )
      .execute();
    // Relatives held where the caller may not look stay unnamed: only those they may see are listed.
    const visible = await visibleIds(
      db,
      access,
      links.flatMap((l) => [l.personId, l.relatedPersonId]),
    );
    const household =
      person.householdId === null
        ? []
        : await db
            .selectFrom('persons')
            .innerJoin('custody', 'custody.id', 'persons.id')
            .select(['persons.id', 'persons.displayName', 'persons.registrationNumber'])
            .where('persons.householdId', '=', person.householdId)
            .where(personInScope(access.facilities))
            .orderBy('persons.birthDate')
            .execute();
    // Records found to be this person's duplicates, while merged into this one.
    const mergedRecords = await db
      .selectFrom('persons')
      .innerJoin('custody', 'custody.id', 'persons.id')
      .select(['persons.id', 'persons.displayName', 'persons.registrationNumber'])
      .where('persons.mergedInto', '=', personId)
      .where(personInScope(access.facilities))
      .execute();
    const separations = await db
      .selectFrom('separationMembers as m')
      .innerJoin('separations as s', 's.id', 'm.separationId')
      .select(['s.id', 's.reason', 's.status'])
      .where('m.personId', '=', personId)
      .execute();
    const registerEntries = await db
      .selectFrom('registerEntries')
      .selectAll()
      .where('personId', '=', personId)
      .orderBy('occurredAt')
      .execute();
    const card = await db
      .selectFrom('idCards')
      .select(['serial', 'origin', 'issuedAt', 'code', 'revokedAt', 'revokedReason'])
      .where('id', '=', personId)
      .executeTakeFirst();
    const protectionNotes = access.sees('protection')
      ? {
          protectionNotes: await db
            .selectFrom('protectionNotes')
            .selectAll()
            .where('personId', '=', personId)
            .orderBy('occurredAt')
            .execute(),
          childCases: await db
            .selectFrom('childCases')
            .selectAll()
            .where('personId', '=', personId)
            .orderBy('openedAt')
            .execute(),
        }
      : {};
    const cases = await db
      .selectFrom('caseMembers')
      .innerJoin('cases', 'cases.id', 'caseMembers.caseId')
      .select(['cases.id', 'cases.country', 'cases.status', 'cases.statusSince', 'cases.facilityId'])
      .where('caseMembers.personId', '=', personId)
      .orderBy('cases.openedAt')
      .execute();
    return {
      ...presentPerson(person, custody, now.slice(0, 10), access),
      familyLinks: links.filter((l) => visible.has(l.personId) && visible.has(l.relatedPersonId)),
      household,
      separations,
      mergedRecords,
      /** The current ID card, whose code the card page prints as a QR code. */
      card: card ?? null,
      /** The repatriation cases the person is in, at facilities the reader may see. */
      cases: cases.filter((c) => access.inScope(c.facilityId)),
      registerEntries: registerEntries.filter(
        (entry) => redactPayload('register-entry.recorded', entry, (c) => access.sees(c)) !== undefined,
      ),
      ...protectionNotes,
    };
  },
});

export const custodyHistory = defineQuery({
  summary: "A person's custody events in the order they occurred, with corrections and what they voided",
  input: z.strictObject({ personId: id }),
  async run({ db, access }, { personId }) {
    await visiblePerson(db, access, personId);
    const rows = await db
      .selectFrom('custodyHistory')
      .selectAll()
      .where('personId', '=', personId)
      .orderBy('occurredAt')
      .orderBy('id')
      .execute();
    return {
      items: rows.map((r) => {
        const row = fromStored('custodyHistory', r);
        const details = redactPayload(`custody.${row.type}`, row.details, (c) => access.sees(c));
        return { ...row, details: details ?? {} };
      }),
    };
  },
});

export const overdueTransfers = defineQuery({
  summary: 'People in transit whose transfer is past its due time',
  input: z.strictObject({}),
  async run({ db, now, access }) {
    const rows = await personWithCustody(db)
      .where(personInScope(access.facilities))
      .where('custody.status', '=', 'in-transit')
      .where('custody.transferDueAt', '<', now)
      .orderBy('custody.transferDueAt')
      .execute();
    return {
      items: rows.map((r) => {
        const p = presentPerson(...split(r), now.slice(0, 10), access);
        const overdueMinutes = Math.floor((Date.parse(now) - Date.parse(r.transferDueAt!)) / 60_000);
        return { ...p, overdueMinutes };
      }),
    };
  },
});

export const listNotifications = defineQuery({
  summary: 'Geneva IV art. 136 notifications, queued or dispatched',
  input: z.strictObject({ status: z.enum(['queued', 'dispatched']).optional(), ...pageInput }),
  async run({ db, access }, { status, cursor, limit }) {
    const after = decodeCursor<string>(cursor, 'string');
    let q = db
      .selectFrom('notifications')
      .innerJoin('persons', 'persons.id', 'notifications.personId')
      .innerJoin('custody', 'custody.id', 'notifications.personId')
      .where(personInScope(access.facilities))
      .selectAll('notifications')
      .select(['persons.displayName', 'persons.registrationNumber'])
      .orderBy('notifications.id')
      .limit(limit + 1);
    if (after !== undefined) q = q.where('notifications.id', '>', after);
    if (status !== undefined) q = q.where('notifications.status', '=', status);
    return toPage(
      await q.execute(),
      limit,
      (n) => n.id,
      (n) => n,
    );
  },
});
