// Headcounts end to end, on SQLite and PostgreSQL: a nominal count with people missing, unexpected,
// counted twice and in the wrong section, movements while it runs, each discrepancy resolved (found at
// hospital, a record error, a declared escape), a numeric count, and the roll board.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import fc from 'fast-check';
import { v7 as uuid } from 'uuid';
import { Custodian } from '../src/app/custodian.ts';
import { databases, openTestApp } from './support/databases.ts';
import { actor, admit, authority, buildWorld, refusal } from './support/world.ts';

const givenNames = [
  'Maryam',
  'Zainab',
  'Hafsa',
  'Asma',
  'Ruqayya',
  'Sumayya',
  'Khawla',
  'Safiyya',
  'Juwayriya',
  'Umama',
];
const families = [
  'Al-Jubouri',
  'Al-Obeidi',
  'Al-Dulaimi',
  'Al-Shammari',
  'Al-Tikriti',
  'Al-Hamdani',
  'Al-Ani',
  'Al-Rawi',
  'Al-Zubaidi',
  'Al-Qaisi',
];

for (const database of databases) {
  describe(`headcounts on ${database.name}`, { skip: database.skip ?? false }, () => {
    let t: Awaited<ReturnType<typeof openTestApp>>;
    let app: Custodian;
    let w: Awaited<ReturnType<typeof buildWorld>>;
    /** Ten women: five in the annex, five in phase 5. */
    const women: { personId: string; registrationNumber: string }[] = [];

    before(async () => {
      t = await openTestApp(database);
      app = t.app;
      w = await buildWorld(app);
      for (const [i, given] of givenNames.entries()) {
        const p = await app.execute(actor, 'registerPerson', {
          facilityId: w.hol,
          identity: {
            names: { latin: { given, father: 'Hassan', family: families[i]! } },
            sex: 'female',
            birthDate: { date: `${1980 + i}-01-01`, estimated: true },
            nationalities: ['IRQ'],
          },
        });
        await admit(app, p.personId, w.hol, i < 5 ? w.annex : w.phase5, '2019-10-01T08:00:00Z');
        women.push(p);
      }
    });
    after(() => t.close());

    const mark = (
      headcountId: string,
      sectionId: string | null,
      who: { registrationNumber: string },
      markId = uuid(),
    ) =>
      app.execute(actor, 'recordMarks', {
        headcountId,
        marks: [
          { markId, sectionId, registrationNumber: who.registrationNumber, method: 'registration-number' },
        ],
      });

    it('reconciles a nominal count, its movements and each kind of discrepancy, and resolves them', async () => {
      const annexA = women.slice(0, 5);
      const phase5 = women.slice(5);
      const { headcountId } = await app.execute(actor, 'openHeadcount', {
        facilityId: w.hol,
        kind: 'nominal',
        sectionIds: [w.annex, w.phase5],
      });
      const opened = await app.query(actor, 'getHeadcount', { headcountId });
      assert.deepEqual(
        opened.sections.map((s) => [s.code, s.expected]),
        [
          ['ANNEX', 5],
          ['PH5', 5],
        ],
      );
      // Annex: three of five counted, one of them twice (by a second guard, in phase 5).
      await mark(headcountId, w.annex, annexA[0]!);
      const firstMark = uuid();
      await mark(headcountId, w.annex, annexA[1]!, firstMark);
      // A phone resending its mark after the network dropped: recorded once.
      const resent = await mark(headcountId, w.annex, annexA[1]!, firstMark);
      assert.equal(resent.results[0]!.outcome, 'already-recorded');
      await mark(headcountId, w.annex, annexA[2]!);
      const twice = await mark(headcountId, w.phase5, annexA[2]!);
      assert.equal(twice.results[0]!.outcome, 'counted-twice');
      assert.equal(twice.results[0]!.firstCount?.sectionId, w.annex);
      // Phase 5: p5[0] is taken to hospital while the count runs and is not counted: not missing.
      await app.execute(actor, 'recordCustody', {
        type: 'hospitalised',
        personId: phase5[0]!.personId,
        hospital: 'Al Hol field hospital',
        reason: 'fever',
        authority,
      });
      // p5[1] moves to the annex while the count runs and is counted there: not a wrong section.
      await app.execute(actor, 'recordCustody', {
        type: 'moved',
        personId: phase5[1]!.personId,
        sectionId: w.annex,
        reason: 'rejoins her sister',
        authority,
      });
      await mark(headcountId, w.annex, phase5[1]!);
      // p5[2] is counted in the annex although the register has her in phase 5.
      await mark(headcountId, w.annex, phase5[2]!);
      await mark(headcountId, w.phase5, phase5[3]!);
      // The mother of the test world lives in no counted section: unexpected.
      await mark(headcountId, w.phase5, { registrationNumber: w.mother.registrationNumber });
      // p5[4] is not counted; nor are annex 3 and 4: three missing.
      const during = await app.query(actor, 'getHeadcount', { headcountId });
      assert.deepEqual(
        during.sections.map((s) => [s.code, s.counted]),
        [
          ['ANNEX', 5],
          ['PH5', 2],
        ],
      );

      // The server restarts mid-count: what it knew of the count is read again from the database.
      await app.close();
      app = await Custodian.open(t.options);
      t.app = app;

      const closed = await app.execute(actor, 'closeHeadcount', { headcountId });
      assert.deepEqual(closed.discrepancies, {
        missing: 3,
        unexpected: 1,
        'wrong-section': 1,
        'counted-twice': 1,
        'section-difference': 0,
      });
      const report = await app.query(actor, 'getHeadcount', { headcountId });
      const of = (kind: string) =>
        report
          .discrepancies!.filter((d) => d.kind === kind)
          .map((d) => d.personId)
          .sort();
      assert.deepEqual(of('missing'), [annexA[3]!.personId, annexA[4]!.personId, phase5[4]!.personId].sort());
      assert.deepEqual(of('unexpected'), [w.mother.personId]);
      assert.deepEqual(of('wrong-section'), [phase5[2]!.personId]);
      assert.deepEqual(of('counted-twice'), [annexA[2]!.personId]);
      const wrong = report.discrepancies!.find((d) => d.kind === 'wrong-section')!;
      assert.equal(wrong.sectionId, w.phase5);
      assert.equal(wrong.countedSectionId, w.annex);

      // Marks after the close are refused, naming the field.
      const late = await refusal(mark(headcountId, w.annex, annexA[3]!));
      assert.equal(late.id, 'headcount.closed');
      assert.equal(late.errors[0]?.field, 'headcountId');

      // Each missing person: one located at hospital, one a record error, one declared escaped.
      const missing = (personId: string) =>
        report.discrepancies!.find((d) => d.kind === 'missing' && d.personId === personId)!.discrepancyId;
      await app.execute(actor, 'resolveDiscrepancy', {
        discrepancyId: missing(annexA[3]!.personId),
        resolution: 'located',
        reason: 'seen at the field hospital by the medic on duty',
        located: { where: 'hospital', note: 'MSF clinic' },
      });
      await app.execute(actor, 'resolveDiscrepancy', {
        discrepancyId: missing(phase5[4]!.personId),
        resolution: 'record-error',
        reason: 'she was released to her tribe on 2019-10-05 and the release was never entered',
        correction: 'release recorded late by the registrar',
      });
      const noWhere = await refusal(
        app.execute(actor, 'resolveDiscrepancy', {
          discrepancyId: missing(annexA[4]!.personId),
          resolution: 'located',
          reason: 'found',
        }),
      );
      assert.equal(noWhere.errors[0]?.field, 'located');
      const declared = await app.execute(actor, 'declareEscape', {
        headcountId,
        discrepancyIds: [missing(annexA[4]!.personId)],
        reason: 'not found after a search of the annex; fence cut at sector N2',
        authority,
      });
      assert.deepEqual(declared.personIds, [annexA[4]!.personId]);
      const escaped = await app.query(actor, 'getPerson', { personId: annexA[4]!.personId });
      assert.equal(escaped.custody.status, 'escaped');
      const open = await app.query(actor, 'listDiscrepancies', { facilityId: w.hol, status: 'open' });
      assert.deepEqual(open.items.map((d) => d.kind).sort(), [
        'counted-twice',
        'unexpected',
        'wrong-section',
      ]);
      const done = await app.query(actor, 'listDiscrepancies', { facilityId: w.hol, status: 'resolved' });
      assert.deepEqual(
        done.items.map((d) => [d.personId, d.resolution]).sort(),
        [
          [annexA[3]!.personId, 'located'],
          [annexA[4]!.personId, 'declared-escape'],
          [phase5[4]!.personId, 'record-error'],
        ].sort(),
      );
      assert.equal(
        done.items.find((d) => d.resolution === 'declared-escape')?.incidentId,
        declared.incidentId,
      );
      const again = await refusal(
        app.execute(actor, 'declareEscape', {
          headcountId,
          discrepancyIds: [missing(annexA[4]!.personId)],
          reason: 'twice',
          authority,
        }),
      );
      assert.equal(again.id, 'discrepancy.resolved');
      assert.equal(again.errors[0]?.field, 'discrepancyIds.0');
      assert.equal((await app.verify()).ok, true);
    });

    it('refuses a mark naming nobody, naming the field, and writes none of the batch', async () => {
      const { headcountId } = await app.execute(actor, 'openHeadcount', {
        facilityId: w.hol,
        kind: 'nominal',
        sectionIds: [w.annex],
      });
      const error = await refusal(
        app.execute(actor, 'recordMarks', {
          headcountId,
          marks: [
            {
              markId: uuid(),
              sectionId: w.annex,
              registrationNumber: women[0]!.registrationNumber,
              method: 'registration-number',
            },
            {
              markId: uuid(),
              sectionId: w.annex,
              registrationNumber: 'HOL-000999-1',
              method: 'registration-number',
            },
            {
              markId: uuid(),
              sectionId: w.phase5,
              registrationNumber: women[1]!.registrationNumber,
              method: 'registration-number',
            },
          ],
        }),
      );
      assert.deepEqual(
        error.errors.map((e) => e.field),
        ['marks.1.registrationNumber', 'marks.2.sectionId'],
      );
      const count = await app.query(actor, 'getHeadcount', { headcountId });
      assert.equal(count.sections[0]!.counted, 0);
      const roster = await app.query(actor, 'headcountRoster', { headcountId, sectionId: w.annex });
      assert.ok(roster.items.every((p) => !p.counted));
      // A card counts its bearer; a forged one counts nobody.
      const { code } = await app.execute(actor, 'issueCard', { personId: women[0]!.personId });
      const forged = `${code.slice(0, -4)}${code.slice(-4) === 'AAAA' ? 'BBBB' : 'AAAA'}`;
      const byCard = (cardCode: string) =>
        app.execute(actor, 'recordMarks', {
          headcountId,
          marks: [{ markId: uuid(), sectionId: w.annex, cardCode, method: 'card' }],
        });
      const refused = await refusal(byCard(forged));
      assert.equal(refused.errors[0]?.field, 'marks.0.cardCode');
      const counted = await byCard(code);
      assert.deepEqual(
        counted.results.map((r) => [r.personId, r.outcome]),
        [[women[0]!.personId, 'counted']],
      );
    });

    it('takes marks from many guards at once, each refusal its own, nobody counted twice', async () => {
      const { headcountId } = await app.execute(actor, 'openHeadcount', {
        facilityId: w.hol,
        kind: 'nominal',
        sectionIds: [w.annex, w.phase5],
      });
      const answers = await Promise.allSettled(
        [...women, women[0]!, { registrationNumber: 'HOL-000999-1' }].map((who) =>
          app.execute(actor, 'recordMarks', {
            headcountId,
            marks: [
              {
                markId: uuid(),
                sectionId: w.annex,
                registrationNumber: who.registrationNumber,
                method: 'card',
              },
            ],
          }),
        ),
      );
      const refused = answers.filter((a) => a.status === 'rejected');
      assert.equal(refused.length, 1);
      assert.equal(
        (refused[0] as PromiseRejectedResult).reason.errors[0].field,
        'marks.0.registrationNumber',
      );
      const outcomes = answers.flatMap((a) =>
        a.status === 'fulfilled' ? [a.value.results[0]!.outcome] : [],
      );
      assert.equal(outcomes.filter((o) => o === 'counted').length, women.length);
      assert.equal(outcomes.filter((o) => o === 'counted-twice').length, 1);
      const count = await app.query(actor, 'getHeadcount', { headcountId });
      assert.equal(
        count.sections.reduce((n, s) => n + s.counted, 0),
        women.length,
      );
      assert.equal((await app.verify()).ok, true);
    });

    it('gives a numeric count its difference per section, against the register when the number was given', async () => {
      const { headcountId } = await app.execute(actor, 'openHeadcount', {
        facilityId: w.hol,
        kind: 'numeric',
        sectionIds: [w.annex, w.phase5],
      });
      const before = await app.query(actor, 'getHeadcount', { headcountId });
      const expected = Object.fromEntries(before.sections.map((s) => [s.sectionId!, s.expected]));
      await app.execute(actor, 'recordSectionCount', {
        headcountId,
        sectionId: w.annex,
        count: expected[w.annex]!,
      });
      const unreported = await refusal(app.execute(actor, 'closeHeadcount', { headcountId }));
      assert.equal(unreported.id, 'headcount.sections-not-reported');
      // One woman of phase 5 leaves for hospital before phase 5 is counted; the guards count one fewer.
      const inPhase5 = await app.query(actor, 'headcountRoster', { headcountId, sectionId: w.phase5 });
      await app.execute(actor, 'recordCustody', {
        type: 'hospitalised',
        personId: inPhase5.items[0]!.personId,
        hospital: 'Hasakah national hospital',
        reason: 'delivery',
        authority,
      });
      await app.execute(actor, 'recordSectionCount', {
        headcountId,
        sectionId: w.phase5,
        count: expected[w.phase5]! - 2,
      });
      const closed = await app.execute(actor, 'closeHeadcount', { headcountId });
      assert.equal(closed.discrepancies['section-difference'], 1);
      const report = await app.query(actor, 'getHeadcount', { headcountId });
      const diff = report.discrepancies!.find((d) => d.kind === 'section-difference')!;
      assert.equal(diff.sectionId, w.phase5);
      assert.equal(diff.difference, -1);
    });

    it('reports exactly the right people for random registers, movements during the count and marks', async () => {
      let run = 0;
      type Where = 'A' | 'B' | '' | 'hospital' | 'away';
      const op = fc.oneof(
        fc.record({
          kind: fc.constant('mark' as const),
          who: fc.nat(7),
          in: fc.constantFrom<'A' | 'B' | ''>('A', 'B', ''),
        }),
        fc.record({
          kind: fc.constant('move' as const),
          who: fc.nat(7),
          to: fc.constantFrom<'A' | 'B'>('A', 'B'),
        }),
        fc.record({ kind: fc.constant('hospital' as const), who: fc.nat(7) }),
        fc.record({ kind: fc.constant('return' as const), who: fc.nat(7) }),
      );
      const scenario = fc.record({
        start: fc.array(fc.constantFrom<'A' | 'B' | '' | 'away'>('A', 'B', '', 'away'), {
          minLength: 3,
          maxLength: 8,
        }),
        covered: fc.subarray<'A' | 'B' | ''>(['A', 'B', ''], { minLength: 1 }),
        ops: fc.array(op, { maxLength: 14 }),
      });
      await fc.assert(
        fc.asyncProperty(scenario, async ({ start, covered, ops }) => {
          run++;
          const code = `Q${String.fromCharCode(65 + Math.floor(run / 26))}${String.fromCharCode(65 + (run % 26))}`;
          const { facilityId } = await app.execute(actor, 'registerFacility', {
            code,
            nameEn: `Property camp ${code}`,
            nameAr: 'مخيم',
            kind: 'camp',
            location: { lat: 36.4, lon: 41.1 },
            capacity: 100,
            authority: 'test',
          });
          const section: Record<'A' | 'B', string> = { A: '', B: '' };
          for (const name of ['A', 'B'] as const) {
            const added = await app.execute(actor, 'addSection', {
              facilityId,
              code: name,
              name,
              capacity: 50,
              categories: ['woman'],
            });
            section[name] = added.sectionId;
          }
          const sectionOf = (w: 'A' | 'B' | '') => (w === '' ? null : section[w]);
          const people: { personId: string; registrationNumber: string }[] = [];
          const where: Where[] = [];
          const before: ('A' | 'B' | '')[] = [];
          for (const [i, w] of start.entries()) {
            const p = await app.execute(actor, 'registerPerson', {
              facilityId,
              identity: {
                names: { latin: { given: givenNames[i]!, family: `${code} ${families[i]}` } },
                sex: 'female',
                birthDate: { date: `${1970 + i}-05-05`, estimated: true },
                nationalities: ['SYR'],
              },
            });
            if (w !== 'away') await admit(app, p.personId, facilityId, sectionOf(w), '2019-10-02T08:00:00Z');
            people.push(p);
            where.push(w);
            before.push(w === 'away' ? '' : w);
          }
          const { headcountId } = await app.execute(actor, 'openHeadcount', {
            facilityId,
            kind: 'nominal',
            sectionIds: covered.map(sectionOf),
          });
          const inArea = (w: Where) => (covered as string[]).includes(w);
          const expected = new Set(where.flatMap((w, i) => (inArea(w) ? [i] : [])));
          const counted = new Set<number>();
          const want = {
            missing: [] as string[],
            unexpected: [] as string[],
            wrong: [] as string[],
            twice: 0,
          };
          for (const o of ops) {
            const i = o.who % people.length;
            const p = people[i]!;
            if (o.kind === 'mark') {
              if (!inArea(o.in)) continue;
              await mark(headcountId, sectionOf(o.in), p);
              if (counted.has(i)) want.twice++;
              else {
                counted.add(i);
                if (!inArea(where[i]!)) want.unexpected.push(p.personId);
                else if (where[i] !== o.in) want.wrong.push(p.personId);
              }
            } else if (o.kind === 'move' && ['A', 'B', ''].includes(where[i]!) && where[i] !== o.to) {
              await app.execute(actor, 'recordCustody', {
                type: 'moved',
                personId: p.personId,
                sectionId: section[o.to],
                reason: 'moved',
                authority,
              });
              where[i] = o.to;
              before[i] = o.to;
            } else if (o.kind === 'hospital' && ['A', 'B', ''].includes(where[i]!)) {
              await app.execute(actor, 'recordCustody', {
                type: 'hospitalised',
                personId: p.personId,
                hospital: 'clinic',
                reason: 'ill',
                authority,
              });
              before[i] = where[i] as 'A' | 'B' | '';
              where[i] = 'hospital';
            } else if (o.kind === 'return' && where[i] === 'hospital') {
              await app.execute(actor, 'recordCustody', {
                type: 'returned',
                personId: p.personId,
                reason: 'well',
                authority,
              });
              where[i] = before[i]!;
            }
          }
          for (const i of expected)
            if (!counted.has(i) && inArea(where[i]!)) want.missing.push(people[i]!.personId);
          const closed = await app.execute(actor, 'closeHeadcount', { headcountId });
          const report = await app.query(actor, 'getHeadcount', { headcountId });
          const of = (kind: string) =>
            report
              .discrepancies!.filter((d) => d.kind === kind)
              .map((d) => d.personId!)
              .sort();
          assert.deepEqual(of('missing'), want.missing.sort());
          assert.deepEqual(of('unexpected'), want.unexpected.sort());
          assert.deepEqual(of('wrong-section'), want.wrong.sort());
          assert.equal(closed.discrepancies['counted-twice'], want.twice);
        }),
        { numRuns: 12 },
      );
    });

    it('shows the roll board of a facility', async () => {
      const board = await app.query(actor, 'rollBoard', { facilityId: w.hol });
      const annex = board.sections.find((s) => s.sectionId === w.annex)!;
      assert.ok(annex.lastCompleteCountAt !== null);
      assert.equal(annex.vacancies, annex.capacity - annex.occupied);
      assert.equal(board.inCustody, board.inNow + board.out.hospital);
      assert.equal(board.out.hospital, 2);
      assert.ok(board.openDiscrepancies >= 3);
      assert.equal((await app.verify()).ok, true);
    });
  });
}
