// The `custodian` command line: serve, demo, import, verify, users, duplicates, names.
import { createReadStream, readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { Command, InvalidArgumentError, Option } from 'commander';
import { systemActor } from '../app/access.ts';
import { type CommandName, isCommandName } from '../app/commands/index.ts';
import { Custodian } from '../app/custodian.ts';
import { buildDemo, type DemoOptions } from '../app/demo.ts';
import { roles, tokenScopes } from '../auth/policy.ts';
import { MIN_PASSWORD_LENGTH } from '../auth/secrets.ts';
import { CustodianError } from '../domain/errors.ts';
import { buildServer } from '../http/server.ts';
import { namesCommand } from './names.ts';

/** The operator at the machine: whoever can run this holds the database and its key. */
const CLI_ACTOR = systemActor('cli');
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

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

async function withApp<T>(run: (app: Custodian) => Promise<T>): Promise<T> {
  const app = await openApp();
  try {
    return await run(app);
  } finally {
    await app.close();
  }
}

/** No event and no user: the demo adds both, so it goes only on a database that has neither. */
async function isEmpty(app: Custodian): Promise<boolean> {
  const events = (await app.query(CLI_ACTOR, 'ledgerHead', {})).events;
  return events === 0 && (await app.query(CLI_ACTOR, 'listUsers', {})).items.length === 0;
}

// An empty value (e.g. `CUSTODIAN_DEMO_PASSWORD=`) means "not given": the demo generates a password.
const demoPassword = (value: string): string => {
  if (value !== '' && value.length < MIN_PASSWORD_LENGTH) {
    throw new InvalidArgumentError(`the demo password must be at least ${MIN_PASSWORD_LENGTH} characters`);
  }
  return value;
};
const demoPasswordOption = () =>
  new Option(
    '--demo-password <password>',
    `password of every demo user (${MIN_PASSWORD_LENGTH} characters or more; default: generated and printed)`,
  )
    .env('CUSTODIAN_DEMO_PASSWORD')
    .argParser(demoPassword);

async function runDemo(app: Custodian, options: DemoOptions): Promise<void> {
  const started = Date.now();
  const summary = await buildDemo(app, options);
  await app.checkpoint();
  console.log(
    `Demo built in ${((Date.now() - started) / 1000).toFixed(1)} s: ${summary.facilities} facilities, ` +
      `${summary.persons} people, ${summary.events} events.`,
  );
  console.log(`Demo users, each with the password ${summary.password}`);
  for (const u of summary.users) {
    const scope = u.facilities === 'all' ? 'all facilities' : u.facilities.join(', ');
    console.log(`  ${u.username.padEnd(18)}${u.role.padEnd(18)}${scope}`);
  }
}

program
  .command('serve')
  .description('Run the HTTP API (and, with --demo, build the demo on an empty database first)')
  .addOption(
    new Option('--port <n>', 'port to listen on').env('PORT').default(8080).argParser(number('--port', true)),
  )
  .addOption(new Option('--host <address>', 'address to listen on').env('HOST').default('127.0.0.1'))
  .option('--demo', 'build the demo scenario first if the database is empty')
  .addOption(demoPasswordOption())
  .option(
    '--trust-proxy <addresses>',
    'behind a reverse proxy: its addresses (comma-separated), whose X-Forwarded-For and -Proto are believed',
  )
  .addOption(
    new Option(
      '--scan-every <hours>',
      'scan the registry for possible duplicates every so many hours, and at start if it was never scanned (0: never)',
    )
      .default(24)
      .argParser(number('--scan-every', false)),
  )
  .option('--tls-cert <file>', 'PEM certificate: serve HTTPS')
  .option('--tls-key <file>', 'PEM private key for --tls-cert')
  .action(
    async (opts: {
      port: number;
      host: string;
      demo?: boolean;
      demoPassword?: string;
      trustProxy?: string;
      scanEvery: number;
      tlsCert?: string;
      tlsKey?: string;
    }) => {
      if ((opts.tlsCert === undefined) !== (opts.tlsKey === undefined)) {
        program.error('--tls-cert and --tls-key go together');
      }
      const app = await openApp();
      if (opts.demo && (await isEmpty(app))) {
        await runDemo(app, { scale: 1, seed: 1, password: opts.demoPassword || undefined });
      }
      // After a demo, its users exist and this does nothing.
      const admin = await app.accounts.ensureFirstAdmin(process.env.CUSTODIAN_ADMIN_PASSWORD || undefined);
      if (admin?.oneTimePassword) {
        console.log(
          `First start: created the user "${admin.username}" with the one-time password ${admin.oneTimePassword}\n` +
            'It is shown only now. Sign in with it and choose a new password.',
        );
      } else if (admin) {
        console.log(
          `First start: created the user "${admin.username}" with the password in CUSTODIAN_ADMIN_PASSWORD.`,
        );
      }
      const https = opts.tlsCert
        ? { cert: readFileSync(opts.tlsCert), key: readFileSync(opts.tlsKey!) }
        : null;
      const server = buildServer(app, {
        logger: { level: 'info' },
        https,
        trustProxy: opts.trustProxy?.split(',').map((a) => a.trim()),
      });
      const stop = async () => {
        await server.close();
        await app.duplicates.stop();
        await app.checkpoint();
        await app.close();
        process.exit(0);
      };
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
      await server.listen({ port: opts.port, host: opts.host });
      const { port } = server.server.address() as { port: number };
      console.log(`Custodian node ${app.node.origin} on ${app.store.location}`);
      const origin = `${https ? 'https' : 'http'}://${opts.host}:${port}`;
      console.log(`Custodian: ${origin}/ (API at ${origin}/api/v1, OpenAPI at /api/v1/openapi.json)`);
      if (opts.scanEvery > 0) {
        app.duplicates.start(opts.scanEvery * 3_600_000, (outcome) => {
          if (outcome instanceof Error) server.log.error({ err: outcome }, 'duplicate scan failed');
          else server.log.info(outcome, 'duplicate scan done');
        });
      }
    },
  );

program
  .command('demo')
  .description('Build the synthetic North-East Syria demo scenario on an empty database')
  .addOption(
    new Option('--scale <n>', 'multiplies the number of people (1: about 74,000; 0.01 for a quick look)')
      .default(1)
      .argParser(number('--scale', false)),
  )
  .addOption(new Option('--seed <n>', 'seed of the scenario').default(1).argParser(number('--seed', true)))
  .addOption(demoPasswordOption())
  .action((opts: { scale: number; seed: number; demoPassword?: string }) =>
    withApp(async (app) => {
      if (!(await isEmpty(app)))
        program.error(`The database ${app.store.location} already holds events or users; use an empty one`);
      await runDemo(app, { scale: opts.scale, seed: opts.seed, password: opts.demoPassword || undefined });
    }),
  );

program
  .command('import <file>')
  .description(
    'Run the commands of an NDJSON file ({"command": "registerPerson", "input": {...}} per line) in ONE transaction',
  )
  .requiredOption(
    '--as <username>',
    "the user the commands are recorded as; that user's role and facilities apply",
  )
  .option(
    '--queue-duplicates',
    'register people the name matcher takes for possibly already registered, and queue the pairs for ' +
      'review, instead of refusing the import (registerPerson lines that do not say otherwise)',
  )
  .action((file: string, opts: { as: string; queueDuplicates?: boolean }) =>
    withApp(async (app) => {
      const actor = await app.accounts.actorFor(opts.as);
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
        const input =
          opts.queueDuplicates && parsed.command === 'registerPerson' && isObject(parsed.input)
            ? { onDuplicates: 'queue', ...parsed.input }
            : parsed.input;
        items.push({ command: parsed.command, input });
      }
      const started = Date.now();
      await app.executeBatch(actor, items);
      await app.checkpoint();
      console.log(`Imported ${items.length} commands in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
    }),
  );

const duplicates = program.command('duplicates').description('Possible duplicate records, for review');
duplicates
  .command('scan')
  .description(
    'Check every person against the registry with the name matcher and store the pairs that may be one ' +
      'person for review (GET /api/v1/duplicates); `serve` also does this in the background',
  )
  .action(() =>
    withApp(async (app) => {
      const report = await app.duplicates.scan();
      console.log(
        `Scanned ${report.people} people in ${(report.ms / 1000).toFixed(1)} s: ` +
          `${report.pairs} candidate pairs, ${report.open} of them open for review.`,
      );
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
            `${report.checkpoints} signed checkpoint(s), ${report.projectionRows} projection rows, ${report.auditEntries} audit entries. Nothing was altered.`,
        );
      } else {
        console.error(`VERIFY FAILED: ${report.problems.length} problem(s), the first first:`);
        for (const p of report.problems) console.error(`  - ${p}`);
      }
      process.exitCode = report.ok ? 0 : 1;
    }),
  );

const users = program.command('users').description('Users and API tokens (the operator at the machine acts)');
users
  .command('add <username>')
  .description('Add a user; prints a one-time password to be changed at the first sign-in')
  .addOption(new Option('--role <role>', 'the role').choices(roles).makeOptionMandatory())
  .requiredOption('--facilities <codes>', 'comma-separated facility codes (e.g. HOL,ROJ), or "all"')
  .option('--display-name <name>', 'the name shown for the user')
  .action((username: string, opts: { role: string; facilities: string; displayName?: string }) =>
    withApp(async (app) => {
      const added = await app.accounts.addUser(CLI_ACTOR, {
        username,
        role: opts.role,
        facilities: opts.facilities === 'all' ? 'all' : opts.facilities.split(',').map((f) => f.trim()),
        ...(opts.displayName ? { displayName: opts.displayName } : {}),
      });
      console.log(`Added ${added.username} (${added.role}). One-time password: ${added.oneTimePassword}`);
    }),
  );
users
  .command('list')
  .description('List users with their role, facilities and API tokens')
  .action(() =>
    withApp(async (app) => {
      const { items } = await app.query(CLI_ACTOR, 'listUsers', {});
      for (const u of items) {
        const scope = u.facilities === 'all' ? 'all facilities' : `${u.facilities.length} facility(ies)`;
        const state = u.disabledAt
          ? 'disabled'
          : u.mustChangePassword
            ? 'one-time password pending'
            : 'active';
        console.log(`${u.username}\t${u.role}\t${scope}\t${state}`);
        for (const token of u.tokens) {
          const status = token.revokedAt ? 'revoked' : `expires ${token.expiresAt}`;
          console.log(`  token ${token.id}\t${token.scope}\t${token.name}\t${status}`);
        }
      }
    }),
  );
users
  .command('disable <username>')
  .description("Disable a user and end the user's sessions")
  .action((username: string) =>
    withApp(async (app) => {
      await app.accounts.disableUser(CLI_ACTOR, { username });
      console.log(`Disabled ${username}.`);
    }),
  );
users
  .command('reset-password <username>')
  .description("Set a new one-time password (printed once) and end the user's sessions")
  .action((username: string) =>
    withApp(async (app) => {
      const reset = await app.accounts.resetPassword(CLI_ACTOR, { username });
      console.log(`One-time password for ${reset.username}: ${reset.oneTimePassword}`);
    }),
  );
users
  .command('token <username>')
  .description('Create an API token acting as the user (printed once; stored only as a hash)')
  .requiredOption('--name <name>', 'what the token is for, e.g. "sync to HQ"')
  .addOption(
    new Option('--scope <scope>', 'read: queries only; write: also commands')
      .choices(tokenScopes)
      .default('read'),
  )
  .addOption(new Option('--days <n>', 'days until it expires').default(90).argParser(number('--days', true)))
  .action((username: string, opts: { name: string; scope: string; days: number }) =>
    withApp(async (app) => {
      const created = await app.accounts.createToken(CLI_ACTOR, {
        username,
        name: opts.name,
        scope: opts.scope,
        expiresInDays: opts.days,
      });
      console.log(
        `Token ${created.tokenId} (${created.scope}, expires ${created.expiresAt}):\n${created.token}`,
      );
    }),
  );
users
  .command('revoke-token <tokenId>')
  .description('Revoke an API token')
  .action((tokenId: string) =>
    withApp(async (app) => {
      await app.accounts.revokeToken(CLI_ACTOR, { tokenId });
      console.log(`Revoked ${tokenId}.`);
    }),
  );

namesCommand(program);

try {
  await program.parseAsync();
} catch (error) {
  if (error instanceof CustodianError) {
    console.error(error.message);
    // An import refused for possible duplicates: which, so that the file can say (distinctFrom).
    for (const candidate of (error.extensions?.candidates as unknown[] | undefined) ?? []) {
      console.error(`  ${JSON.stringify(candidate)}`);
    }
    process.exit(2);
  }
  // A database that cannot be opened, a key that is not the database's: the message says it all.
  console.error(`custodian: ${(error as Error).message}`);
  if (process.env.CUSTODIAN_DEBUG) console.error((error as Error).stack);
  process.exit(2);
}
