// Incidents and intelligence on SQLite and PostgreSQL: incidents of each type through the app, a mass
// escape with reported counts, partial identification and recapture, conflicting claims and their
// assessment, field-protected sources, distances of external events, and the situation's figures.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { UserActor } from '../src/app/access.ts';
import type { Custodian } from '../src/app/custodian.ts';
import type { Role } from '../src/auth/policy.ts';
import { distanceKm } from '../src/domain/incident.ts';
import { databases, openTestApp } from './support/databases.ts';
import { actor, admit, authority, buildWorld, eventCount, refusal } from './support/world.ts';

const user = (role: Role): UserActor => ({
  kind: 'user',
  userId: `user-${role}`,
  username: role,
  role,
  facilities: 'all',
  via: 'cli',
});

const INFORMANT = 'Informant-Abu-Hamza-3c1d';
const official = {
  kind: 'official',
  name: 'Kurdish-led administration',
  reliability: 'B',
  credibility: 3,
} as const;

for (const database of databases) {
  describe(`incidents on ${database.name}`, { skip: database.skip ?? false }, () => {
    let t: Awaited<ReturnType<typeof openTestApp>>;
    let app: Custodian;
    let w: Awaited<ReturnType<typeof buildWorld>>;
    let sectorId: string;
    const women: string[] = [];

    before(async () => {
      t = await openTestApp(database);
      app = t.app;
      w = await buildWorld(app);
      sectorId = (
        await app.execute(actor, 'addPerimeterSector', { facilityId: w.hol, code: 'N2', name: 'North' })
      ).sectorId;
      for (const given of ['Amina', 'Huda', 'Salma', 'Rania']) {
        const p = await app.execute(actor, 'registerPerson', {
          facilityId: w.hol,
          identity: {
            names: { latin: { given, family: 'Test' } },
            sex: 'female',
            birthDate: { date: '1990-01-01', estimated: true },
            nationalities: ['FRA'],
          },
        });
        await admit(app, p.personId, w.hol, w.annex, '2019-09-01T08:00:00Z');
        women.push(p.personId);
      }
    });
    after(() => t.close());

    it('records a thwarted organised escape attempt at a sector, and counts it in the situation', async () => {
      const figures = async () =>
        (await app.query(actor, 'situation', { from: '2019-10-01', to: '2019-10-31' })).incidents;
      const before = await figures();
      const { incidentId } = await app.execute(user('guard'), 'recordIncident', {
        type: 'escape-attempt',
        facilityId: w.hol,
        occurredAt: '2019-10-12T02:10:00Z',
        location: { sectorId },
        summary: 'Twenty women at the north fence with cutters; turned back',
        details: { scale: 'organised', outcome: 'thwarted', forceUsed: 'physical' },
      });
      const after = await figures();
      assert.equal(after.escapeAttempts.thwarted, (before.escapeAttempts.thwarted as number) + 1);
      assert.equal(after.escapeAttempts.organised, (before.escapeAttempts.organised as number) + 1);
      assert.equal(after.byType['escape-attempt'], (before.byType['escape-attempt'] as number) + 1);
      const incident = await app.query(user('commander'), 'getIncident', { incidentId });
      assert.equal(incident.sector?.code, 'N2');
      assert.deepEqual(incident.details, { scale: 'organised', outcome: 'thwarted', forceUsed: 'physical' });
      const log = await app.query(user('commander'), 'listIncidents', { type: 'escape-attempt', limit: 50 });
      assert.ok(log.items.some((i) => i.id === incidentId && i.sectorCode === 'N2'));
    });

    it('refuses an escape attempt without its sector, naming the field, and writes nothing', async () => {
      const events = await eventCount(app);
      const error = await refusal(
        app.execute(user('guard'), 'recordIncident', {
          type: 'escape-attempt',
          facilityId: w.hol,
          summary: 'attempt',
          details: { scale: 'individual', outcome: 'thwarted', forceUsed: 'none' },
        }),
      );
      assert.equal(error.errors[0]?.field, 'location.sectorId');
      const wrongSector = await refusal(
        app.execute(user('commander'), 'recordIncident', {
          type: 'perimeter-breach',
          facilityId: w.roj,
          location: { sectorId },
          summary: 'breach',
          details: { means: 'fence-cut' },
        }),
      );
      assert.equal(wrongSector.errors[0]?.field, 'location.sectorId');
      const noVictim = await refusal(
        app.execute(user('guard'), 'recordIncident', {
          type: 'violence',
          facilityId: w.hol,
          summary: 'fight',
          details: { kind: 'assault', injuries: 'minor' },
          people: [{ personId: women[0], role: 'perpetrator' }],
        }),
      );
      assert.equal(noVictim.errors[0]?.field, 'people');
      const byGuard = await refusal(
        app.execute(user('guard'), 'recordIncident', {
          type: 'escape',
          facilityId: w.hol,
          summary: 'escape',
          details: { scale: 'individual', authority },
        }),
      );
      assert.equal(byGuard.id, 'auth.role');
      assert.equal(await eventCount(app), events);
    });

    it('keeps a mass escape’s figures right through reported counts, partial identification and recapture', async () => {
      const { incidentId } = await app.execute(user('commander'), 'recordIncident', {
        type: 'escape',
        facilityId: w.hol,
        occurredAt: '2019-10-13T14:00:00Z',
        precision: 'hour',
        summary: 'The annex emptied during the shelling',
        details: { scale: 'mass', means: 'through the burning gate', authority },
        people: [
          { personId: women[0], role: 'escapee' },
          { personId: women[1], role: 'escapee' },
        ],
      });
      for (const id of women.slice(0, 2)) {
        assert.equal((await app.query(actor, 'getPerson', { personId: id })).custody.status, 'escaped');
      }
      await app.execute(user('security-analyst'), 'recordClaim', {
        kind: 'count',
        incidentId,
        measure: 'escaped',
        count: { min: 859, max: 859 },
        source: official,
      });
      await app.execute(user('security-analyst'), 'recordClaim', {
        kind: 'count',
        incidentId,
        measure: 'recaptured',
        count: { min: 60, max: 70 },
        source: { kind: 'media', name: 'Wire agency', reliability: 'C', credibility: 3 },
      });
      // Weeks later a third woman is identified among the escapees, and one is recaptured.
      const refused = await refusal(
        app.execute(user('commander'), 'addIncidentPeople', {
          incidentId,
          people: [{ personId: women[2], role: 'escapee' }],
        }),
      );
      assert.equal(refused.errors[0]?.field, 'authority');
      await app.execute(user('commander'), 'addIncidentPeople', {
        incidentId,
        people: [{ personId: women[2], role: 'escapee' }],
        authority,
      });
      await app.execute(user('commander'), 'recordCustody', {
        type: 'recaptured',
        personId: women[0],
        facilityId: w.hol,
        sectionId: w.annex,
        occurredAt: '2019-10-15T09:00:00Z',
        reason: 'stopped at a checkpoint near Tal Tamr',
        authority,
      });
      const incident = await app.query(user('commander'), 'getIncident', { incidentId });
      assert.deepEqual(incident.figures.reported.escaped, { min: 859, max: 859 });
      assert.deepEqual(incident.figures.reported.recaptured, { min: 60, max: 70 });
      assert.equal(incident.figures.identified, 3);
      assert.equal(incident.figures.recaptured, 1);
      assert.equal(incident.figures.stillAtLarge, 2);
      assert.deepEqual(incident.figures.gap, { min: 856, max: 856 });
      const situation = await app.query(actor, 'situation', {
        from: '2019-10-01',
        to: '2019-10-31',
        facilityId: w.hol,
      });
      assert.deepEqual(situation.incidents.escapes.reportedEscaped, { min: 859, max: 859 });
      assert.deepEqual(situation.incidents.escapes.reportedRecaptured, { min: 60, max: 70 });
      assert.equal(situation.incidents.escapes.identified, 3);
      assert.deepEqual(situation.incidents.escapes.gap, { min: 856, max: 856 });
      assert.equal(situation.atLarge, 2);
      const atLarge = await app.query(user('commander'), 'listAtLarge', { limit: 50 });
      assert.deepEqual(atLarge.items.map((p) => p.personId).sort(), women.slice(1, 3).sort());
      assert.ok(atLarge.items.every((p) => p.incidentId === incidentId));
      assert.equal((await app.verify()).ok, true);
    });

    it('keeps conflicting claims side by side through an assessment, as new events', async () => {
      const { incidentId } = await app.execute(user('commander'), 'recordIncident', {
        type: 'attack',
        facilityId: w.roj,
        occurredAt: '2019-10-13T09:00:00Z',
        summary: 'Shells fell on the prison; the guards left',
        details: { weapon: 'shelling', damage: 'gate and east wall' },
      });
      const question = 'Who emptied the prison?';
      const a = await app.execute(user('security-analyst'), 'recordClaim', {
        kind: 'statement',
        incidentId,
        question,
        statement: 'Turkish-backed forces opened the prison',
        source: official,
      });
      const b = await app.execute(user('security-analyst'), 'recordClaim', {
        kind: 'statement',
        incidentId,
        question,
        statement: 'The guards released the prisoners before withdrawing',
        source: { kind: 'official', name: 'Turkish ministry of defence', reliability: 'C', credibility: 4 },
      });
      await app.execute(user('security-analyst'), 'assessClaim', {
        claimId: b.claimId,
        reason: 'two witnesses',
      });
      const second = await app.execute(user('security-analyst'), 'assessClaim', {
        claimId: a.claimId,
        reason: 'video of the gate, dated',
      });
      assert.equal(second.supersedes, b.claimId);
      const again = await refusal(
        app.execute(user('security-analyst'), 'assessClaim', { claimId: a.claimId, reason: 'again' }),
      );
      assert.equal(again.id, 'claim.already-assessed');
      const incident = await app.query(user('security-analyst'), 'getIncident', { incidentId });
      assert.deepEqual(
        incident.claims.map((c) => [c.statement, c.assessment]),
        [
          ['Turkish-backed forces opened the prison', 'most-likely'],
          ['The guards released the prisoners before withdrawing', 'superseded'],
        ],
      );
      const events = await app.query(user('auditor'), 'ledgerEvents', { subject: incidentId, limit: 50 });
      assert.deepEqual(
        events.items.map((e) => e.type),
        ['incident.opened', 'claim.recorded', 'claim.recorded', 'claim.assessed', 'claim.assessed'],
      );
    });

    it('shows whereabouts sources to the security analyst and not to the registrar', async () => {
      const personId = women[1]!;
      await app.execute(user('security-analyst'), 'reportWhereabouts', {
        personId,
        seenAt: '2019-11-02T12:00:00Z',
        place: 'Idlib, market',
        point: { lat: 35.93, lon: 36.63 },
        claim: 'seen with two children at the market',
        source: {
          kind: 'informant',
          name: INFORMANT,
          reference: 'HUMINT-7',
          reliability: 'C',
          credibility: 3,
        },
      });
      await app.execute(user('case-officer'), 'requestHandover', {
        personId,
        kind: 'extradition',
        authority: 'Interim government, Idlib',
        reason: 'reported held at a checkpoint',
      });
      const seen = (role: Role) =>
        app.query(user(role), 'listAtLarge', { limit: 50 }).then((page) => {
          const text = JSON.stringify(page);
          return { source: text.includes(INFORMANT), place: text.includes('Idlib, market') };
        });
      assert.deepEqual(await seen('security-analyst'), { source: true, place: true });
      assert.deepEqual(await seen('registrar'), { source: false, place: true });
      const registrarView = await app.query(user('registrar'), 'listAtLarge', { limit: 50 });
      const report: object = registrarView.items.find((p) => p.personId === personId)!.whereabouts[0]!;
      assert.ok(
        !('sourceName' in report) && (report as { reliability: string }).reliability === 'C',
        'the grade stays, the identity goes',
      );
      const notAtLarge = await refusal(
        app.execute(user('security-analyst'), 'reportWhereabouts', {
          personId: women[3],
          seenAt: '2019-11-02T12:00:00Z',
          place: 'x',
          claim: 'x',
          source: official,
        }),
      );
      assert.equal(notAtLarge.id, 'whereabouts.not-at-large');
    });

    it('computes the distance of an external event to each facility', async () => {
      const point = { lat: 37.0522, lon: 41.2306 }; // Qamishli
      const { externalEventId } = await app.execute(user('security-analyst'), 'recordExternalEvent', {
        kind: 'car-bomb',
        occurredAt: '2019-10-11T10:00:00Z',
        point,
        place: 'Qamishli, Munir Habib street',
        summary: 'Car bomb near a restaurant',
        killed: 3,
      });
      const near = await app.query(user('guard'), 'listExternalEvents', {
        facilityId: w.hol,
        withinKm: 100,
        limit: 50,
      });
      const event = near.items.find((e) => e.id === externalEventId)!;
      const expected = Math.round(distanceKm(point, { lat: 36.378, lon: 41.14 }) * 10) / 10;
      assert.equal(event.distanceKm, expected);
      assert.ok(expected > 74 && expected < 76, `Qamishli to Al Hol is about 75 km, not ${expected}`);
      // Nearest first: Roj is a little nearer Qamishli than Al Hol.
      assert.deepEqual(
        event.distances.map((d) => d.facilityId),
        [w.roj, w.hol],
      );
      const far = await app.query(user('guard'), 'listExternalEvents', {
        facilityId: w.hol,
        withinKm: 50,
        limit: 50,
      });
      assert.ok(!far.items.some((e) => e.id === externalEventId));
    });

    it('links incidents and changes their status', async () => {
      const log = await app.query(actor, 'listIncidents', { limit: 50 });
      const [a, b] = log.items;
      await app.execute(user('commander'), 'linkIncidents', {
        incidentId: a!.id,
        linkedIncidentId: b!.id,
        relation: 'related',
      });
      const twice = await refusal(
        app.execute(user('commander'), 'linkIncidents', {
          incidentId: b!.id,
          linkedIncidentId: a!.id,
          relation: 'follows',
        }),
      );
      assert.equal(twice.id, 'incident.already-linked');
      await app.execute(user('commander'), 'changeIncidentStatus', {
        incidentId: b!.id,
        status: 'closed',
        reason: 'investigated',
      });
      const linked = await app.query(actor, 'getIncident', { incidentId: b!.id });
      assert.equal(linked.status, 'closed');
      assert.deepEqual(
        linked.links.map((l) => [l.id, l.direction]),
        [[a!.id, 'from']],
      );
      assert.equal((await app.verify()).ok, true);
    });
  });
}
