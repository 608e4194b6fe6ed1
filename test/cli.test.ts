// The command line as tools and operators use it: help, demo, import, verify and its exit codes.
import assert from 'node:assert/strict';
import { execFile, execFileSync, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { promisify } from 'node:util';
import SQLite from 'better-sqlite3';

const run = promisify(execFile);
const bin = join(import.meta.dirname, '..', 'bin', 'custodian');

async function custodian(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(bin, args, {
      env: { ...process.env, CUSTODIAN_DB: '', CUSTODIAN_KEY: '' },
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

describe('custodian CLI', () => {
  let dir: string;
  let db: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'custodian-cli-'));
    db = join(dir, 'node.db');
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('gives --help for every command', async () => {
    const top = await custodian('--help');
    assert.equal(top.code, 0);
    for (const command of ['serve', 'demo', 'import', 'verify', 'users', 'duplicates']) {
      assert.match(top.stdout, new RegExp(`\\b${command}\\b`));
      const help = await custodian(command, '--help');
      assert.equal(help.code, 0, help.stderr);
      assert.match(help.stdout, new RegExp(`Usage: custodian ${command}`));
    }
  });

  it('builds the demo, verifies it, and fails naming an event altered in the file', async () => {
    const demo = await custodian('--db', db, 'demo', '--scale', '0.05', '--seed', '7');
    assert.equal(demo.code, 0, demo.stderr);
    assert.match(demo.stdout, /Demo built/);
    const again = await custodian('--db', db, 'demo');
    assert.notEqual(again.code, 0, 'the demo refuses a database that already holds events');

    const ok = await custodian('--db', db, 'verify');
    assert.equal(ok.code, 0, ok.stderr);
    assert.match(ok.stdout, /Nothing was altered/);

    const sqlite = new SQLite(db);
    const event = sqlite
      .prepare("select id, payload from events where type = 'custody.admitted' limit 1")
      .get() as {
      id: string;
      payload: string;
    };
    sqlite
      .prepare('update events set payload = ? where id = ?')
      .run(event.payload.replace('"reason":"', '"reason":"X'), event.id);
    sqlite.close();
    const bad = await custodian('--db', db, 'verify');
    assert.equal(bad.code, 1);
    assert.match(bad.stderr, new RegExp(`VERIFY FAILED[\\s\\S]*event ${event.id}`));
  });

  it('imports NDJSON commands all or nothing', async () => {
    const fresh = join(dir, 'import.db');
    const file = join(dir, 'commands.ndjson');
    const facility = {
      command: 'registerFacility',
      input: {
        code: 'AYN',
        nameEn: 'Ayn Issa camp',
        nameAr: 'مخيم عين عيسى',
        kind: 'camp',
        location: { lat: 36.385, lon: 38.859 },
        capacity: 13000,
        authority: 'AANES',
      },
    };
    writeFileSync(
      file,
      `${JSON.stringify(facility)}\n${JSON.stringify({ ...facility, input: { ...facility.input, code: 'ROJ', capacity: -1 } })}\n`,
    );
    const added = await custodian(
      '--db',
      fresh,
      'users',
      'add',
      'importer',
      '--role',
      'admin',
      '--facilities',
      'all',
    );
    assert.equal(added.code, 0, added.stderr);
    assert.match(added.stdout, /One-time password: \S{19}/);
    await custodian('--db', fresh, 'users', 'add', 'gate', '--role', 'guard', '--facilities', 'all');
    // The policy binds the command line too: a guard may not register a facility.
    const valid = join(dir, 'valid.ndjson');
    writeFileSync(valid, `${JSON.stringify(facility)}\n`);
    const asGuard = await custodian('--db', fresh, 'import', valid, '--as', 'gate');
    assert.equal(asGuard.code, 2);
    assert.match(asGuard.stderr, /guard may not run registerFacility/);
    const refused = await custodian('--db', fresh, 'import', file, '--as', 'importer');
    assert.equal(refused.code, 2);
    assert.match(refused.stderr, /1\.capacity/);
    const count = () => {
      const sqlite = new SQLite(fresh, { readonly: true });
      const n = (sqlite.prepare('select count(*) as n from events').get() as { n: number }).n;
      sqlite.close();
      return n;
    };
    assert.equal(count(), 0);
    writeFileSync(file, `${JSON.stringify(facility)}\n`);
    const imported = await custodian('--db', fresh, 'import', file, '--as', 'importer');
    assert.equal(imported.code, 0, imported.stderr);
    assert.equal(count(), 1);
    assert.equal((await custodian('--db', fresh, 'verify')).code, 0);
  });

  it('refuses to import a registration that may be someone registered, unless told to queue it; scans', async () => {
    const fresh = join(dir, 'import.db');
    const help = await custodian('duplicates', 'scan', '--help');
    assert.equal(help.code, 0, help.stderr);
    assert.match(help.stdout, /Usage: custodian duplicates scan/);
    await custodian('--db', fresh, 'users', 'add', 'clerk', '--role', 'registrar', '--facilities', 'all');
    const sqlite = new SQLite(fresh, { readonly: true });
    const { id: facilityId } = sqlite.prepare("select id from facilities where code = 'AYN'").get() as {
      id: string;
    };
    sqlite.close();
    const identity = (given: string) => ({
      names: { latin: { given, father: 'Hamid', family: 'Al-Rawi' } },
      sex: 'female',
      birthDate: { date: '1991-02-03' },
      nationalities: ['IRQ'],
    });
    const register = (given: string) =>
      JSON.stringify({ command: 'registerPerson', input: { facilityId, identity: identity(given) } });
    const first = join(dir, 'first.ndjson');
    writeFileSync(first, `${register('Layla')}\n`);
    assert.equal((await custodian('--db', fresh, 'import', first, '--as', 'clerk')).code, 0);
    const again = join(dir, 'again.ndjson');
    writeFileSync(again, `${register('Leila')}\n`);
    const refused = await custodian('--db', fresh, 'import', again, '--as', 'clerk');
    assert.equal(refused.code, 2);
    assert.match(refused.stderr, /already registered may be this person/);
    assert.match(refused.stderr, /"registrationNumber":"AYN-000001-/, 'the candidate is shown');
    const queued = await custodian('--db', fresh, 'import', again, '--as', 'clerk', '--queue-duplicates');
    assert.equal(queued.code, 0, queued.stderr);
    const scan = await custodian('--db', fresh, 'duplicates', 'scan');
    assert.equal(scan.code, 0, scan.stderr);
    assert.match(scan.stdout, /Scanned 2 people in [\d.]+ s: 1 candidate pairs, 1 of them open for review/);
  });

  it('serves HTTPS with --tls-cert and --tls-key: HSTS, and Secure session cookies', async () => {
    const cert = join(dir, 'cert.pem');
    const key = join(dir, 'key.pem');
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'ec',
        '-pkeyopt',
        'ec_paramgen_curve:P-256',
        '-nodes',
        '-keyout',
        key,
        '-out',
        cert,
        '-days',
        '1',
        '-subj',
        '/CN=127.0.0.1',
      ],
      { stdio: 'ignore' },
    );
    const password = 'a first admin passphrase';
    const server = spawn(
      bin,
      ['--db', join(dir, 'tls.db'), 'serve', '--port', '0', '--tls-cert', cert, '--tls-key', key],
      {
        env: { ...process.env, CUSTODIAN_DB: '', CUSTODIAN_KEY: '', CUSTODIAN_ADMIN_PASSWORD: password },
      },
    );
    try {
      let output = '';
      server.stdout.setEncoding('utf8');
      while (!/https:\/\/127\.0\.0\.1:(\d+)/.test(output)) {
        const [chunk] = (await once(server.stdout, 'data')) as [string];
        output += chunk;
      }
      assert.match(output, /created the user "admin" with the password in CUSTODIAN_ADMIN_PASSWORD/);
      const port = Number(/https:\/\/127\.0\.0\.1:(\d+)/.exec(output)![1]);
      const body = JSON.stringify({ username: 'admin', password });
      const response = await new Promise<{ status: number; headers: Record<string, unknown> }>(
        (resolve, reject) => {
          const req = request(
            {
              host: '127.0.0.1',
              port,
              path: '/api/v1/auth/login',
              method: 'POST',
              headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
              rejectUnauthorized: false,
            },
            (res) => {
              res.resume();
              resolve({ status: res.statusCode!, headers: res.headers });
            },
          );
          req.on('error', reject);
          req.end(body);
        },
      );
      assert.equal(response.status, 200);
      assert.match(String(response.headers['strict-transport-security']), /max-age=31536000/);
      assert.match(String(response.headers['set-cookie']), /; Secure/);
    } finally {
      server.kill('SIGTERM');
      await once(server, 'exit');
    }
  });
});
