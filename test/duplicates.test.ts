// Possible duplicates, on SQLite and PostgreSQL: a registration that may be someone already registered
// is answered with them (within the registrar's facilities only); the scan lists candidate pairs;
// a reviewer's decision is an event and the pair is not proposed again. Also: the name index rebuilt
// once dead rows pile up, and the scoped search's visible ids kept current.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import type { Custodian } from '../src/app/custodian.ts';
import { DuplicateScanner } from '../src/app/duplicates.ts';
import { NameSearch } from '../src/app/name-search.ts';
import { buildServer } from '../src/http/server.ts';
import { databases, openTestApp } from './support/databases.ts';
import { type Client, signIn } from './support/http.ts';
import { actor, admit, authority, buildWorld, eventCount, mother } from './support/world.ts';

interface Candidate {
  personId: string;
  registrationNumber: string;
  match: { score: number; decision: string; reason: string };
}
interface Pair {
  id: string;
  match: { score: number; decision: string; reason: string };
  source: string;
  decision: { decision: string; reason: string } | null;
  records: { id: string; registrationNumber: string; household: { name: string | null } | null }[];
}

const khadija = {
  ...mother,
  names: { latin: { given: 'Khadija', father: 'Yusuf', family: 'Al-Zubaidi' } },
  birthDate: { date: '1990-05-01' },
  nationalities: ['SYR'],
};

for (const database of databases) {
  describe(`possible duplicates on ${database.name}`, { skip: database.skip ?? false }, () => {
    let t: Awaited<ReturnType<typeof openTestApp>>;
    let app: Custodian;
    let server: FastifyInstance;
    let w: Awaited<ReturnType<typeof buildWorld>>;
    let registrar: Client;
    let registrarHol: Client;
    let commander: Client;
    /** Khadija as registered at Roj: out of the scope of the registrar of Al Hol. */
    let rojKhadija: { personId: string; registrationNumber: string };
    /** The mother registered again at Roj (by the system, unchecked). */
    let rojFatima: { personId: string; registrationNumber: string };

    const pairs = async (client: Client, query = '') => {
      const response = await client.get(`/duplicates?limit=500${query}`);
      assert.equal(response.statusCode, 200, response.body);
      return response.json().items as Pair[];
    };
    const pairOf = (list: Pair[], a: string, b: string) =>
      list.find((p) => p.records.some((r) => r.id === a) && p.records.some((r) => r.id === b));

    before(async () => {
      t = await openTestApp(database);
      app = t.app;
      server = buildServer(app, { rateLimits: { loginPerMinute: 10_000, searchPerMinute: 10_000 } });
      w = await buildWorld(app);
      await admit(app, w.mother.personId, w.hol, w.annex, '2019-09-01T08:00:00Z');
      rojKhadija = await app.execute(actor, 'registerPerson', { facilityId: w.roj, identity: khadija });
      rojFatima = await app.execute(actor, 'registerPerson', {
        facilityId: w.roj,
        identity: { ...mother, names: { arabic: mother.names.arabic } },
      });
      await admit(app, rojFatima.personId, w.roj, w.rojMain, '2019-09-02T08:00:00Z');
      registrar = await signIn(server, app, 'registrar-all', 'registrar');
      registrarHol = await signIn(server, app, 'registrar-hol', 'registrar', ['HOL']);
      commander = await signIn(server, app, 'commander-all', 'commander');
    });
    after(async () => {
      await server.close();
      await t.close();
    });

    const fatma = { ...mother, names: { latin: { given: 'Fatma', father: 'Aly', family: 'Ad-Douri' } } };

    it('answers a registration that may be someone already registered with them, and writes nothing', async () => {
      const before = await eventCount(app);
      const response = await registrar.post('/persons', { facilityId: w.hol, identity: fatma });
      assert.equal(response.statusCode, 409, response.body);
      assert.match(response.headers['content-type'] as string, /application\/problem\+json/);
      const body = response.json();
      assert.equal(body.code, 'person.possible-duplicates');
      assert.equal(body.errors[0].field, 'distinctFrom');
      const candidates = body.candidates as Candidate[];
      const found = candidates.find((c) => c.personId === w.mother.personId);
      assert.ok(found, 'the woman registered at Al Hol is named');
      assert.equal(found.registrationNumber, w.mother.registrationNumber);
      assert.ok(['match', 'possible'].includes(found.match.decision));
      assert.ok(found.match.score > 0 && found.match.reason.length > 0);
      assert.ok(
        candidates.some((c) => c.personId === rojFatima.personId),
        'a registrar of every facility',
      );
      assert.equal(await eventCount(app), before);
      const audit = await app.query(actor, 'auditLog', { limit: 500 });
      assert.ok(
        audit.items.some(
          (e) =>
            e.username === 'registrar-all' &&
            e.action === 'person.search' &&
            JSON.stringify(e.details).includes(w.mother.personId),
        ),
        'showing people is audited like a search',
      );
    });

    it('registers once the registrar names them as other people, and the event records it', async () => {
      const refused = await registrar.post('/persons', { facilityId: w.hol, identity: fatma });
      const shown = (refused.json().candidates as Candidate[]).map((c) => c.personId);
      const partly = await registrar.post('/persons', {
        facilityId: w.hol,
        identity: fatma,
        distinctFrom: shown.slice(0, 1),
      });
      if (shown.length > 1) assert.equal(partly.statusCode, 409, 'every candidate must be answered');
      const response = await registrar.post('/persons', {
        facilityId: w.hol,
        identity: fatma,
        distinctFrom: shown,
      });
      assert.equal(response.statusCode, 201, response.body);
      const { personId, duplicatesQueuedForReview } = response.json();
      assert.equal(duplicatesQueuedForReview, 0);
      const events = await app.query(actor, 'ledgerEvents', { subject: personId, limit: 10 });
      const registered = events.items.find((e) => e.type === 'person.registered');
      assert.ok(registered && 'payload' in registered);
      assert.deepEqual((registered.payload as { distinctFrom?: string[] }).distinctFrom, shown);
      await app.duplicates.scan();
      const open = await pairs(commander);
      for (const other of shown) assert.equal(pairOf(open, personId, other), undefined, 'not proposed again');
      const decided = await pairs(commander, '&state=decided');
      assert.equal(pairOf(decided, personId, shown[0]!)?.decision?.decision, 'not-duplicate');
      assert.deepEqual((await app.verify()).problems, []);
    });

    it('shows a registrar of one facility none of the people held elsewhere, and queues those for review', async () => {
      // Khadija is registered at Roj only: the registrar of Al Hol may not be told of her.
      const response = await registrarHol.post('/persons', {
        facilityId: w.hol,
        identity: { ...khadija, names: { latin: { given: 'Khadija', father: 'Yousef', family: 'Zubaidi' } } },
      });
      assert.equal(response.statusCode, 201, response.body);
      assert.equal(response.json().duplicatesQueuedForReview, 1, 'a count only');
      assert.ok(
        !response.body.includes(rojKhadija.personId) &&
          !response.body.includes(rojKhadija.registrationNumber),
      );
      const newcomer = response.json().personId as string;
      // The same woman as one held at Al Hol and one held at Roj: only the first is shown.
      const again = await registrarHol.post('/persons', { facilityId: w.hol, identity: fatma });
      assert.equal(again.statusCode, 409);
      assert.ok(again.json().candidates.some((c: Candidate) => c.personId === w.mother.personId));
      assert.ok(
        !again.body.includes(rojFatima.personId) && !again.body.includes(rojFatima.registrationNumber),
      );
      // The queued pair: for a reviewer who sees both records, not for the registrar of Al Hol.
      assert.equal(pairOf(await pairs(registrarHol), newcomer, rojKhadija.personId), undefined);
      assert.ok(
        !(await registrarHol.get('/duplicates?state=all&limit=500')).body.includes(rojKhadija.personId),
      );
      const queued = pairOf(await pairs(commander), newcomer, rojKhadija.personId);
      assert.equal(queued?.source, 'registration');
      assert.deepEqual(queued.records.map((r) => r.id).sort(), [newcomer, rojKhadija.personId].sort());
      // Naming a person held elsewhere is refused as if there were none.
      const named = await registrarHol.post('/persons', {
        facilityId: w.hol,
        identity: fatma,
        distinctFrom: [rojFatima.personId],
      });
      assert.equal(named.statusCode, 422);
      assert.equal(named.json().code, 'reference.unknown');
    });

    it('registers and queues the possible duplicates when asked to (a bulk import)', async () => {
      const response = await registrar.post('/persons', {
        facilityId: w.hol,
        identity: fatma,
        onDuplicates: 'queue',
      });
      assert.equal(response.statusCode, 201, response.body);
      assert.ok(response.json().duplicatesQueuedForReview >= 1);
    });

    it('scans the registry; a decision is an event, and the pair is not proposed again', async () => {
      const report = await app.duplicates.scan();
      assert.ok(report.pairs >= 2 && report.open >= 1 && report.people >= 6, JSON.stringify(report));
      const open = await pairs(commander);
      const pair = pairOf(open, w.mother.personId, rojFatima.personId);
      assert.ok(pair, 'the two records of the mother are proposed');
      assert.ok(pair.match.reason.length > 0);
      const [first, second] = open.map((p) => p.match.score);
      assert.ok(second === undefined || first! >= second, 'best first');
      assert.equal(pair.records.find((r) => r.id === w.mother.personId)?.household?.name, 'Al-Douri');
      const before = await eventCount(app);
      const decided = await commander.post('/duplicates/decisions', {
        personId: w.mother.personId,
        otherId: rojFatima.personId,
        decision: 'not-duplicate',
        reason: 'another woman: different mother, seen both',
      });
      assert.equal(decided.statusCode, 201, decided.body);
      assert.equal(await eventCount(app), before + 1);
      const again = await commander.post('/duplicates/decisions', {
        personId: rojFatima.personId,
        otherId: w.mother.personId,
        decision: 'merged',
        keptId: w.mother.personId,
        reason: 'again',
      });
      assert.equal(again.statusCode, 409);
      assert.equal(again.json().code, 'duplicate.already-decided');
      await app.duplicates.scan();
      assert.equal(pairOf(await pairs(commander), w.mother.personId, rojFatima.personId), undefined);
      const done = pairOf(await pairs(commander, '&state=decided'), w.mother.personId, rojFatima.personId);
      assert.equal(done?.decision?.reason, 'another woman: different mother, seen both');
      const events = await app.query(actor, 'ledgerEvents', { subject: w.mother.personId, limit: 500 });
      assert.ok(events.items.some((e) => e.type === 'duplicate.decided'));
    });

    it('merges a pair from the review into the record chosen, in one transaction', async () => {
      const open = await pairs(commander);
      const pair = open.find((p) => p.records.some((r) => r.id === w.mother.personId));
      assert.ok(pair, 'a copy of the mother registered at Al Hol is proposed');
      const duplicate = pair.records.find((r) => r.id !== w.mother.personId)!.id;
      const missing = await commander.post('/duplicates/decisions', {
        personId: duplicate,
        otherId: w.mother.personId,
        decision: 'merged',
        reason: 'same woman',
      });
      assert.equal(missing.statusCode, 422);
      assert.equal(missing.json().errors[0].field, 'keptId');
      const merged = await commander.post('/duplicates/decisions', {
        personId: duplicate,
        otherId: w.mother.personId,
        decision: 'merged',
        keptId: w.mother.personId,
        reason: 'same woman, registered twice at Al Hol',
      });
      assert.equal(merged.statusCode, 201, merged.body);
      assert.equal(
        (await app.query(actor, 'getPerson', { personId: duplicate })).mergedInto,
        w.mother.personId,
      );
      assert.equal(pairOf(await pairs(commander), duplicate, w.mother.personId), undefined);
      // The Al Hol registrar may not decide on a pair with a record held at Roj.
      const outside = await registrarHol.post('/duplicates/decisions', {
        personId: w.mother.personId,
        otherId: rojKhadija.personId,
        decision: 'not-duplicate',
        reason: 'x',
      });
      assert.equal(outside.statusCode, 422);
      assert.equal(outside.json().code, 'reference.unknown');
      assert.deepEqual((await app.verify()).problems, []);
    });

    it('finds no longer, in a scoped search, a person who has moved out of scope', async () => {
      const { personId } = await app.execute(actor, 'registerPerson', {
        facilityId: w.hol,
        identity: { ...khadija, names: { latin: { given: 'Ruqayya', father: 'Hamza', family: 'Tikriti' } } },
      });
      await admit(app, personId, w.hol, w.annex, '2019-09-03T08:00:00Z');
      const search = async () =>
        (
          (await registrarHol.get('/persons?q=Ruqayya%20Hamza%20Tikriti')).json().items as { id: string }[]
        ).map((p) => p.id);
      assert.ok((await search()).includes(personId));
      assert.ok((await search()).includes(personId), 'the same again, from the ids kept');
      await app.execute(actor, 'recordCustody', {
        type: 'transfer-started',
        personId,
        toFacilityId: w.roj,
        dueAt: '2019-10-03T18:00:00Z',
        occurredAt: '2019-10-03T08:00:00Z',
        reason: 'transfer',
        authority,
      });
      assert.ok((await search()).includes(personId), 'in transit from Al Hol, Al Hol still answers for her');
      await app.execute(actor, 'recordCustody', {
        type: 'transfer-received',
        personId,
        facilityId: w.roj,
        sectionId: w.rojMain,
        occurredAt: '2019-10-03T17:00:00Z',
        reason: 'arrival',
        authority,
      });
      assert.ok(!(await search()).includes(personId), 'held at Roj: gone from the search of Al Hol');
    });

    it('does not propose two men who share only a nom de guerre, but does one registered under it alone', async () => {
      const man = (latin: object, aliases: string[], birthDate: string) => ({
        names: { latin, aliases },
        sex: 'male',
        birthDate: { date: birthDate, estimated: true },
        nationalities: ['SYR'],
      });
      const register = async (facilityId: string, identity: object) =>
        (await app.execute(actor, 'registerPerson', { facilityId, identity })).personId;
      const belal = await register(
        w.hol,
        man(
          { given: 'Belal', father: 'Mansur', family: 'Zaidan' },
          ['Abu Ali al-Shami (kunya used in Raqqa)'],
          '1970-01-01',
        ),
      );
      const adil = await register(
        w.roj,
        man({ given: 'Adil', father: 'Hany', family: 'Al-Nuaimi' }, ['Abu Ali al-Shami'], '1970-01-01'),
      );
      const known = await register(w.roj, man({ kunya: 'Abu Ali', given: 'al-Shami' }, [], '1970-01-01'));
      await app.duplicates.scan();
      const open = await pairs(commander, '&state=all');
      assert.equal(pairOf(open, belal, adil), undefined, 'a shared nom de guerre is not enough');
      assert.ok(
        pairOf(open, known, belal) && pairOf(open, known, adil),
        'the man known by it alone is proposed',
      );
    });

    /** `names` whose duplicate check of the `n`-th person (from 1) waits until `release` is called. */
    const pausedAt = (names: NameSearch, n: number) => {
      let calls = 0;
      let release = () => {};
      const gate = new Promise<void>((resolve) => {
        release = resolve;
      });
      let reached = () => {};
      const waiting = new Promise<void>((resolve) => {
        reached = resolve;
      });
      const original = names.possibleDuplicates.bind(names);
      const paused = Object.create(names) as NameSearch;
      paused.possibleDuplicates = async (...args) => {
        if (++calls === n) {
          reached();
          await gate;
        }
        return original(...args);
      };
      return { paused, waiting, release: () => release() };
    };

    it('stores the pairs of a scan as it goes, and tells how far it has come', async () => {
      const standing = await app.store.db
        .selectFrom('persons')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('mergedInto', 'is', null)
        .executeTakeFirst();
      const people = Number(standing?.n);
      const { paused, waiting, release } = pausedAt(app.names, people);
      const scanner = new DuplicateScanner(app.store.db, paused, () => new Date().toISOString(), {
        chunk: 2,
      });
      await app.store.db.deleteFrom('duplicateCandidates').execute();
      const scan = scanner.scan();
      await waiting;
      // Paused at the last person: every earlier chunk's pairs are stored already.
      assert.deepEqual(
        { checked: scanner.scanning?.checked, of: scanner.scanning?.of },
        { checked: people - 1, of: people },
      );
      const stored = await app.store.db.selectFrom('duplicateCandidates').select('id').execute();
      assert.ok(stored.length >= 1, 'pairs stored before the scan ends');
      release();
      const report = await scan;
      assert.equal(report.people, people);
      assert.equal(scanner.scanning, null);
      const after = await app.store.db.selectFrom('duplicateCandidates').select('id').execute();
      assert.equal(after.length, report.pairs);
    });

    it('answers the review list with the progress of a scan under way', async () => {
      const { paused, waiting, release } = pausedAt(app.names, 1);
      const names = app.names.possibleDuplicates;
      app.names.possibleDuplicates = paused.possibleDuplicates;
      try {
        const scan = app.duplicates.scan();
        await waiting;
        const during = await commander.get('/duplicates');
        assert.equal(during.statusCode, 200, during.body);
        const { scanning } = during.json();
        assert.equal(scanning.checked, 0);
        assert.ok(scanning.of >= 6, JSON.stringify(scanning));
        release();
        await scan;
      } finally {
        app.names.possibleDuplicates = names;
      }
      assert.equal((await commander.get('/duplicates')).json().scanning, null);
    });

    it('rebuilds the name index off to the side once dead rows pile up, keeping changes made meanwhile', async () => {
      const names = new NameSearch(app.store.db, { chunk: 1, rebuildMinDead: 2, rebuildShare: 0.01 });
      const { personId } = await app.execute(actor, 'registerPerson', {
        facilityId: w.hol,
        identity: { ...khadija, names: { latin: { given: 'Sumaya', father: 'Adnan', family: 'Obeidi' } } },
      });
      const rename = async (family: string) => {
        await app.execute(actor, 'correctIdentity', {
          personId,
          changes: { names: { latin: { given: 'Sumaya', father: 'Adnan', family }, aliases: [] } },
          reason: 'spelling',
        });
        await names.changed(new Set([personId]));
      };
      const top = async (q: string) => (await names.search(q, 3, () => true))[0];
      const people = (await names.stats()).people;
      await rename('Jumaili');
      await rename('Dulaimi');
      await rename('Hiti');
      const stats = await names.stats();
      assert.ok(stats.rebuilds >= 1, JSON.stringify(stats));
      assert.ok(stats.deadRows < 2);
      assert.equal(stats.people, people);
      assert.equal((await top('Sumaya Adnan Hiti'))?.id, personId);
      // A change committed while a rebuild runs reaches the new index.
      const rebuilt = names.rebuild();
      await rename('Ani');
      await rebuilt;
      assert.equal((await top('Sumaya Adnan Ani'))?.id, personId);
      assert.notEqual((await top('Sumaya Adnan Hiti'))?.decision, 'match');
      assert.equal((await names.stats()).people, people);
    });
  });
}
