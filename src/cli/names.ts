// `custodian names compare` and `custodian names search`: the name matcher on TSV files, with no
// database. Tools outside the project read their output, so its shape is fixed: a header line,
// then one line per input pair (compare) or per result (search), tab-separated.
import { readFileSync } from 'node:fs';
import { type Command, InvalidArgumentError } from 'commander';
import { NameIndex, type SearchResult } from '../names/name-index.ts';
import { compareNames } from '../names/score.ts';

/** The rows of a TSV file after its header line; empty lines are skipped. */
export function readTsv(file: string): string[][] {
  const lines = readFileSync(file, 'utf8').split(/\r?\n/);
  return lines
    .slice(1)
    .filter((line) => line.trim() !== '')
    .map((line) => line.split('\t'));
}

export interface SearchRun {
  /** Results of each query, in the order of the queries. */
  results: { qid: string; results: SearchResult[] }[];
  buildMs: number;
  p50Ms: number;
  p95Ms: number;
  heapMB: number;
}

/**
 * Index a gallery (`[id, name]` rows) the way the server indexes the registry, then run every
 * query (`[qid, query, ...]` rows), timing each.
 */
export function runSearch(gallery: string[][], queries: string[][], top: number): SearchRun {
  const started = performance.now();
  const index = new NameIndex();
  for (const [id, name] of gallery) {
    if (id !== undefined && name !== undefined) index.add({ id, names: [name] });
  }
  index.warm();
  const buildMs = performance.now() - started;
  // The heap the index holds (with `node --expose-gc`, after a collection; else with the garbage
  // of building it).
  (globalThis as { gc?: () => void }).gc?.();
  const heapMB = Math.round(process.memoryUsage().heapUsed / 1e6);
  const times: number[] = [];
  const results = queries.map(([qid = '', query = '']) => {
    const t = performance.now();
    const found = index.search(query, { limit: top });
    times.push(performance.now() - t);
    return { qid, results: found };
  });
  times.sort((a, b) => a - b);
  const quantile = (q: number) =>
    times.length ? times[Math.min(times.length - 1, Math.floor(q * times.length))]! : 0;
  return {
    results,
    buildMs: Math.round(buildMs),
    p50Ms: round(quantile(0.5)),
    p95Ms: round(quantile(0.95)),
    heapMB,
  };
}

const round = (x: number) => Math.round(x * 100) / 100;

const positive = (value: string) => {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError('--top must be a positive integer');
  return n;
};

/** The `names` command group. */
export function namesCommand(program: Command): void {
  const names = program
    .command('names')
    .description('The name matcher on TSV files (no database): compare pairs, search a gallery');
  names
    .command('compare')
    .description('Score name pairs: FILE is a TSV with a header whose first two columns are two names')
    .requiredOption('--pairs <file>', 'TSV of name pairs')
    .action((opts: { pairs: string }) => {
      const out = ['score\tdecision'];
      for (const [a = '', b = ''] of readTsv(opts.pairs)) {
        const { score, decision } = compareNames(a, b);
        out.push(`${score}\t${decision}`);
      }
      process.stdout.write(`${out.join('\n')}\n`);
    });
  names
    .command('search')
    .description('Index a gallery (id, name) and run queries (qid, query, ...); timings as JSON on stderr')
    .requiredOption('--gallery <file>', 'TSV: id, name')
    .requiredOption('--queries <file>', 'TSV: qid, query[, ...]')
    .option('--top <n>', 'results per query', positive, 10)
    .action((opts: { gallery: string; queries: string; top: number }) => {
      const run = runSearch(readTsv(opts.gallery), readTsv(opts.queries), opts.top);
      const out = ['qid\trank\tid\tscore\tdecision'];
      for (const { qid, results } of run.results) {
        results.forEach((r, i) => {
          out.push(`${qid}\t${i + 1}\t${r.id}\t${r.score}\t${r.decision}`);
        });
      }
      process.stdout.write(`${out.join('\n')}\n`);
      const { buildMs, p50Ms, p95Ms, heapMB } = run;
      process.stderr.write(`${JSON.stringify({ buildMs, p50Ms, p95Ms, heapMB })}\n`);
    });
}
