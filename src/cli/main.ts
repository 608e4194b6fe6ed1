// The `custodian` command line: serve, demo, import, verify.
import { createReadStream, readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { Command, InvalidArgumentError, Option } from 'commander';
import { type CommandName, isCommandName } from '../app/commands/index.ts';
import { Custodian } from '../app/custodian.ts';
import { buildDemo } from '../app/demo.ts';
import { CustodianError } from '../domain/errors.ts';
import { buildServer } from '../http/server.ts';

const CLI_ACTOR = { id: 'cli' };
const DEFAULT_DB = 'data/custodian.db';

const number = (name: string, integer: boolean) => (value: string) => {
  const n = Number(value);
  if (!Number.isFinite(n) || (integer && !Number.isInteger(n)) || n < 0) {
    throw new InvalidArgumentError(`${name} must be a non-negative ${integer ? 'integer' : 'number'}`);
  }
  return n;
};

const program: Command = new Command('custodian')
  .description('Custodian: who is held where, proven unaltered.')
  .addOption(
    new Option('--db <file|url>', 'SQLite file path or postgres:// URL')
      .env('CUSTODIAN_DB')
      .default(DEFAULT_DB),
  )
  .addOption(
    new Option(
      '--key <file>',
      "the node's Ed25519 key (created on first start; default: beside the SQLite file)",
    ).env('CUSTODIAN_KEY'),
  )
  .showHelpAfterError();

// An empty --db or --key (e.g. `CUSTODIAN_KEY=`) means "not given", never the path ''.
function openApp(): Promise<Custodian> {
  const { db, key } = program.opts<{ db: string; key?: string }>();
  return Custodian.open({ db: db || DEFAULT_DB, keyFile: key || undefined });
}

async function withApp<T>(run: (app: Custodian) => Promise<T>): Promise<T> {
  const app = await openApp();
  try {
    return await run(app);
  } finally {
    await app.close();
  }
}

async function isEmpty(app: Custodian): Promise<boolean> {
  return (await app.query(CLI_ACTOR, 'ledgerHead', {})).events === 0;
}

async function runDemo(app: Custodian, scale: number, seed: number): Promise<void> {
  const started = Date.now();
  const summary = await buildDemo(app, { scale, seed });
  await app.checkpoint();
  console.log(
    `Demo built in ${((Date.now() - started) / 1000).toFixed(1)} s: ${summary.facilities} facilities, ` +
      `${summary.persons} people, ${summary.events} events.`,
  );
}

program
  .command('serve')
  .description('Run the HTTP API (and, with --demo, build the demo on an empty database first)')
  .addOption(
    new Option('--port <n>', 'port to listen on').env('PORT').default(8080).argParser(number('--port', true)),
  )
  .addOption(new Option('--host <address>', 'address to listen on').env('HOST').default('127.0.0.1'))
  .option('--demo', 'build the demo scenario first if the database is empty')
  .option('--tls-cert <file>', 'PEM certificate: serve HTTPS')
  .option('--tls-key <file>', 'PEM private key for --tls-cert')
  .action(async (opts: { port: number; host: string; demo?: boolean; tlsCert?: string; tlsKey?: string }) => {
    if ((opts.tlsCert === undefined) !== (opts.tlsKey === undefined)) {
      program.error('--tls-cert and --tls-key go together');
    }
    const app = await openApp();
    if (opts.demo && (await isEmpty(app))) await runDemo(app, 1, 1);
    const https = opts.tlsCert ? { cert: readFileSync(opts.tlsCert), key: readFileSync(opts.tlsKey!) } : null;
    const server = buildServer(app, { logger: { level: 'info' }, https });
    const stop = async () => {
      await server.close();
      await app.checkpoint();
      await app.close();
      process.exit(0);
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
    await server.listen({ port: opts.port, host: opts.host });
    console.log(`Custodian node ${app.node.origin} on ${app.store.location}`);
    console.log(
      `API: ${https ? 'https' : 'http'}://${opts.host}:${opts.port}/api/v1 (OpenAPI at /api/v1/openapi.json)`,
    );
  });

program
  .command('demo')
  .description('Build the synthetic North-East Syria demo scenario on an empty database')
  .addOption(
    new Option('--scale <n>', 'multiplies the number of people')
      .default(1)
      .argParser(number('--scale', false)),
  )
  .addOption(new Option('--seed <n>', 'seed of the scenario').default(1).argParser(number('--seed', true)))
  .action((opts: { scale: number; seed: number }) =>
    withApp(async (app) => {
      if (!(await isEmpty(app)))
        program.error(`The database ${app.store.location} already holds events; use an empty one`);
      await runDemo(app, opts.scale, opts.seed);
    }),
  );

program
  .command('import <file>')
  .description(
    'Run the commands of an NDJSON file ({"command": "registerPerson", "input": {...}} per line) in ONE transaction',
  )
  .action((file: string) =>
    withApp(async (app) => {
      const items: { command: CommandName; input: unknown }[] = [];
      let line = 0;
      for await (const text of createInterface({ input: createReadStream(file), crlfDelay: Infinity })) {
        line++;
        if (text.trim() === '') continue;
        let parsed: { command?: unknown; input?: unknown };
        try {
          parsed = JSON.parse(text);
        } catch (error) {
          program.error(`${file}:${line}: not JSON: ${(error as Error).message}`);
        }
        if (typeof parsed.command !== 'string' || !isCommandName(parsed.command)) {
          program.error(
            `${file}:${line}: "command" must name a command, got ${JSON.stringify(parsed.command)}`,
          );
        }
        items.push({ command: parsed.command, input: parsed.input });
      }
      const started = Date.now();
      await app.executeBatch(CLI_ACTOR, items);
      await app.checkpoint();
      console.log(`Imported ${items.length} commands in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
    }),
  );

program
  .command('verify')
  .description(
    'Re-hash the ledger, check signed checkpoints, rebuild every projection and compare; exit 1 on any difference',
  )
  .option('--json', 'print the report as JSON')
  .action((opts: { json?: boolean }) =>
    withApp(async (app) => {
      const started = Date.now();
      const report = await app.verify();
      const seconds = ((Date.now() - started) / 1000).toFixed(1);
      if (opts.json) console.log(JSON.stringify(report, null, 2));
      else if (report.ok) {
        console.log(
          `Verified in ${seconds} s: ${report.events} events in ${report.chains.length} chain(s), ` +
            `${report.checkpoints} signed checkpoint(s), ${report.projectionRows} projection rows. Nothing was altered.`,
        );
      } else {
        console.error(`VERIFY FAILED: ${report.problems.length} problem(s); the first:`);
        for (const p of report.problems) console.error(`  - ${p}`);
      }
      process.exitCode = report.ok ? 0 : 1;
    }),
  );

try {
  await program.parseAsync();
} catch (error) {
  if (error instanceof CustodianError) {
    console.error(error.message);
    process.exit(2);
  }
  throw error;
}
