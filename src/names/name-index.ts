// The in-memory name index: every registered person's names, searchable across scripts and
// spellings, kept current by add / update / remove.
//
// Layout. Every distinct part form ("abd aziz", "محمد", "mohammed") is a term with an integer id;
// each person holds the terms of each of their written names (Arabic, Latin, aliases) with their
// roles. A term is filed under its keys (`keys.ts`: consonant skeletons, the same with one
// consonant left out, the European key), and has a posting list of the people who bear it for
// each place in a name (given, father, ancestor, family, kunya). These are typed arrays, grown by
// doubling; a removed person is dropped from them when a quarter of the rows are dead.
//
// A search parses the query, finds for each query part the terms that sound like it (through the
// keys, then `similarity`), and scans their postings at the places the part may have, from the
// rarest part to the most common, summing each person's evidence in one flat array. A part whose
// postings would exceed the scan budget (the Mohammeds of a million people) is not scanned but
// checked on the candidates the rarer parts found. The best candidates get the full comparison
// of `score.ts`.
import { deletions, europeanKey, skeletons } from './keys.ts';
import { knownName } from './known.ts';
import type { Script } from './normalise.ts';
import {
  type NameInput,
  type NamePart,
  type ParsedName,
  parseName,
  parseNameParts,
  type Role,
} from './parse.ts';
import { readingsOf } from './readings.ts';
import {
  type Comparison,
  compareSides,
  type Decision,
  joinedSounds,
  type PartSimilarity,
  type PersonFacts,
  type PreparedPart,
  prepare,
  roundScore,
  SAME,
  type Side,
  scoreSides,
  slotsOf,
  type Verdict,
} from './score.ts';
import { type Sounds, similarity, sounds } from './similarity.ts';

export interface IndexedPerson extends PersonFacts {
  id: string;
  /** Each written form of the name: the Arabic-script and Latin-script names, aliases. */
  names: readonly (string | NameInput)[];
}

export interface SearchOptions {
  /** How many results (default 10). */
  limit?: number;
  /** Only people for whom this is true are returned (the caller's facility scope). */
  filter?: (id: string) => boolean;
  /** What is known of the person sought: birth year, sex, nationality. */
  facts?: PersonFacts;
  /** Leave this person out (a duplicate check of a registered person against the others). */
  exclude?: string;
}

export interface SearchResult extends Comparison {
  id: string;
}

/** Parts found similar at retrieval: under this a term is not a spelling of the query part. */
const RETRIEVE = 0.7;
/** A typo counts as the spellings within this similarity of its nearest one. */
const NEAREST = 0.05;
/** Postings scanned per search before the remaining (most common) parts are only checked. */
const SCAN_BUDGET = 250_000;
/** Candidates kept after the scan (then credited with what it missed), and compared in full. */
const CANDIDATES = 300;
const COMPARED = 40;
/** Information (bits) bounds of one part. */
const MIN_BITS = 1;
const MAX_BITS = 16;
/**
 * A match must carry this many bits beyond log2 of the number of people indexed: the expected
 * number of other people bearing every agreeing part is then about 1/8 or less.
 */
const MATCH_MARGIN_BITS = 3;

/** A deletion key filed under more terms than this is not looked up (see `similarTerms`). */
const KEY_CAP = 2_000;
/** Query forms whose similarities to the terms are kept between searches. */
const SIMILARITY_CACHE = 2_000;
/** Borne by this many people, a form is a name, not a typo (see `evidence` in score.ts). */
const KNOWN_DF = 3;
/** Terms borne by at least this many people get their information computed by `warm`. */
const WARM_DF = 10;
const WARM_SEARCHES = 50;

const ROLES: Role[] = ['given', 'father', 'grandfather', 'ancestor', 'middle', 'family', 'kunya'];

/** A growable Int32Array. */
class IntList {
  data: Int32Array;
  length = 0;
  constructor(capacity = 4) {
    this.data = new Int32Array(capacity);
  }
  push(value: number): void {
    if (this.length === this.data.length) {
      const grown = new Int32Array(this.data.length * 2);
      grown.set(this.data);
      this.data = grown;
    }
    this.data[this.length++] = value;
  }
}

/** Three numbers per row in one buffer: search stamp and credited parts (ints), evidence (float). */
class RowState {
  ints: Int32Array;
  floats: Float32Array;
  constructor(rows: number) {
    const buffer = new ArrayBuffer(rows * 12);
    this.ints = new Int32Array(buffer);
    this.floats = new Float32Array(buffer);
  }
  ensure(rows: number): void {
    if (rows * 3 <= this.ints.length) return;
    const buffer = new ArrayBuffer(Math.max(rows, (this.ints.length / 3) * 2) * 12);
    const ints = new Int32Array(buffer);
    ints.set(this.ints);
    this.ints = ints;
    this.floats = new Float32Array(buffer);
  }
}

function grow<T extends Int32Array | Uint8Array | Int16Array | Float32Array | Uint32Array>(
  array: T,
  size: number,
): T {
  if (size <= array.length) return array;
  const grown = new (array.constructor as new (n: number) => T)(Math.max(size, array.length * 2));
  grown.set(array);
  return grown;
}

// A part of a person's name: term, alternative term (−1 if none), and meta bits.
const STRIDE = 3;
const META_ROLE = 0x7; // role index
const META_CERTAIN = 0x8;
const META_INITIAL = 0x10;
/** The written name's order is free (`ParsedName.freeOrder`). */
const META_FREE = 0x20;
/** It is likely written family name first (`ParsedName.familyFirst`). */
const META_FAMILY_FIRST = 0x40;
const META_VARIANT_SHIFT = 7;

interface QueryPart extends PreparedPart {
  /** How much finding it counts by the place the term has in a person's name (see `placeOf`). */
  placeWeight: Float32Array;
  /** The places scanned for it, the best first, and how many postings that is. */
  places: number[];
  postings: number;
  /** Similar terms and their similarity, best first. */
  terms: Int32Array;
  sims: Float32Array;
  /** Similarity to any term met so far, by term id. */
  cache: Map<number, number>;
}

export class NameIndex {
  // Terms.
  private termIds = new Map<string, number>();
  private termForm: string[] = [];
  private termScript: Script[] = [];
  private termSounds: (Sounds | undefined)[] = [];
  private termDf = new Int32Array(1024);
  /** People bearing a term at a place in their name, by term · PLACES + place. */
  private postings: (IntList | undefined)[] = [];
  private keyTerms = new Map<string, number[]>();
  /** Cached information of each term's name (all its spellings), and the size it was computed at. */
  private termBits = new Float32Array(1024);
  private termBitsAt = new Int32Array(1024);

  // People.
  private ids: string[] = [];
  private rowOf = new Map<string, number>();
  private alive = new Uint8Array(1024);
  private partStart = new Int32Array(1025);
  private parts = new Int32Array(8192);
  private partsLength = 0;
  private birthYear = new Int16Array(1024);
  private sex = new Uint8Array(1024); // 0 unknown, 1 male, 2 female
  private facts: (PersonFacts | undefined)[] = [];
  private live = 0;
  private dead = 0;

  // Scratch space of a search, sized to the number of rows.
  // Per row, side by side (one cache line for all three): the search that last touched the row,
  // which query parts it has been credited with (bits), and its evidence so far.
  private state = new RowState(1024);
  /** The rows a search touched, reused from one search to the next (no garbage per search). */
  private touched = new IntList(1024);
  private generation = 0;
  /** Similarities of query forms to terms, by form (see `similarTerms`). */
  private similarities = new Map<string, Map<number, number>>();
  /** Similarities of parts read together, for the current search. */
  private joined = new Map<string, number>();
  private joinedQuery = new Map<string, Sounds>();

  /** Number of people indexed. */
  get size(): number {
    return this.live;
  }

  has(id: string): boolean {
    return this.rowOf.has(id);
  }

  /** Add a person, or replace what is indexed under their id (an update). */
  add(person: IndexedPerson): void {
    if (this.rowOf.has(person.id)) this.remove(person.id);
    const row = this.ids.length;
    this.ids.push(person.id);
    this.rowOf.set(person.id, row);
    this.ensureRows(row + 1);
    this.alive[row] = 1;
    this.live++;
    this.birthYear[row] = person.birthYear ?? 0;
    this.sex[row] = person.sex === 'male' ? 1 : person.sex === 'female' ? 2 : 0;
    this.facts[row] =
      person.birthYearEstimated || person.nationalities?.length
        ? { birthYearEstimated: person.birthYearEstimated, nationalities: person.nationalities }
        : undefined;
    this.partStart[row] = this.partsLength;
    // A person counts once for each term (df) and has one posting per term and place: a search
    // scans the places a query part may have. A name has a handful of parts: arrays, not sets.
    const counted: number[] = [];
    const posted: number[] = [];
    const file = (term: number, place: number) => {
      if (!counted.includes(term)) {
        counted.push(term);
        this.termDf[term]!++;
      }
      const list = term * PLACES + place;
      if (posted.includes(list)) return;
      posted.push(list);
      let postings = this.postings[list];
      if (!postings) {
        postings = new IntList(2);
        this.postings[list] = postings;
      }
      postings.push(row);
    };
    person.names.forEach((name, variant) => {
      const parsed = typeof name === 'string' ? parseName(name) : parseNameParts(name);
      for (const part of parsed.parts) {
        const term = this.termOf(part.form, part.script);
        const alt = part.alt === undefined ? -1 : this.termOf(part.alt, part.script);
        this.pushPart(term, alt, encodeMeta(part, variant, parsed));
        file(term, placeOf(part.role));
        if (alt >= 0) file(alt, placeOf(part.role));
      }
    });
    this.partStart[row + 1] = this.partsLength;
  }

  /** Remove a person; false if the id is not indexed. */
  remove(id: string): boolean {
    const row = this.rowOf.get(id);
    if (row === undefined) return false;
    this.rowOf.delete(id);
    this.alive[row] = 0;
    this.ids[row] = '';
    this.facts[row] = undefined;
    this.live--;
    this.dead++;
    const counted: number[] = [];
    for (let p = this.partStart[row]!; p < this.partStart[row + 1]!; p++) {
      const t = this.parts[p]!;
      // Term and alternative term; not the meta word.
      if ((p - this.partStart[row]!) % STRIDE === 2 || t < 0 || counted.includes(t)) continue;
      counted.push(t);
      this.termDf[t]!--;
    }
    if (this.dead > 10_000 && this.dead > this.live / 4) this.compact();
    return true;
  }

  /**
   * Get ready to serve after a bulk load: the information (bits) of every common term, and a few
   * searches of people indexed, so that the first real searches do not pay for compiling the
   * code. Optional: everything is computed on first use otherwise.
   */
  warm(): void {
    for (let t = 0; t < this.termForm.length; t++) if (this.termDf[t]! >= WARM_DF) this.bitsOfTerm(t);
    const step = Math.max(1, Math.floor(this.ids.length / WARM_SEARCHES));
    for (let row = 0; row < this.ids.length; row += step) {
      if (!this.alive[row]) continue;
      const forms: string[] = [];
      for (let p = this.partStart[row]!; p < this.partStart[row + 1]!; p += STRIDE) {
        if (this.parts[p + 2]! >> META_VARIANT_SHIFT === 0) forms.push(this.termForm[this.parts[p]!]!);
      }
      this.search(forms.join(' '));
    }
  }

  /** Search by a name as written; results best first. */
  search(query: string, options: SearchOptions = {}): SearchResult[] {
    return this.searchParsed(parseName(query), options);
  }

  /** Search with a person's own names (a duplicate check): the best result per person. */
  searchPerson(person: IndexedPerson, options: SearchOptions = {}): SearchResult[] {
    const best = new Map<string, SearchResult>();
    const facts = options.facts ?? person;
    for (const name of person.names) {
      const parsed = typeof name === 'string' ? parseName(name) : parseNameParts(name);
      for (const r of this.searchParsed(parsed, {
        ...options,
        facts,
        exclude: options.exclude ?? person.id,
      })) {
        const seen = best.get(r.id);
        if (!seen || r.score > seen.score) best.set(r.id, r);
      }
    }
    return [...best.values()].sort((a, b) => b.score - a.score).slice(0, options.limit ?? 10);
  }

  private searchParsed(parsed: ParsedName, options: SearchOptions): SearchResult[] {
    const limit = options.limit ?? 10;
    if (parsed.parts.length === 0 || this.live === 0) return [];
    this.joined.clear();
    this.joinedQuery.clear();
    const prepared = prepare(
      parsed,
      () => 0,
      (part) => {
        const term = this.termIds.get(termKey(part.form, part.script));
        return term === undefined ? knownName(part.form, part.script) : this.isKnown(term);
      },
    );
    // A query part is one bit of a 32-bit mask: thirty parts are more than any name has.
    prepared.length = Math.min(prepared.length, 30);
    const chainLength = prepared.filter((p) => p.role !== 'kunya').length;
    const query = prepared.map((part) => this.queryPart(part, chainLength, parsed.freeOrder));
    for (const q of query) q.weight = this.bitsOfSpellings(q.terms, q.sims);

    // Scan the postings of the rarest parts, at the places each may have, into the evidence.
    const generation = this.nextGeneration();
    const { ints, floats } = this.state;
    const order = query.map((_, i) => i).sort((a, b) => query[a]!.postings - query[b]!.postings);
    const touched = this.touched;
    touched.length = 0;
    let scanned = 0;
    for (const qi of order) {
      const q = query[qi]!;
      if (scanned > 0 && scanned + q.postings > SCAN_BUDGET) continue;
      scanned += q.postings;
      const bit = 1 << qi;
      for (let k = 0; k < q.terms.length; k++) {
        const gain = q.weight * retrievalWeight(q.sims[k]!);
        for (const place of q.places) {
          const list = this.postings[q.terms[k]! * PLACES + place];
          if (!list) continue;
          const placeGain = gain * q.placeWeight[place]!;
          const rows = list.data;
          for (let p = 0; p < list.length; p++) {
            const at = rows[p]! * 3;
            if (ints[at] !== generation) {
              if (!this.alive[rows[p]!]) continue;
              ints[at] = generation;
              ints[at + 1] = bit;
              floats[at + 2] = placeGain;
              touched.push(rows[p]!);
            } else if ((ints[at + 1]! & bit) === 0) {
              // The first (best) spelling of a query part found on a person counts, once.
              ints[at + 1]! |= bit;
              floats[at + 2]! += placeGain;
            }
          }
        }
      }
    }

    // Keep the best candidates (in the caller's scope), then credit them with the query parts
    // not found by the scan: the common parts not scanned, and parts found at another place.
    const exclude = options.exclude === undefined ? -1 : (this.rowOf.get(options.exclude) ?? -1);
    const candidates = topRows(touched, this.state, CANDIDATES, (row) => {
      return row !== exclude && (options.filter === undefined || options.filter(this.ids[row]!));
    });
    for (const row of candidates) {
      const at = row * 3;
      for (let qi = 0; qi < query.length; qi++) {
        if ((ints[at + 1]! & (1 << qi)) !== 0) continue;
        const q = query[qi]!;
        let best = 0;
        for (let p = this.partStart[row]!; p < this.partStart[row + 1]!; p += STRIDE) {
          const s = Math.max(this.cachedSimilarity(q, this.parts[p]!), this.altSimilarity(q, p));
          if (s < RETRIEVE) continue;
          const place = placeOf(ROLES[this.parts[p + 2]! & META_ROLE]!);
          best = Math.max(best, retrievalWeight(s) * q.placeWeight[place]!);
        }
        floats[at + 2]! += q.weight * best;
      }
    }
    candidates.sort((a, b) => floats[b * 3 + 2]! - floats[a * 3 + 2]!);

    const scored = candidates
      .slice(0, COMPARED)
      .map((row) => ({ row, verdict: this.compareRow(query, parsed, row, options.facts) }))
      .sort((a, b) => b.verdict.score - a.verdict.score || (this.ids[a.row]! < this.ids[b.row]! ? -1 : 1));
    const results = scored.slice(0, limit).map(({ row, verdict }) => {
      const { decision, reason } = this.compareRow(query, parsed, row, options.facts, true);
      return { id: this.ids[row]!, score: roundScore(verdict.score), decision, reason };
    });
    // A second match among the compared beyond the limit still makes the first ambiguous.
    const moreMatches = scored.slice(limit).some(({ verdict }) => verdict.decision === 'match');
    return settleAmbiguity(results, moreMatches);
  }

  /**
   * Compare the query with each written name of a person; the best counts. The reason in words
   * is written only for the results returned.
   */
  private compareRow(query: QueryPart[], order: Order, row: number, facts: PersonFacts | undefined): Verdict;
  private compareRow(
    query: QueryPart[],
    order: Order,
    row: number,
    facts: PersonFacts | undefined,
    explain: true,
  ): Comparison;
  private compareRow(
    query: QueryPart[],
    order: Order,
    row: number,
    facts: PersonFacts | undefined,
    explain = false,
  ): Verdict | Comparison {
    let best: Verdict | Comparison | undefined;
    const end = this.partStart[row + 1]!;
    const options = {
      facts: { a: facts, b: this.factsOf(row) },
      matchBits: Math.log2(this.live + 1) + MATCH_MARGIN_BITS,
    };
    for (let p = this.partStart[row]!; p < end; ) {
      // The parts of one written name (one variant).
      const variant = this.parts[p + 2]! >> META_VARIANT_SHIFT;
      const offsets: number[] = [];
      for (; p < end && this.parts[p + 2]! >> META_VARIANT_SHIFT === variant; p += STRIDE) offsets.push(p);
      const side: Side = {
        freeOrder: (this.parts[offsets[0]! + 2]! & META_FREE) !== 0,
        familyFirst: (this.parts[offsets[0]! + 2]! & META_FAMILY_FIRST) !== 0,
        parts: offsets.map((o) => {
          const meta = this.parts[o + 2]!;
          const term = this.parts[o]!;
          return {
            role: ROLES[meta & META_ROLE]!,
            certain: (meta & META_CERTAIN) !== 0,
            initial: (meta & META_INITIAL) !== 0,
            weight: this.bitsOfTerm(term),
            length: this.soundsOf(term).length,
            known: this.isKnown(term),
            form: this.termForm[term]!,
            script: this.termScript[term]!,
            display: this.termForm[term]!,
          };
        }),
      };
      const sim: PartSimilarity = (i, i2, j, j2) => {
        if (i2 < 0 && j2 < 0) {
          const o = offsets[j]!;
          return Math.max(this.cachedSimilarity(query[i]!, this.parts[o]!), this.altSimilarity(query[i]!, o));
        }
        const qs = i2 < 0 ? [query[i]!] : [query[i]!, query[i2]!];
        const terms =
          j2 < 0 ? [this.parts[offsets[j]!]!] : [this.parts[offsets[j]!]!, this.parts[offsets[j2]!]!];
        return this.joinedSimilarity(qs, terms);
      };
      const own: Side = { parts: query, freeOrder: order.freeOrder, familyFirst: order.familyFirst };
      const verdict = explain ? compareSides(own, side, sim, options) : scoreSides(own, side, sim, options);
      if (!best || verdict.score > best.score) best = verdict;
    }
    return best ?? { score: 0, decision: 'no-match', reason: '' };
  }

  private factsOf(row: number): PersonFacts {
    const sex = this.sex[row];
    return {
      ...this.facts[row],
      birthYear: this.birthYear[row] || undefined,
      sex: sex === 1 ? 'male' : sex === 2 ? 'female' : undefined,
    };
  }

  /** A query part with the terms that sound like it, and how much each place in a name counts. */
  private queryPart(part: PreparedPart, chainLength: number, freeOrder: boolean): QueryPart {
    const [primary, secondary] = slotsOf(part, chainLength);
    const placeWeight = new Float32Array(PLACES).fill(ELSEWHERE);
    for (const role of ROLES) {
      const slot = slotsOf({ role, certain: true }, chainLength)[0];
      if (slot === primary) placeWeight[placeOf(role)] = 1;
      else if ((slot & secondary) !== 0) placeWeight[placeOf(role)] = GUESSED_PLACE;
    }
    // A name in free order may be written family name first, or by a second given name.
    if (freeOrder && (part.role === 'given' || part.role === 'family')) {
      for (const role of ['given', 'middle', 'family'] as const) {
        placeWeight[placeOf(role)] = Math.max(placeWeight[placeOf(role)]!, GUESSED_PLACE);
      }
    }
    const similar = this.similarTerms(part);
    // The places scanned: where the part's role puts it, or may put it.
    const places = PLACE_LIST.filter((place) => placeWeight[place]! >= GUESSED_PLACE).sort(
      (a, b) => placeWeight[b]! - placeWeight[a]!,
    );
    let postings = 0;
    for (const t of similar.terms)
      for (const place of places) postings += this.postings[t * PLACES + place]?.length ?? 0;
    return { ...part, ...similar, placeWeight, places, postings };
  }

  /** The terms that sound like a part form (or its second reading), best first. */
  private similarTerms(part: Pick<PreparedPart, 'form' | 'alt' | 'script' | 'sounds' | 'altSounds'>) {
    const candidates = new Set<number>();
    for (const form of part.alt === undefined ? [part.form] : [part.form, part.alt]) {
      for (const key of searchKeys(form, part.script)) {
        const terms = this.keyTerms.get(key);
        // A key shared by very many terms (a deletion of a short skeleton) is left out: the
        // part's own skeletons still reach its spellings.
        if (!terms || (terms.length > KEY_CAP && key[0] !== 's')) continue;
        for (const t of terms) candidates.add(t);
      }
    }
    // Similarities of a form to the terms are kept from one search to the next (names recur in
    // queries as in registers); terms keep their ids, so the cache never goes stale.
    const formKey = `${part.script[0]}${part.form}|${part.alt ?? ''}`;
    let cache = this.similarities.get(formKey);
    if (!cache) {
      if (this.similarities.size >= SIMILARITY_CACHE) this.similarities.clear();
      cache = new Map<number, number>();
      this.similarities.set(formKey, cache);
    }
    const found: [number, number][] = [];
    for (const t of candidates) {
      let s = cache.get(t);
      if (s === undefined) {
        s = this.partToTerm(part, t);
        cache.set(t, s);
      }
      if (s >= RETRIEVE && this.termDf[t]! > 0) found.push([t, s]);
    }
    found.sort((a, b) => b[1] - a[1]);
    return {
      terms: Int32Array.from(found, ([t]) => t),
      sims: Float32Array.from(found, ([, s]) => s),
      cache,
    };
  }

  private partToTerm(part: Pick<PreparedPart, 'sounds' | 'altSounds'>, term: number): number {
    const other = this.soundsOf(term);
    let s = similarity(part.sounds, other);
    if (part.altSounds) s = Math.max(s, similarity(part.altSounds, other));
    return s;
  }

  private cachedSimilarity(q: QueryPart, term: number): number {
    let s = q.cache.get(term);
    if (s === undefined) {
      s = this.partToTerm(q, term);
      q.cache.set(term, s);
    }
    return s;
  }

  /** Consecutive query parts against consecutive terms, each side read as one word. */
  private joinedSimilarity(query: QueryPart[], terms: number[]): number {
    const own = query.map((q) => q.form).join(' ');
    const key = `${own}|${terms.join(',')}`;
    let s = this.joined.get(key);
    if (s === undefined) {
      let q = this.joinedQuery.get(own);
      if (!q) {
        q = joinedSounds(query);
        this.joinedQuery.set(own, q);
      }
      s = similarity(
        q,
        joinedSounds(terms.map((t) => ({ form: this.termForm[t]!, script: this.termScript[t]! }))),
      );
      this.joined.set(key, s);
    }
    return s;
  }

  private altSimilarity(q: QueryPart, offset: number): number {
    const alt = this.parts[offset + 1]!;
    return alt < 0 ? 0 : this.cachedSimilarity(q, alt);
  }

  private soundsOf(term: number): Sounds {
    let s = this.termSounds[term];
    if (!s) {
      s = sounds(this.termForm[term]!, this.termScript[term]!);
      this.termSounds[term] = s;
    }
    return s;
  }

  /**
   * Information of a name given the people who bear any of its spellings (similarity ≥ SAME). A
   * form nobody bears (a typo) counts as the name it is nearest to: terms are sorted best first.
   */
  private bitsOfSpellings(terms: Int32Array, sims: Float32Array): number {
    const floor = Math.min(SAME, (sims[0] ?? 1) - NEAREST);
    let df = 0;
    for (let k = 0; k < terms.length && sims[k]! >= floor; k++) df += this.termDf[terms[k]!]!;
    return bits(df, this.live);
  }

  /** The same for a registered term, cached until the index has grown by a tenth. */
  private bitsOfTerm(term: number): number {
    const at = this.termBitsAt[term]!;
    if (at > 0 && Math.abs(this.live - at) * 10 <= at) return this.termBits[term]!;
    const similar = this.similarTerms({
      form: this.termForm[term]!,
      script: this.termScript[term]!,
      sounds: this.soundsOf(term),
    });
    const b = this.bitsOfSpellings(similar.terms, similar.sims);
    this.termBits[term] = b;
    this.termBitsAt[term] = Math.max(1, this.live);
    return b;
  }

  /** A name people bear: a frequent name, or one at least KNOWN_DF people in the index bear. */
  private isKnown(term: number): boolean {
    return this.termDf[term]! >= KNOWN_DF || knownName(this.termForm[term]!, this.termScript[term]!);
  }

  private termOf(form: string, script: Script): number {
    const key = termKey(form, script);
    let t = this.termIds.get(key);
    if (t !== undefined) return t;
    t = this.termForm.length;
    this.termIds.set(key, t);
    this.termForm.push(form);
    this.termScript.push(script);
    this.termSounds.push(undefined);
    this.termDf = grow(this.termDf, t + 1);
    this.termBits = grow(this.termBits, t + 1);
    this.termBitsAt = grow(this.termBitsAt, t + 1);
    for (const k of indexKeys(form, script)) {
      const list = this.keyTerms.get(k);
      if (list) list.push(t);
      else this.keyTerms.set(k, [t]);
    }
    return t;
  }

  private pushPart(term: number, alt: number, meta: number): void {
    this.parts = grow(this.parts, this.partsLength + STRIDE);
    this.parts[this.partsLength++] = term;
    this.parts[this.partsLength++] = alt;
    this.parts[this.partsLength++] = meta;
  }

  private ensureRows(n: number): void {
    this.alive = grow(this.alive, n);
    this.partStart = grow(this.partStart, n + 1);
    this.birthYear = grow(this.birthYear, n);
    this.sex = grow(this.sex, n);
    this.state.ensure(n);
  }

  private nextGeneration(): number {
    this.generation = (this.generation + 1) | 0;
    if (this.generation <= 0) {
      this.state.ints.fill(0);
      this.generation = 1;
    }
    return this.generation;
  }

  /** Drop removed people from the postings and the part table (rows keep their numbers). */
  private compact(): void {
    for (const list of this.postings) {
      if (!list) continue;
      let w = 0;
      for (let r = 0; r < list.length; r++) {
        const row = list.data[r]!;
        if (this.alive[row]) list.data[w++] = row;
      }
      list.length = w;
    }
    const parts = new Int32Array(Math.max(8192, this.partsLength));
    let w = 0;
    for (let row = 0; row < this.ids.length; row++) {
      const from = this.partStart[row]!;
      const to = this.partStart[row + 1]!;
      this.partStart[row] = w;
      if (this.alive[row]) {
        parts.set(this.parts.subarray(from, to), w);
        w += to - from;
      }
      this.partStart[row + 1] = w;
    }
    this.parts = parts;
    this.partsLength = w;
    this.dead = 0;
  }
}

const termKey = (form: string, script: Script) => `${script[0]}${form}`;

/** Places in a name, as postings record them: given, father, ancestor or middle, family, kunya. */
const PLACES = 8;
const PLACE: Record<Role, number> = {
  given: 0,
  father: 1,
  grandfather: 2,
  ancestor: 2,
  middle: 2,
  family: 3,
  kunya: 4,
};
const placeOf = (role: Role) => PLACE[role];
const PLACE_LIST = [0, 1, 2, 3, 4];
/** A query part found where its role could be (guessed) or elsewhere in a name counts less. */
const GUESSED_PLACE = 0.8;
const ELSEWHERE = 0.4;

/** What a similar term adds to a candidate's evidence: near misses (Hamad for Ahmad) little. */
function retrievalWeight(s: number): number {
  return Math.min(1, Math.max(0.05, (s - 0.55) / (SAME - 0.55)));
}

/** What a written name's writing says of its order. */
type Order = Pick<ParsedName, 'freeOrder' | 'familyFirst'>;

function encodeMeta(part: NamePart, variant: number, order: Order): number {
  return (
    ROLES.indexOf(part.role) |
    (part.certain ? META_CERTAIN : 0) |
    (part.initial ? META_INITIAL : 0) |
    (order.freeOrder ? META_FREE : 0) |
    (order.familyFirst ? META_FAMILY_FIRST : 0) |
    (Math.min(variant, 255) << META_VARIANT_SHIFT)
  );
}

function bits(df: number, n: number): number {
  return Math.min(MAX_BITS, Math.max(MIN_BITS, Math.log2((n + 1) / (df + 0.5))));
}

/** A form and its readings (`readings.ts`, in Latin script), each with its script. */
const withReadings = (form: string, script: Script): [string, Script][] => [
  [form, script],
  ...readingsOf(form, script).map((r): [string, Script] => [r.form, 'latin']),
];

/**
 * The keys a term is filed under: skeletons, the same with one class left out, European key; of
 * the form and of its readings (`readings.ts`: Ted is filed where Theodore is).
 */
function indexKeys(form: string, script: Script): string[] {
  const keys = new Set<string>();
  for (const [f, fs] of withReadings(form, script)) {
    for (const s of skeletons(f, fs)) {
      keys.add(`s${s}`);
      for (const d of deletions(s)) keys.add(`d${d}`);
    }
    const e = europeanKey(f, fs);
    if (e) keys.add(`e${e}`);
  }
  return [...keys];
}

/**
 * The keys a query part looks under: its skeletons against the skeletons and the deletions of
 * the terms (a term with one consonant more), its deletions against both (one less, or one
 * different), and the European key.
 */
function searchKeys(form: string, script: Script): string[] {
  const keys = new Set<string>();
  for (const [f, fs] of withReadings(form, script)) {
    for (const s of skeletons(f, fs)) {
      keys.add(`s${s}`);
      keys.add(`d${s}`);
      for (const d of deletions(s)) {
        keys.add(`s${d}`);
        keys.add(`d${d}`);
      }
    }
    const e = europeanKey(f, fs);
    if (e) keys.add(`e${e}`);
  }
  return [...keys];
}

/** The rows with the highest evidence that pass `keep`, best first (a bounded heap). */
function topRows(touched: IntList, state: RowState, k: number, keep: (row: number) => boolean): number[] {
  const acc = state.floats;
  const heap: number[] = [];
  const less = (a: number, b: number) => acc[a * 3 + 2]! < acc[b * 3 + 2]!;
  const siftDown = (i: number) => {
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < heap.length && less(heap[l]!, heap[m]!)) m = l;
      if (r < heap.length && less(heap[r]!, heap[m]!)) m = r;
      if (m === i) return;
      [heap[i], heap[m]] = [heap[m]!, heap[i]!];
      i = m;
    }
  };
  for (let t = 0; t < touched.length; t++) {
    const row = touched.data[t]!;
    if (heap.length === k && acc[row * 3 + 2]! <= acc[heap[0]! * 3 + 2]!) continue;
    if (!keep(row)) continue;
    if (heap.length < k) {
      heap.push(row);
      for (let i = heap.length - 1; i > 0; ) {
        const parent = (i - 1) >> 1;
        if (!less(heap[i]!, heap[parent]!)) break;
        [heap[i], heap[parent]] = [heap[parent]!, heap[i]!];
        i = parent;
      }
    } else {
      heap[0] = row;
      siftDown(0);
    }
  }
  return heap.sort((a, b) => acc[b * 3 + 2]! - acc[a * 3 + 2]!);
}

/**
 * A match must single out one person: when two registered people both fit the query as a match
 * (namesakes, the grandfather left out), neither is called a match.
 */
function settleAmbiguity(results: SearchResult[], moreMatches: boolean): SearchResult[] {
  const matches = results.filter((r) => r.decision === 'match').length + (moreMatches ? 1 : 0);
  if (matches < 2) return results;
  return results.map((r) =>
    r.decision === 'match'
      ? {
          ...r,
          decision: 'possible' as Decision,
          reason: `${r.reason}; another registered person fits as well`,
        }
      : r,
  );
}
