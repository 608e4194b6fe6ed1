// Cases end to end, on SQLite and PostgreSQL: a household's repatriation through the status machine to
// completion (all members or none), the child separation rule and its approval, child-protection data
// kept from every other role, births in custody, per-country figures and child alerts.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { UserActor } from '../src/app/access.ts';
import type { Custodian } from '../src/app/custodian.ts';
import { type Role, roles } from '../src/auth/policy.ts';
import { CustodianError } from '../src/domain/errors.ts';
import { databases, openTestApp } from './support/databases.ts';
import { actor, admit, authority, buildWorld, child, refusal } from './support/world.ts';

const as = (role: Role): UserActor => ({
  kind: 'user',
  userId: `user-${role}`,
  username: role,
  role,
  facilities: 'all',
  via: 'cli',
});

/** A marker in child-protection data: it must reach child-protection officers only. */
const CHILD_NOTE = 'CHILD-NOTE-4d1e';
const CHILD_CASE = 'CHILD-CASE-9a7b';

const french = (given: string, sex: 'male' | 'female', date: string) => ({
  names: { latin: { given, family: 'Moreau' } },
  sex,
  birthDate: { date },
  nationalities: ['FRA'],
});

for (const database of databases) {
  describe(`cases on ${database.name}`, { skip: database.skip ?? false }, () => {
    let t: Awaited<ReturnType<typeof openTestApp>>;
    let app: Custodian;
    let w: Awaited<ReturnType<typeof buildWorld>>;
    const family = { mother: '', children: [] as string[], household: '' };

    /** How a child's separation approval was used: the ledger's approval-used event. */
    const approvalUse = async (personId: string) => {
      const events = await app.query(actor, 'ledgerEvents', { subject: personId, limit: 500 });
      const used = events.items.find((e) => e.type === 'child-separation.approval-used');
      assert.ok(used && 'payload' in used, 'the approval is used');
      const { approvalId, eventId } = used.payload as { approvalId: string; eventId: string };
      return { approvalId, eventId };
    };

    before(async () => {
      t = await openTestApp(database);
      app = t.app;
      w = await buildWorld(app);
      const at = '2019-09-01T08:00:00Z';
      for (const p of [w.mother, ...w.children]) await admit(app, p.personId, w.hol, w.annex, at);
      const m = await app.execute(actor, 'registerPerson', {
        facilityId: w.hol,
        identity: french('Claire', 'female', '1990-04-02'),
      });
      const c1 = await app.execute(actor, 'registerPerson', {
        facilityId: w.hol,
        identity: french('Louis', 'male', '2015-02-10'),
      });
      const c2 = await app.execute(actor, 'registerPerson', {
        facilityId: w.hol,
        identity: french('Inès', 'female', '2018-07-21'),
      });
      family.mother = m.personId;
      family.children = [c1.personId, c2.personId];
      for (const p of [m, c1, c2]) await admit(app, p.personId, w.hol, w.annex, at);
      family.household = (
        await app.execute(actor, 'formHousehold', {
          facilityId: w.hol,
          name: 'Moreau',
          memberIds: [m.personId, c1.personId, c2.personId],
        })
      ).householdId;
      for (const c of family.children) {
        await app.execute(actor, 'addFamilyLink', {
          personId: m.personId,
          relatedPersonId: c,
          relation: 'mother',
        });
      }
    });
    after(() => t.close());

    const figures = async (country: string) =>
      (await app.query(actor, 'countryFigures', { country })) as never as {
        held: { women: number; children: number };
        byStatus: Record<string, number>;
        requested: number;
        accepted: number;
        completed: number;
        meanDaysInStatus: Record<string, number | null>;
      };

    it("takes a French household from identified to completed: all repatriated in the case's transaction", async () => {
      const before = await figures('FRA');
      assert.deepEqual([before.held.women, before.held.children, before.completed], [1, 2, 0]);
      const officer = as('case-officer');
      const opened = await app.execute(officer, 'openCase', {
        country: 'FRA',
        householdId: family.household,
        reason: 'France announced the return of children with their mothers',
        occurredAt: '2019-10-01T08:00:00Z',
      });
      assert.deepEqual([...opened.memberIds].sort(), [family.mother, ...family.children].sort());
      await app.execute(officer, 'recordCaseEntry', {
        kind: 'wish',
        caseId: opened.caseId,
        personId: family.mother,
        wish: 'wishes-to-return',
      });
      const childWish = await refusal(
        app.execute(officer, 'recordCaseEntry', {
          kind: 'wish',
          caseId: opened.caseId,
          personId: family.children[0],
          wish: 'wishes-to-return',
        }),
      );
      assert.equal(childWish.id, 'case.wish-of-child');
      await app.execute(officer, 'recordCaseEntry', {
        kind: 'document',
        caseId: opened.caseId,
        personId: family.children[1],
        documentKind: 'birth-certificate',
        documentStatus: 'missing',
        note: 'born in the camp',
      });
      await app.execute(officer, 'recordCaseEntry', {
        kind: 'consular-contact',
        caseId: opened.caseId,
        direction: 'sent',
        counterpart: 'Consulate of France, Erbil',
        note: 'list of the family sent',
      });
      const skipped = await refusal(
        app.execute(officer, 'decideCase', { caseId: opened.caseId, status: 'accepted', reason: 'too soon' }),
      );
      assert.equal(skipped.id, 'case.transition-refused');
      const steps = [
        ['requested', '2019-10-02T08:00:00Z'],
        ['under-review', '2019-10-05T08:00:00Z'],
        ['accepted', '2019-10-15T08:00:00Z'],
        ['scheduled', '2019-10-20T08:00:00Z'],
      ] as const;
      for (const [status, occurredAt] of steps) {
        await app.execute(officer, 'decideCase', {
          caseId: opened.caseId,
          status,
          reason: `${status}`,
          occurredAt,
        });
      }
      const done = await app.execute(officer, 'completeCase', {
        caseId: opened.caseId,
        reason: 'returned to France through Qamishli airport',
        authority: 'Department of Foreign Relations',
        occurredAt: '2019-10-25T08:00:00Z',
      });
      assert.equal(done.custodyEventIds.length, 3);
      for (const personId of [family.mother, ...family.children]) {
        const person = await app.query(actor, 'getPerson', { personId });
        assert.equal(person.custody.status, 'repatriated');
        assert.equal(person.custody.handedOverTo, 'FRA');
        assert.equal(person.cases[0]!.status, 'completed');
      }
      const read = await app.query(officer, 'getCase', { caseId: opened.caseId });
      assert.equal(read.status, 'completed');
      assert.deepEqual(
        read.decisions.map((d) => d.status),
        ['identified', 'requested', 'under-review', 'accepted', 'scheduled', 'completed'],
      );
      assert.equal(read.entries.length, 3);
      assert.equal(read.daysInStatus['under-review'], 10);
      const after = await figures('FRA');
      assert.deepEqual([after.held.women, after.held.children], [0, 0]);
      assert.deepEqual([after.requested, after.accepted, after.completed], [3, 3, 3]);
      assert.equal(after.meanDaysInStatus.accepted, 5);
      const situation = await app.query(actor, 'situation', { from: '2019-10-01', to: '2019-10-31' });
      assert.equal(situation.countries.find((c) => c.country === 'FRA')!.completed, 3);
      const analyst = await app.query(as('analyst'), 'countryFigures', { country: 'FRA' });
      assert.equal(analyst.completed, '<5', 'small cells suppressed for analysts');
      assert.equal(analyst.meanDaysInStatus.accepted, null);
    });

    it('completes all members or none: one member gone refuses the completion and writes nothing', async () => {
      const officer = as('case-officer');
      const members = [w.mother.personId, ...w.children.map((c) => c.personId)];
      const opened = await app.execute(officer, 'openCase', {
        country: 'IRQ',
        memberIds: members,
        status: 'requested',
        reason: 'Iraq repatriates families from Al Hol',
      });
      for (const status of ['accepted', 'scheduled'] as const) {
        await app.execute(officer, 'decideCase', { caseId: opened.caseId, status, reason: status });
      }
      await app.execute(actor, 'recordCustody', {
        type: 'escaped',
        personId: w.children[1]!.personId,
        reason: 'not found at the count',
        authority,
      });
      const before = (await app.query(actor, 'ledgerHead', {})).events;
      const refused = await refusal(
        app.execute(officer, 'completeCase', { caseId: opened.caseId, reason: 'convoy', authority }),
      );
      assert.equal(refused.id, 'custody.transition-refused');
      assert.match(refused.errors[0]!.field, /^members\.\d+\.type$/);
      assert.equal((await app.query(actor, 'ledgerHead', {})).events, before, 'nothing written');
      assert.equal((await app.query(officer, 'getCase', { caseId: opened.caseId })).status, 'scheduled');
      for (const personId of [w.mother.personId, w.children[0]!.personId]) {
        assert.equal((await app.query(actor, 'getPerson', { personId })).custody.status, 'in-custody');
      }
      assert.ok((await app.verify()).ok);
    });

    it('refuses a transfer that separates a child from the mother, unless child protection approves it', async () => {
      const mother = await app.execute(actor, 'registerPerson', {
        facilityId: w.hol,
        identity: { ...french('Sophie', 'female', '1994-01-01'), nationalities: ['BEL'] },
      });
      const kid = await app.execute(actor, 'registerPerson', {
        facilityId: w.hol,
        identity: child('Adam', 'male', '2016-03-03'),
      });
      for (const p of [mother, kid]) await admit(app, p.personId, w.hol, w.annex, '2019-09-02T08:00:00Z');
      await app.execute(actor, 'addFamilyLink', {
        personId: mother.personId,
        relatedPersonId: kid.personId,
        relation: 'mother',
      });
      const transfer = {
        type: 'transfer-started',
        personId: kid.personId,
        toFacilityId: w.roj,
        dueAt: '2019-10-03T18:00:00Z',
        occurredAt: '2019-10-03T08:00:00Z',
        reason: 'hospital care at Roj',
        authority,
      };
      const refused = await refusal(app.execute(as('registrar'), 'recordCustody', transfer));
      assert.equal(refused.id, 'custody.child-separation');
      assert.equal(refused.errors[0]!.field, 'personId');
      const handover = await refusal(
        app.execute(as('case-officer'), 'recordCustody', {
          type: 'handed-over',
          personId: kid.personId,
          toAuthority: 'Government of Belgium',
          reason: 'x',
          authority,
        }),
      );
      assert.equal(handover.id, 'custody.child-separation');
      const notAllowed = await refusal(
        app.execute(as('registrar'), 'approveChildSeparation', {
          personId: kid.personId,
          movement: 'transfer-started',
          reason: 'x',
        }),
      );
      assert.equal(notAllowed.id, 'auth.role');
      const { approvalId } = await app.execute(as('child-protection'), 'approveChildSeparation', {
        personId: kid.personId,
        movement: 'transfer-started',
        reason: `${CHILD_NOTE}: specialist care available only at Roj, the mother follows within a week`,
      });
      const moved = await app.execute(as('registrar'), 'recordCustody', transfer);
      assert.equal(moved.status, 'in-transit');
      assert.deepEqual(await approvalUse(kid.personId), { approvalId, eventId: moved.eventId });
      const alerts = await app.query(as('child-protection'), 'childAlerts', {});
      assert.ok(
        alerts.separatedFromMother.some((a) => a.id === kid.personId && a.motherId === mother.personId),
      );
      // The approval allowed one movement; the mother going first needs none.
      await app.execute(as('registrar'), 'recordCustody', {
        type: 'transfer-received',
        personId: kid.personId,
        facilityId: w.roj,
        sectionId: w.rojMain,
        occurredAt: '2019-10-03T12:00:00Z',
        reason: 'arrived',
        authority,
      });
      await app.execute(as('registrar'), 'recordCustody', {
        type: 'transfer-started',
        personId: mother.personId,
        toFacilityId: w.roj,
        dueAt: '2019-10-04T18:00:00Z',
        occurredAt: '2019-10-04T08:00:00Z',
        reason: 'joins her son',
        authority,
      });
      assert.ok((await app.verify()).ok);
    });

    it('refuses a carer who leaves a child behind; a household moved together, or an approval, passes', async () => {
      const registrar = as('registrar');
      const identity = (given: string, sex: 'male' | 'female', date: string) => ({
        ...french(given, sex, date),
        names: { latin: { given, family: 'Lambert' } },
        nationalities: ['BEL'],
      });
      const people = [];
      for (const [given, sex, date] of [
        ['Nadia', 'female', '1992-05-05'],
        ['Yanis', 'male', '2014-06-06'],
        ['Lina', 'female', '2017-07-07'],
      ] as const) {
        const p = await app.execute(actor, 'registerPerson', {
          facilityId: w.hol,
          identity: identity(given, sex, date),
        });
        await admit(app, p.personId, w.hol, w.annex, '2019-09-03T08:00:00Z');
        people.push(p.personId);
      }
      const [nadia, yanis, lina] = people as [string, string, string];
      await app.execute(actor, 'addFamilyLink', {
        personId: nadia,
        relatedPersonId: yanis,
        relation: 'mother',
      });
      const { householdId } = await app.execute(actor, 'formHousehold', {
        facilityId: w.hol,
        name: 'Lambert',
        memberIds: [nadia, yanis, lina],
      });
      const before = (await app.query(actor, 'ledgerHead', {})).events;
      const handover = {
        type: 'handed-over',
        personId: nadia,
        toAuthority: 'Government of Belgium',
        country: 'BEL',
        occurredAt: '2019-10-07T08:00:00Z',
        reason: 'handed over for trial in Belgium',
        authority,
      };
      // The mother's handover leaves both children: the first refused pair is named, nothing is written.
      const refused = await refusal(app.execute(as('case-officer'), 'recordCustody', handover));
      assert.equal(refused.id, 'custody.child-separation');
      assert.equal(refused.errors[0]!.field, 'personId');
      assert.match(refused.message, /Nadia Lambert's handed-over would leave (Yanis|Lina) Lambert/);
      assert.equal((await app.query(actor, 'ledgerHead', {})).events, before, 'nothing written');
      assert.equal((await app.query(actor, 'getPerson', { personId: nadia })).custody.status, 'in-custody');

      // A child transferred alone is refused; the household transferred together passes, in one request.
      const transfer = {
        type: 'transfer-started',
        toFacilityId: w.roj,
        dueAt: '2019-10-06T18:00:00Z',
        occurredAt: '2019-10-06T08:00:00Z',
        reason: 'the household is moved to Roj',
        authority,
      };
      const childAlone = await refusal(
        app.execute(registrar, 'recordCustody', { ...transfer, personId: lina }),
      );
      assert.equal(childAlone.id, 'custody.child-separation');
      assert.match(
        childAlone.message,
        /Lina Lambert is a child and their transfer-started would separate them from Nadia Lambert/,
      );
      const partOf = await refusal(
        app.execute(registrar, 'recordHouseholdCustody', {
          ...transfer,
          householdId,
          memberIds: [lina, nadia],
        }),
      );
      assert.equal(partOf.id, 'custody.child-separation', 'Yanis would stay behind');
      assert.equal((await app.query(actor, 'ledgerHead', {})).events, before, 'nothing written');
      const together = await app.execute(registrar, 'recordHouseholdCustody', { ...transfer, householdId });
      assert.deepEqual(
        together.members.map((m) => [m.personId, m.status]),
        [
          [nadia, 'in-transit'],
          [yanis, 'in-transit'],
          [lina, 'in-transit'],
        ],
        'adults first',
      );
      await app.execute(registrar, 'recordHouseholdCustody', {
        type: 'transfer-received',
        householdId,
        facilityId: w.roj,
        sectionId: w.rojMain,
        occurredAt: '2019-10-06T12:00:00Z',
        reason: 'arrived',
        authority,
      });

      // With the approval of child protection, the mother's handover passes; the approval is used once.
      const { approvalId } = await app.execute(as('child-protection'), 'approveChildSeparation', {
        personId: yanis,
        movement: 'handed-over',
        reason: `${CHILD_NOTE}: the children stay with their grandmother, who is admitted with them`,
      });
      const stillRefused = await refusal(app.execute(as('case-officer'), 'recordCustody', handover));
      assert.equal(stillRefused.id, 'custody.child-separation');
      assert.match(stillRefused.message, /leave Lina Lambert/, 'the approval is for Yanis only');
      await app.execute(as('child-protection'), 'approveChildSeparation', {
        personId: lina,
        movement: 'handed-over',
        reason: 'the children stay with their grandmother, who is admitted with them',
      });
      const handed = await app.execute(as('case-officer'), 'recordCustody', handover);
      assert.equal(handed.status, 'handed-over');
      assert.deepEqual(await approvalUse(yanis), { approvalId, eventId: handed.eventId });
      assert.ok((await app.verify()).ok);
    });

    it("keeps children's protection notes and cases from every role but child protection", async () => {
      const kid = w.children[0]!.personId;
      const { childCaseId } = await app.execute(as('child-protection'), 'openChildCase', {
        personId: kid,
        concern: 'separated',
        summary: `${CHILD_CASE}: father detained at Ghuwayran`,
      });
      await app.execute(as('child-protection'), 'recordProtectionNote', {
        personId: kid,
        childCaseId,
        kind: 'family-tracing',
        note: `${CHILD_NOTE}: tracing request sent to the ICRC`,
      });
      const iraqCase = (await app.query(actor, 'listCases', { country: 'IRQ' })).items[0]!;
      const reads: [string, (role: Role) => Promise<unknown>][] = [
        ['person read', (role) => app.query(as(role), 'getPerson', { personId: kid })],
        ['search', (role) => app.query(as(role), 'listPersons', { q: 'Aisha Al-Douri' })],
        ['list', (role) => app.query(as(role), 'listPersons', { limit: 500 })],
        ['case read', (role) => app.query(as(role), 'getCase', { caseId: iraqCase.id })],
        ['export', (role) => app.query(as(role), 'ledgerEvents', { limit: 500 })],
        ['child cases', (role) => app.query(as(role), 'listChildCases', {})],
        ['custody history', (role) => app.query(as(role), 'custodyHistory', { personId: kid })],
      ];
      for (const [what, read] of reads) {
        for (const role of roles) {
          let body: string;
          try {
            body = JSON.stringify(await read(role));
          } catch (error) {
            if (error instanceof CustodianError && error.kind === 'forbidden') continue;
            throw error;
          }
          const sees = role === 'child-protection';
          for (const marker of [CHILD_NOTE, CHILD_CASE]) {
            if (!sees) assert.ok(!body.includes(marker), `${role} must not see ${marker} in ${what}`);
          }
          if (sees && (what === 'person read' || what === 'case read' || what === 'export')) {
            assert.ok(
              body.includes(CHILD_NOTE) && body.includes(CHILD_CASE),
              `child protection sees them in ${what}`,
            );
          }
        }
      }
      const officerView = await app.query(as('case-officer'), 'getCase', { caseId: iraqCase.id });
      assert.ok(!('protectionNotes' in officerView) && !('childCases' in officerView), 'absent, not empty');
      await app.execute(as('child-protection'), 'closeChildCase', { childCaseId, reason: 'father found' });
      const closed = await refusal(
        app.execute(as('child-protection'), 'closeChildCase', { childCaseId, reason: 'again' }),
      );
      assert.equal(closed.id, 'child-case.closed');
    });

    it('registers a birth in custody: child linked to the mother, a notification and a registration task', async () => {
      const { personId } = await app.execute(as('registrar'), 'registerBirth', {
        motherId: w.mother.personId,
        child: { names: { latin: { given: 'Noor' } }, sex: 'female' },
        authority,
      });
      const born = await app.query(actor, 'getPerson', { personId });
      assert.equal(born.custody.status, 'in-custody');
      assert.ok(born.familyLinks.some((l) => l.personId === w.mother.personId && l.relation === 'mother'));
      const notifications = await app.query(actor, 'listNotifications', { status: 'queued', limit: 500 });
      assert.ok(notifications.items.some((n) => n.personId === personId && n.kind === 'born'));
      const tasks = await app.query(as('registrar'), 'listBirthRegistrations', { status: 'open' });
      assert.deepEqual(
        tasks.items.map((task) => [task.id, task.motherId]),
        [[personId, w.mother.personId]],
      );
      await app.execute(as('registrar'), 'completeBirthRegistration', {
        personId,
        reference: 'Civil registry of the Autonomous Administration, 2019/1234',
        authority,
      });
      assert.equal((await app.query(actor, 'listBirthRegistrations', { status: 'open' })).items.length, 0);
      const twice = await refusal(
        app.execute(as('registrar'), 'completeBirthRegistration', { personId, reference: 'x', authority }),
      );
      assert.equal(twice.id, 'birth-registration.completed');
    });

    it('flags children who turn 18 within six months', async () => {
      const today = new Date().toISOString().slice(0, 10);
      const [y, m, d] = today.split('-').map(Number) as [number, number, number];
      const birth = new Date(Date.UTC(y - 18, m - 1, d + 60)).toISOString().slice(0, 10);
      const teen = await app.execute(actor, 'registerPerson', {
        facilityId: w.hol,
        identity: child('Bilal', 'male', birth),
      });
      await admit(app, teen.personId, w.hol, w.annex, '2019-09-03T08:00:00Z');
      const alerts = await app.query(as('child-protection'), 'childAlerts', {});
      const flagged = alerts.turning18.find((a) => a.id === teen.personId);
      assert.ok(flagged);
      assert.ok(flagged.daysUntilAdult > 0 && flagged.daysUntilAdult <= 180);
      assert.ok(!alerts.turning18.some((a) => a.id === w.children[0]!.personId));
      assert.ok((await app.verify()).ok);
    });
  });
}
