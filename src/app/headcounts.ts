// What an open headcount needs at hand: who the register expected where when the count opened, and the
// marks so far, with its people and places numbered (see domain/headcount.ts). Held in memory per open
// count so that marking and closing do not re-read a camp of 70,000 people; the database stays the
// truth, and the memory is read again whenever it disagrees with it.
import { custodyAt, type RecordedCustodyEvent } from '../domain/custody.ts';
import type { CustodyEventType } from '../domain/custody-table.ts';
import type { CustodyPayload } from '../domain/events.ts';
import { type CountMarks, ELSEWHERE, placeIn, placeKey } from '../domain/headcount.ts';
import type { HeadcountRow } from '../domain/projection.ts';
import { type Db, type Dialect, placeholder, runSql } from '../store/store.ts';

export class CountState {
  /** The places counted (section ids, '' for no section), by number. */
  readonly places: readonly string[];
  readonly placeNumbers: ReadonlyMap<string, number>;
  /** The people of the count, by number: those expected, then those marked or moved who were not. */
  readonly people: string[] = [];
  readonly numbers = new Map<string, number>();
  /** Per person: where the register held them when the count opened, or ELSEWHERE. */
  readonly expected: number[] = [];
  /** Per person: their first mark (the count), or -1. */
  readonly firstMark: number[] = [];
  readonly marks: CountMarks & { count: number; person: number[]; place: number[]; position: number[] } = {
    count: 0,
    person: [],
    place: [],
    position: [],
  };
  /** Per mark: its id. */
  readonly markIds: string[] = [];
  /** How many people are counted (have a first mark). */
  counted = 0;

  constructor(
    readonly facilityId: string,
    places: readonly string[],
  ) {
    this.places = places;
    this.placeNumbers = new Map(places.map((p, i) => [p, i]));
  }

  /** The number of a person, numbering them if they are new to the count. */
  number(personId: string): number {
    let n = this.numbers.get(personId);
    if (n === undefined) {
      n = this.people.length;
      this.people.push(personId);
      this.numbers.set(personId, n);
      this.expected.push(ELSEWHERE);
      this.firstMark.push(-1);
    }
    return n;
  }

  /** Records a mark (in ledger order); answers whether it is the person's first. */
  mark(markId: string, personId: string, place: string, position: number): boolean {
    const person = this.number(personId);
    const m = this.marks.count++;
    this.marks.person.push(person);
    this.marks.place.push(this.placeNumbers.get(place)!);
    this.marks.position.push(position);
    this.markIds.push(markId);
    if (this.firstMark[person] !== -1) return false;
    this.firstMark[person] = m;
    this.counted++;
    return true;
  }

  /** The first mark of a person, if they are counted. */
  firstMarkOf(personId: string): number | undefined {
    const n = this.numbers.get(personId);
    const m = n === undefined ? -1 : this.firstMark[n]!;
    return m === -1 ? undefined : m;
  }

  isExpected(personId: string): boolean {
    const n = this.numbers.get(personId);
    return n !== undefined && this.expected[n] !== ELSEWHERE;
  }
}

/** The people the register holds in the counted places of a facility now, with their place. */
async function holdingNow(
  db: Db,
  dialect: Dialect,
  facilityId: string,
  places: ReadonlyMap<string, number>,
): Promise<[string, number][]> {
  const rows = await runSql<{ id: string; section_id: string | null; presence: string }>(
    db,
    `select id, section_id, presence from custody where facility_id = ${placeholder(dialect, 1)} and status = 'in-custody'`,
    [facilityId],
  );
  const held: [string, number][] = [];
  for (const r of rows) {
    if (r.presence !== 'in') continue;
    const place = places.get(placeKey(r.section_id));
    if (place !== undefined) held.push([r.id, place]);
  }
  return held;
}

/**
 * The people whose custody changed after a ledger position, each with their custody events from the
 * first: where the register placed them at any later position can then be told without the database.
 */
export async function movedSince(
  db: Db,
  dialect: Dialect,
  position: number,
): Promise<Map<string, RecordedCustodyEvent[]>> {
  // The condition on type is written as the partial index events_custody has it, so that it is used.
  const changed = await runSql<{ subject: string }>(
    db,
    `select distinct subject from events where type like 'custody.%' and position > ${placeholder(dialect, 1)}`,
    [position],
  );
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

/** Where the register placed each moved person, position by position, by their number in the count. */
export function timelines(
  state: CountState,
  moved: ReadonlyMap<string, RecordedCustodyEvent[]>,
): Map<number, (position: number) => number> {
  const result = new Map<number, (position: number) => number>();
  const { facilityId } = state;
  for (const [personId, events] of moved) {
    const at = (position: number) => placeIn(custodyAt(events, position), facilityId, state.placeNumbers);
    result.set(state.number(personId), at);
  }
  return result;
}

export class Headcounts {
  private readonly states = new Map<string, CountState>();

  constructor(private readonly dialect: Dialect) {}

  /**
   * The state of an open count as the database has it: from memory when memory has as many people
   * counted as the database, else read again. Inside a command, call after `view.flush()`.
   */
  async state(db: Db, headcount: HeadcountRow): Promise<CountState> {
    const sections = await db
      .selectFrom('headcountSections')
      .select(['sectionId', 'counted'])
      .where('headcountId', '=', headcount.id)
      .execute();
    const counted = sections.reduce((n, s) => n + Number(s.counted), 0);
    const cached = this.states.get(headcount.id);
    if (cached !== undefined && cached.counted === counted) return cached;
    const state = await this.load(
      db,
      headcount,
      sections.map((s) => placeKey(s.sectionId)),
    );
    this.states.set(headcount.id, state);
    return state;
  }

  /** Who the register holds in these places of a facility now: a count's memory at its opening. */
  async holding(db: Db, facilityId: string, places: readonly string[]): Promise<CountState> {
    const state = new CountState(facilityId, places);
    for (const [personId, place] of await holdingNow(db, this.dialect, facilityId, state.placeNumbers)) {
      state.expected[state.number(personId)] = place;
    }
    return state;
  }

  /** Keeps the memory of a count that has just opened (inside the transaction that opened it). */
  opened(headcountId: string, state: CountState): void {
    this.states.set(headcountId, state);
  }

  /** Forgets a closed count. */
  closed(headcountId: string): void {
    this.states.delete(headcountId);
  }

  private async load(db: Db, headcount: HeadcountRow, places: readonly string[]): Promise<CountState> {
    // The register when the count opened: who is there now, put back where they were for those who moved since.
    const state = await this.holding(db, headcount.facilityId, places);
    const moved = await movedSince(db, this.dialect, headcount.openPosition);
    for (const [personId, events] of moved) {
      const place = placeIn(
        custodyAt(events, headcount.openPosition),
        headcount.facilityId,
        state.placeNumbers,
      );
      if (place !== ELSEWHERE || state.numbers.has(personId)) state.expected[state.number(personId)] = place;
    }
    // In ledger order; within one event, a person's counted mark before their repeats.
    const marks = await runSql<{
      id: string;
      person_id: string;
      section_id: string | null;
      position: number;
    }>(
      db,
      `select id, person_id, section_id, position from headcount_marks where headcount_id = ${placeholder(this.dialect, 1)}
       order by position, case outcome when 'counted' then 0 else 1 end`,
      [headcount.id],
    );
    for (const m of marks) state.mark(m.id, m.person_id, placeKey(m.section_id), Number(m.position));
    return state;
  }
}
