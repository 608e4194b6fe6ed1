// The counting screen's sender: marks go into the stored queue (mark-queue.ts) at once, and are sent
// whenever the browser is online: at once, when the `online` event says the network is back, and
// after a failed request again and again, waiting longer each time (retryDelay).
import { useCallback, useEffect, useRef, useState } from 'react';
import { v4 as uuid } from 'uuid';
import { ApiError, api } from '../api/client.ts';
import type { MarkResult } from '../api/types.ts';
import {
  type Answer,
  body,
  enqueue,
  load,
  nextBatch,
  type Outcome,
  type QueuedMark,
  retryDelay,
  save,
  settle,
} from './mark-queue.ts';

/** The answer to a send, as mark-queue.ts reads it. */
async function send(batch: QueuedMark[]): Promise<Answer> {
  try {
    const { results } = await api.post<{ results: MarkResult[] }>(
      `/headcounts/${batch[0]!.headcountId}/marks`,
      body(batch),
    );
    return { kind: 'results', results };
  } catch (error) {
    // An answer that is not the API's (e.g. a proxy's page while the link is down): try later.
    if (!(error instanceof ApiError)) return { kind: 'retry' };
    // No answer, a server in trouble, too many requests or a session to sign in again: try later.
    const later = error.status === 0 || error.status >= 500 || [401, 408, 429].includes(error.status);
    return later ? { kind: 'retry' } : { kind: 'refused', detail: error.message, errors: error.errors };
  }
}

export type MarkInput = Omit<QueuedMark, 'markId' | 'markedAt'>;

export interface MarkQueue {
  /** The marks not yet sent, of every headcount. */
  waiting: QueuedMark[];
  /** Every mark of this page: those it found waiting when it opened, and those made since. */
  marks: QueuedMark[];
  /** What became of each mark sent from this page, by markId. */
  outcomes: ReadonlyMap<string, Outcome>;
  online: boolean;
  sending: boolean;
  /** Queues a mark (sent when it can be); returns it. */
  mark(input: MarkInput): QueuedMark;
}

export function useMarkQueue(): MarkQueue {
  const [waiting, setWaiting] = useState<QueuedMark[]>(() => load(localStorage));
  const [marks, setMarks] = useState<QueuedMark[]>(waiting);
  const [outcomes, setOutcomes] = useState<ReadonlyMap<string, Outcome>>(new Map());
  const [online, setOnline] = useState(() => navigator.onLine);
  const [sending, setSending] = useState(false);
  const queue = useRef(waiting);
  const busy = useRef(false);
  const attempt = useRef(0);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const mounted = useRef(true);

  const store = useCallback((next: QueuedMark[]) => {
    queue.current = next;
    save(localStorage, next);
    setWaiting(next);
  }, []);

  const flush = useCallback(async () => {
    if (busy.current || !mounted.current) return;
    clearTimeout(timer.current);
    busy.current = true;
    setSending(true);
    try {
      while (mounted.current && navigator.onLine) {
        const batch = nextBatch(queue.current);
        if (batch.length === 0) break;
        const answer = await send(batch);
        if (answer.kind === 'retry') {
          timer.current = setTimeout(() => void flush(), retryDelay(attempt.current++));
          break;
        }
        attempt.current = 0;
        // Marks queued while the request was out are in queue.current, not in the batch: kept.
        const settled = settle(queue.current, batch, answer);
        store(settled.queue);
        setOutcomes((current) => new Map([...current, ...settled.outcomes]));
      }
    } finally {
      busy.current = false;
      if (mounted.current) setSending(false);
    }
  }, [store]);

  useEffect(() => {
    mounted.current = true;
    const up = () => {
      setOnline(true);
      attempt.current = 0;
      void flush();
    };
    const down = () => setOnline(false);
    window.addEventListener('online', up);
    window.addEventListener('offline', down);
    void flush();
    return () => {
      mounted.current = false;
      clearTimeout(timer.current);
      window.removeEventListener('online', up);
      window.removeEventListener('offline', down);
    };
  }, [flush]);

  const mark = useCallback(
    (input: MarkInput) => {
      const queued: QueuedMark = { ...input, markId: uuid(), markedAt: new Date().toISOString() };
      store(enqueue(queue.current, queued));
      setMarks((current) => [...current, queued]);
      void flush();
      return queued;
    },
    [flush, store],
  );

  return { waiting, marks, outcomes, online, sending, mark };
}
