// The registry's name index (src/names): built from the persons table when first searched, then kept
// current after every transaction that registers a person, corrects an identity or merges records.
import type { Kysely } from 'kysely';
import type { Identity } from '../domain/person.ts';
import { type IndexedPerson, NameIndex, type SearchResult } from '../names/name-index.ts';
import type { Database } from '../store/schema.ts';

const CHUNK = 2_000;

type PersonNames = { id: string; identity: string; mergedInto: string | null };

/** A person as the index knows them: every written form of the name, and the facts that tell namesakes apart. */
function indexed(row: PersonNames): IndexedPerson {
  const identity = JSON.parse(row.identity) as Identity;
  const { arabic, latin, aliases } = identity.names;
  const nationalities = identity.nationalities.filter((n) => n !== 'unknown' && n !== 'stateless');
  return {
    id: row.id,
    names: [...(arabic ? [arabic] : []), ...(latin ? [latin] : []), ...aliases],
    birthYear: Number(identity.birthDate.date.slice(0, 4)),
    birthYearEstimated: identity.birthDate.estimated,
    sex: identity.sex,
    ...(nationalities.length > 0 ? { nationalities } : {}),
  };
}

export class NameSearch {
  private index: Promise<NameIndex> | undefined;
  /** Changes that arrived while the index was being built, applied once it is. */
  private pending = new Set<string>();

  constructor(private readonly db: Kysely<Database>) {}

  /** The index, built from the registry on first use (merged duplicates are left out). */
  private ready(): Promise<NameIndex> {
    this.index ??= (async () => {
      const index = new NameIndex();
      let after = '';
      for (;;) {
        const rows = await this.db
          .selectFrom('persons')
          .select(['id', 'identity', 'mergedInto'])
          .where('id', '>', after)
          .orderBy('id')
          .limit(CHUNK)
          .execute();
        if (rows.length === 0) break;
        for (const row of rows) if (row.mergedInto === null) index.add(indexed(row));
        after = rows[rows.length - 1]!.id;
      }
      index.warm();
      await this.apply(index, [...this.pending]);
      this.pending.clear();
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

  /** After a commit: re-reads these people and updates the index (nothing to do before it is built). */
  async changed(personIds: ReadonlySet<string>): Promise<void> {
    if (personIds.size === 0) return;
    if (this.index === undefined) return;
    for (const id of personIds) this.pending.add(id);
    const index = await this.index;
    const ids = [...this.pending];
    this.pending.clear();
    await this.apply(index, ids);
  }

  private async apply(index: NameIndex, ids: string[]): Promise<void> {
    for (let i = 0; i < ids.length; i += CHUNK) {
      const rows = await this.db
        .selectFrom('persons')
        .select(['id', 'identity', 'mergedInto'])
        .where('id', 'in', ids.slice(i, i + CHUNK))
        .execute();
      for (const row of rows) {
        if (row.mergedInto === null) index.add(indexed(row));
        else index.remove(row.id);
      }
    }
  }
}
