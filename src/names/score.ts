// Comparing two names: align their parts by role, weigh each agreement by how much it tells
// (Mohammed tells little, a rare family name much: the information of a part in bits), count what
// disagrees or is missing, and decide.
//
// Order is kept: the parts of each name are aligned in order (a monotone alignment), each part
// with a part of a compatible role, so a swapped given name and father ("Salman bin Muhammad" and
// "Muhammad bin Salman") cannot both agree. A missing grandfather costs little (lists leave it
// out), a missing father or family name more; a part aligned with a different name is a
// disagreement, and a disagreement on the given name, the father, the grandfather or the family
// makes two people. Two names people bear that are merely close (Saad, Said) disagree; a known
// name and a form nobody bears (Mohantad) are read as a slip. Sex, birth year and nationality,
// when both sides know them, can only speak against.
//
// The decision: `match` when the score is high, every aligned part agrees, the given name and the
// father or family agree, and the agreeing parts carry enough information to single one person
// out (`matchBits`); `no-match` on any disagreement that makes two people; `possible` between.
import { skeletons } from './keys.ts';
import { isPatronymic, knownName, sexOfEnding, variance } from './known.ts';
import type { Script } from './normalise.ts';
import type { NamePart, ParsedName, Role } from './parse.ts';
import { parseName } from './parse.ts';
import { type Sounds, similarity, sounds } from './similarity.ts';
import { isSyllable } from './syllables.ts';

export type Decision = 'match' | 'possible' | 'no-match';

export interface Comparison {
  /** 0..1: the share of the evidence that agrees. */
  score: number;
  decision: Decision;
  /** What agreed and what did not, in words, for the person who decides. */
  reason: string;
}

/** What is known of a person besides the name; every field optional. */
export interface PersonFacts {
  birthYear?: number | undefined;
  /** The birth year is an estimate (± a few years). */
  birthYearEstimated?: boolean | undefined;
  sex?: 'male' | 'female' | undefined;
  /** ISO 3166 alpha-3 codes; 'unknown' and 'stateless' say nothing. */
  nationalities?: readonly string[] | undefined;
}

// --- Slots: where a part may sit in the other name ------------------------------------------

const GIVEN = 1;
const FATHER = 2;
const ANCESTOR = 4;
const FAMILY = 8;
const KUNYA = 16;

const PRIMARY: Record<Role, number> = {
  given: GIVEN,
  father: FATHER,
  grandfather: ANCESTOR,
  ancestor: ANCESTOR,
  // A middle name is left out as readily as a grandfather, and contradicts like one.
  middle: ANCESTOR,
  family: FAMILY,
  kunya: KUNYA,
};

/**
 * The slot a part is in, and the other slots it may be in when its role is a guess: the last of
 * three parts may be a grandfather (the family left out), the second of two a father, a last
 * part after "bin" a family name (Osama bin Laden).
 */
export function slotsOf(part: Pick<NamePart, 'role' | 'certain'>, chainLength: number): [number, number] {
  const primary = PRIMARY[part.role];
  if (part.certain) return [primary, 0];
  if (part.role === 'family') return [primary, chainLength === 2 ? FATHER : ANCESTOR];
  return [primary, FAMILY];
}

/** Share of a part's information lost when it has no counterpart in the other name. */
const SKIP: Record<number, number> = {
  [GIVEN]: 1.5,
  [FATHER]: 1,
  [ANCESTOR]: 0.15,
  [FAMILY]: 0.4,
  [KUNYA]: 0.05,
};
/** Share lost when it is aligned with a different name (less than leaving out both). */
const MISMATCH: Record<number, number> = {
  [GIVEN]: 1.5,
  [FATHER]: 1,
  [ANCESTOR]: 0.25,
  [FAMILY]: 0.6,
  [KUNYA]: 0.1,
};
/** How much a part of each slot counts, before its rarity. */
const ROLE_WEIGHT: Record<number, number> = {
  [GIVEN]: 1,
  [FATHER]: 1,
  [ANCESTOR]: 0.8,
  [FAMILY]: 1,
  [KUNYA]: 0.5,
};
/** Cost of aligning through a guessed slot rather than the written one (share of the weight). */
const GUESSED_SLOT = 0.1;
/** Share lost per unit of spelling distance between agreeing parts (see `judge`). */
const SPELLING = 0.05;
/** An initial left out costs little; a father no place for in the other name, see `skipCost`. */
const INITIAL_SKIP = 0.1;
const UNSAID_FATHER = 0.3;
const UNSAID_GIVEN = 0.3;

/** Similarity from which two spellings are one name, and under which they are two. */
export const SAME = 0.88;
const DIFFERENT = 0.7;
/** Under this, two aligned parts are two different names: the names are two people. */
export const CONFLICT = 0.82;
const MATCH_SCORE = 0.85;
const POSSIBLE_SCORE = 0.6;
/**
 * Information (bits) agreeing parts must carry for a match when no registry says better: more
 * than two frequent names (Ahmed Ali), less than an ordinary given and family name.
 */
const MATCH_BITS = 12;
/** Two mononyms need this much less: the margin that asks for one in eight rather than one. */
const MONONYM_MARGIN_BITS = 3;

/** How far a similarity is agreement: 0 at DIFFERENT, 1 at SAME. */
const agreement = (s: number): number => Math.min(1, Math.max(0, (s - DIFFERENT) / (SAME - DIFFERENT)));

/**
 * Between a known name and a form nobody bears (a typo, a rare spelling), this similarity is
 * enough to read one as the other, with part of the evidence: "Mohantad" is Mohannad mistyped,
 * whereas Said and Saad, both names, are two.
 */
const TYPO = 0.65;
const TYPO_AGREEMENT = 0.75;
/** One letter typed wrong in a form nobody bears (Serei for Sergei): most of the evidence. */
const SLIP_AGREEMENT = 0.85;

/**
 * How two aligned parts are read: `names`, two names people bear (or parts read together), where
 * a near miss is another name; `typo`, a known name and a form nobody bears; `slip`, one letter
 * apart, not both known; `spelling`, neither known but one skeleton of consonants; `other`,
 * neither known and merely alike (Castro, Castillo): another name, as between two known names;
 * `sexes`, the endings of a man's and a woman's name (Ivanov, Ivanova): two people; `clipped`,
 * one the beginning of the other (Chris, Christopher; Abiy, Abiyot; a name cut short by a field
 * too narrow): a hypocorism or a name that merely begins alike (Sam, Samir), a doubt;
 * `syllable`, two Chinese or Korean names with a syllable that is another (Jong-un, Jong-in).
 */
export type Reading = 'names' | 'typo' | 'slip' | 'spelling' | 'other' | 'sexes' | 'clipped' | 'syllable';

/** The reading of two aligned parts of similarity `s`. */
export function readingOf(s: number, a: SidePart, b: SidePart): Reading {
  const sex = sexOfEnding(a.form, a.script);
  if (sex !== undefined) {
    const other = sexOfEnding(b.form, b.script);
    if (other !== undefined && other !== sex) return 'sexes';
  }
  if (syllables(a.form) && syllables(b.form)) return otherSyllable(a, b) ? 'syllable' : 'names';
  if (s >= SAME || (a.known && b.known)) return 'names';
  const v = variance(a.form, b.form, a.script, b.script);
  if (v === 'slip') return 'slip';
  // A clipped form, where another reading would not already agree (Kowalska, Kowalskaja: spellings).
  if ((v === 'other' || s < TYPO) && a.script === 'latin' && b.script === 'latin' && clipped(a.form, b.form))
    return 'clipped';
  if (a.known || b.known) return 'typo';
  return v === 'spelling' ? 'spelling' : 'other';
}

/**
 * A Chinese or Korean name of several syllables (`syllables.ts`: Myong-sik, Tse-tung): a syllable
 * replaced is another name (Myong-guk), as a character replaced in Han script.
 */
const syllables = (form: string) => form.includes(' ') && form.split(' ').every(isSyllable);

/** Two names of as many syllables, one of which is not a spelling of its counterpart. */
function otherSyllable(a: SidePart, b: SidePart): boolean {
  const x = a.form.split(' ');
  const y = b.form.split(' ');
  return (
    x.length === y.length &&
    x.some((syllable, k) => similarity(sounds(syllable, a.script), sounds(y[k]!, b.script)) < CONFLICT)
  );
}

/** Letters a clipped form keeps at least, and leaves out at least (one is a slip). */
const CLIPPED_KEEPS = 3;
const CLIPPED_DROPS = 2;

/**
 * Endings that make a name of a name: the father's (Oleksandrovych, Johansson, Petrović), the
 * family's (Ahmedov, Hovhannisyan, Hasanzadeh, Karaoğlu). A name and the name made of it are two.
 */
const DERIVED =
  /^(?:s?son|sen|s?dottir|[oe]v|[oe]va|[oe]vi?tch|[oe]v[iy]ch|[oe]vna|[oe]vic|sk[iy]|ska|skaya|enko|[iy]an|zadeh?|oglu)$/;

/** One Latin form the beginning of the other, not a name made of it: Chris, Christopher. */
function clipped(a: string, b: string): boolean {
  const [short, long] = a.length < b.length ? [a, b] : [b, a];
  return (
    short.length >= CLIPPED_KEEPS &&
    long.length - short.length >= CLIPPED_DROPS &&
    long.startsWith(short) &&
    !long.includes(' ') &&
    !DERIVED.test(long.slice(short.length)) &&
    !isPatronymic(long, 'latin')
  );
}

/**
 * What two aligned parts say: how far they agree, whether they name two people, and whether
 * their agreement is a doubt (never a match).
 */
export function evidence(s: number, reading: Reading): { f: number; conflict: boolean; doubt?: boolean } {
  if (reading === 'sexes' || reading === 'syllable') return { f: agreement(s), conflict: true };
  if (reading === 'clipped') return { f: TYPO_AGREEMENT, conflict: false, doubt: true };
  if (reading === 'slip') return { f: Math.max(agreement(s), SLIP_AGREEMENT), conflict: false };
  if (reading === 'other') return { f: agreement(s) / 2, conflict: s < TYPO };
  if (reading === 'names' || s < TYPO) return { f: agreement(s), conflict: s < CONFLICT };
  return { f: Math.max(agreement(s), TYPO_AGREEMENT), conflict: false };
}

/** One part of a side of a comparison. */
export interface SidePart {
  role: Role;
  certain: boolean;
  initial: boolean;
  /** Information of the part, in bits. */
  weight: number;
  /** Weighted length of its phones: two parts read as one must be about as long as the other. */
  length: number;
  /** A name people bear (a frequent name, or one the registry holds): a near miss is another name. */
  known: boolean;
  /** The compared form and its script (`NamePart`). */
  form: string;
  script: Script;
  display: string;
}

/** One side of a comparison: its parts with roles, weights and how to show them. */
export interface Side {
  parts: readonly SidePart[];
  /** The order of the parts is not fixed by the writing (`ParsedName.freeOrder`). */
  freeOrder?: boolean;
  /** Likely written family name first (`ParsedName.familyFirst`): read so, it is no doubt. */
  familyFirst?: boolean;
}

/**
 * Similarity of part `a` of the first side with part `b` of the second; with `a2` or `b2` (else
 * −1), two consecutive parts read as one word ("HazemAwad" against "Hazem" "Awad").
 */
export type PartSimilarity = (a: number, a2: number, b: number, b2: number) => number;

export interface CompareOptions {
  facts?: { a?: PersonFacts | undefined; b?: PersonFacts | undefined };
  /**
   * Information (bits) the agreeing parts must carry for a match: enough that nobody else in a
   * population of this size is likely to bear the same name (log2 of its size, and a margin).
   */
  matchBits?: number;
}

/** Cost of reading two written parts as one name. */
const MERGE_COST = 0.05;
/** Similarity two parts read as one must reach: a space lost or moved, not another name hidden. */
const JOINED = 0.96;

/** A step of an alignment: parts of a and of b taken together (none: a part left unmatched). */
interface Step {
  a: number;
  a2: number;
  b: number;
  b2: number;
  s: number;
}

interface Alignment {
  a: Side;
  b: Side;
  steps: Step[];
  slots: (step: Step) => [number, number];
  n: number;
  m: number;
  /** The places (slots) each name has a part in. */
  placesA: number;
  placesB: number;
}

/**
 * Align two names (the chain of each name in order, kunyas apart) and score them, with the
 * reason in words.
 */
export function compareSides(
  a: Side,
  b: Side,
  sim: PartSimilarity,
  options: CompareOptions = {},
): Comparison {
  let best: { alignment: Alignment; verdict: Verdict; note: string } | undefined;
  for (const [x, y, s, doubt] of readings(a, b, sim)) {
    const alignment = align(x, y, s);
    const verdict = judge(alignment, options, doubt);
    if (!best || better(verdict, best.verdict)) {
      const note =
        x !== a
          ? 'the first name read in another order'
          : y !== b
            ? 'the second name read in another order'
            : '';
      best = { alignment, verdict, note };
    }
  }
  return {
    score: roundScore(best!.verdict.score),
    decision: best!.verdict.decision,
    reason: explain(best!.alignment, best!.verdict.facts, best!.note),
  };
}

/** The same without the reason: what ranking many candidates needs. */
export function scoreSides(a: Side, b: Side, sim: PartSimilarity, options: CompareOptions = {}): Verdict {
  let best: Verdict | undefined;
  for (const [x, y, s, doubt] of readings(a, b, sim)) {
    const verdict = judge(align(x, y, s), options, doubt);
    if (!best || better(verdict, best)) best = verdict;
  }
  return best!;
}

const RANK: Record<Decision, number> = { match: 2, possible: 1, 'no-match': 0 };
/** Of two readings, the one with the stronger decision, then the higher score. */
const better = (v: Verdict, w: Verdict) =>
  RANK[v.decision] > RANK[w.decision] || (RANK[v.decision] === RANK[w.decision] && v.score > w.score);

/** Share of the score a reordered reading costs: the written order is the likelier. */
const REORDERED = 0.03;

/**
 * The readings of two names to compare: as written, and when neither name's order is fixed by
 * its writing, each name read in another order: family name first ("Rotenberg Arkadiy" is
 * Arkadiy Rotenberg), or by its second given name (the first left out: "Boris Johnson" for
 * Alexandre Boris Johnson). The last of each reading says whether it is a doubt: another order
 * is, but for the family name first in a name likely written so (`Side.familyFirst`).
 */
function readings(a: Side, b: Side, sim: PartSimilarity): [Side, Side, PartSimilarity, boolean][] {
  const out: [Side, Side, PartSimilarity, boolean][] = [[a, b, sim, false]];
  if (!a.freeOrder || !b.freeOrder) return out;
  orders(a.parts.length).forEach((perm, k) => {
    const read = (i: number, i2: number, j: number, j2: number) =>
      sim(perm[i]!, i2 < 0 ? -1 : perm[i2]!, j, j2);
    out.push([permute(a, perm), b, read, k > 0 || !a.familyFirst]);
  });
  orders(b.parts.length).forEach((perm, k) => {
    const read = (i: number, i2: number, j: number, j2: number) =>
      sim(i, i2, perm[j]!, j2 < 0 ? -1 : perm[j2]!);
    out.push([a, permute(b, perm), read, k > 0 || !b.familyFirst]);
  });
  return out;
}

/** Other orders of a free-order name of n parts (family name first, then second given name first), as the written index of each part read. */
function orders(n: number): number[][] {
  const familyFirst = [...Array.from({ length: n - 1 }, (_, k) => k + 1), 0];
  if (n < 3) return [familyFirst];
  const secondGiven = [1, 0, ...Array.from({ length: n - 2 }, (_, k) => k + 2)];
  return [familyFirst, secondGiven];
}

/** A side read in another order: the parts' roles are those of their new places. */
function permute(side: Side, perm: number[]): Side {
  const n = perm.length;
  return {
    parts: perm.map((k, i) => ({
      ...side.parts[k]!,
      role: i === 0 ? 'given' : i === n - 1 ? 'family' : 'middle',
      certain: i !== n - 1 || side.parts[k]!.certain,
    })),
  };
}

// Scratch space of the alignment, reused: names have a handful of parts (more is cut).
const MAX_PARTS = 15;
const best = new Float64Array((MAX_PARTS + 1) ** 2);
const how = new Uint8Array((MAX_PARTS + 1) ** 2);
const stepSims = new Float64Array((MAX_PARTS + 1) ** 2);

function chainOf(side: Side): number[] {
  const chain: number[] = [];
  for (let k = 0; k < side.parts.length && chain.length < MAX_PARTS; k++) {
    if (side.parts[k]!.role !== 'kunya') chain.push(k);
  }
  return chain;
}

/** The slot two parts share (their written one if they can) and the cost of a guessed one, or null. */
function sharedSlot(sa: [number, number], sb: [number, number]): [number, number] | null {
  if (sa[0] === sb[0]) return [sa[0], 0];
  if ((sa[0] & sb[1]) !== 0) return [sa[0], GUESSED_SLOT];
  if ((sa[1] & sb[0]) !== 0) return [sb[0], GUESSED_SLOT];
  if ((sa[1] & sb[1]) !== 0) return [sa[1] & sb[1], 2 * GUESSED_SLOT];
  return null;
}

/**
 * The slot of da parts of a from i read with db parts of b from j: the first parts' shared slot,
 * or for two parts read as one word of the other name the last parts' ("Jong Un" against
 * "Jong-un", both the last name of their chain).
 */
function jointSlot(
  slotsA: [number, number][],
  i: number,
  da: number,
  slotsB: [number, number][],
  j: number,
  db: number,
): [number, number] | null {
  const first = sharedSlot(slotsA[i]!, slotsB[j]!);
  if (first !== null || da + db !== 3) return first;
  return sharedSlot(slotsA[i + da - 1]!, slotsB[j + db - 1]!);
}

function sum(side: Side, chain: number[], from: number, count: number, field: 'weight' | 'length'): number {
  let total = 0;
  for (let k = from; k < from + count; k++) total += side.parts[chain[k]!]![field];
  return total;
}

/**
 * The best monotone alignment of the two chains: best[i][j] is the best net evidence (agreement
 * minus losses) aligning a[0..i) with b[0..j), how[i][j] the step that reached it: a part of a
 * left unmatched (1), of b (2), or da parts of a with db of b (4·da + db).
 */
function align(a: Side, b: Side, sim: PartSimilarity): Alignment {
  const chainA = chainOf(a);
  const chainB = chainOf(b);
  const n = chainA.length;
  const m = chainB.length;
  const slotsA = chainA.map((i) => slotsOf(a.parts[i]!, n));
  const slotsB = chainB.map((j) => slotsOf(b.parts[j]!, m));
  const placesA = slotsA.reduce((places, [primary]) => places | primary, 0);
  const placesB = slotsB.reduce((places, [primary]) => places | primary, 0);
  const width = m + 1;
  best.fill(-Infinity, 0, (n + 1) * width);
  best[0] = 0;
  for (let i = 0; i <= n; i++) {
    for (let j = 0; j <= m; j++) {
      const cell = i * width + j;
      const here = best[cell]!;
      if (here === -Infinity) continue;
      if (i < n) {
        const v = here - skipCost(a.parts[chainA[i]!]!, placesB);
        if (v > best[cell + width]!) {
          best[cell + width] = v;
          how[cell + width] = 1;
        }
      }
      if (j < m) {
        const v = here - skipCost(b.parts[chainB[j]!]!, placesA);
        if (v > best[cell + 1]!) {
          best[cell + 1] = v;
          how[cell + 1] = 2;
        }
      }
      if (i === n || j === m) continue;
      let single = 0;
      for (let da = 1; da <= 2 && i + da <= n; da++) {
        for (let db = 1; db <= 2 && j + db <= m; db++) {
          const slot = jointSlot(slotsA, i, da, slotsB, j, db);
          if (slot === null) continue;
          const joined = da + db > 2;
          // Parts are read together only where they do not agree one by one, and only when
          // the two readings are about as long: a space lost or moved.
          if (
            joined &&
            (single >= SAME ||
              Math.abs(sum(a, chainA, i, da, 'length') - sum(b, chainB, j, db, 'length')) > 1)
          )
            continue;
          const s = sim(
            chainA[i]!,
            da === 2 ? chainA[i + 1]! : -1,
            chainB[j]!,
            db === 2 ? chainB[j + 1]! : -1,
          );
          if (!joined) single = s;
          else if (s < JOINED) continue;
          const w =
            sharedBits(
              sum(a, chainA, i, da, 'weight'),
              sum(b, chainB, j, db, 'weight'),
              a.parts[chainA[i]!]!.initial || b.parts[chainB[j]!]!.initial,
            ) * ROLE_WEIGHT[slot[0]]!;
          const { f } = evidence(
            s,
            joined ? 'names' : readingOf(s, a.parts[chainA[i]!]!, b.parts[chainB[j]!]!),
          );
          const v = here + w * (f - (1 - f) * MISMATCH[slot[0]]! - slot[1] - (joined ? MERGE_COST : 0));
          const to = (i + da) * width + j + db;
          if (v > best[to]!) {
            best[to] = v;
            how[to] = 4 * da + db;
            stepSims[to] = s;
          }
        }
      }
    }
  }

  const steps: Step[] = [];
  for (let i = n, j = m; i > 0 || j > 0; ) {
    const cell = i * width + j;
    const step = how[cell]!;
    if (step === 1) steps.push({ a: chainA[--i]!, a2: -1, b: -1, b2: -1, s: 0 });
    else if (step === 2) steps.push({ a: -1, a2: -1, b: chainB[--j]!, b2: -1, s: 0 });
    else {
      const da = step >> 2;
      const db = step & 3;
      i -= da;
      j -= db;
      steps.push({
        a: chainA[i]!,
        a2: da === 2 ? chainA[i + 1]! : -1,
        b: chainB[j]!,
        b2: db === 2 ? chainB[j + 1]! : -1,
        s: stepSims[cell]!,
      });
    }
  }
  steps.reverse();
  steps.push(...pairKunyas(a, b, sim));
  const slots = (step: Step): [number, number] =>
    a.parts[step.a]!.role === 'kunya'
      ? [KUNYA, 0]
      : jointSlot(
          slotsA,
          chainA.indexOf(step.a),
          step.a2 < 0 ? 1 : 2,
          slotsB,
          chainB.indexOf(step.b),
          step.b2 < 0 ? 1 : 2,
        )!;
  return { a, b, steps, slots, n, m, placesA, placesB };
}

/**
 * What a part without counterpart costs. A father left out by a name that has no father's place
 * at all ("Sergey Lavrov", "Ahmed Hassan": given and family name) is not contradicted, only
 * unsaid: it costs as a middle name does; so is a given name left out by a name that is a family
 * name alone ("President Erdoğan").
 */
function skipCost(part: SidePart, otherPlaces: number): number {
  const slot = PRIMARY[part.role];
  const share = part.initial
    ? INITIAL_SKIP
    : slot === FATHER && (otherPlaces & FATHER) === 0
      ? UNSAID_FATHER
      : slot === GIVEN && (otherPlaces & GIVEN) === 0
        ? UNSAID_GIVEN
        : SKIP[slot]!;
  return part.weight * ROLE_WEIGHT[slot]! * share;
}

/** Kunyas pair with the most similar kunya of the other name, if any. */
function pairKunyas(a: Side, b: Side, sim: PartSimilarity): Step[] {
  const steps: Step[] = [];
  const used = new Set<number>();
  a.parts.forEach((p, i) => {
    if (p.role !== 'kunya') return;
    let bestJ = -1;
    let bestS = -1;
    b.parts.forEach((q, j) => {
      if (q.role !== 'kunya' || used.has(j)) return;
      const s = sim(i, -1, j, -1);
      if (s > bestS) {
        bestS = s;
        bestJ = j;
      }
    });
    // Two kunyas that differ are paired all the same: a doubt, if not two people.
    if (bestJ >= 0) used.add(bestJ);
    steps.push({ a: i, a2: -1, b: bestJ, b2: -1, s: bestS });
  });
  b.parts.forEach((q, j) => {
    if (q.role === 'kunya' && !used.has(j)) steps.push({ a: -1, a2: -1, b: j, b2: -1, s: 0 });
  });
  return steps;
}

const ROLE_NAME: Record<number, string> = {
  [GIVEN]: 'given name',
  [FATHER]: 'father',
  [ANCESTOR]: 'grandfather',
  [FAMILY]: 'family name',
  [KUNYA]: 'kunya',
};

/**
 * The information two aligned parts share: the mean of their bits, but an initial against a name
 * says no more than the initial ("N." is not Nursultan).
 */
const sharedBits = (a: number, b: number, initial: boolean) => (initial ? Math.min(a, b) : (a + b) / 2);

const pairWeight = (alignment: Alignment, step: Step) => {
  const w = (side: Side, k: number, k2: number) =>
    side.parts[k]!.weight + (k2 < 0 ? 0 : side.parts[k2]!.weight);
  return sharedBits(
    w(alignment.a, step.a, step.a2),
    w(alignment.b, step.b, step.b2),
    alignment.a.parts[step.a]!.initial || alignment.b.parts[step.b]!.initial,
  );
};
/** The reading of an aligned step (two parts read as one are judged as two known names). */
const stepReading = (alignment: Alignment, step: Step): Reading =>
  step.a2 >= 0 || step.b2 >= 0
    ? 'names'
    : readingOf(step.s, alignment.a.parts[step.a]!, alignment.b.parts[step.b]!);
const stepEvidence = (alignment: Alignment, step: Step) => evidence(step.s, stepReading(alignment, step));
const rolesOf = (alignment: Alignment, step: Step): Role[] =>
  [
    alignment.a.parts[step.a],
    alignment.a.parts[step.a2],
    alignment.b.parts[step.b],
    alignment.b.parts[step.b2],
  ].flatMap((p) => (p ? [p.role] : []));

/** Scores are shown to three decimals (and ranked unrounded). */
export const roundScore = (score: number) => Math.round(score * 1000) / 1000;

export interface Verdict {
  score: number;
  decision: Decision;
  facts: FactsCheck;
}

function judge(alignment: Alignment, options: CompareOptions, doubtfulOrder = false): Verdict {
  const { a, b, steps, n, m } = alignment;
  let agree = 0;
  let lost = 0;
  let agreedBits = 0;
  let conflict = false;
  let doubt = false;
  let givenAgrees = false;
  let familyUnmatched = false;
  let fatherOrFamilyAgrees = false;
  let nameAgrees = false;
  for (const step of steps) {
    if (step.a >= 0 && step.b >= 0) {
      const [slot, guessed] = alignment.slots(step);
      const bits = pairWeight(alignment, step);
      const w = bits * ROLE_WEIGHT[slot]!;
      const { f, conflict: two, doubt: doubtful } = stepEvidence(alignment, step);
      agree += w * f;
      // Beyond the disagreement, a little for the spelling itself, so that of two people who
      // agree the one written the same way ranks first.
      lost += w * ((1 - f) * MISMATCH[slot]! + guessed + SPELLING * (1 - step.s));
      if (two && slot !== KUNYA) conflict = true;
      else if (f < 0.5 || doubtful) doubt = true;
      else {
        agreedBits += bits;
        if (!alignment.a.parts[step.a]!.initial && !alignment.b.parts[step.b]!.initial) nameAgrees = true;
        // Two parts read as one agree for both their roles ("VladimirPutin").
        const roles = rolesOf(alignment, step);
        if (roles.includes('given')) givenAgrees = true;
        if (roles.includes('father') || roles.includes('family')) fatherOrFamilyAgrees = true;
      }
    } else {
      const first = step.a >= 0;
      const part = first ? a.parts[step.a]! : b.parts[step.b]!;
      lost += skipCost(part, first ? alignment.placesB : alignment.placesA);
      if (part.role === 'family' && part.certain && (first ? m : n) > 1) familyUnmatched = true;
    }
  }
  let score = agree + lost > 0 ? agree / (agree + lost) : 0;
  if (doubtfulOrder) score *= 1 - REORDERED;
  const facts = checkFacts(options.facts?.a, options.facts?.b);
  score *= facts.factor;
  // Two people: the score stays graded (a near miss ranks above a stranger) but under any decision.
  if (conflict) score *= 0.5;
  // Two names of one part each (a mononym: Sukarno; an alias) say all they have: the part must
  // agree and be borne by about one person, not one in eight.
  const mononyms = n === 1 && m === 1;
  const matchBits = (options.matchBits ?? MATCH_BITS) - (mononyms ? MONONYM_MARGIN_BITS : 0);
  let decision: Decision;
  if (conflict || facts.conflict) decision = 'no-match';
  else if (
    score >= MATCH_SCORE &&
    !doubt &&
    // A name read in another order is a doubt: in a name of Arabic or Kurdish structure that
    // nothing marks (the names unknown), a swapped given name and father are another person.
    !doubtfulOrder &&
    givenAgrees &&
    (fatherOrFamilyAgrees || mononyms) &&
    !familyUnmatched &&
    agreedBits >= matchBits
  )
    decision = 'match';
  // Initials alone ("N. N.", "T. W.") are borne by too many to flag anyone: a name must agree.
  else if (score >= POSSIBLE_SCORE && nameAgrees) decision = 'possible';
  else decision = 'no-match';
  return { score, decision, facts };
}

/** The alignment in words: which parts agree, differ, or are only in one name. */
function explain(alignment: Alignment, facts: FactsCheck, reordered: string): string {
  const { a, b, steps } = alignment;
  const show = (side: Side, k: number, k2: number) =>
    k2 < 0 ? side.parts[k]!.display : `${side.parts[k]!.display} ${side.parts[k2]!.display}`;
  const agreed: string[] = [];
  const differ: string[] = [];
  const missing: string[] = [];
  for (const step of steps) {
    if (step.a >= 0 && step.b >= 0) {
      const [slot] = alignment.slots(step);
      const label = `${ROLE_NAME[slot]} ${show(a, step.a, step.a2)} / ${show(b, step.b, step.b2)}`;
      const { f, conflict } = stepEvidence(alignment, step);
      if (conflict && slot !== KUNYA)
        differ.push(stepReading(alignment, step) === 'sexes' ? `${label} (a man's and a woman's)` : label);
      else if (f >= 0.5) agreed.push(step.s < SAME ? `${label} (close)` : label);
      else differ.push(`${label} (close)`);
    } else {
      const first = step.a >= 0;
      const part = first ? a.parts[step.a]! : b.parts[step.b]!;
      missing.push(
        `${ROLE_NAME[PRIMARY[part.role]]} ${part.display} only in the ${first ? 'first' : 'second'}`,
      );
    }
  }
  return [
    agreed.length ? `agree: ${agreed.join(', ')}` : '',
    differ.length ? `differ: ${differ.join(', ')}` : '',
    missing.length ? `missing: ${missing.join(', ')}` : '',
    reordered,
    ...facts.notes,
  ]
    .filter((x) => x !== '')
    .join('; ');
}

interface FactsCheck {
  factor: number;
  conflict: boolean;
  notes: string[];
}

/** Birth year, sex and nationality: agreement says little, disagreement much. */
function checkFacts(a: PersonFacts | undefined, b: PersonFacts | undefined): FactsCheck {
  const notes: string[] = [];
  let factor = 1;
  let conflict = false;
  if (a?.sex && b?.sex && a.sex !== b.sex) {
    conflict = true;
    factor *= 0.5;
    notes.push(`sex differs (${a.sex} / ${b.sex})`);
  }
  if (a?.birthYear !== undefined && b?.birthYear !== undefined) {
    const gap = Math.abs(a.birthYear - b.birthYear);
    const tolerance = a.birthYearEstimated || b.birthYearEstimated ? 5 : 1;
    if (gap > tolerance) {
      conflict = gap > 2 * tolerance;
      factor *= gap > 2 * tolerance ? 0.6 : 0.85;
      notes.push(`born ${a.birthYear} / ${b.birthYear}`);
    }
  }
  const known = (n: readonly string[] | undefined) =>
    (n ?? []).filter((c) => c !== 'unknown' && c !== 'stateless');
  const na = known(a?.nationalities);
  const nb = known(b?.nationalities);
  if (na.length > 0 && nb.length > 0 && !na.some((c) => nb.includes(c))) {
    factor *= 0.9;
    notes.push(`nationality ${na.join('/')} / ${nb.join('/')}`);
  }
  return { factor, conflict, notes };
}

// --- Two names with no registry behind them -------------------------------------------------

/**
 * Names so frequent that they identify little (as given names, and in any other place, where the
 * same names recur), as consonant skeletons with a rough share of the people of the region who
 * bear them (Muhammad and Mahmud share one skeleton; both are common).
 */
const COMMON: Record<string, number> = {
  MHMD: 0.06,
  HMD: 0.03,
  L: 0.02,
  HSN: 0.03,
  BDLH: 0.015,
  BDL: 0.015,
  MR: 0.01,
  BRHM: 0.01,
  HLD: 0.01,
  YSF: 0.01,
  MSTF: 0.01,
  FTM: 0.03,
  MRM: 0.01,
  HDJ: 0.01,
  NR: 0.01,
  MN: 0.01,
  SLH: 0.01,
  SD: 0.01,
};
/** Bits of an ordinary part when no registry says how common it is (about one in 500). */
const DEFAULT_BITS = 9;

export interface PreparedPart extends NamePart, SidePart {
  sounds: Sounds;
  altSounds?: Sounds;
}

/** An initial carries what one letter of 26 does. */
const INITIAL_BITS = Math.log2(26);

/**
 * Sounds and weights for the parts of a parsed name; `bits` gives a part's information, `known`
 * whether it is a name people bear (by default: a frequent name).
 */
export function prepare(
  name: ParsedName,
  bits: (part: NamePart) => number,
  known: (part: NamePart) => boolean = (part) => knownName(part.form, part.script),
): PreparedPart[] {
  return name.parts.map((part) => {
    const own = sounds(part.form, part.script);
    const prepared: PreparedPart = {
      ...part,
      sounds: own,
      length: own.length,
      weight: part.initial ? Math.min(INITIAL_BITS, bits(part)) : bits(part),
      known: known(part),
    };
    if (part.alt !== undefined) prepared.altSounds = sounds(part.alt, part.script);
    return prepared;
  });
}

/** Similarity of two parts: the best of their readings. */
function partSimilarity(a: PreparedPart, b: PreparedPart): number {
  let s = similarity(a.sounds, b.sounds);
  if (a.altSounds) s = Math.max(s, similarity(a.altSounds, b.sounds));
  if (b.altSounds) s = Math.max(s, similarity(a.sounds, b.altSounds));
  return s;
}

/**
 * The sounds of consecutive parts read as one word ("hazem" "awad" for "hazemawad"): the pieces
 * keep their own vowels (`vowels.ts`) and word ends.
 */
export function joinedSounds(parts: readonly Pick<NamePart, 'form' | 'script'>[]): Sounds {
  return sounds(parts.map((p) => p.form).join(' '), parts[0]!.script);
}

/** `PartSimilarity` over two prepared names. */
function preparedSimilarity(a: readonly PreparedPart[], b: readonly PreparedPart[]): PartSimilarity {
  const parts = (side: readonly PreparedPart[], k: number, k2: number) =>
    k2 < 0 ? [side[k]!] : [side[k]!, side[k2]!];
  return (i, i2, j, j2) =>
    i2 < 0 && j2 < 0
      ? partSimilarity(a[i]!, b[j]!)
      : similarity(joinedSounds(parts(a, i, i2)), joinedSounds(parts(b, j, j2)));
}

/**
 * Compare two names as written, with no registry to say how common each part is (the prior:
 * the common names above; every other part counts as an ordinary name).
 */
export function compareNames(a: string, b: string, facts?: { a?: PersonFacts; b?: PersonFacts }): Comparison {
  const na = parseName(a);
  const nb = parseName(b);
  const pa = prepare(na, priorBits);
  const pb = prepare(nb, priorBits);
  return compareSides(
    { parts: pa, freeOrder: na.freeOrder, familyFirst: na.familyFirst },
    { parts: pb, freeOrder: nb.freeOrder, familyFirst: nb.familyFirst },
    preparedSimilarity(pa, pb),
    { facts },
  );
}

/** A part's information from the prior alone: a common name little, any other part DEFAULT_BITS. */
function priorBits(part: NamePart): number {
  const share = COMMON[skeletons(part.form, part.script)[0] ?? ''];
  return share === undefined ? DEFAULT_BITS : Math.log2(1 / share);
}
