// What every benchmark records beside its figures: the machine and how busy it was, and which
// databases to run on (`--db sqlite|postgres|both`, PostgreSQL only on 127.0.0.1).
import { existsSync, mkdirSync, readdirSync, rmdirSync, rmSync } from 'node:fs';
import { cpus, freemem, loadavg, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';

export type DbName = 'sqlite' | 'postgres';

const load = () => loadavg().map((x) => Math.round(x * 100) / 100);

/** The machine now; pass the load average taken at the start to record both ends of a long run. */
export function machine(loadAverageAtStart?: number[]) {
  return {
    cores: cpus().length,
    cpu: cpus()[0]?.model.trim() ?? 'unknown',
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    freeMemoryGiB: Math.round(freemem() / 2 ** 30),
    node: process.version,
    platform: `${process.platform} ${process.arch}`,
    ...(loadAverageAtStart ? { loadAverageAtStart, loadAverageAtEnd: load() } : { loadAverage: load() }),
  };
}

export const loadAverage = load;

export function databasesOf(arg: string | undefined): DbName[] {
  const dbs: DbName[] =
    arg === 'both' ? ['sqlite', 'postgres'] : arg === 'sqlite' || arg === 'postgres' ? [arg] : [];
  if (dbs.length === 0) throw new Error(`--db must be sqlite, postgres or both, not ${arg}`);
  return dbs;
}

/** The PostgreSQL server benchmarks create their databases on: CUSTODIAN_BENCH_PG_URL, local only. */
export function pgAdminUrl(dbs: readonly DbName[]): string {
  const url = process.env.CUSTODIAN_BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  if (dbs.includes('postgres') && new URL(url).hostname !== '127.0.0.1') {
    throw new Error(`the benchmark only talks to 127.0.0.1, not to ${new URL(url).hostname}`);
  }
  return url;
}

const tmpRoot = join(dirname(fileURLToPath(import.meta.url)), 'tmp');
let sequence = 0;

export interface BenchDb {
  options: { db: string; keyFile: string };
  drop(): Promise<void>;
}

async function adminQuery(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: pgAdminUrl(['postgres']) });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/** An empty database for one run: a file under bench/tmp/, or a PostgreSQL database custodian_bench_*. */
export async function createBenchDb(name: DbName, label: string): Promise<BenchDb> {
  const dir = join(tmpRoot, `${label}-${process.pid}-${++sequence}`);
  mkdirSync(dir, { recursive: true });
  const keyFile = join(dir, 'node-key.pem');
  if (name === 'sqlite') {
    return {
      options: { db: join(dir, `${label}.db`), keyFile },
      drop: async () => rmSync(dir, { recursive: true, force: true }),
    };
  }
  const database = `custodian_bench_${label}_${process.pid}_${sequence}`;
  await adminQuery(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
  await adminQuery(`CREATE DATABASE ${database}`);
  const url = new URL(pgAdminUrl(['postgres']));
  url.pathname = `/${database}`;
  return {
    options: { db: url.toString(), keyFile },
    async drop() {
      await adminQuery(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** bench/tmp may hold other benchmarks' files: removed only when nothing is left in it. */
export function removeTmpIfEmpty(): void {
  if (existsSync(tmpRoot) && readdirSync(tmpRoot).length === 0) rmdirSync(tmpRoot);
}

function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

/** Latency samples (ms) as percentiles. */
export function latencySummary(samples: number[]) {
  const sorted = [...samples].sort((a, b) => a - b);
  const round = (x: number) => Math.round(x * 1000) / 1000;
  return {
    count: sorted.length,
    p50Ms: round(percentile(sorted, 50)),
    p90Ms: round(percentile(sorted, 90)),
    p99Ms: round(percentile(sorted, 99)),
    maxMs: round(sorted[sorted.length - 1] ?? Number.NaN),
    meanMs: round(sorted.reduce((s, x) => s + x, 0) / sorted.length),
  };
}
