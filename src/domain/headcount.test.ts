// Reconciliation against its definition: for random registers, movements while the count runs and
// marks, the discrepancies are exactly those that follow from each person's whole timeline.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { ELSEWHERE, reconcile } from './headcount.ts';

const places = [0, 1, 2] as const; // two counted sections and "no section"
const place = fc.constantFrom(...places, ELSEWHERE);

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
        // The definition: each person's place at any position, from their whole timeline.
        const at = (i: number, position: number): number => {
          let where = people[i]!.start;
          for (const m of [...people[i]!.moves].sort((a, b) => a.position - b.position)) {
            if (m.position <= position) where = m.to;
          }
          return where;
        };
        const sorted = marks
          .map((m, k) => ({ ...m, k }))
          .sort((a, b) => a.position - b.position || a.k - b.k);
        const reported = reports.map((r, k) => ({ ...r, count: k }));

        const moved = new Map<number, (position: number) => number>();
        people.forEach((p, i) => {
          if (p.moves.length > 0) moved.set(i, (position) => at(i, position));
        });
        const got = reconcile({
          expected: people.map((p) => p.start),
          moved,
          marks: {
            count: sorted.length,
            person: sorted.map((m) => m.person),
            place: sorted.map((m) => m.place),
            position: sorted.map((m) => m.position),
          },
          reported,
          closedAt: 1000,
        });

        const first = new Set<number>();
        const want = {
          missing: [] as number[],
          unexpected: [] as number[],
          wrongSection: [] as number[],
          countedTwice: [] as number[],
          sectionDifferences: [] as string[],
        };
        sorted.forEach((m, index) => {
          if (first.has(m.person)) want.countedTwice.push(index);
          else {
            first.add(m.person);
            const where = at(m.person, m.position);
            if (where === ELSEWHERE) want.unexpected.push(index);
            else if (where !== m.place) want.wrongSection.push(index);
          }
        });
        people.forEach((p, i) => {
          if (p.start !== ELSEWHERE && !first.has(i) && at(i, 1000) !== ELSEWHERE) want.missing.push(i);
        });
        for (const r of reported) {
          const there = people.filter((_, i) => at(i, r.position) === r.place).length;
          if (there !== r.count) want.sectionDifferences.push(`${r.place}:${there}:${r.count}`);
        }

        assert.deepEqual(
          got.missing.map((m) => m.person),
          want.missing,
        );
        assert.deepEqual(
          got.unexpected.map((m) => m.mark),
          want.unexpected,
        );
        assert.deepEqual(
          got.wrongSection.map((m) => m.mark),
          want.wrongSection,
        );
        assert.deepEqual(
          got.countedTwice.map((m) => m.mark),
          want.countedTwice,
        );
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
      expected: [0],
      moved: new Map([[0, (position: number) => (position < 5 ? 0 : ELSEWHERE)]]),
      marks: { count: 0, person: [], place: [], position: [] },
      reported: [],
      closedAt: 10,
    });
    assert.deepEqual(got.missing, []);
  });
});
