// Benchmark of the ledger on SQLite and PostgreSQL: single-command latency through the HTTP API,
// batch append throughput (the import path), and verify of a ledger of a million events.
//
//   node --import tsx bench/ledger.ts [--db sqlite|postgres|both] [--events N] [--batch-events N]
//        [--batch-runs N] [--requests N] [--warmup N] [--commands-per-transaction N] [--max-minutes M] [--only batch]
//
// `--only batch` measures the batch append alone (then verifies what it wrote) and prints the figure
// without writing the results file: for trying a change to the write path.
//
// Defaults: both databases, 3,000 requests after 300 of warm-up, 100,000 events of batch append (after
// 10,000 of warm-up) in transactions of 1,000 commands, verify at 1,000,000 events. Building stops at
// --max-minutes per database (default 30), and verify then runs on what was built.
//
// Before the figures, it measures what the issue quotes as this machine's limits (fsyncs a second,
// raw batched inserts of event-shaped rows into the same database, SHA-256 chain links a second), so
// that figures taken on different machines can be compared.
//
// Writes bench/results/ledger-<db>.json. Temporary databases live under bench/tmp/ (SQLite) or in a
// database named custodian_bench_* (PostgreSQL, on CUSTODIAN_BENCH_PG_URL or the local server) and are
// removed at the end. All traffic stays on 127.0.0.1.
import { createHash } from 'node:crypto';
import { closeSync, fdatasyncSync, mkdirSync, openSync, writeFileSync, writeSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import SQLite from 'better-sqlite3';
import pg from 'pg';
import { systemActor } from '../src/app/access.ts';
import type { CommandName } from '../src/app/commands/index.ts';
import { Custodian } from '../src/app/custodian.ts';
import type { VerifyReport } from '../src/app/verify.ts';
import { CSRF_HEADER, SESSION_COOKIE } from '../src/http/auth.ts';
import { buildServer } from '../src/http/server.ts';
import { type ChainHead, checkLink } from '../src/ledger/event.ts';
import {
  createBenchDb,
  type DbName,
  databasesOf,
  latencySummary,
  loadAverage,
  machine,
  pgAdminUrl,
  removeTmpIfEmpty,
} from './machine.ts';

const here = dirname(fileURLToPath(import.meta.url));
const resultsDir = join(here, 'results');
const actor = systemActor('bench');
const authority = 'Asayish, benchmark';

const { values: args } = parseArgs({
  options: {
    db: { type: 'string', default: 'both' },
    events: { type: 'string', default: '1000000' },
    'batch-events': { type: 'string', default: '100000' },
    'batch-runs': { type: 'string', default: '3' },
    requests: { type: 'string', default: '3000' },
    warmup: { type: 'string', default: '300' },
    'commands-per-transaction': { type: 'string', default: '1000' },
    'max-minutes': { type: 'string', default: '30' },
    only: { type: 'string' },
  },
});

const positive = (name: string, value: string | undefined): number => {
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0) throw new Error(`--${name} must be a positive integer, not ${value}`);
  return n;
};
const config = {
  totalEvents: positive('events', args.events),
  batchEvents: positive('batch-events', args['batch-events']),
  batchRuns: positive('batch-runs', args['batch-runs']),
  requests: positive('requests', args.requests),
  warmup: positive('warmup', args.warmup),
  commandsPerTransaction: positive('commands-per-transaction', args['commands-per-transaction']),
  maxMinutes: positive('max-minutes', args['max-minutes']),
};
config.batchEvents = Math.min(config.batchEvents, config.totalEvents);
if (args.only !== undefined && args.only !== 'batch')
  throw new Error(`--only must be batch, not ${args.only}`);
const dbs = databasesOf(args.db);
pgAdminUrl(dbs);

/** Events appended, and not counted, before the batch append is measured. */
const BATCH_WARMUP_EVENTS = 10_000;

const targets = {
  httpP50Ms: 2,
  httpP99Ms: 10,
  batchEventsPerSecond: 30_000,
  chainAndSignaturesPerSecond: 300_000,
  verifySeconds: 60,
};

// ---------------------------------------------------------------------------------------------
// A small world: facilities with two sections each that hold women, girls and boys

interface Facility {
  id: string;
  sections: [string, string];
}

async function buildFacilities(app: Custodian, count: number): Promise<Facility[]> {
  const facilities: Facility[] = [];
  for (let i = 1; i <= count; i++) {
    const { facilityId } = await app.execute(actor, 'registerFacility', {
      code: `BN${String.fromCharCode(64 + i)}`,
      nameEn: `Benchmark camp ${i}`,
      nameAr: `مخيم ${i}`,
      kind: 'camp',
      location: { lat: 36 + i / 100, lon: 41 + i / 100 },
      capacity: 1_000_000,
      authority: 'Autonomous Administration of North and East Syria',
    });
    const sections: string[] = [];
    for (const code of ['A', 'B']) {
      const { sectionId } = await app.execute(actor, 'addSection', {
        facilityId,
        code,
        name: `Phase ${code}`,
        capacity: 1_000_000,
        categories: ['woman', 'girl', 'boy'],
      });
      sections.push(sectionId);
    }
    facilities.push({ id: facilityId, sections: sections as [string, string] });
  }
  return facilities;
}

const givenNames = ['Fatima', 'Aisha', 'Maryam', 'Khadija', 'Zainab', 'Amina', 'Hanan', 'Layla', 'Noor'];
const familyNames = ['Al-Douri', 'Al-Jubouri', 'Hassan', 'Al-Obeidi', 'Khalil', 'Mahmoud', 'Saleh'];

function identity(n: number) {
  return {
    names: {
      latin: {
        given: givenNames[n % givenNames.length]!,
        father: givenNames[(n >> 3) % givenNames.length]!,
        family: familyNames[(n >> 5) % familyNames.length]!,
      },
    },
    sex: 'female',
    birthDate: { date: `${1960 + (n % 40)}-0${1 + (n % 9)}-1${n % 10}`, estimated: n % 3 === 0 },
    nationalities: ['IRQ'],
    lastResidence: 'Mosul',
  };
}

// ---------------------------------------------------------------------------------------------
// Statistics

const seconds = (ms: number) => Math.round(ms) / 1000;
const rate = (count: number, ms: number) => Math.round((count * 1000) / ms);
const log = (message: string) => process.stderr.write(`[bench:ledger] ${message}\n`);

// ---------------------------------------------------------------------------------------------
// a. One command at a time through the HTTP API

async function measureHttp(name: DbName) {
  const db = await createBenchDb(name, 'ledger');
  const app = await Custodian.open(db.options);
  const server = buildServer(app);
  try {
    const [facility] = await buildFacilities(app, 1);
    const { personId } = await app.execute(actor, 'registerPerson', {
      facilityId: facility!.id,
      identity: identity(1),
    });
    await app.execute(actor, 'recordCustody', {
      type: 'admitted',
      personId,
      facilityId: facility!.id,
      sectionId: facility!.sections[0],
      reason: 'arrival from Baghuz',
      authority,
      legalBasis: 'Administrative detention pending repatriation',
      orderingAuthority: 'Camp administration',
    });
    await server.listen({ port: 0, host: '127.0.0.1' });
    const address = server.server.address();
    if (address === null || typeof address === 'string') throw new Error('the server has no TCP address');
    const api = `http://127.0.0.1:${address.port}/api/v1`;
    const url = `${api}/persons/${personId}/custody-events`;
    // A guard signed in as the web app is: the session cookie, and its CSRF token on every POST.
    const password = 'benchmark guard password';
    await app.accounts.addUser(actor, {
      username: 'bench-guard',
      role: 'guard',
      facilities: 'all',
      password,
    });
    const login = await fetch(`${api}/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'bench-guard', password }),
    });
    const session = login.headers.getSetCookie().find((c) => c.startsWith(`${SESSION_COOKIE}=`));
    if (login.status !== 200 || session === undefined) throw new Error(`sign-in answered ${login.status}`);
    const headers = {
      'content-type': 'application/json',
      cookie: session.split(';')[0]!,
      [CSRF_HEADER]: ((await login.json()) as { csrfToken: string }).csrfToken,
    };

    let n = 0;
    const move = async (): Promise<number> => {
      const body = JSON.stringify({
        type: 'moved',
        sectionId: facility!.sections[++n % 2],
        reason: 'moved for the headcount of the day',
        authority,
      });
      const started = performance.now();
      const response = await fetch(url, { method: 'POST', headers, body });
      const answer = (await response.json()) as { status?: string };
      const elapsed = performance.now() - started;
      if (response.status !== 201 || answer.status !== 'in-custody') {
        throw new Error(`POST ${url} answered ${response.status}: ${JSON.stringify(answer)}`);
      }
      return elapsed;
    };
    for (let i = 0; i < config.warmup; i++) await move();
    const samples: number[] = [];
    const started = performance.now();
    for (let i = 0; i < config.requests; i++) samples.push(await move());
    const wallMs = performance.now() - started;

    // The same command without HTTP, to tell the API's share from the ledger's.
    const inProcess: number[] = [];
    for (let i = 0; i < Math.min(1000, config.requests); i++) {
      const t = performance.now();
      await app.execute(actor, 'recordCustody', {
        type: 'moved',
        personId,
        sectionId: facility!.sections[++n % 2],
        reason: 'moved for the headcount of the day',
        authority,
      });
      inProcess.push(performance.now() - t);
    }
    const check = await app.verify();
    if (!check.ok) throw new Error(`verify after the HTTP run: ${check.problems.join('; ')}`);
    return {
      command: 'POST /api/v1/persons/:personId/custody-events (recordCustody moved, alternating sections)',
      client: 'global fetch, keep-alive, sequential, one request in flight, signed in with a session cookie',
      warmupRequests: config.warmup,
      ...latencySummary(samples),
      requestsPerSecond: rate(samples.length, wallMs),
      inProcessExecute: latencySummary(inProcess),
    };
  } finally {
    await server.close();
    await app.close();
    await db.drop();
  }
}

// ---------------------------------------------------------------------------------------------
// b. and c. Batch append (registrations, admissions, moves) up to N events, then verify

/**
 * Transaction k registers a group of people and admits and twice moves the group registered by
 * transaction k-1: one event per command, about half of them custody events.
 */
interface Workload {
  facilities: Facility[];
  registered: number;
  /** People registered by the last transaction, to be admitted and moved by the next. */
  waiting: { personId: string; facility: Facility }[];
  clock: number;
}

const newWorkload = (facilities: Facility[]): Workload => ({
  facilities,
  registered: 0,
  waiting: [],
  clock: Date.now() - 365 * 24 * 3600_000,
});

async function buildLedger(app: Custodian, workload: Workload, totalEvents: number, deadline: number) {
  const { facilities } = workload;
  const perTransaction = config.commandsPerTransaction;
  const groupSize = Math.max(1, Math.floor(perTransaction / 4));
  const initial = Number((await app.query(actor, 'ledgerHead', {})).events);
  let events = initial;
  const at = () => {
    workload.clock += 1000;
    return new Date(workload.clock).toISOString();
  };
  const checkpoints: { events: number; ms: number }[] = [];
  const started = performance.now();
  let transactions = 0;
  let stoppedEarly = false;

  while (events < totalEvents) {
    if (Date.now() > deadline) {
      stoppedEarly = true;
      break;
    }
    const room = totalEvents - events;
    const items: { command: CommandName; input: unknown }[] = [];
    const admitting = workload.waiting.slice(0, Math.floor(room / 3));
    workload.waiting = workload.waiting.slice(admitting.length);
    for (const { personId, facility } of admitting) {
      items.push({
        command: 'recordCustody',
        input: {
          type: 'admitted',
          personId,
          facilityId: facility.id,
          sectionId: facility.sections[0],
          occurredAt: at(),
          reason: 'arrival from Baghuz',
          authority,
          legalBasis: 'Administrative detention pending repatriation',
          orderingAuthority: 'Camp administration',
          property: [{ item: 'mobile phone', quantity: 1 }],
        },
      });
    }
    for (const section of [1, 0] as const) {
      for (const { personId, facility } of admitting) {
        items.push({
          command: 'recordCustody',
          input: {
            type: 'moved',
            personId,
            sectionId: facility.sections[section],
            occurredAt: at(),
            reason: 'moved after the headcount',
            authority,
          },
        });
      }
    }
    const registering = Math.max(0, Math.min(groupSize, room - items.length - 0));
    const registeredAt: Facility[] = [];
    for (let i = 0; i < registering; i++) {
      const facility = facilities[(workload.registered + i) % facilities.length]!;
      registeredAt.push(facility);
      items.push({
        command: 'registerPerson',
        input: { facilityId: facility.id, identity: identity(workload.registered + i) },
      });
    }
    if (items.length === 0) break;
    const results = await app.executeBatch(actor, items);
    transactions++;
    const newPeople = results.slice(items.length - registering) as { personId: string }[];
    workload.waiting.push(...newPeople.map((r, i) => ({ personId: r.personId, facility: registeredAt[i]! })));
    workload.registered += registering;
    events += items.length;
    const last = checkpoints[checkpoints.length - 1]?.events ?? initial;
    if (events - last >= 100_000 || events >= totalEvents) {
      const ms = performance.now() - started;
      checkpoints.push({ events, ms });
      log(
        `  ${events.toLocaleString('en')} events, ${rate(events - initial, ms).toLocaleString('en')} events/s`,
      );
    }
  }
  return {
    events,
    appended: events - initial,
    transactions,
    ms: performance.now() - started,
    checkpoints,
    stoppedEarly,
  };
}

/** The hash chain alone, as verify checks it: re-hash every event and check its link, page by page. */
async function measureChainOnly(app: Custodian) {
  const page = 10_000;
  let after = 0;
  let events = 0;
  let checkMs = 0;
  const heads = new Map<string, ChainHead>();
  for (;;) {
    const rows = await app.store.db
      .selectFrom('events')
      .selectAll()
      .where('position', '>', after)
      .orderBy('position')
      .limit(page)
      .execute();
    if (rows.length === 0) break;
    const t = performance.now();
    for (const e of rows) {
      const broken = checkLink(heads.get(e.origin), e);
      if (broken !== null) throw new Error(`chain broken at ${e.id}: ${broken.kind}`);
      heads.set(e.origin, { origin: e.origin, originSeq: e.originSeq, hash: e.hash });
    }
    checkMs += performance.now() - t;
    events += rows.length;
    after = rows[rows.length - 1]!.position;
  }
  return { events, ms: checkMs, rate: rate(events, checkMs) };
}

async function measureBatchAndVerify(name: DbName, deadline: number) {
  const db = await createBenchDb(name, 'ledger');
  let app = await Custodian.open(db.options);
  try {
    const workload = newWorkload(await buildFacilities(app, 4));
    // A warm-up (compiled code, caches), then the measured batches.
    const warmup = await buildLedger(app, workload, BATCH_WARMUP_EVENTS, deadline);
    // Measured --batch-runs times in a row (the machine is shared: the median is the figure).
    const runs = [];
    let events = warmup.events;
    let stoppedEarly = false;
    for (let run = 1; run <= config.batchRuns; run++) {
      log(`${name}: batch append of ${config.batchEvents.toLocaleString('en')} events, run ${run}`);
      const cpu = process.cpuUsage();
      const batch = await buildLedger(app, workload, events + config.batchEvents, deadline);
      const { user, system } = process.cpuUsage(cpu);
      events = batch.events;
      stoppedEarly ||= batch.stoppedEarly;
      runs.push({
        events: batch.appended,
        transactions: batch.transactions,
        seconds: seconds(batch.ms),
        eventsPerSecond: rate(batch.appended, batch.ms),
        /** CPU time of this process (user and system) meanwhile: the rest of the wall time is waiting. */
        processCpuSeconds: seconds((user + system) / 1000),
        loadAverage: loadAverage(),
      });
      const last = runs[runs.length - 1]!;
      log(
        `${name}: batch ${last.eventsPerSecond.toLocaleString('en')} events/s ` +
          `(${last.seconds} s, ${last.processCpuSeconds} s of CPU in this process)`,
      );
    }
    const median = [...runs].sort((a, b) => a.eventsPerSecond - b.eventsPerSecond)[(runs.length - 1) >> 1]!;
    const batchResult = {
      workload:
        'executeBatch: registerPerson, recordCustody admitted, recordCustody moved x2 (one event each), ' +
        'with every projection and a signed checkpoint every 1,000 events',
      commandsPerTransaction: config.commandsPerTransaction,
      warmupEvents: warmup.appended,
      events: median.events,
      transactions: median.transactions,
      seconds: median.seconds,
      eventsPerSecond: median.eventsPerSecond,
      processCpuSeconds: median.processCpuSeconds,
      figure: `the median of ${runs.length} runs of ${config.batchEvents.toLocaleString('en')} events in a row`,
      runs,
    };
    log(`${name}: batch median ${batchResult.eventsPerSecond.toLocaleString('en')} events/s`);
    if (args.only === 'batch') {
      const check = await app.verify();
      if (!check.ok) throw new Error(`verify after the batch: ${check.problems.slice(0, 5).join('; ')}`);
      return null;
    }

    log(`${name}: building the ledger to ${config.totalEvents.toLocaleString('en')} events`);
    const build = await buildLedger(app, workload, config.totalEvents, deadline);
    await app.checkpoint();
    // Verify starts cold with respect to the application: a fresh process would open the store anew.
    await app.close();
    app = await Custodian.open(db.options);
    const totalEvents = Number((await app.query(actor, 'ledgerHead', {})).events);
    const chain = await measureChainOnly(app);
    log(`${name}: hash chain alone ${chain.rate.toLocaleString('en')} events/s`);
    log(`${name}: verify of ${totalEvents.toLocaleString('en')} events`);
    const t = performance.now();
    const report: VerifyReport = await app.verify();
    const verifyMs = performance.now() - t;
    if (!report.ok) throw new Error(`verify found problems: ${report.problems.slice(0, 5).join('; ')}`);
    log(`${name}: verify ${seconds(verifyMs)} s`);
    const timings = report.timings;
    const chainAndSignaturesMs = timings.chainMs + timings.signaturesMs;
    return {
      batch: batchResult,
      build: {
        events: totalEvents,
        appendedInThisPhase: build.appended,
        seconds: seconds(build.ms),
        eventsPerSecond: rate(build.appended, build.ms),
        progress: build.checkpoints.map((c) => ({ events: c.events, seconds: seconds(c.ms) })),
        stoppedAtTimeLimit: stoppedEarly || build.stoppedEarly,
      },
      verify: {
        events: report.events,
        checkpoints: report.checkpoints,
        projectionRows: report.projectionRows,
        seconds: seconds(verifyMs),
        eventsPerSecond: rate(report.events, verifyMs),
        timingsMs: timings,
        chainAndSignaturesEventsPerSecond: rate(report.events, chainAndSignaturesMs),
        hashChainOnly: {
          what: 're-hash every event and check its link, in memory, pages read from the database not counted',
          events: chain.events,
          seconds: seconds(chain.ms),
          eventsPerSecond: rate(chain.events, chain.ms),
        },
      },
    };
  } finally {
    await app.close();
    await db.drop();
  }
}

// ---------------------------------------------------------------------------------------------
// The machine's limits, as the issue quotes them for the machine its targets were set on

/** The issue's figures for the machine its targets were set on. */
const referenceLimits = {
  fsyncsPerSecond: 4_500,
  rawInsertRowsPerSecond: [50_000, 65_000],
  sha256ChainPerSecond: 800_000,
};
const RAW_ROWS = 50_000;
const RAW_ROWS_PER_TRANSACTION = 1_000;

/** Event-shaped rows (the columns and sizes of a stored custody event), made before any timing. */
function rawRows() {
  const payload = JSON.stringify({
    authority,
    personId: crypto.randomUUID(),
    reason: 'moved after the headcount',
    sectionId: crypto.randomUUID(),
  });
  const hash = createHash('sha256').update(payload).digest('hex');
  const at = new Date().toISOString();
  return Array.from({ length: RAW_ROWS }, (_, i) => ({
    position: i + 1,
    id: crypto.randomUUID(),
    origin: 'bench',
    originSeq: i + 1,
    type: 'custody.moved',
    subject: crypto.randomUUID(),
    payload,
    actor: actor.username,
    occurredAt: at,
    recordedAt: at,
    prevHash: hash,
    hash,
  }));
}
const RAW_COLUMNS = [
  'position',
  'id',
  'origin',
  'originSeq',
  'type',
  'subject',
  'payload',
  'actor',
  'occurredAt',
  'recordedAt',
  'prevHash',
  'hash',
] as const;
const RAW_TABLE =
  'create table raw_events (position bigint primary key, id text not null, origin text not null, ' +
  'origin_seq bigint not null, type text not null, subject text not null, payload text not null, ' +
  'actor text not null, occurred_at text not null, recorded_at text not null, prev_hash text not null, hash text not null)';

/** Batched inserts of event-shaped rows with no index but the key, in transactions of 1,000, on this database. */
async function rawInsertRate(name: DbName, dbOptions: { db: string }): Promise<number> {
  const rows = rawRows();
  if (name === 'sqlite') {
    const database = new SQLite(`${dbOptions.db}.raw`);
    try {
      database.pragma('page_size = 8192');
      database.pragma('journal_mode = WAL');
      database.pragma('synchronous = FULL');
      database.exec(RAW_TABLE);
      const insert = database.prepare(
        `insert into raw_events values (${RAW_COLUMNS.map(() => '?').join(', ')})`,
      );
      const chunk = database.transaction((part: typeof rows) => {
        for (const row of part) insert.run(RAW_COLUMNS.map((c) => row[c]));
      });
      const t = performance.now();
      for (let i = 0; i < rows.length; i += RAW_ROWS_PER_TRANSACTION)
        chunk(rows.slice(i, i + RAW_ROWS_PER_TRANSACTION));
      return rate(rows.length, performance.now() - t);
    } finally {
      database.close();
    }
  }
  const client = new pg.Client({ connectionString: dbOptions.db });
  await client.connect();
  try {
    await client.query(RAW_TABLE);
    const columns = RAW_COLUMNS.map(
      (c) => `"${c}" ${c === 'position' || c === 'originSeq' ? 'bigint' : 'text'}`,
    );
    const insert =
      `insert into raw_events select ${RAW_COLUMNS.map((c) => `"${c}"`).join(', ')} ` +
      `from json_to_recordset($1) as r(${columns.join(', ')})`;
    const t = performance.now();
    for (let i = 0; i < rows.length; i += RAW_ROWS_PER_TRANSACTION) {
      await client.query('begin');
      await client.query(insert, [JSON.stringify(rows.slice(i, i + RAW_ROWS_PER_TRANSACTION))]);
      await client.query('commit');
    }
    return rate(rows.length, performance.now() - t);
  } finally {
    await client.query('drop table if exists raw_events');
    await client.end();
  }
}

/** 4 KiB written and made durable (fdatasync) again and again, in the benchmark's directory. */
function fsyncRate(file: string): number {
  const fd = openSync(file, 'w');
  const page = Buffer.alloc(4096, 1);
  try {
    const count = 1000;
    const t = performance.now();
    for (let i = 0; i < count; i++) {
      writeSync(fd, page, 0, page.length, 0);
      fdatasyncSync(fd);
    }
    return rate(count, performance.now() - t);
  } finally {
    closeSync(fd);
  }
}

/** SHA-256 over the previous hash and an event-sized record, each link in hex as the ledger stores it. */
function sha256ChainRate(): number {
  const record = JSON.stringify(rawRows()[0]);
  let head = '';
  const count = 300_000;
  const t = performance.now();
  for (let i = 0; i < count; i++) head = createHash('sha256').update(head).update(record).digest('hex');
  return rate(count, performance.now() - t);
}

async function measureMachineLimits(name: DbName) {
  const db = await createBenchDb(name, 'limits');
  try {
    const limits = {
      fsyncsPerSecond: fsyncRate(`${db.options.keyFile}.fsync`),
      rawInsertRowsPerSecond: await rawInsertRate(name, db.options),
      sha256ChainPerSecond: sha256ChainRate(),
      referenceInTheIssue: referenceLimits,
      what:
        'raw inserts: 50,000 event-shaped rows (12 columns, primary key only) in transactions of 1,000, ' +
        'as the database is configured for the ledger (SQLite WAL, synchronous=FULL; PostgreSQL json_to_recordset)',
    };
    log(
      `${name}: this machine: ${limits.fsyncsPerSecond.toLocaleString('en')} fsyncs/s, ` +
        `${limits.rawInsertRowsPerSecond.toLocaleString('en')} raw rows/s, ` +
        `SHA-256 chain ${limits.sha256ChainPerSecond.toLocaleString('en')}/s ` +
        `(the issue's machine: 4,500, 50,000-65,000, 800,000)`,
    );
    return limits;
  } finally {
    await db.drop();
  }
}

// ---------------------------------------------------------------------------------------------

async function run(name: DbName, deadline: number) {
  const limits = await measureMachineLimits(name);
  if (args.only === 'batch') {
    await measureBatchAndVerify(name, deadline);
    return;
  }
  // Other work on the machine shows in the figures: the load averages are recorded with them.
  const startLoad = loadAverage();
  log(`${name}: single commands through the HTTP API`);
  const http = await measureHttp(name);
  log(`${name}: HTTP p50 ${http.p50Ms} ms, p99 ${http.p99Ms} ms, max ${http.maxMs} ms`);
  const measured = await measureBatchAndVerify(name, deadline);
  if (measured === null) return;
  const { batch, build, verify } = measured;
  const chainRate = verify.chainAndSignaturesEventsPerSecond;
  const checks = [
    ...(name === 'sqlite'
      ? [
          {
            target: 'HTTP single command p50 < 2 ms',
            measured: http.p50Ms,
            pass: http.p50Ms < targets.httpP50Ms,
          },
          {
            target: 'HTTP single command p99 < 10 ms',
            measured: http.p99Ms,
            pass: http.p99Ms < targets.httpP99Ms,
          },
        ]
      : []),
    {
      target: 'batch append >= 30,000 events/s with projections',
      measured: batch.eventsPerSecond,
      pass: batch.eventsPerSecond >= targets.batchEventsPerSecond,
    },
    {
      target: 'chain and signature verification >= 300,000 events/s',
      measured: chainRate,
      pass: chainRate >= targets.chainAndSignaturesPerSecond,
    },
    {
      target: 'full verify with projection rebuild of 1,000,000 events < 60 s',
      measured: verify.seconds,
      pass: verify.events >= 1_000_000 && verify.seconds < targets.verifySeconds,
    },
  ];
  const result = {
    benchmark: 'ledger',
    database: name,
    date: new Date().toISOString(),
    machine: machine(startLoad),
    settings:
      name === 'sqlite'
        ? 'better-sqlite3, WAL, synchronous=FULL, file under bench/tmp'
        : 'PostgreSQL on 127.0.0.1, default server settings, pool of 10',
    config: { ...config, events: config.totalEvents },
    machineLimits: limits,
    httpSingleCommand: http,
    batchAppend: batch,
    buildTo1M: build,
    verify,
    targets: checks,
    allTargetsPass: checks.every((c) => c.pass),
  };
  mkdirSync(resultsDir, { recursive: true });
  const file = join(resultsDir, `ledger-${name}.json`);
  writeFileSync(file, `${JSON.stringify(result, null, 2)}\n`);
  log(`${name}: written to ${file}`);
  for (const c of checks) log(`  ${c.pass ? 'PASS' : 'FAIL'}  ${c.target}: ${c.measured}`);
}

for (const name of dbs) await run(name, Date.now() + config.maxMinutes * 60_000);
removeTmpIfEmpty();
