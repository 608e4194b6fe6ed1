// The counting screen's marks on their way to the server. Every mark is queued first, in localStorage
// (ids and registration numbers only, never names), so that neither a dropped network nor a reload
// loses it; the queue is sent in batches of at most 500 marks of one headcount. Each mark keeps the
// markId the device made, so a batch sent again after a lost answer counts nobody twice.
import type { MarkMethod, MarkResult } from '../api/types.ts';

export const STORAGE_KEY = 'custodian.headcount-marks';
/** The most marks the API takes in one request. */
export const BATCH_SIZE = 500;

export interface QueuedMark {
  markId: string;
  headcountId: string;
  sectionId: string | null;
  method: MarkMethod;
  /** When the guard marked the person: the device's clock, sent with the mark. */
  markedAt: string;
  personId?: string;
  registrationNumber?: string;
  /** The QR content of an ID card. */
  cardCode?: string;
}

/** What became of a mark once the server answered. */
export type Outcome =
  | { outcome: MarkResult['outcome']; result: MarkResult }
  | { outcome: 'refused'; reason: string };

/** The server's answer to one batch, as the sender saw it. */
export type Answer =
  | { kind: 'results'; results: MarkResult[] }
  /** Nothing written. `errors` name the refused marks as `marks.N.<field>`. */
  | { kind: 'refused'; detail: string; errors: { field: string; message: string }[] }
  /** No answer, or one that says to try again later (server error, rate limit, signed out). */
  | { kind: 'retry' };

export type Store = Pick<Storage, 'getItem' | 'setItem'>;

const text = (v: unknown): v is string => typeof v === 'string' && v !== '';

/** A stored mark, rebuilt field by field: anything else the entry holds is dropped. */
function revive(raw: unknown): QueuedMark | null {
  if (typeof raw !== 'object' || raw === null) return null;
  const r = raw as Record<string, unknown>;
  if (!text(r.markId) || !text(r.headcountId) || !text(r.method) || !text(r.markedAt)) return null;
  if (r.sectionId !== null && !text(r.sectionId)) return null;
  const mark: QueuedMark = {
    markId: r.markId,
    headcountId: r.headcountId,
    sectionId: r.sectionId,
    method: r.method as MarkMethod,
    markedAt: r.markedAt,
  };
  if (text(r.personId)) mark.personId = r.personId;
  if (text(r.registrationNumber)) mark.registrationNumber = r.registrationNumber;
  if (text(r.cardCode)) mark.cardCode = r.cardCode;
  return mark.personId || mark.registrationNumber || mark.cardCode ? mark : null;
}

/** The queue as stored; an unreadable store is an empty queue. */
export function load(store: Store): QueuedMark[] {
  try {
    const stored: unknown = JSON.parse(store.getItem(STORAGE_KEY) ?? '[]');
    if (!Array.isArray(stored)) return [];
    return stored.map(revive).filter((m): m is QueuedMark => m !== null);
  } catch {
    return [];
  }
}

export function save(store: Store, queue: readonly QueuedMark[]): void {
  store.setItem(STORAGE_KEY, JSON.stringify(queue.map((m) => revive(m))));
}

/** The queue with `mark` at its end, unless a mark with its markId is already there. */
export function enqueue(queue: readonly QueuedMark[], mark: QueuedMark): QueuedMark[] {
  return queue.some((m) => m.markId === mark.markId) ? [...queue] : [...queue, mark];
}

/** The next request: the oldest marks of the headcount of the oldest mark, at most `size`. */
export function nextBatch(queue: readonly QueuedMark[], size = BATCH_SIZE): QueuedMark[] {
  const first = queue[0];
  if (first === undefined) return [];
  return queue.filter((m) => m.headcountId === first.headcountId).slice(0, size);
}

/** The request body for a batch: the marks as the API takes them. */
export function body(batch: readonly QueuedMark[]) {
  return { marks: batch.map(({ headcountId: _, ...mark }) => mark) };
}

/**
 * The queue after the server's answer to `batch`, and the outcome of each mark it settled. Marks
 * counted (or known from an earlier send) leave the queue. A refusal writes nothing: the marks it
 * names leave the queue as refused, the others stay to be sent again; a refusal naming no mark
 * refuses the whole batch (e.g. a count closed meanwhile). Anything else leaves the queue as it was.
 */
export function settle(
  queue: readonly QueuedMark[],
  batch: readonly QueuedMark[],
  answer: Answer,
): { queue: QueuedMark[]; outcomes: Map<string, Outcome> } {
  const outcomes = new Map<string, Outcome>();
  if (answer.kind === 'results') {
    for (const result of answer.results) outcomes.set(result.markId, { outcome: result.outcome, result });
  } else if (answer.kind === 'refused') {
    for (const error of answer.errors) {
      const index = /^marks\.(\d+)(\.|$)/.exec(error.field)?.[1];
      const mark = index === undefined ? undefined : batch[Number(index)];
      if (mark && !outcomes.has(mark.markId)) {
        outcomes.set(mark.markId, { outcome: 'refused', reason: error.message });
      }
    }
    if (outcomes.size === 0) {
      for (const mark of batch) outcomes.set(mark.markId, { outcome: 'refused', reason: answer.detail });
    }
  }
  return { queue: queue.filter((m) => !outcomes.has(m.markId)), outcomes };
}

/** How long to wait before sending again after the `attempt`-th failure in a row (0-based). */
export function retryDelay(attempt: number): number {
  return Math.min(30_000, 1000 * 2 ** attempt);
}
