// What an open headcount needs at hand: who the register expected where when the count opened, and the
// marks so far. Held in memory per open count so that marking and closing do not re-read a camp of
// 70,000 people; the database stays the truth, and the memory is re-read whenever it disagrees with it.
import { type CustodyState, custodyAt, type RecordedCustodyEvent } from '../domain/custody.ts';
import type { CustodyEventType } from '../domain/custody-table.ts';
import type { CustodyPayload } from '../domain/events.ts';
import { type CountMark, type Place, placeIn, placeKey } from '../domain/headcount.ts';
import type { HeadcountRow } from '../domain/projection.ts';
import type { Db } from '../store/store.ts';

export interface CountState {
  readonly headcount: HeadcountRow;
  /** The section keys counted. */
  readonly counted: ReadonlySet<string>;
  /** Who the register held in the counted sections when the count opened, and where. */
  readonly expected: ReadonlyMap<string, string>;
  /** Each person's first mark: the count. */
  readonly first: Map<string, CountMark>;
  /** Marks of people counted before (kept as evidence). */
  readonly again: CountMark[];
}

/** The register's custody rows of one facility: its people, where they are and how. */
async function peopleAt(db: Db, facilityId: string): Promise<Map<string, CustodyState>> {
  const rows = await db
    .selectFrom('custody')
    .selectAll()
    .where('facilityId', '=', facilityId)
    .where('status', '=', 'in-custody')
    .execute();
  return new Map(rows.map(({ id, lastEventId: _, ...state }) => [id, state as CustodyState]));
}

/** Who the register holds in these sections of a facility now (inside the transaction that opens a count). */
export async function expectedNow(
  db: Db,
  facilityId: string,
  counted: ReadonlySet<string>,
): Promise<Map<string, string>> {
  const expected = new Map<string, string>();
  for (const [personId, state] of await peopleAt(db, facilityId)) {
    const place = placeIn(state, facilityId, counted);
    if (place !== undefined) expected.set(personId, place);
  }
  return expected;
}

/**
 * The people whose custody changed after a ledger position, each with their custody events from the
 * first: where the register placed them at any later position can then be told without the database.
 */
export async function movedSince(db: Db, position: number): Promise<Map<string, RecordedCustodyEvent[]>> {
  const changed = await db
    .selectFrom('events')
    .select('subject')
    .distinct()
    .where('type', 'like', 'custody.%')
    .where('position', '>', position)
    .execute();
  const moved = new Map<string, RecordedCustodyEvent[]>();
  if (changed.length === 0) return moved;
  const rows = await db
    .selectFrom('events')
    .select(['id', 'position', 'type', 'subject', 'payload', 'occurredAt'])
    .where(
      'subject',
      'in',
      changed.map((c) => c.subject),
    )
    .where('type', 'like', 'custody.%')
    .orderBy('position')
    .execute();
  for (const row of rows) {
    const events = moved.get(row.subject) ?? [];
    events.push({
      id: row.id,
      position: Number(row.position),
      type: row.type.slice('custody.'.length) as CustodyEventType,
      payload: JSON.parse(row.payload) as CustodyPayload,
      occurredAt: row.occurredAt,
    });
    moved.set(row.subject, events);
  }
  return moved;
}

/** Where the register placed a moved person, position by position, for one count. */
export function timelines(
  moved: ReadonlyMap<string, RecordedCustodyEvent[]>,
  headcount: HeadcountRow,
  counted: ReadonlySet<string>,
): Map<string, (position: number) => Place> {
  const result = new Map<string, (position: number) => Place>();
  for (const [personId, events] of moved) {
    result.set(personId, (position) => placeIn(custodyAt(events, position), headcount.facilityId, counted));
  }
  return result;
}

export class Headcounts {
  private readonly states = new Map<string, CountState>();

  /**
   * The state of an open count, as the database has it: from memory when memory agrees with the
   * database's count of marks, else read again. Call inside the transaction, after `view.flush()`.
   */
  async state(db: Db, headcount: HeadcountRow): Promise<CountState> {
    const sections = await db
      .selectFrom('headcountSections')
      .select(['sectionId', 'counted'])
      .where('headcountId', '=', headcount.id)
      .execute();
    const counted = sections.reduce((n, s) => n + Number(s.counted), 0);
    const cached = this.states.get(headcount.id);
    if (cached !== undefined && cached.first.size === counted) return cached;
    const state = await this.load(db, headcount, new Set(sections.map((s) => placeKey(s.sectionId))));
    this.states.set(headcount.id, state);
    return state;
  }

  /** Starts the memory of a count that has just opened. */
  opened(headcount: HeadcountRow, counted: ReadonlySet<string>, expected: ReadonlyMap<string, string>): void {
    this.states.set(headcount.id, { headcount, counted, expected, first: new Map(), again: [] });
  }

  /** Forgets a closed count. */
  closed(headcountId: string): void {
    this.states.delete(headcountId);
  }

  private async load(db: Db, headcount: HeadcountRow, counted: ReadonlySet<string>): Promise<CountState> {
    // The register when the count opened: who is there now, put back where they were for those who moved since.
    const moved = await movedSince(db, headcount.openPosition);
    const expected = await expectedNow(db, headcount.facilityId, counted);
    for (const [personId, events] of moved) {
      const place = placeIn(custodyAt(events, headcount.openPosition), headcount.facilityId, counted);
      if (place === undefined) expected.delete(personId);
      else expected.set(personId, place);
    }
    // Which mark of a person counts was decided when it was recorded (its outcome).
    const marks = await db
      .selectFrom('headcountMarks')
      .select(['id', 'personId', 'sectionId', 'position', 'outcome'])
      .where('headcountId', '=', headcount.id)
      .orderBy('position')
      .execute();
    const state: CountState = { headcount, counted, expected, first: new Map(), again: [] };
    for (const m of marks) {
      const mark = {
        markId: m.id,
        personId: m.personId,
        place: placeKey(m.sectionId),
        position: Number(m.position),
      };
      if (m.outcome === 'counted') state.first.set(m.personId, mark);
      else state.again.push(mark);
    }
    return state;
  }
}
