// The situation report on SQLite and PostgreSQL: population by category and nationality group,
// movements per day at the facility where they happened, people at large, overdue transfers and
// pending notifications, within the caller's facilities.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { UserActor } from '../src/app/access.ts';
import type { Custodian } from '../src/app/custodian.ts';
import { databases, openTestApp } from './support/databases.ts';
import { actor, admit, authority, buildWorld } from './support/world.ts';

for (const database of databases) {
  describe(`situation report on ${database.name}`, { skip: database.skip ?? false }, () => {
    let t: Awaited<ReturnType<typeof openTestApp>>;
    let app: Custodian;
    let w: Awaited<ReturnType<typeof buildWorld>>;
    const custody = (input: Record<string, unknown>) =>
      app.execute(actor, 'recordCustody', { reason: 'test', authority, ...input });

    before(async () => {
      t = await openTestApp(database);
      app = t.app;
      w = await buildWorld(app);
      await admit(app, w.mother.personId, w.hol, w.annex, '2019-10-01T08:00:00Z');
      for (const c of w.children) await admit(app, c.personId, w.hol, w.annex, '2019-10-01T08:00:00Z');
      // The mother escapes from Al Hol on 13 October and is recaptured at Roj two days later.
      await custody({ type: 'escaped', personId: w.mother.personId, occurredAt: '2019-10-13T22:00:00Z' });
      await custody({
        type: 'recaptured',
        personId: w.mother.personId,
        facilityId: w.roj,
        sectionId: w.rojMain,
        occurredAt: '2019-10-15T06:00:00Z',
      });
      // One child escapes and stays at large; the other is sent to Roj and is overdue.
      await custody({
        type: 'escaped',
        personId: w.children[0]!.personId,
        occurredAt: '2019-10-13T23:00:00Z',
      });
      await custody({
        type: 'transfer-started',
        personId: w.children[1]!.personId,
        toFacilityId: w.roj,
        dueAt: '2019-10-14T12:00:00Z',
        occurredAt: '2019-10-14T08:00:00Z',
      });
    });
    after(() => t.close());

    const day = (report: { movements: { day: string }[] }, d: string) =>
      report.movements.find((m) => m.day === d) as Record<string, unknown>;

    it('counts each movement on its day at the facility where it happened', async () => {
      const report = await app.query(actor, 'situation', { from: '2019-10-01', to: '2019-10-31' });
      assert.equal(report.movements.length, 31);
      assert.equal(day(report, '2019-10-01').admitted, 3);
      assert.equal(day(report, '2019-10-13').escaped, 2);
      assert.equal(day(report, '2019-10-14').transferred, 1);
      assert.equal(day(report, '2019-10-15').recaptured, 1);
      const hol = await app.query(actor, 'situation', {
        from: '2019-10-01',
        to: '2019-10-31',
        facilityId: w.hol,
      });
      assert.equal(day(hol, '2019-10-13').escaped, 2, 'the escapes were from Al Hol');
      assert.equal(day(hol, '2019-10-15').recaptured, 0, 'the recapture was at Roj');
      const roj = await app.query(actor, 'situation', {
        from: '2019-10-01',
        to: '2019-10-31',
        facilityId: w.roj,
      });
      assert.equal(day(roj, '2019-10-15').recaptured, 1);
      assert.equal(day(roj, '2019-10-13').escaped, 0);
    });

    it('gives the population by category and nationality group, and what is pending', async () => {
      const report = await app.query(actor, 'situation', {});
      const roj = report.facilities.find((f) => f.code === 'ROJ')!;
      const hol = report.facilities.find((f) => f.code === 'HOL')!;
      assert.equal(roj.population, 1);
      assert.deepEqual(roj.byCategory, { man: 0, woman: 1, boy: 0, girl: 0 });
      assert.deepEqual(roj.byNationalityGroup, { syrian: 0, iraqi: 1, 'third-country': 0 });
      assert.equal(hol.population, 0);
      assert.equal(report.totals.population, 1);
      assert.equal(report.atLarge, 1);
      assert.equal(report.overdueTransfers, 1);
      // Escapes of the mother and child, the transfer start: each queued for the information bureau.
      assert.equal(report.pendingNotifications, 3);
      assert.equal(report.movements.length, 30, 'thirty days by default');
      assert.equal(report.to, '2019-10-15', 'ending with the last movement recorded');
      assert.equal(day(report, '2019-10-15').recaptured, 1);
    });

    it('shows a user of one facility only that facility', async () => {
      await app.accounts.addUser(actor, {
        username: 'commander-roj',
        role: 'commander',
        facilities: ['ROJ'],
        password: 'a long enough passphrase',
      });
      const signedIn = await app.accounts.login(
        { username: 'commander-roj', password: 'a long enough passphrase' },
        '127.0.0.1',
      );
      const rojOnly: UserActor = signedIn.actor;
      const report = await app.query(rojOnly, 'situation', { from: '2019-10-01', to: '2019-10-31' });
      assert.deepEqual(
        report.facilities.map((f) => f.code),
        ['ROJ'],
      );
      assert.equal(day(report, '2019-10-13').escaped, 0, 'the escapes from Al Hol are not Roj’s');
      assert.equal(report.atLarge, 0);
      assert.equal(report.overdueTransfers, 1, 'the child in transit to Roj is awaited there');
      await assert.rejects(app.query(rojOnly, 'situation', { facilityId: w.hol }), {
        id: 'resource.not-found',
      });
    });

    it('filters people by category on the day and by nationality group', async () => {
      const ids = async (input: Record<string, string>) =>
        (await app.query(actor, 'listPersons', { ...input, limit: 500 })).items.map((p) => p.id).sort();
      assert.deepEqual(await ids({ category: 'woman' }), [w.mother.personId]);
      assert.deepEqual(await ids({ category: 'girl' }), [w.children[0]!.personId]);
      assert.deepEqual(await ids({ category: 'boy' }), [w.children[1]!.personId]);
      assert.deepEqual(await ids({ category: 'man' }), []);
      assert.deepEqual(await ids({ nationalityGroup: 'iraqi' }), [w.mother.personId]);
      assert.deepEqual(await ids({ nationalityGroup: 'third-country', category: 'girl' }), [
        w.children[0]!.personId,
      ]);
    });

    it('refuses a period that runs backwards or is longer than a year', async () => {
      await assert.rejects(app.query(actor, 'situation', { from: '2019-10-31', to: '2019-10-01' }), {
        id: 'input.invalid',
      });
      await assert.rejects(app.query(actor, 'situation', { from: '2018-01-01', to: '2019-10-01' }), {
        id: 'input.invalid',
      });
    });
  });
}
