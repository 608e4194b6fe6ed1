// Facilities on SQLite and PostgreSQL: sections and occupancy, perimeter sectors, guard strength,
// alert posture and amendments, each an event with its history.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Custodian } from '../src/app/custodian.ts';
import type { CustodianError } from '../src/domain/errors.ts';
import { databases, openTestApp } from './support/databases.ts';
import { actor, admit, buildWorld } from './support/world.ts';

for (const database of databases) {
  describe(`facilities on ${database.name}`, { skip: database.skip ?? false }, () => {
    let t: Awaited<ReturnType<typeof openTestApp>>;
    let app: Custodian;
    let w: Awaited<ReturnType<typeof buildWorld>>;

    before(async () => {
      t = await openTestApp(database);
      app = t.app;
      w = await buildWorld(app);
    });
    after(() => t.close());

    it('refuses a facility code already in use, naming the field', async () => {
      await assert.rejects(
        app.execute(actor, 'registerFacility', {
          code: 'HOL',
          nameEn: 'Another',
          nameAr: 'آخر',
          kind: 'holding',
          location: { lat: 36, lon: 41 },
          capacity: 10,
          authority: 'x',
        }),
        (e: CustodianError) => e.id === 'facility.code-taken' && e.errors[0]?.field === 'code',
      );
    });

    it('shows occupancy, vacancies and unassigned people per section', async () => {
      await admit(app, w.mother.personId, w.hol, w.annex, '2019-10-01T08:00:00Z');
      await admit(app, w.children[0]!.personId, w.hol, w.annex, '2019-10-01T08:00:00Z');
      await admit(app, w.children[1]!.personId, w.hol, null, '2019-10-01T08:00:00Z');
      const hol = await app.query(actor, 'getFacility', { facilityId: w.hol });
      assert.equal(hol.population, 3);
      assert.equal(hol.unassigned, 1);
      const annex = hol.sections.find((s) => s.id === w.annex)!;
      assert.equal(annex.occupancy, 2);
      assert.equal(annex.vacancies, annex.capacity - 2);
      assert.deepEqual(annex.categories, ['woman', 'girl', 'boy']);
    });

    it('keeps the history of perimeter sectors, guard strength and alert posture', async () => {
      const { sectorId } = await app.execute(actor, 'addPerimeterSector', {
        facilityId: w.hol,
        code: 'N1',
        name: 'North fence, gate 1',
      });
      await app.execute(actor, 'changePerimeterSectorStatus', {
        sectorId,
        status: 'breached',
        reason: 'fence cut at night',
        occurredAt: '2019-10-12T02:00:00Z',
      });
      await assert.rejects(
        app.execute(actor, 'changePerimeterSectorStatus', { sectorId, status: 'breached', reason: 'again' }),
        (e: CustodianError) => e.id === 'perimeter-sector.unchanged' && e.errors[0]?.field === 'status',
      );
      await app.execute(actor, 'reportGuardStrength', {
        facilityId: w.hol,
        shift: 'night',
        guardsOnDuty: 40,
        guardsRequired: 120,
        occurredAt: '2019-10-12T22:00:00Z',
      });
      await app.execute(actor, 'changeAlertPosture', {
        facilityId: w.hol,
        posture: 'critical',
        reason: 'offensive',
      });
      await assert.rejects(
        app.execute(actor, 'changeAlertPosture', { facilityId: w.hol, posture: 'critical', reason: 'still' }),
        (e: CustodianError) => e.id === 'alert-posture.unchanged',
      );
      const hol = await app.query(actor, 'getFacility', { facilityId: w.hol });
      assert.equal(hol.alertPosture, 'critical');
      assert.equal(hol.perimeterSectors[0]?.status, 'breached');
      assert.equal(hol.perimeterSectors[0]?.statusSince, '2019-10-12T02:00:00.000Z');
      assert.equal(hol.latestGuardStrength?.guardsOnDuty, 40);
      const history = await app.query(actor, 'facilityHistory', { facilityId: w.hol, limit: 500 });
      const types = history.items.map((e) => e.type);
      for (const type of [
        'facility.registered',
        'section.added',
        'perimeter-sector.added',
        'perimeter-sector.status-changed',
        'guard-strength.reported',
        'alert-posture.changed',
      ]) {
        assert.ok(types.includes(type), `${type} is in the facility's history`);
      }
    });

    it('amends a facility and a section as events', async () => {
      await app.execute(actor, 'amendFacility', {
        facilityId: w.hol,
        changes: { capacity: 73000, location: { lat: 36.38, lon: 41.15 } },
        reason: 'new phase opened',
      });
      await app.execute(actor, 'amendSection', {
        sectionId: w.annex,
        changes: { capacity: 12000 },
        reason: 'tents added',
      });
      const hol = await app.query(actor, 'getFacility', { facilityId: w.hol });
      assert.equal(hol.capacity, 73000);
      assert.equal(hol.lat, 36.38);
      assert.equal(hol.code, 'HOL');
      assert.equal(hol.sections.find((s) => s.id === w.annex)?.capacity, 12000);
      await assert.rejects(
        app.execute(actor, 'amendFacility', { facilityId: w.hol, changes: { code: 'XXX' }, reason: 'r' }),
        (e: CustodianError) => e.id === 'input.invalid' && e.errors[0]?.field === 'changes.code',
      );
      assert.ok((await app.verify()).ok);
    });
  });
}
