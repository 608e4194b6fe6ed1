// Reconciliation against its definition: for random registers, movements while the count runs and
// marks, the discrepancies are exactly those that follow from each person's whole timeline.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { type CountMark, type Place, reconcile } from './headcount.ts';

const places = ['A', 'B', ''] as const; // two counted sections and "no section"; undefined: elsewhere
const place = fc.constantFrom<Place>(...places, undefined);

/** A person: where they were at the opening (position 0), and the moves after it. */
const person = fc.record({
  start: place,
  moves: fc.array(fc.record({ position: fc.integer({ min: 1, max: 100 }), to: place }), { maxLength: 3 }),
});

const world = fc.array(person, { minLength: 1, maxLength: 30 }).chain((people) =>
  fc.record({
    people: fc.constant(people),
    marks: fc.array(
      fc.record({
        person: fc.integer({ min: 0, max: people.length - 1 }),
        place: fc.constantFrom(...places),
        position: fc.integer({ min: 1, max: 100 }),
      }),
      { maxLength: 40 },
    ),
    reports: fc.array(
      fc.record({ place: fc.constantFrom(...places), position: fc.integer({ min: 1, max: 100 }) }),
      {
        maxLength: 3,
      },
    ),
  }),
);

describe('headcount reconciliation', () => {
  it('reports exactly the missing, unexpected, wrong-section, counted-twice and section differences', () => {
    fc.assert(
      fc.property(world, ({ people, marks, reports }) => {
        const id = (i: number) => `p${i}`;
        // The definition: each person's place at any position, from their whole timeline.
        const at = (i: number, position: number): Place => {
          let where = people[i]!.start;
          for (const m of [...people[i]!.moves].sort((a, b) => a.position - b.position)) {
            if (m.position <= position) where = m.to;
          }
          return where;
        };
        const sorted = marks
          .map((m, k) => ({ ...m, markId: `m${k}` }))
          .sort((a, b) => a.position - b.position || a.markId.localeCompare(b.markId));
        const reported = reports.map((r, k) => ({ ...r, count: k }));

        const expected = new Map<string, string>();
        const moved = new Map<string, (position: number) => Place>();
        people.forEach((p, i) => {
          if (p.start !== undefined) expected.set(id(i), p.start);
          if (p.moves.length > 0) moved.set(id(i), (position) => at(i, position));
        });
        const countMarks: CountMark[] = sorted.map((m) => ({
          markId: m.markId,
          personId: id(m.person),
          place: m.place,
          position: m.position,
        }));
        const got = reconcile({ expected, moved, marks: countMarks, reported, closedAt: 1000 });

        const first = new Map<number, (typeof sorted)[number]>();
        const want = {
          missing: [] as string[],
          unexpected: [] as string[],
          wrongSection: [] as string[],
          countedTwice: [] as string[],
          sectionDifferences: [] as string[],
        };
        for (const m of sorted) {
          if (first.has(m.person)) want.countedTwice.push(m.markId);
          else {
            first.set(m.person, m);
            const where = at(m.person, m.position);
            if (where === undefined) want.unexpected.push(m.markId);
            else if (where !== m.place) want.wrongSection.push(m.markId);
          }
        }
        people.forEach((p, i) => {
          if (p.start !== undefined && !first.has(i) && at(i, 1000) !== undefined) want.missing.push(id(i));
        });
        for (const r of reported) {
          const there = people.filter((_, i) => at(i, r.position) === r.place).length;
          if (there !== r.count) want.sectionDifferences.push(`${r.place}:${there}:${r.count}`);
        }

        assert.deepEqual(got.missing.map((m) => m.personId).sort(), want.missing.sort());
        assert.deepEqual(got.unexpected.map((m) => m.markId).sort(), want.unexpected.sort());
        assert.deepEqual(got.wrongSection.map((m) => m.markId).sort(), want.wrongSection.sort());
        assert.deepEqual(got.countedTwice.map((m) => m.markId).sort(), want.countedTwice.sort());
        assert.deepEqual(
          got.sectionDifferences.map((d) => `${d.place}:${d.expected}:${d.reported}`).sort(),
          want.sectionDifferences.sort(),
        );
      }),
      { numRuns: 500 },
    );
  });

  it('takes a person who left during the count and was not counted as explained, not missing', () => {
    const got = reconcile({
      expected: new Map([['a', 'A']]),
      moved: new Map([['a', (position: number) => (position < 5 ? 'A' : undefined)]]),
      marks: [],
      reported: [],
      closedAt: 10,
    });
    assert.deepEqual(got.missing, []);
  });
});
