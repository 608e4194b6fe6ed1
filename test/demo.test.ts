// The demo scenario on SQLite and PostgreSQL: it verifies, holds every kind of custody event, and is
// the same for the same seed.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { systemActor } from '../src/app/access.ts';
import type { Custodian } from '../src/app/custodian.ts';
import { buildDemo, type DemoSummary } from '../src/app/demo.ts';
import { custodyEventTypes } from '../src/domain/custody.ts';
import { isMinorOn } from '../src/domain/person.ts';
import { databases, openTestApp } from './support/databases.ts';

const actor = systemActor('test');
const SCALE = 0.1;
const SEED = 20191013;

/** Every ledger event, read page by page as a client would. */
async function allEvents(app: Custodian) {
  const events: { type: string; actor: string; occurredAt: string }[] = [];
  for (let cursor: string | undefined; ; ) {
    const page = await app.query(actor, 'ledgerEvents', { limit: 500, cursor });
    events.push(...page.items);
    if (page.nextCursor === null) return events;
    cursor = page.nextCursor;
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

for (const database of databases) {
  describe(`demo scenario on ${database.name}`, { skip: database.skip ?? false }, () => {
    let t: Awaited<ReturnType<typeof openTestApp>>;
    let app: Custodian;
    let summary: DemoSummary;

    before(async () => {
      t = await openTestApp(database);
      app = t.app;
      summary = await buildDemo(app, { scale: SCALE, seed: SEED });
    });
    after(() => t.close());

    it('builds a ledger that verifies', async () => {
      const report = await app.verify();
      assert.deepEqual(report.problems, []);
      assert.equal(report.ok, true);
      assert.equal(report.events, summary.events);
      assert.equal(summary.facilities, 4);
      const persons = await app.store.db
        .selectFrom('persons')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      assert.equal(Number(persons.n), summary.persons);
      assert.ok(summary.persons >= 20, `only ${summary.persons} people at scale ${SCALE}`);
    });

    it('records every kind of custody event, all in the autumn of 2019, all by the demo actor', async () => {
      const events = await allEvents(app);
      assert.equal(events.length, summary.events);
      const types = new Set(events.map((e) => e.type));
      for (const type of custodyEventTypes)
        assert.ok(types.has(`custody.${type}`), `no custody.${type} event`);
      for (const type of [
        'perimeter-sector.status-changed',
        'guard-strength.reported',
        'alert-posture.changed',
        'person.classified',
        'separation.added',
        'register-entry.recorded',
        'household.formed',
        'family-link.added',
        'notification.dispatched',
      ]) {
        assert.ok(types.has(type), `no ${type} event`);
      }
      assert.ok(events.every((e) => e.actor === 'system:demo'));
      for (const e of events.filter((e) => e.type.startsWith('custody.'))) {
        assert.ok(
          e.occurredAt >= '2019-09-01' && e.occurredAt < '2020-01-01',
          `${e.type} at ${e.occurredAt}`,
        );
      }
      const sectors = await app.store.db.selectFrom('perimeterSectors').select('status').execute();
      assert.ok(sectors.some((s) => s.status === 'breached'));
      const entries = await app.store.db.selectFrom('registerEntries').select('kind').execute();
      for (const kind of ['request', 'complaint', 'injury']) {
        assert.ok(
          entries.some((e) => e.kind === kind),
          `no register entry of kind ${kind}`,
        );
      }
    });

    it('leaves a transfer overdue, people at large, and notifications both dispatched and queued', async () => {
      const overdue = await app.query(actor, 'overdueTransfers', {});
      assert.ok(overdue.items.length >= 1);
      assert.ok(overdue.items.every((p) => p.custody.transferDueAt! < '2020-01-01'));
      const escaped = await app.query(actor, 'listPersons', { status: 'escaped', limit: 500 });
      assert.ok(escaped.items.length >= 1);
      const handedOver = await app.query(actor, 'listPersons', { status: 'handed-over', limit: 500 });
      assert.ok(handedOver.items.length >= 2);
      assert.ok(handedOver.items.every((p) => p.category === 'man'));
      const dispatched = await app.query(actor, 'listNotifications', { status: 'dispatched', limit: 1 });
      const queued = await app.query(actor, 'listNotifications', { status: 'queued', limit: 1 });
      assert.equal(dispatched.items.length, 1);
      assert.equal(queued.items.length, 1);
    });

    it('classifies some adults and no child', async () => {
      const rows = await app.store.db
        .selectFrom('persons')
        .select(['displayName', 'birthDate', 'classification'])
        .execute();
      const today = new Date().toISOString().slice(0, 10);
      const classified = rows.filter((p) => p.classification !== null);
      assert.ok(classified.length >= 2);
      for (const p of classified) {
        assert.ok(!isMinorOn(p.birthDate, '2019-10-01'), `${p.displayName} was a child in 2019`);
        assert.ok(!isMinorOn(p.birthDate, today), `${p.displayName} is a child`);
      }
      assert.ok(
        rows.some((p) => isMinorOn(p.birthDate, '2019-10-01')),
        'the demo has children',
      );
    });

    it('links mothers to their children and forms households', async () => {
      const links = await app.store.db.selectFrom('familyLinks').select('relation').execute();
      assert.ok(links.some((l) => l.relation === 'mother'));
      const households = await app.store.db.selectFrom('households').select('id').execute();
      assert.ok(households.length >= 5);
    });
  });
}

describe('demo scenario determinism', () => {
  const sqlite = databases.find((d) => d.name === 'sqlite')!;

  async function build(seed: number): Promise<string[]> {
    const t = await openTestApp(sqlite);
    try {
      await buildDemo(t.app, { scale: SCALE, seed });
      return await roster(t.app);
    } finally {
      await t.close();
    }
  }

  it('gives the same people, numbers and statuses for the same seed, and others for another seed', async () => {
    const first = await build(SEED);
    const second = await build(SEED);
    assert.ok(first.length > 0);
    assert.deepEqual(second, first);
    const other = await build(SEED + 1);
    assert.notDeepEqual(other, first);
  });

  it('refuses a scale that is not a positive number', async () => {
    const t = await openTestApp(sqlite);
    try {
      await assert.rejects(buildDemo(t.app, { scale: 0, seed: 1 }), RangeError);
    } finally {
      await t.close();
    }
  });
});
