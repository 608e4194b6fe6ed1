// The registry's name index (src/names): built from the persons table when first searched, then kept
// current after every transaction that registers a person, corrects an identity or merges records.
// The index never renumbers its rows: a changed or removed person leaves a dead row, so when dead
// rows pass a share of the living, a new index is built off to the side from the registry, the
// changes made meanwhile are applied to it, and it replaces the old one; searches go on meanwhile.
import type { Kysely } from 'kysely';
import type { Identity } from '../domain/person.ts';
import { type IndexedPerson, NameIndex, type SearchResult } from '../names/name-index.ts';
import type { Database } from '../store/schema.ts';

type PersonNames = { id: string; identity: string; mergedInto: string | null };

/**
 * A person as the index knows them: every written form of the name (an alias without the note a
 * registrar put in brackets, "Hafsa (name used in Syria)"), and the facts that tell namesakes apart.
 * `withAliases: false` leaves the aliases out.
 */
function indexed(id: string, identity: Identity, withAliases = true): IndexedPerson {
  const { arabic, latin } = identity.names;
  const aliases = withAliases
    ? identity.names.aliases.map((a) => a.replace(/\s*\([^)]*\)/g, '').trim()).filter((a) => a !== '')
    : [];
  const nationalities = identity.nationalities.filter((n) => n !== 'unknown' && n !== 'stateless');
  return {
    id,
    names: [...(arabic ? [arabic] : []), ...(latin ? [latin] : []), ...aliases],
    birthYear: Number(identity.birthDate.date.slice(0, 4)),
    birthYearEstimated: identity.birthDate.estimated,
    sex: identity.sex,
    ...(nationalities.length > 0 ? { nationalities } : {}),
  };
}

const fromRow = (row: PersonNames) => indexed(row.id, JSON.parse(row.identity) as Identity);

export interface NameSearchOptions {
  /** Persons read per statement while building. */
  chunk?: number;
  /** A rebuild starts when dead rows exceed both this many and this share of the people indexed. */
  rebuildMinDead?: number;
  rebuildShare?: number;
}

/** Visible-id sets kept for scoped searches (see `visibleIds`). */
const VISIBLE_SETS = 16;

export class NameSearch {
  private index: Promise<NameIndex> | undefined;
  /** Changes that arrived while the index was being built, applied once it is. */
  private pending = new Set<string>();
  /** Rows of the current index left dead by updates and removals. */
  private dead = 0;
  /** A replacement being built, and the changes it must apply once built. */
  private rebuilding: Promise<void> | undefined;
  private rebuildPending = new Set<string>();
  private rebuilds = 0;
  private readonly chunk: number;
  private readonly rebuildMinDead: number;
  private readonly rebuildShare: number;
  /** The ids a scope and filter let a searcher see, at a ledger position (least recently used first). */
  private visible = new Map<string, { position: number; ids: ReadonlySet<string> }>();

  constructor(
    private readonly db: Kysely<Database>,
    options: NameSearchOptions = {},
  ) {
    this.chunk = options.chunk ?? 2_000;
    this.rebuildMinDead = options.rebuildMinDead ?? 1_000;
    this.rebuildShare = options.rebuildShare ?? 0.25;
  }

  /** Builds an index of every person not merged into another record, reading the registry in chunks. */
  private async build(): Promise<NameIndex> {
    const index = new NameIndex();
    let after = '';
    for (;;) {
      const rows = await this.db
        .selectFrom('persons')
        .select(['id', 'identity', 'mergedInto'])
        .where('id', '>', after)
        .orderBy('id')
        .limit(this.chunk)
        .execute();
      if (rows.length === 0) break;
      for (const row of rows) if (row.mergedInto === null) index.add(fromRow(row));
      after = rows[rows.length - 1]!.id;
    }
    index.warm();
    return index;
  }

  /** The index, built from the registry on first use. Commands that consult it call this before their transaction. */
  ready(): Promise<NameIndex> {
    this.index ??= (async () => {
      const index = await this.build();
      await this.apply(index, [...this.pending]);
      this.pending.clear();
      this.dead = 0;
      return index;
    })();
    this.index.catch(() => {
      this.index = undefined;
    });
    return this.index;
  }

  async search(query: string, limit: number, visible: (id: string) => boolean): Promise<SearchResult[]> {
    return (await this.ready()).search(query, { limit, filter: visible });
  }

  /**
   * The registered people whose names, birth year, sex and nationality make them possibly (or
   * surely) the person of this identity, best first; `exclude` leaves a registered person out.
   * The person's own name in each script is sought, not their aliases: a nom de guerre ("Abu Ali
   * al-Shami") is borne by many, and two records that share only that are not proposed. A record
   * registered under the alias alone is still found, its name agreeing with the other's alias.
   */
  async possibleDuplicates(identity: Identity, exclude?: string, limit = 10): Promise<SearchResult[]> {
    const index = await this.ready();
    const results = index.searchPerson(indexed(exclude ?? '', identity, false), { limit });
    return results.filter((r) => r.decision !== 'no-match');
  }

  /**
   * The ids `load` reads for a search's scope and filters (`key`), kept while the ledger stands at
   * `position`: a scoped searcher typing a name does not read every id it may see at each keystroke.
   */
  async visibleIds(
    key: string,
    position: number,
    load: () => Promise<ReadonlySet<string>>,
  ): Promise<ReadonlySet<string>> {
    const kept = this.visible.get(key);
    this.visible.delete(key);
    if (kept !== undefined && kept.position === position) {
      this.visible.set(key, kept);
      return kept.ids;
    }
    const ids = await load();
    this.visible.set(key, { position, ids });
    if (this.visible.size > VISIBLE_SETS) this.visible.delete(this.visible.keys().next().value!);
    return ids;
  }

  /** After a commit: re-reads these people and updates the index (nothing to do before it is built). */
  async changed(personIds: ReadonlySet<string>): Promise<void> {
    if (personIds.size === 0) return;
    if (this.rebuilding !== undefined) for (const id of personIds) this.rebuildPending.add(id);
    if (this.index === undefined) return;
    for (const id of personIds) this.pending.add(id);
    const index = await this.index;
    const ids = [...this.pending];
    this.pending.clear();
    await this.apply(index, ids, true);
    if (
      this.rebuilding === undefined &&
      this.dead > this.rebuildMinDead &&
      this.dead > index.size * this.rebuildShare
    ) {
      void this.rebuild();
    }
  }

  /**
   * Builds a new index off to the side and swaps it in; changes made meanwhile are applied to both
   * (to the old one as they come, to the new one before the swap). Resolves when swapped.
   */
  rebuild(): Promise<void> {
    this.rebuilding ??= (async () => {
      try {
        const fresh = await this.build();
        // Changes committed while this ran; more may come while they are applied, hence the loop.
        while (this.rebuildPending.size > 0) {
          const ids = [...this.rebuildPending];
          this.rebuildPending.clear();
          await this.apply(fresh, ids);
        }
        this.index = Promise.resolve(fresh);
        this.pending.clear();
        this.dead = 0;
        this.rebuilds++;
      } finally {
        this.rebuildPending.clear();
        this.rebuilding = undefined;
      }
    })();
    return this.rebuilding;
  }

  /** How the index stands: people indexed, dead rows, rebuilds done (for tests and operators). */
  async stats(): Promise<{ people: number; deadRows: number; rebuilds: number }> {
    await this.rebuilding;
    const index = await this.ready();
    return { people: index.size, deadRows: this.dead, rebuilds: this.rebuilds };
  }

  private async apply(index: NameIndex, ids: string[], countDead = false): Promise<void> {
    for (let i = 0; i < ids.length; i += this.chunk) {
      const rows = await this.db
        .selectFrom('persons')
        .select(['id', 'identity', 'mergedInto'])
        .where('id', 'in', ids.slice(i, i + this.chunk))
        .execute();
      for (const row of rows) {
        if (countDead && index.has(row.id)) this.dead++;
        if (row.mergedInto === null) index.add(fromRow(row));
        else index.remove(row.id);
      }
    }
  }
}
