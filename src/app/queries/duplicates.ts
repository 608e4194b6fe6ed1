// Possible duplicates for review: the candidate pairs the scan and registrations found, each with both
// records side by side, within the reviewer's facilities (a pair is listed only if both records are).
import { z } from 'zod';
import { id } from '../../domain/common.ts';
import { invalidInput } from '../../domain/errors.ts';
import { personInScope, personWithCustody, presentPerson, split } from './persons.ts';
import { defineQuery, encodeCursor, pageInput } from './query.ts';

export const duplicateStates = ['open', 'decided', 'all'] as const;

export const listDuplicates = defineQuery({
  summary:
    'Pairs of records that may be one person, best match first, with both records side by side and the ' +
    'reason they matched; `open` (default): not yet decided, both records standing on their own. ' +
    '`scanning` gives the progress of a scan of the registry under way (its pairs appear as it goes), or null',
  input: z.strictObject({
    state: z.enum(duplicateStates).default('open'),
    /** Pairs of which at least one record is held at (or answered for by) this facility. */
    facilityId: id.optional(),
    ...pageInput,
  }),
  async run({ db, now, access, duplicates }, { state, facilityId, cursor, limit }) {
    const today = now.slice(0, 10);
    const within = (facilities: ReadonlySet<string> | null) =>
      db
        .selectFrom('persons')
        .innerJoin('custody', 'custody.id', 'persons.id')
        .select('persons.id')
        .where(personInScope(facilities));
    let q = db
      .selectFrom('duplicateCandidates as c')
      .leftJoin('duplicateDecisions as d', 'd.id', 'c.id')
      .innerJoin('persons as a', 'a.id', 'c.personId')
      .innerJoin('persons as b', 'b.id', 'c.otherId')
      .selectAll('c')
      .select([
        'd.decision as decidedAs',
        'd.reason as decisionReason',
        'd.decidedAt',
        'd.eventId as decisionEventId',
      ])
      .orderBy('c.score', 'desc')
      .orderBy('c.id')
      .limit(limit + 1);
    if (access.facilities !== null) {
      q = q
        .where('c.personId', 'in', within(access.facilities))
        .where('c.otherId', 'in', within(access.facilities));
    }
    if (facilityId !== undefined) {
      const at = new Set([facilityId]);
      q = q.where((eb) => eb.or([eb('c.personId', 'in', within(at)), eb('c.otherId', 'in', within(at))]));
    }
    if (state === 'open') {
      q = q.where('d.id', 'is', null).where('a.mergedInto', 'is', null).where('b.mergedInto', 'is', null);
    } else if (state === 'decided') {
      q = q.where('d.id', 'is not', null);
    }
    if (cursor !== undefined) {
      const [score, after] = decodePairCursor(cursor);
      q = q.where((eb) =>
        eb.or([eb('c.score', '<', score), eb.and([eb('c.score', '=', score), eb('c.id', '>', after)])]),
      );
    }
    const rows = await q.execute();
    const more = rows.length > limit;
    const page = more ? rows.slice(0, limit) : rows;
    const ids = [...new Set(page.flatMap((r) => [r.personId, r.otherId]))];
    const people =
      ids.length === 0 ? [] : await personWithCustody(db).where('persons.id', 'in', ids).execute();
    const byId = new Map(people.map((r) => [r.id, presentPerson(...split(r), today, access)]));
    const householdIds = [...new Set(people.flatMap((p) => (p.householdId === null ? [] : [p.householdId])))];
    const households =
      householdIds.length === 0
        ? []
        : await db
            .selectFrom('households')
            .leftJoin('persons', 'persons.householdId', 'households.id')
            .select([
              'households.id',
              'households.name',
              (eb) => eb.fn.count<number>('persons.id').as('members'),
            ])
            .where('households.id', 'in', householdIds)
            .groupBy(['households.id', 'households.name'])
            .execute();
    const household = new Map(
      households.map((h) => [h.id, { id: h.id, name: h.name, members: Number(h.members) }]),
    );
    const record = (personId: string) => {
      const p = byId.get(personId)!;
      return { ...p, household: p.householdId === null ? null : (household.get(p.householdId) ?? null) };
    };
    const last = page[page.length - 1];
    return {
      items: page.map((r) => ({
        id: r.id,
        match: { score: r.score / 1000, decision: r.decision, reason: r.reason },
        source: r.source,
        foundAt: r.foundAt,
        decision:
          r.decidedAs === null
            ? null
            : {
                decision: r.decidedAs,
                reason: r.decisionReason,
                decidedAt: r.decidedAt,
                eventId: r.decisionEventId,
              },
        records: [record(r.personId), record(r.otherId)],
      })),
      nextCursor: more && last ? encodeCursor(`${last.score}:${last.id}`) : null,
      scanning: duplicates.scanning,
    };
  },
});

function decodePairCursor(cursor: string): [number, string] {
  let key: unknown;
  try {
    key = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {}
  const match = typeof key === 'string' ? /^(\d+):(.+)$/.exec(key) : null;
  if (match === null)
    throw invalidInput([{ field: 'cursor', message: 'is not a cursor this list gave out' }]);
  return [Number(match[1]), match[2]!];
}
