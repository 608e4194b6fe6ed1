// The databases every integration test runs on: a fresh SQLite file, and a fresh PostgreSQL database
// when CUSTODIAN_TEST_PG_URL is set (required under CI=true).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { Custodian, type CustodianOptions } from '../../src/app/custodian.ts';

export interface TestDatabase {
  name: 'sqlite' | 'postgres';
  /** Why this database is skipped here, or null when it runs. */
  skip: string | null;
  /** Creates an empty database and returns its options; `drop` removes it with its key. */
  create(): Promise<{ options: CustodianOptions; drop(): Promise<void> }>;
}

const pgUrl = process.env.CUSTODIAN_TEST_PG_URL;
if (pgUrl === undefined && process.env.CI === 'true') {
  throw new Error('CUSTODIAN_TEST_PG_URL is not set: under CI=true the PostgreSQL tests must run, not skip');
}

function tempDir(): { dir: string; remove(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'custodian-test-'));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

export const databases: TestDatabase[] = [
  {
    name: 'sqlite',
    skip: null,
    async create() {
      const { dir, remove } = tempDir();
      const db = join(dir, 'custodian.db');
      return { options: { db, keyFile: join(dir, 'node-key.pem') }, drop: async () => remove() };
    },
  },
  {
    name: 'postgres',
    skip:
      pgUrl === undefined
        ? 'CUSTODIAN_TEST_PG_URL is not set (e.g. postgres://postgres@127.0.0.1:5432/postgres)'
        : null,
    async create() {
      const admin = new URL(pgUrl!);
      const name = `custodian_test_${process.pid}_${Math.random().toString(36).slice(2, 10)}`;
      const client = new pg.Client({ connectionString: admin.toString() });
      await client.connect();
      await client.query(`CREATE DATABASE ${name}`);
      await client.end();
      const url = new URL(admin.toString());
      url.pathname = `/${name}`;
      const { dir, remove } = tempDir();
      return {
        options: { db: url.toString(), keyFile: join(dir, 'node-key.pem') },
        async drop() {
          const c = new pg.Client({ connectionString: admin.toString() });
          await c.connect();
          await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
          await c.end();
          remove();
        },
      };
    },
  },
];

/** Opens Custodian on a fresh database; the returned `close` also drops the database. */
export async function openTestApp(database: TestDatabase, clock?: () => Date) {
  const { options, drop } = await database.create();
  const test = {
    /** The app; a test that restarts it puts the new one here. */
    app: await Custodian.open({ ...options, clock }),
    options: { ...options, clock },
    async close() {
      await test.app.close();
      await drop();
    },
  };
  return test;
}
