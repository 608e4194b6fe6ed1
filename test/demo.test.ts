// The demo scenario on SQLite and PostgreSQL: it verifies; it holds the camps and prisons of North-East
// Syria with men in prisons and mothers with their children in camps; it records the October 2019 of
// public reporting; its users sign in with their roles and facilities; and it is the same for a seed.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { systemActor } from '../src/app/access.ts';
import type { Custodian } from '../src/app/custodian.ts';
import { buildDemo, type DemoSummary, demoUsers, THWARTED_SINCE_OFFENSIVE } from '../src/app/demo.ts';
import { categoryOn, isMinorOn } from '../src/domain/person.ts';
import { databases, openTestApp } from './support/databases.ts';

const actor = systemActor('test');
const SCALE = 0.01;
const SEED = 20191013;
const PASSWORD = 'demo-password-for-tests';
/** The day the demo's categories are taken on: everyone's age at the start of the offensive. */
const OCTOBER = '2019-10-01';

/** Every row of a query answered page by page, as a client reads it. */
async function allPages<T>(
  page: (cursor: string | undefined) => Promise<{ items: T[]; nextCursor: string | null }>,
) {
  const items: T[] = [];
  for (let cursor: string | undefined; ; ) {
    const answer = await page(cursor);
    items.push(...answer.items);
    if (answer.nextCursor === null) return items;
    cursor = answer.nextCursor;
  }
}

/** (registration number, name, custody status) of everyone, by registration number. */
async function roster(app: Custodian): Promise<string[]> {
  const rows = await app.store.db
    .selectFrom('persons')
    .innerJoin('custody', 'custody.id', 'persons.id')
    .select(['persons.registrationNumber', 'persons.displayName', 'custody.status'])
    .orderBy('persons.registrationNumber')
    .execute();
  return rows.map((r) => `${r.registrationNumber} | ${r.displayName} | ${r.status}`);
}

/** How many ledger events of each type. */
async function eventTypes(app: Custodian): Promise<Record<string, number>> {
  const rows = await app.store.db
    .selectFrom('events')
    .select(['type', (eb) => eb.fn.countAll<number>().as('n')])
    .groupBy('type')
    .orderBy('type')
    .execute();
  return Object.fromEntries(rows.map((r) => [r.type, Number(r.n)]));
}

for (const database of databases) {
  describe(`demo scenario on ${database.name}`, { skip: database.skip ?? false }, () => {
    let t: Awaited<ReturnType<typeof openTestApp>>;
    let app: Custodian;
    let summary: DemoSummary;
    let facilityIds: Map<string, string>;

    before(async () => {
      t = await openTestApp(database);
      app = t.app;
      summary = await buildDemo(app, { scale: SCALE, seed: SEED, password: PASSWORD });
      const facilities = await app.store.db.selectFrom('facilities').select(['id', 'code']).execute();
      facilityIds = new Map(facilities.map((f) => [f.code, f.id]));
    });
    after(() => t.close());

    const people = () =>
      app.store.db
        .selectFrom('persons')
        .innerJoin('custody', 'custody.id', 'persons.id')
        .innerJoin('facilities', 'facilities.id', 'persons.registeredAtFacilityId')
        .select([
          'persons.id',
          'persons.displayName',
          'persons.sex',
          'persons.birthDate',
          'persons.householdId',
          'persons.classification',
          'persons.nationalityGroup',
          'custody.status',
          'custody.facilityId',
          'facilities.kind as registeredAtKind',
        ])
        .execute();

    it('builds a ledger that verifies', async () => {
      const report = await app.verify();
      assert.deepEqual(report.problems, []);
      assert.equal(report.ok, true);
      assert.equal(report.events, summary.events);
      const persons = await app.store.db
        .selectFrom('persons')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      assert.equal(Number(persons.n), summary.persons);
      assert.ok(summary.persons >= 500, `only ${summary.persons} people at scale ${SCALE}`);
    });

    it('has the camps and prisons of North-East Syria, with sections, perimeter sectors and guards', async () => {
      const facilities = await app.store.db.selectFrom('facilities').selectAll().orderBy('code').execute();
      assert.equal(summary.facilities, facilities.length);
      assert.deepEqual(Object.fromEntries(facilities.map((f) => [f.code, f.kind])), {
        AYN: 'camp',
        DRK: 'prison',
        HOL: 'camp',
        HSC: 'prison',
        HSK: 'prison',
        QAM: 'prison',
        ROJ: 'camp',
        TAB: 'prison',
      });
      for (const f of facilities) {
        assert.ok(f.lat > 35 && f.lat < 38 && f.lon > 38 && f.lon < 43, `${f.code} is in North-East Syria`);
        assert.ok(f.borderDistanceKm !== null);
      }
      const sections = await app.store.db.selectFrom('sections').select(['facilityId', 'code']).execute();
      const holSections = sections.filter((s) => s.facilityId === facilityIds.get('HOL')).map((s) => s.code);
      assert.ok(
        holSections.includes('ANNEX') && holSections.includes('PH1'),
        'Al Hol has its annex and phases',
      );
      const sectors = await app.store.db
        .selectFrom('perimeterSectors')
        .select(['facilityId', 'status'])
        .execute();
      for (const id of facilityIds.values()) assert.ok(sectors.some((s) => s.facilityId === id));

      // Guards were sent to the front when the offensive began on 9 October; postures went to critical.
      const reports = await app.store.db
        .selectFrom('guardStrengthReports')
        .select(['guardsOnDuty', 'reportedAt', 'shift'])
        .where('facilityId', '=', facilityIds.get('HOL')!)
        .where('shift', '=', 'morning')
        .execute();
      const mean = (from: string, to: string) => {
        const days = reports.filter((g) => g.reportedAt >= from && g.reportedAt < to);
        return days.reduce((s, g) => s + g.guardsOnDuty, 0) / days.length;
      };
      assert.ok(mean('2019-10-10', '2019-10-20') < 0.8 * mean('2019-09-01', '2019-10-09'));
      const postures = await app.store.db
        .selectFrom('events')
        .select(['subject', 'payload', 'occurredAt'])
        .where('type', '=', 'alert-posture.changed')
        .execute();
      const critical = postures.filter(
        (e) => e.occurredAt.startsWith('2019-10-09') && JSON.parse(e.payload).posture === 'critical',
      );
      assert.equal(new Set(critical.map((e) => e.subject)).size, facilities.length);
    });

    it('holds men only in prisons, women and children in camps, about 1 man in 6', async () => {
      const rows = await people();
      const kindOf = new Map(
        (await app.store.db.selectFrom('facilities').select(['id', 'kind']).execute()).map((f) => [
          f.id,
          f.kind,
        ]),
      );
      let men = 0;
      let thirdCountryMen = 0;
      let children = 0;
      for (const p of rows) {
        const category = categoryOn(p.sex as 'male' | 'female', p.birthDate, OCTOBER);
        const expected = category === 'man' ? 'prison' : 'camp';
        assert.equal(
          p.registeredAtKind,
          expected,
          `${p.displayName}, a ${category}, registered at a ${p.registeredAtKind}`,
        );
        if (p.status === 'in-custody') assert.equal(kindOf.get(p.facilityId!), expected, p.displayName);
        if (category === 'man') {
          men++;
          if (p.nationalityGroup === 'third-country') thirdCountryMen++;
        } else if (category !== 'woman') children++;
      }
      // 12,000 men of 74,000 people; about 2,000 of the men neither Syrian nor Iraqi; mostly children in the camps.
      assert.ok(men / rows.length > 0.1 && men / rows.length < 0.25, `${men} men of ${rows.length}`);
      assert.ok(thirdCountryMen / men > 0.07 && thirdCountryMen / men < 0.35, `${thirdCountryMen} of ${men}`);
      assert.ok(children / (rows.length - men) > 0.55, `${children} children of ${rows.length - men}`);
    });

    it('links every child to a mother in the same household, and classifies no child', async () => {
      const rows = await people();
      const byId = new Map(rows.map((p) => [p.id, p]));
      const links = await app.store.db
        .selectFrom('familyLinks')
        .select(['personId', 'relatedPersonId'])
        .where('relation', '=', 'mother')
        .execute();
      const motherOf = new Map(links.map((l) => [l.relatedPersonId, l.personId]));
      // Children born in the camps after October count too (their age on that day is below zero).
      const minors = rows.filter((p) => isMinorOn(p.birthDate, OCTOBER));
      assert.ok(minors.length > 0);
      for (const child of minors) {
        const mother = byId.get(motherOf.get(child.id) ?? '');
        assert.ok(mother !== undefined, `${child.displayName} has no mother on record`);
        assert.equal(mother.sex, 'female');
        assert.ok(child.householdId !== null && child.householdId === mother.householdId, child.displayName);
        assert.equal(child.classification, null, `${child.displayName} is a child and was classified`);
      }
      assert.ok(rows.some((p) => p.classification !== null));
      assert.ok(
        rows.some((p) => p.birthDate > '2019-04-01'),
        'some children were born in the camps',
      );
    });

    it('records the escape from Ayn Issa on 13 October and recaptures in the following days', async () => {
      const history = await app.store.db
        .selectFrom('custodyHistory')
        .select(['personId', 'type', 'occurredAt', 'facilityId', 'voidedBy'])
        .where('type', 'in', ['escaped', 'recaptured'])
        .execute();
      const fled = history.filter(
        (h) =>
          h.type === 'escaped' &&
          h.voidedBy === null &&
          h.facilityId === facilityIds.get('AYN') &&
          h.occurredAt.startsWith('2019-10-13'),
      );
      assert.ok(fled.length >= 3);
      const fledIds = new Set(fled.map((h) => h.personId));
      const recaptured = history.filter(
        (h) => h.type === 'recaptured' && fledIds.has(h.personId) && h.occurredAt > '2019-10-13T23:59',
      );
      assert.ok(recaptured.length >= 1 && recaptured.length < fled.length, 'some, not all, were recaptured');
      const rows = await people();
      const women = recaptured.filter((h) => rows.find((p) => p.id === h.personId)!.sex === 'female');
      assert.ok(women.length >= 2);
      const perimeter = await app.store.db
        .selectFrom('perimeterSectors')
        .select('status')
        .where('facilityId', '=', facilityIds.get('AYN')!)
        .execute();
      assert.ok(perimeter.some((s) => s.status === 'breached'));
    });

    it('shows the October 2019 incidents: 859 reported escaped at Ayn Issa, 60-70 recaptured, 635 attempts thwarted', async () => {
      const since = await app.query(actor, 'situation', { from: '2019-10-09', to: '2019-12-31' });
      assert.equal(since.incidents.escapeAttempts.thwarted, THWARTED_SINCE_OFFENSIVE);
      assert.equal(THWARTED_SINCE_OFFENSIVE, 635);
      const ayn = since.facilities.find((f) => f.code === 'AYN')!;
      assert.deepEqual(ayn.incidents.escapes.reportedEscaped, { min: 859, max: 859 });
      assert.deepEqual(ayn.incidents.escapes.reportedRecaptured, { min: 60, max: 70 });
      const identified = ayn.incidents.escapes.identified as number;
      assert.ok(identified >= 3 && identified < 859, `${identified} identified`);
      assert.deepEqual(ayn.incidents.escapes.gap, { min: 859 - identified, max: 859 - identified });
      const autumn = await app.query(actor, 'situation', { from: '2019-09-01', to: '2019-12-31' });
      assert.equal(autumn.incidents.escapeAttempts.thwarted, 635, 'the dashboard of the autumn shows 635');
      const year = await app.query(actor, 'situation', { from: '2019-01-01', to: '2019-12-31' });
      assert.ok((year.incidents.escapeAttempts.individual as number) > 0, 'individual attempts before it');
      const tabqa = await app.query(actor, 'listIncidents', {
        facilityId: facilityIds.get('TAB')!,
        type: 'escape',
        limit: 10,
      });
      const claims = (await app.query(actor, 'getIncident', { incidentId: tabqa.items[0]!.id })).claims;
      assert.equal(claims.filter((c) => c.kind === 'statement').length, 2, 'both sides, side by side');
      const near = await app.query(actor, 'listExternalEvents', {
        facilityId: facilityIds.get('AYN')!,
        withinKm: 20,
        limit: 10,
      });
      assert.ok(near.items.some((e) => e.kind === 'shelling'));
    });

    it('hands the two British high-value detainees to United States forces on 9 October', async () => {
      const handedOver = await app.store.db
        .selectFrom('custodyHistory')
        .innerJoin('persons', 'persons.id', 'custodyHistory.personId')
        .select([
          'persons.identity',
          'persons.classification',
          'custodyHistory.details',
          'custodyHistory.occurredAt',
        ])
        .where('custodyHistory.type', '=', 'handed-over')
        .execute();
      const british = handedOver.filter(
        (h) =>
          JSON.parse(h.identity).nationalities.includes('GBR') &&
          h.classification === 'high-value' &&
          JSON.parse(h.details).toAuthority === 'United States forces' &&
          h.occurredAt.startsWith('2019-10-09'),
      );
      assert.equal(british.length, 2);
      const toUs = handedOver.filter((h) => JSON.parse(h.details).toAuthority === 'United States forces');
      assert.ok(toUs.length > 2, 'other fighters too');
    });

    it('leaves a convoy overdue, people at large, births and notifications dispatched and queued', async () => {
      const overdue = await app.query(actor, 'overdueTransfers', {});
      assert.ok(overdue.items.length >= 2);
      const escaped = await app.query(actor, 'listPersons', { status: 'escaped', limit: 500 });
      assert.ok(escaped.items.length >= 1);
      const types = await eventTypes(app);
      for (const type of [
        'custody.born',
        'custody.died',
        'custody.repatriated',
        'custody.released',
        'custody.corrected',
      ]) {
        assert.ok((types[type] ?? 0) > 0, `no ${type} event`);
      }
      const dispatched = await app.query(actor, 'listNotifications', { status: 'dispatched', limit: 1 });
      const queued = await app.query(actor, 'listNotifications', { status: 'queued', limit: 1 });
      assert.equal(dispatched.items.length, 1);
      assert.equal(queued.items.length, 1);
    });

    it('creates one user per role and two scoped to one camp, who sign in with the demo password', async () => {
      assert.deepEqual(
        summary.users.map((u) => u.username),
        demoUsers.map((u) => u.username),
      );
      const { items } = await app.query(actor, 'listUsers', {});
      for (const u of demoUsers) {
        const found = items.find((i) => i.username === u.username);
        assert.ok(found !== undefined, `no user ${u.username}`);
        assert.equal(found.role, u.role);
        const scope = u.facilities === 'all' ? 'all' : u.facilities.map((code) => facilityIds.get(code));
        assert.deepEqual(found.facilities, scope);
        const session = await app.accounts.login({ username: u.username, password: PASSWORD }, '127.0.0.1');
        assert.equal(session.actor.role, u.role);
        assert.notEqual(session.actor.mustChangePassword, true);
      }
    });

    it('shows guard-roj nobody held at Al Hol, and registrar-hol nobody held at Roj', async () => {
      for (const [username, mine, other] of [
        ['guard-roj', 'ROJ', 'HOL'],
        ['registrar-hol', 'HOL', 'ROJ'],
      ] as const) {
        const { actor: user } = await app.accounts.login({ username, password: PASSWORD }, '127.0.0.1');
        const seen = await allPages((cursor) => app.query(user, 'listPersons', { limit: 500, cursor }));
        assert.ok(
          seen.some((p) => p.custody.facilityId === facilityIds.get(mine)),
          `${username} sees ${mine}`,
        );
        assert.ok(
          !seen.some((p) => p.custody.facilityId === facilityIds.get(other)),
          `${username} sees ${other}`,
        );
        const there = await app.query(user, 'listPersons', { facilityId: facilityIds.get(other)!, limit: 1 });
        assert.equal(there.items.length, 0);
      }
    });
  });
}

describe('demo scenario determinism', () => {
  const sqlite = databases.find((d) => d.name === 'sqlite')!;

  async function build(seed: number, commandsPerTransaction?: number) {
    const t = await openTestApp(sqlite);
    try {
      const summary = await buildDemo(t.app, {
        scale: SCALE,
        seed,
        password: PASSWORD,
        commandsPerTransaction,
      });
      return { summary, types: await eventTypes(t.app), roster: await roster(t.app) };
    } finally {
      await t.close();
    }
  }

  // Built again in transactions of 7 commands: no rule judged at a transaction's close (a child parted
  // from their mother by a movement of one without the other) may depend on where a batch ends.
  it('gives the same summary, events, people, numbers and statuses for the same seed whatever the size of its transactions, others for another seed', async () => {
    const first = await build(SEED);
    const second = await build(SEED, 7);
    assert.ok(first.roster.length > 0);
    assert.deepEqual(second.summary, first.summary);
    assert.deepEqual(second.types, first.types);
    assert.deepEqual(second.roster, first.roster);
    const other = await build(SEED + 1);
    assert.notDeepEqual(other.roster, first.roster);
  });

  it('refuses a scale that is not a positive number, and a short password, before writing anything', async () => {
    const t = await openTestApp(sqlite);
    try {
      await assert.rejects(buildDemo(t.app, { scale: 0, seed: 1 }), RangeError);
      await assert.rejects(buildDemo(t.app, { scale: 0.01, seed: 1, password: 'too-short' }), RangeError);
      await assert.rejects(buildDemo(t.app, { scale: 0.01, seed: 1, commandsPerTransaction: 0 }), RangeError);
      assert.equal((await t.app.query(actor, 'ledgerHead', {})).events, 0);
    } finally {
      await t.close();
    }
  });
});
