// Benchmark of the name matcher (issue 5): accuracy on the development set and on two public
// sets, and speed at 100,000 and 1,000,000 people.
//
//   node --expose-gc --import tsx bench/names.ts [--data DIR] [--people N] [--seed N] [--skip-large]
//
// --data is the directory of the name data (default ../shared/data/names, read here at bench time
// only; the matcher itself reads nothing). The large run indexes the gallery and synthetic people
// made from the gallery's own parts (given names, fathers, grandfathers, families, each as written)
// up to --people (default 1,000,000) with a deterministic seed, then runs the development queries.
// Writes bench/results/names.json.
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { readTsv, runSearch, type SearchRun } from '../src/cli/names.ts';
import { europeanKey, skeletons } from '../src/names/keys.ts';
import { normaliseName } from '../src/names/normalise.ts';
import { parseName } from '../src/names/parse.ts';
import { compareNames } from '../src/names/score.ts';
import { machine } from './machine.ts';

const here = dirname(fileURLToPath(import.meta.url));
const { values: args } = parseArgs({
  options: {
    data: { type: 'string', default: join(here, '..', '..', 'shared', 'data', 'names') },
    people: { type: 'string', default: '1000000' },
    seed: { type: 'string', default: '1' },
    'skip-large': { type: 'boolean', default: false },
  },
});
const data = args.data!;
const people = Number(args.people);
const seed = Number(args.seed);

const targets = {
  devRecallAt10: 0.98,
  devMatchPrecisionPairs: 0.99,
  devMatchPrecisionAtRank1: 0.99,
  devUnregisteredMatchRateMax: 0.01,
  googleSharedKey: 0.95,
  openSanctionsPersonF1: 0.85,
  build1MMsMax: 20_000,
  heap1MMBMax: 1024,
  searchP95At100kMsMax: 5,
  searchP95At1MMsMax: 20,
};

const gc = (globalThis as { gc?: () => void }).gc;
const log = (line: string) => process.stderr.write(`${line}\n`);
const ratio = (a: number, b: number) => (b === 0 ? 0 : Math.round((a / b) * 10000) / 10000);

// --- Development set: pairs ---------------------------------------------------------------

function pairsBench() {
  const rows = readTsv(join(data, 'pairs.tsv'));
  const counts = {
    match: { same: 0, other: 0 },
    possible: { same: 0, other: 0 },
    'no-match': { same: 0, other: 0 },
  };
  for (const [a = '', b = '', label] of rows) {
    counts[compareNames(a, b).decision][label === '1' ? 'same' : 'other']++;
  }
  const same = rows.filter((r) => r[2] === '1').length;
  return {
    pairs: rows.length,
    matchPrecision: ratio(counts.match.same, counts.match.same + counts.match.other),
    matchRecall: ratio(counts.match.same, same),
    /** Same-person pairs called match or possible: what a reviewer would be shown. */
    matchOrPossibleRecall: ratio(counts.match.same + counts.possible.same, same),
    /** Pairs of two people called possible: the reviewer's extra work. */
    possibleAmongOthers: ratio(counts.possible.other, rows.length - same),
    decisions: counts,
  };
}

// --- Development set: search --------------------------------------------------------------

function searchAccuracy(run: SearchRun, queries: string[][]) {
  let registered = 0;
  let found = 0;
  let first = 0;
  let matchesAt1 = 0;
  let rightMatchesAt1 = 0;
  let unregistered = 0;
  let unregisteredMatched = 0;
  run.results.forEach(({ results }, i) => {
    const expected = queries[i]![2] ?? '';
    const top = results[0];
    if (top?.decision === 'match') {
      matchesAt1++;
      if (top.id === expected) rightMatchesAt1++;
    }
    if (expected === '') {
      unregistered++;
      if (results.some((r) => r.decision === 'match')) unregisteredMatched++;
      return;
    }
    registered++;
    const rank = results.findIndex((r) => r.id === expected);
    if (rank >= 0) found++;
    if (rank === 0) first++;
  });
  return {
    queries: queries.length,
    registered,
    recallAt10: ratio(found, registered),
    rank1Accuracy: ratio(first, registered),
    matchesAtRank1: matchesAt1,
    matchPrecisionAtRank1: ratio(rightMatchesAt1, matchesAt1),
    unregistered,
    unregisteredMatchRate: ratio(unregisteredMatched, unregistered),
  };
}

// --- Google transliteration pairs --------------------------------------------------------

function googleBench() {
  const rows = readFileSync(join(data, 'external', 'google-ar2en.tsv'), 'utf8')
    .split('\n')
    .filter((l) => l.includes('\t'))
    .map((l) => l.split('\t'));
  const keysOf = (text: string) =>
    new Set(
      parseName(text).parts.flatMap((p) =>
        [p.form, ...(p.alt === undefined ? [] : [p.alt])].flatMap((form) => [
          ...skeletons(form, p.script),
          europeanKey(form, p.script) ?? '',
        ]),
      ),
    );
  let shared = 0;
  for (const [arabic = '', english = ''] of rows) {
    const a = keysOf(arabic);
    if ([...keysOf(english)].some((k) => k !== '' && a.has(k))) shared++;
  }
  return { pairs: rows.length, sharedKey: ratio(shared, rows.length) };
}

// --- OpenSanctions labelled pairs --------------------------------------------------------

/** A CSV line with quoted fields. */
function csvFields(line: string): string[] {
  const fields: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i]!;
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      fields.push(field);
      field = '';
    } else field += ch;
  }
  fields.push(field);
  return fields;
}

/** The rows of a CSV file with a header, as records by column name. */
function csvRecords(file: string): Record<string, string>[] {
  const [header = '', ...lines] = readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '');
  const columns = csvFields(header);
  return lines.map((line) => {
    const f = csvFields(line);
    return Object.fromEntries(columns.map((c, i) => [c, f[i] ?? '']));
  });
}

interface Tally {
  tp: number;
  fp: number;
  fn: number;
  tn: number;
}
const tally = (): Tally => ({ tp: 0, fp: 0, fn: 0, tn: 0 });
function count(c: Tally, predicted: boolean, truth: boolean): void {
  if (predicted && truth) c.tp++;
  else if (predicted) c.fp++;
  else if (truth) c.fn++;
  else c.tn++;
}
const f1 = (c: Tally) => ratio(2 * c.tp, 2 * c.tp + c.fp + c.fn);

/**
 * OpenSanctions Person pairs. F1 of `match` or `possible` (what a reviewer is shown, as their
 * matcher's threshold 0.7 flags a pair for an analyst: the like-for-like figure, which the target
 * check reads; see docs/names.md) and of `match` alone (the stricter reading: a positive is what
 * this matcher would let a registrar take as the person without review). The pairs
 * are split in two halves by a hash of the second name (the person a variant was made from, so
 * that variants of one person stay together): the rules were tuned looking at the errors of the
 * first half only; the second is held out. Their matcher's F1 on the same pairs and halves is
 * computed from its published scores.
 */
function openSanctionsBench() {
  const dir = join(data, 'external');
  const theirs = new Map<string, boolean>();
  for (const r of csvRecords(join(dir, 'opensanctions-logicv2-scores.csv'))) {
    theirs.set(`${r.case_group}|${r.name1}|${r.name2}`, r.predicted_match === 'true');
  }
  const halves = ['tune', 'heldOut'].map(() => ({ match: tally(), flagged: tally(), theirs: tally() }));
  const all = { match: tally(), flagged: tally(), theirs: tally() };
  for (const r of csvRecords(join(dir, 'opensanctions-name-bench.csv'))) {
    if (r.schema !== 'Person') continue;
    const truth = r.is_match === 'true';
    const { decision } = compareNames(r.name1 ?? '', r.name2 ?? '');
    const half =
      createHash('sha1')
        .update(normaliseName(r.name2 ?? ''))
        .digest()[0]! & 1;
    const their = theirs.get(`${r.case_group}|${r.name1}|${r.name2}`);
    for (const t of [all, halves[half]!]) {
      count(t.match, decision === 'match', truth);
      count(t.flagged, decision !== 'no-match', truth);
      if (their !== undefined) count(t.theirs, their, truth);
    }
  }
  const pairs = (c: Tally) => c.tp + c.fp + c.fn + c.tn;
  const summary = (h: typeof all) => ({
    pairs: pairs(h.match),
    f1: f1(h.match),
    f1MatchOrPossible: f1(h.flagged),
    theirMatcherF1: f1(h.theirs),
  });
  return {
    personPairs: pairs(all.match),
    f1: f1(all.match),
    counts: all.match,
    /** F1 with "possible" counted as flagged too: what a reviewer is shown (the target's figure). */
    f1MatchOrPossible: f1(all.flagged),
    countsMatchOrPossible: all.flagged,
    /** Their matcher (logic-v2, threshold 0.7) on the pairs it has scores for. */
    theirMatcherF1: f1(all.theirs),
    theirMatcherPairs: pairs(all.theirs),
    tuneHalf: summary(halves[0]!),
    heldOutHalf: summary(halves[1]!),
  };
}

// --- Speed at scale ------------------------------------------------------------------------

/** Deterministic 32-bit generator (mulberry32). */
function random(seedValue: number): () => number {
  let a = seedValue >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * People made from the gallery's parts: each synthetic name takes a gallery name as its pattern
 * (script, number of parts) and replaces every part by one of the same role and script, as
 * written in the gallery.
 */
function synthesise(gallery: string[][], count: number, seedValue: number): string[][] {
  const next = random(seedValue);
  const pick = <T>(list: readonly T[]) => list[Math.floor(next() * list.length)]!;
  const pool = new Map<string, string[]>();
  const patterns: { bucket: string; roles: string[] }[] = [];
  for (const [, name = ''] of gallery) {
    const parts = parseName(name).parts;
    if (parts.length === 0) continue;
    const bucket = parts[0]!.script;
    const roles = parts.map((p) => `${bucket}:${p.role}`);
    patterns.push({ bucket, roles });
    parts.forEach((p, i) => {
      const list = pool.get(roles[i]!) ?? [];
      list.push(p.display);
      pool.set(roles[i]!, list);
    });
  }
  const out: string[][] = [];
  for (let i = 0; i < count; i++) {
    const { roles } = pick(patterns);
    out.push([`S${String(i).padStart(7, '0')}`, roles.map((r) => pick(pool.get(r)!)).join(' ')]);
  }
  return out;
}

function timings(run: SearchRun) {
  const { buildMs, p50Ms, p95Ms, heapMB } = run;
  return { buildMs, p50Ms, p95Ms, heapMB };
}

// --- Run -----------------------------------------------------------------------------------

if (!gc) log('(run with --expose-gc for heap figures after a collection)');
log('pairs…');
const pairs = pairsBench();
log(`  match precision ${pairs.matchPrecision}, recall ${pairs.matchRecall}`);

const gallery = readTsv(join(data, 'gallery.tsv'));
const queries = readTsv(join(data, 'queries.tsv'));
log(`search, ${gallery.length} people…`);
gc?.();
let run: SearchRun | null = runSearch(gallery, queries, 10);
const dev = { ...searchAccuracy(run, queries), ...timings(run) };
log(`  ${JSON.stringify(dev)}`);
run = null;

log('Google transliteration pairs…');
const google = googleBench();
log(`  ${JSON.stringify(google)}`);
log('OpenSanctions pairs…');
const openSanctions = openSanctionsBench();
log(`  ${JSON.stringify(openSanctions)}`);

let large: Record<string, unknown> | null = null;
if (!args['skip-large'] && people > gallery.length) {
  log(`synthesising ${people - gallery.length} people (seed ${seed})…`);
  const everyone = [...gallery, ...synthesise(gallery, people - gallery.length, seed)];
  gc?.();
  log(`search, ${everyone.length} people…`);
  const big = runSearch(everyone, queries, 10);
  large = { people: everyone.length, seed, ...timings(big), ...searchAccuracy(big, queries) };
  log(`  ${JSON.stringify(large)}`);
}

const checks = {
  devRecallAt10: dev.recallAt10 >= targets.devRecallAt10,
  devMatchPrecisionPairs: pairs.matchPrecision >= targets.devMatchPrecisionPairs,
  devMatchPrecisionAtRank1: dev.matchPrecisionAtRank1 >= targets.devMatchPrecisionAtRank1,
  devUnregisteredMatchRate: dev.unregisteredMatchRate <= targets.devUnregisteredMatchRateMax,
  googleSharedKey: google.sharedKey >= targets.googleSharedKey,
  // Like for like with their matcher's flag for an analyst: match or possible (docs/names.md).
  openSanctionsPersonF1: openSanctions.f1MatchOrPossible >= targets.openSanctionsPersonF1,
  searchP95At100k: dev.p95Ms < targets.searchP95At100kMsMax,
  ...(large
    ? {
        build1M: (large.buildMs as number) < targets.build1MMsMax,
        heap1M: (large.heapMB as number) < targets.heap1MMBMax,
        searchP95At1M: (large.p95Ms as number) < targets.searchP95At1MMsMax,
      }
    : {}),
};
const result = {
  benchmark: 'names',
  date: new Date().toISOString(),
  machine: machine(),
  command: `node --expose-gc --import tsx bench/names.ts --people ${people} --seed ${seed}`,
  targets,
  checks,
  pairs,
  search100k: dev,
  google,
  openSanctions,
  search1M: large,
};
mkdirSync(join(here, 'results'), { recursive: true });
writeFileSync(join(here, 'results', 'names.json'), `${JSON.stringify(result, null, 2)}\n`);
log(JSON.stringify(checks));
