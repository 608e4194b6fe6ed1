// What every benchmark records beside its figures: the machine and how busy it was, and which
// databases to run on (`--db sqlite|postgres|both`, PostgreSQL only on 127.0.0.1).
import { cpus, freemem, loadavg, totalmem } from 'node:os';

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
