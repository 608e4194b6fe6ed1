// Benchmark of the demo scenario: `custodian demo` at full scale on a fresh SQLite file and a fresh
// PostgreSQL database, run as a user runs it (bin/custodian, a new process each time), several times
// each; the median against the target of 60 s. Then `custodian verify` of the last build of each.
//
//   node --import tsx bench/demo.ts [--db sqlite|postgres|both] [--runs 3] [--scale 1]
//
// Writes bench/results/demo.json. Temporary databases live under bench/tmp/ (SQLite) or in a database
// named custodian_bench_demo_* (PostgreSQL, on CUSTODIAN_BENCH_PG_URL or the local server) and are
// removed after each run. All traffic stays on 127.0.0.1.
import { spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import {
  type BenchDb,
  createBenchDb,
  type DbName,
  databasesOf,
  loadAverage,
  machine,
  pgAdminUrl,
  removeTmpIfEmpty,
} from './machine.ts';

const here = dirname(fileURLToPath(import.meta.url));
const bin = join(here, '..', 'bin', 'custodian');
const resultsDir = join(here, 'results');
const TARGET_SECONDS = 60;

const { values: args } = parseArgs({
  options: {
    db: { type: 'string', default: 'both' },
    runs: { type: 'string', default: '3' },
    scale: { type: 'string', default: '1' },
  },
});
const runs = Number(args.runs);
const scale = Number(args.scale);
if (!Number.isInteger(runs) || runs < 1)
  throw new Error(`--runs must be a positive integer, not ${args.runs}`);
if (!(scale > 0)) throw new Error(`--scale must be a positive number, not ${args.scale}`);
const dbs = databasesOf(args.db);
pgAdminUrl(dbs);

const log = (message: string) => console.log(`[${new Date().toISOString().slice(11, 19)}] ${message}`);
const round = (x: number) => Math.round(x * 1000) / 1000;
const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 === 1 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};

/** Runs bin/custodian with these arguments; answers its output and how long it took, start to exit. */
function custodian(target: BenchDb, ...rest: string[]): Promise<{ stdout: string; seconds: number }> {
  const started = performance.now();
  const child = spawn(
    process.execPath,
    [bin, '--db', target.options.db, '--key', target.options.keyFile, ...rest],
    {
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  let stdout = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    stdout += chunk;
  });
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code) => {
      const seconds = (performance.now() - started) / 1000;
      if (code === 0) resolve({ stdout, seconds });
      else reject(new Error(`custodian ${rest.join(' ')} exited with ${code}:\n${stdout}`));
    });
  });
}

async function run(name: DbName) {
  const startLoad = loadAverage();
  const samples: { wallSeconds: number; buildSeconds: number }[] = [];
  let counts = { facilities: 0, persons: 0, events: 0 };
  let verify: { seconds: number; ok: boolean } | undefined;
  for (let i = 1; i <= runs; i++) {
    const target = await createBenchDb(name, 'demo');
    try {
      const built = await custodian(
        target,
        'demo',
        '--scale',
        String(scale),
        '--seed',
        '1',
        '--demo-password',
        'benchmark-demo-password',
      );
      // "Demo built in 23.4 s: 8 facilities, 74058 people, 226139 events."
      const m = /Demo built in ([\d.]+) s: (\d+) facilities, (\d+) people, (\d+) events/.exec(built.stdout);
      if (m === null) throw new Error(`unexpected output of custodian demo:\n${built.stdout}`);
      counts = { facilities: Number(m[2]), persons: Number(m[3]), events: Number(m[4]) };
      samples.push({ wallSeconds: round(built.seconds), buildSeconds: Number(m[1]) });
      log(
        `${name} run ${i}/${runs}: ${round(built.seconds)} s (build ${m[1]} s), ${m[3]} people, ${m[4]} events`,
      );
      if (i === runs) {
        const checked = await custodian(target, 'verify');
        verify = { seconds: round(checked.seconds), ok: /Nothing was altered/.test(checked.stdout) };
        log(`${name} verify: ${verify.seconds} s, ${verify.ok ? 'ok' : 'FAILED'}`);
      }
    } finally {
      await target.drop();
    }
  }
  const medianWall = round(median(samples.map((s) => s.wallSeconds)));
  return {
    settings:
      name === 'sqlite'
        ? 'better-sqlite3, WAL, synchronous=FULL, file under bench/tmp'
        : 'PostgreSQL on 127.0.0.1, default server settings',
    loadAverageAtStart: startLoad,
    loadAverageAtEnd: loadAverage(),
    runs: samples,
    medianWallSeconds: medianWall,
    medianBuildSeconds: round(median(samples.map((s) => s.buildSeconds))),
    ...counts,
    verify,
    target: {
      target: `custodian demo at scale ${scale} in under ${TARGET_SECONDS} s (median wall time, process start to exit)`,
      measured: medianWall,
      pass: medianWall < TARGET_SECONDS,
    },
  };
}

const results: Partial<Record<DbName, Awaited<ReturnType<typeof run>>>> = {};
for (const name of dbs) results[name] = await run(name);
const result = {
  benchmark: 'demo',
  date: new Date().toISOString(),
  machine: machine(),
  command: `bin/custodian --db <fresh> demo --scale ${scale} --seed 1 --demo-password <given>`,
  config: { scale, seed: 1, runs },
  databases: results,
  allTargetsPass: Object.values(results).every((r) => r.target.pass && r.verify?.ok === true),
};
mkdirSync(resultsDir, { recursive: true });
const file = join(resultsDir, 'demo.json');
writeFileSync(file, `${JSON.stringify(result, null, 2)}\n`);
log(`written to ${file}`);
for (const [name, r] of Object.entries(results)) {
  log(`  ${r.target.pass ? 'PASS' : 'FAIL'}  ${name}: ${r.target.target}: ${r.target.measured} s`);
}
removeTmpIfEmpty();
