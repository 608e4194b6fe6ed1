// Possible duplicates across the registry: the candidate pairs of records that may be one person, as
// the scan and registrations find them with the name matcher, kept in `duplicate_candidates` for the
// reviewers. The decisions on them are ledger events (`decideDuplicate`); this table is re-derived.
//
// The server scans the whole registry once when it starts and then periodically (`start`), and
// checks the people each transaction registered or renamed soon after it commits (`changed`): new
// pairs reach the reviewers within seconds, and the full scan catches what a change elsewhere moved
// (the matcher weighs a name by how common it is in the whole registry, so scores drift as it grows).
import type { Kysely } from 'kysely';
import { type Identity, pairKey } from '../domain/person.ts';
import type { SearchResult } from '../names/name-index.ts';
import type { Database, DuplicateCandidatesTable } from '../store/schema.ts';
import type { Db } from '../store/store.ts';
import type { NameSearch } from './name-search.ts';

/** People checked between two yields to the event loop: requests go on while the server scans. */
const PEOPLE_PER_SLICE = 5;
/** People read at a time (unless the options say otherwise); a scan stores the pairs found among them before it reads the next. */
const CHUNK = 500;

/** A scan under way: when it began, and how many of the people it reads it has checked. */
export interface ScanProgress {
  startedAt: string;
  checked: number;
  of: number;
}

export type CandidateSource = 'scan' | 'registration';

/** A pair as stored: its key, the two ids in order, the matcher's answer. */
export function candidateRow(
  personId: string,
  found: SearchResult,
  source: CandidateSource,
  foundAt: string,
): DuplicateCandidatesTable {
  const [a, b] = personId < found.id ? [personId, found.id] : [found.id, personId];
  return {
    id: pairKey(a, b),
    personId: a,
    otherId: b,
    score: Math.round(found.score * 1000),
    decision: found.decision,
    reason: found.reason,
    source,
    foundAt,
  };
}

/** Stores pairs; a pair already stored keeps when and how it was first found, with today's score. */
export async function saveCandidates(db: Db, rows: readonly DuplicateCandidatesTable[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 200) {
    await db
      .insertInto('duplicateCandidates')
      .values(rows.slice(i, i + 200))
      .onConflict((oc) =>
        oc.column('id').doUpdateSet((eb) => ({
          score: eb.ref('excluded.score'),
          decision: eb.ref('excluded.decision'),
          reason: eb.ref('excluded.reason'),
        })),
      )
      .execute();
  }
}

export interface ScanReport {
  /** People checked (records merged into another are not). */
  people: number;
  /** Candidate pairs found, and those of them nobody has decided on yet. */
  pairs: number;
  open: number;
  ms: number;
}

const slice = () => new Promise<void>((resolve) => setImmediate(resolve));

export class DuplicateScanner {
  /** One scan or check at a time. */
  private running: Promise<unknown> = Promise.resolve();
  private timer: NodeJS.Timeout | undefined;
  private started = false;
  private queued = new Set<string>();
  private report: (outcome: ScanReport | Error) => void = () => {};
  private progress: ScanProgress | null = null;

  private readonly chunk: number;

  constructor(
    private readonly db: Kysely<Database>,
    private readonly names: NameSearch,
    private readonly now: () => string,
    options: { chunk?: number } = {},
  ) {
    this.chunk = options.chunk ?? CHUNK;
  }

  private serial<R>(task: () => Promise<R>): Promise<R> {
    const run = this.running.then(task, task);
    this.running = run.catch(() => undefined);
    return run;
  }

  /** The scan under way, if one is: a first scan of a large registry takes minutes. */
  get scanning(): ScanProgress | null {
    return this.progress === null ? null : { ...this.progress };
  }

  /**
   * Checks everyone; stores the pairs found as it goes (after each chunk of people, so that reviewers
   * see the first pairs of a long scan within seconds), and at the end forgets the pairs no longer found.
   */
  scan(): Promise<ScanReport> {
    return this.serial(async () => {
      const started = Date.now();
      const startedAt = this.now();
      const found = new Map<string, DuplicateCandidatesTable>();
      /** Pairs found or scored higher since the last chunk was stored. */
      const unsaved = new Set<string>();
      const counted = await this.db
        .selectFrom('persons')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('mergedInto', 'is', null)
        .executeTakeFirst();
      this.progress = { startedAt, checked: 0, of: Number(counted?.n ?? 0) };
      try {
        let after = '';
        for (;;) {
          const rows = await this.db
            .selectFrom('persons')
            .select(['id', 'identity'])
            .where('mergedInto', 'is', null)
            .where('id', '>', after)
            .orderBy('id')
            .limit(this.chunk)
            .execute();
          if (rows.length === 0) break;
          after = rows[rows.length - 1]!.id;
          for (const [i, row] of rows.entries()) {
            const identity = JSON.parse(row.identity) as Identity;
            for (const id of await this.collect(row.id, identity, startedAt, found)) unsaved.add(id);
            this.progress.checked++;
            if (i % PEOPLE_PER_SLICE === PEOPLE_PER_SLICE - 1) await slice();
          }
          await saveCandidates(
            this.db,
            [...unsaved].map((id) => found.get(id)!),
          );
          unsaved.clear();
        }
        await this.db.transaction().execute(async (trx) => {
          // Pairs found by a registration or a check since the scan began are not the scan's to drop.
          const stale = (await trx.selectFrom('duplicateCandidates').select(['id', 'foundAt']).execute())
            .filter((r) => !found.has(r.id) && r.foundAt < startedAt)
            .map((r) => r.id);
          for (let i = 0; i < stale.length; i += 500) {
            await trx
              .deleteFrom('duplicateCandidates')
              .where('id', 'in', stale.slice(i, i + 500))
              .execute();
          }
        });
        return {
          people: this.progress.checked,
          pairs: found.size,
          open: await this.openCount(),
          ms: Date.now() - started,
        };
      } finally {
        this.progress = null;
      }
    });
  }

  /** Checks these people again (registered, renamed, unmerged): their pairs are replaced by those found now. */
  check(personIds: ReadonlySet<string>): Promise<void> {
    return this.serial(async () => {
      const ids = [...personIds];
      const at = this.now();
      const found = new Map<string, DuplicateCandidatesTable>();
      for (let i = 0; i < ids.length; i += this.chunk) {
        const rows = await this.db
          .selectFrom('persons')
          .select(['id', 'identity', 'mergedInto'])
          .where('id', 'in', ids.slice(i, i + this.chunk))
          .execute();
        for (const row of rows) {
          if (row.mergedInto !== null) continue;
          await this.collect(row.id, JSON.parse(row.identity) as Identity, at, found);
          await slice();
        }
      }
      await this.db.transaction().execute(async (trx) => {
        for (let i = 0; i < ids.length; i += 500) {
          const some = ids.slice(i, i + 500);
          await trx
            .deleteFrom('duplicateCandidates')
            .where((eb) => eb.or([eb('personId', 'in', some), eb('otherId', 'in', some)]))
            .execute();
        }
        await saveCandidates(trx, [...found.values()]);
      });
    });
  }

  /** Adds to `found` the pairs of this person, each at its best score; answers the pairs it added or raised. */
  private async collect(
    personId: string,
    identity: Identity,
    at: string,
    found: Map<string, DuplicateCandidatesTable>,
  ): Promise<string[]> {
    const changed: string[] = [];
    for (const result of await this.names.possibleDuplicates(identity, personId)) {
      const row = candidateRow(personId, result, 'scan', at);
      const seen = found.get(row.id);
      if (seen === undefined || row.score > seen.score) {
        found.set(row.id, row);
        changed.push(row.id);
      }
    }
    return changed;
  }

  /** Pairs nobody has decided on, both records standing on their own. */
  private async openCount(): Promise<number> {
    const row = await this.db
      .selectFrom('duplicateCandidates as c')
      .leftJoin('duplicateDecisions as d', 'd.id', 'c.id')
      .innerJoin('persons as a', 'a.id', 'c.personId')
      .innerJoin('persons as b', 'b.id', 'c.otherId')
      .where('d.id', 'is', null)
      .where('a.mergedInto', 'is', null)
      .where('b.mergedInto', 'is', null)
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirst();
    return Number(row?.n ?? 0);
  }

  /**
   * Runs in the server: a scan every `everyMs` — and one at once if the registry was never scanned
   * (a restart does not scan again: checks keep the pairs current between scans) — and a check of the
   * people each transaction changes. `onScan` hears of each scan's outcome (the server logs it).
   */
  start(everyMs: number, onScan: (report: ScanReport | Error) => void): void {
    if (this.started) return;
    this.started = true;
    this.report = onScan;
    const run = () => this.scan().then(onScan, (error: unknown) => this.failed(error));
    void this.db
      .selectFrom('duplicateCandidates')
      .select('id')
      .where('source', '=', 'scan')
      .limit(1)
      .executeTakeFirst()
      .then((scanned) => (scanned === undefined ? run() : undefined), run);
    this.timer = setInterval(run, everyMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    this.started = false;
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    this.queued.clear();
    await this.running;
  }

  /** After a commit: the people whose names changed are checked soon, if the scanner runs. */
  changed(personIds: ReadonlySet<string>): void {
    if (!this.started || personIds.size === 0) return;
    const first = this.queued.size === 0;
    for (const id of personIds) this.queued.add(id);
    if (!first) return;
    setImmediate(() => {
      if (!this.started || this.queued.size === 0) return;
      const ids = this.queued;
      this.queued = new Set();
      this.check(ids).catch((error: unknown) => this.failed(error));
    });
  }

  private failed(error: unknown): void {
    this.report(error instanceof Error ? error : new Error(String(error)));
  }
}
