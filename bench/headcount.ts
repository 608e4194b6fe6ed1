// Benchmark of headcounts at Al Hol scale, on SQLite and PostgreSQL: closing a nominal count of a
// 70,000-person camp with 50 people missing (server time of the close command), and marking people
// present through the HTTP API with 20 guards marking at once.
//
//   node --import tsx bench/headcount.ts [--db sqlite|postgres|both] [--people N] [--missing N]
//        [--rounds N] [--guards N] [--marks-per-guard N] [--pace-ms N]
//
// Writes bench/results/headcount-<db>.json. Temporary databases as bench/ledger.ts makes them.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { v7 as uuid } from 'uuid';
import { systemActor } from '../src/app/access.ts';
import { Custodian } from '../src/app/custodian.ts';
import { CSRF_HEADER, SESSION_COOKIE } from '../src/http/auth.ts';
import { buildServer } from '../src/http/server.ts';
import { createBenchDb, type DbName, databasesOf, latencySummary, loadAverage, machine } from './machine.ts';

const here = dirname(fileURLToPath(import.meta.url));
const actor = systemActor('bench');
const authority = 'Asayish, benchmark';
const { values: args } = parseArgs({
  options: {
    db: { type: 'string', default: 'both' },
    people: { type: 'string', default: '70000' },
    missing: { type: 'string', default: '50' },
    rounds: { type: 'string', default: '5' },
    guards: { type: 'string', default: '20' },
    'marks-per-guard': { type: 'string', default: '150' },
    'pace-ms': { type: 'string', default: '250' },
  },
});
const config = {
  people: Number(args.people),
  missing: Number(args.missing),
  rounds: Number(args.rounds),
  guards: Number(args.guards),
  marksPerGuard: Number(args['marks-per-guard']),
  paceMs: Number(args['pace-ms']),
};
const SECTIONS = 10;
const MARKS_PER_REQUEST = 500;

async function buildCamp(app: Custodian) {
  const { facilityId } = await app.execute(actor, 'registerFacility', {
    code: 'HCB',
    nameEn: 'Headcount benchmark camp',
    nameAr: 'مخيم',
    kind: 'camp',
    location: { lat: 36.378, lon: 41.14 },
    capacity: config.people,
    authority: 'Autonomous Administration of North and East Syria',
  });
  const sections: string[] = [];
  for (let s = 0; s < SECTIONS; s++) {
    const added = await app.execute(actor, 'addSection', {
      facilityId,
      code: `PH${s}`,
      name: `Phase ${s}`,
      capacity: Math.ceil(config.people / SECTIONS) + 100,
      categories: ['woman'],
    });
    sections.push(added.sectionId);
  }
  const people: { personId: string; registrationNumber: string; sectionId: string }[] = [];
  for (let start = 0; start < config.people; start += 1_000) {
    const n = Math.min(1_000, config.people - start);
    const registered = (await app.executeBatch(
      actor,
      Array.from({ length: n }, (_, i) => ({
        command: 'registerPerson' as const,
        input: {
          facilityId,
          identity: {
            names: {
              latin: { given: `Woman${start + i}`, father: 'Hassan', family: `Family${(start + i) % 997}` },
            },
            sex: 'female',
            birthDate: { date: `${1960 + ((start + i) % 40)}-01-01`, estimated: true },
            nationalities: ['SYR'],
          },
        },
      })),
    )) as { personId: string; registrationNumber: string }[];
    const placed = registered.map((p, i) => ({ ...p, sectionId: sections[(start + i) % SECTIONS]! }));
    await app.executeBatch(
      actor,
      placed.map((p) => ({
        command: 'recordCustody' as const,
        input: {
          type: 'admitted',
          personId: p.personId,
          facilityId,
          sectionId: p.sectionId,
          reason: 'arrival',
          authority,
          legalBasis: 'Administrative detention',
          orderingAuthority: 'Camp administration',
        },
      })),
    );
    people.push(...placed);
  }
  return { facilityId, people };
}

type Camp = Awaited<ReturnType<typeof buildCamp>>;

/** Opens a count of the whole camp and marks everyone present but `missing` people, in requests of 500. */
async function countAllBut(app: Custodian, camp: Camp, missing: number) {
  const { headcountId } = await app.execute(actor, 'openHeadcount', {
    facilityId: camp.facilityId,
    kind: 'nominal',
  });
  const present = camp.people.slice(missing);
  for (let i = 0; i < present.length; i += MARKS_PER_REQUEST) {
    await app.execute(actor, 'recordMarks', {
      headcountId,
      marks: present.slice(i, i + MARKS_PER_REQUEST).map((p) => ({
        markId: uuid(),
        sectionId: p.sectionId,
        personId: p.personId,
        method: 'card',
      })),
    });
  }
  return headcountId;
}

async function close(app: Custodian, headcountId: string): Promise<number> {
  const started = performance.now();
  const closed = await app.execute(actor, 'closeHeadcount', { headcountId });
  const ms = performance.now() - started;
  if (closed.discrepancies.missing !== config.missing) {
    throw new Error(`expected ${config.missing} missing, the count found ${closed.discrepancies.missing}`);
  }
  return ms;
}

/**
 * 20 guards marking at once: each marks the people of their own share, one request per person. Paced,
 * each guard sends a mark every `paceMs` (250 ms: four people a second, faster than anyone scans a card
 * or types a number); saturated (pace 0), each sends the next as soon as the answer comes.
 */
async function measureMarking(app: Custodian, camp: Camp, paceMs: number) {
  const server = buildServer(app, { rateLimits: { loginPerMinute: 10_000, searchPerMinute: 10_000 } });
  await server.listen({ port: 0, host: '127.0.0.1' });
  try {
    const address = server.server.address();
    if (address === null || typeof address === 'string') throw new Error('the server has no TCP address');
    const api = `http://127.0.0.1:${address.port}/api/v1`;
    const { headcountId } = await app.execute(actor, 'openHeadcount', {
      facilityId: camp.facilityId,
      kind: 'nominal',
    });
    const password = 'benchmark guard password';
    const guards = [];
    for (let g = 0; g < config.guards; g++) {
      const username = `bench-guard-${paceMs}-${g}`;
      await app.accounts.addUser(actor, { username, role: 'guard', facilities: 'all', password });
      const login = await fetch(`${api}/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username, password }),
      });
      const session = login.headers.getSetCookie().find((c) => c.startsWith(`${SESSION_COOKIE}=`));
      if (login.status !== 200 || session === undefined) throw new Error(`sign-in answered ${login.status}`);
      guards.push({
        'content-type': 'application/json',
        cookie: session.split(';')[0]!,
        [CSRF_HEADER]: ((await login.json()) as { csrfToken: string }).csrfToken,
      });
    }
    const samples: number[] = [];
    const url = `${api}/headcounts/${headcountId}/marks`;
    const started = performance.now();
    await Promise.all(
      guards.map(async (headers, g) => {
        // Guards start spread over one pace, as they would.
        await sleep((paceMs * g) / guards.length);
        for (let k = 0; k < config.marksPerGuard; k++) {
          const due = performance.now() + paceMs;
          const p = camp.people[g * config.marksPerGuard + k]!;
          const body = JSON.stringify({
            marks: [
              {
                markId: uuid(),
                sectionId: p.sectionId,
                registrationNumber: p.registrationNumber,
                method: 'registration-number',
              },
            ],
          });
          const t = performance.now();
          const response = await fetch(url, { method: 'POST', headers, body });
          const answer = (await response.json()) as { results?: { outcome: string }[] };
          samples.push(performance.now() - t);
          if (response.status !== 200 || answer.results?.[0]?.outcome !== 'counted') {
            throw new Error(`POST marks answered ${response.status}: ${JSON.stringify(answer)}`);
          }
          await sleep(due - performance.now());
        }
      }),
    );
    const wallMs = performance.now() - started;
    return {
      request: 'POST /api/v1/headcounts/:id/marks, one person by registration number per request',
      client:
        paceMs > 0
          ? `${config.guards} guards signed in, each sending one mark every ${paceMs} ms (or when the answer comes, if later)`
          : `${config.guards} guards signed in, each sending the next mark as soon as the answer comes (saturated)`,
      ...latencySummary(samples),
      marksPerSecond: Math.round((samples.length / wallMs) * 1000),
    };
  } finally {
    await server.close();
  }
}

async function run(name: DbName) {
  const loadAtStart = loadAverage();
  const db = await createBenchDb(name, 'headcount');
  let app = await Custodian.open(db.options);
  try {
    const t0 = performance.now();
    const camp = await buildCamp(app);
    const buildMs = performance.now() - t0;
    const closeMs: number[] = [];
    for (let r = 0; r < config.rounds; r++)
      closeMs.push(await close(app, await countAllBut(app, camp, config.missing)));
    // After a restart the count's memory is read again from the database: the first close pays for it.
    const headcountId = await countAllBut(app, camp, config.missing);
    await app.close();
    app = await Custodian.open(db.options);
    const closeAfterRestartMs = await close(app, headcountId);
    const marking = await measureMarking(app, camp, config.paceMs);
    const saturated = await measureMarking(app, camp, 0);
    const check = await app.verify();
    if (!check.ok) throw new Error(`verify: ${check.problems.join('; ')}`);
    const sorted = [...closeMs].sort((a, b) => a - b);
    const result = {
      benchmark: 'headcount',
      database: name,
      at: new Date().toISOString(),
      machine: machine(loadAtStart),
      camp: { people: config.people, sections: SECTIONS, buildSeconds: Math.round(buildMs / 100) / 10 },
      close: {
        what: `closeHeadcount of a nominal count of the whole camp, ${config.people - config.missing} marked present, ${config.missing} missing; server time (the command, in process)`,
        rounds: config.rounds,
        medianMs: round(sorted[Math.floor(sorted.length / 2)]!),
        maxMs: round(sorted[sorted.length - 1]!),
        allMs: closeMs.map(round),
        afterRestartMs: round(closeAfterRestartMs),
        targetMs: 50,
      },
      marking: { ...marking, targetP99Ms: 20 },
      markingSaturated: saturated,
    };
    mkdirSync(join(here, 'results'), { recursive: true });
    writeFileSync(join(here, 'results', `headcount-${name}.json`), `${JSON.stringify(result, null, 2)}\n`);
    console.log(JSON.stringify(result, null, 2));
  } finally {
    await app.close();
    await db.drop();
  }
}

const round = (ms: number) => Math.round(ms * 100) / 100;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)));

for (const name of databasesOf(args.db)) await run(name);
