import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { MarkResult } from '../api/types.ts';
import {
  BATCH_SIZE,
  body,
  enqueue,
  load,
  nextBatch,
  type QueuedMark,
  retryDelay,
  STORAGE_KEY,
  save,
  settle,
} from './mark-queue.ts';

/** localStorage as the page has it: strings by key. */
function memoryStore(initial: Record<string, string> = {}) {
  const items = new Map(Object.entries(initial));
  return {
    getItem: (key: string) => items.get(key) ?? null,
    setItem: (key: string, value: string) => void items.set(key, value),
    items,
  };
}

const mark = (n: number, headcountId = 'count-1'): QueuedMark => ({
  markId: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
  headcountId,
  sectionId: 'section-a',
  method: 'registration-number',
  markedAt: '2019-10-14T06:00:00.000Z',
  registrationNumber: `HOL-${String(n).padStart(6, '0')}-0`,
});

const result = (m: QueuedMark, outcome: MarkResult['outcome'] = 'counted'): MarkResult => ({
  markId: m.markId,
  personId: `person-${m.markId}`,
  registrationNumber: m.registrationNumber!,
  displayName: 'Synthetic Person',
  outcome,
});

describe('the offline queue of marks', () => {
  it('keeps a mark once however often it is queued (by markId)', () => {
    let queue: QueuedMark[] = [];
    queue = enqueue(queue, mark(1));
    queue = enqueue(queue, mark(2));
    queue = enqueue(queue, { ...mark(1), registrationNumber: 'HOL-999999-9' });
    assert.deepEqual(
      queue.map((m) => m.registrationNumber),
      [mark(1).registrationNumber, mark(2).registrationNumber],
    );
  });

  it('survives a reload: what is saved is loaded, and only ids and numbers are stored', () => {
    const store = memoryStore();
    const withName = { ...mark(1), displayName: 'Synthetic Person', personId: 'person-1' } as QueuedMark;
    save(store, [withName, mark(2, 'count-2')]);
    assert.doesNotMatch(store.items.get(STORAGE_KEY)!, /Synthetic Person/);
    assert.deepEqual(load(store), [{ ...mark(1), personId: 'person-1' }, mark(2, 'count-2')]);
  });

  it('reads an empty, unreadable or foreign store as an empty queue, and drops entries that are not marks', () => {
    assert.deepEqual(load(memoryStore()), []);
    assert.deepEqual(load(memoryStore({ [STORAGE_KEY]: '{not json' })), []);
    assert.deepEqual(load(memoryStore({ [STORAGE_KEY]: '{"a":1}' })), []);
    const stored = JSON.stringify([{ markId: 'x' }, { ...mark(3), registrationNumber: undefined }, mark(4)]);
    assert.deepEqual(load(memoryStore({ [STORAGE_KEY]: stored })), [mark(4)]);
  });

  it('sends batches of one headcount at a time, oldest first, at most 500 marks', () => {
    const queue = [mark(1, 'a'), mark(2, 'b'), ...Array.from({ length: 600 }, (_, i) => mark(10 + i, 'a'))];
    const first = nextBatch(queue);
    assert.equal(first.length, BATCH_SIZE);
    assert.ok(first.every((m) => m.headcountId === 'a'));
    assert.equal(first[0], queue[0]);
    assert.deepEqual(nextBatch([mark(1, 'b'), mark(2, 'a')]), [mark(1, 'b')]);
    assert.deepEqual(nextBatch([]), []);
    assert.deepEqual(body([mark(1)]).marks[0], {
      markId: mark(1).markId,
      sectionId: 'section-a',
      method: 'registration-number',
      markedAt: mark(1).markedAt,
      registrationNumber: mark(1).registrationNumber,
    });
  });

  it('drops the marks the server answered, keeps those queued meanwhile, and reports each outcome', () => {
    const batch = [mark(1), mark(2), mark(3)];
    const queue = [...batch, mark(4)];
    const answer = {
      kind: 'results' as const,
      results: [result(mark(1)), result(mark(2), 'counted-twice'), result(mark(3), 'already-recorded')],
    };
    const settled = settle(queue, batch, answer);
    assert.deepEqual(settled.queue, [mark(4)]);
    assert.deepEqual(
      [...settled.outcomes].map(([id, o]) => [id, o.outcome]),
      [
        [mark(1).markId, 'counted'],
        [mark(2).markId, 'counted-twice'],
        [mark(3).markId, 'already-recorded'],
      ],
    );
  });

  it('a resent batch counts nobody twice: the same markIds go again', () => {
    const batch = [mark(1), mark(2)];
    // The first answer was lost: the queue is unchanged and the next batch is the same marks.
    const lost = settle(batch, batch, { kind: 'retry' });
    assert.deepEqual(lost.queue, batch);
    assert.equal(lost.outcomes.size, 0);
    assert.deepEqual(
      nextBatch(lost.queue).map((m) => m.markId),
      batch.map((m) => m.markId),
    );
  });

  it('a refusal naming marks refuses those with the reason and keeps the others to send again', () => {
    const batch = [mark(1), mark(2), mark(3)];
    const settled = settle(batch, batch, {
      kind: 'refused',
      detail: 'Some marks name nobody known',
      errors: [{ field: 'marks.1.registrationNumber', message: 'no person has this registration number' }],
    });
    assert.deepEqual(settled.queue, [mark(1), mark(3)]);
    assert.deepEqual(settled.outcomes.get(mark(2).markId), {
      outcome: 'refused',
      reason: 'no person has this registration number',
    });
  });

  it('a refusal naming no mark refuses the whole batch, and leaves other headcounts queued', () => {
    const batch = [mark(1), mark(2)];
    const settled = settle([...batch, mark(3, 'other')], batch, {
      kind: 'refused',
      detail: 'The headcount is closed',
      errors: [],
    });
    assert.deepEqual(settled.queue, [mark(3, 'other')]);
    assert.deepEqual(settled.outcomes.get(mark(1).markId), {
      outcome: 'refused',
      reason: 'The headcount is closed',
    });
  });

  it('waits longer after each failure, up to 30 seconds', () => {
    assert.deepEqual(
      [0, 1, 2, 3, 4, 5, 6, 10].map(retryDelay),
      [1000, 2000, 4000, 8000, 16000, 30000, 30000, 30000],
    );
  });
});
