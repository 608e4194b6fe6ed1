// Reads of the ledger itself: events in order, chain heads and signed checkpoints.
import { z } from 'zod';
import { redactPayload } from '../../auth/policy.ts';
import type { EventsTable } from '../../store/schema.ts';
import type { Access } from '../access.ts';
import { decodeCursor, defineQuery, pageInput, toPage } from './query.ts';

/**
 * An event as `access` may see it. A payload of a class it may not see is absent, a field of one is
 * left out; the hash still covers what was written, and `verify` checks it on the server.
 */
export const presentEvent = (access: Access) => (e: EventsTable) => {
  const payload = redactPayload(e.type, JSON.parse(e.payload) as object, (c) => access.sees(c));
  const { payload: _stored, ...envelope } = e;
  return payload === undefined ? envelope : { ...envelope, payload };
};

export const ledgerEvents = defineQuery({
  summary: 'Ledger events in the order they were recorded here',
  input: z.strictObject({ subject: z.string().max(100).optional(), ...pageInput }),
  async run({ db, access }, { subject, cursor, limit }) {
    const after = decodeCursor<number>(cursor, 'number');
    let q = db
      .selectFrom('events')
      .selectAll()
      .orderBy('position')
      .limit(limit + 1);
    if (after !== undefined) q = q.where('position', '>', after);
    if (subject !== undefined) q = q.where('subject', '=', subject);
    return toPage(await q.execute(), limit, (e) => e.position, presentEvent(access));
  },
});

export const ledgerHead = defineQuery({
  summary: 'The head of each chain held here, the latest signed checkpoint of each, and the event count',
  input: z.strictObject({}),
  async run({ db }) {
    const heads = await db.selectFrom('chainHeads').selectAll().orderBy('origin').execute();
    const nodes = await db.selectFrom('nodes').selectAll().execute();
    const events = await db
      .selectFrom('events')
      .select((eb) => eb.cast<number>(eb.fn.countAll(), 'integer').as('count'))
      .executeTakeFirstOrThrow();
    const chains = [];
    for (const head of heads) {
      const checkpoint = await db
        .selectFrom('checkpoints')
        .selectAll()
        .where('origin', '=', head.origin)
        .orderBy('originSeq', 'desc')
        .limit(1)
        .executeTakeFirst();
      const node = nodes.find((n) => n.origin === head.origin);
      chains.push({
        ...head,
        role: node?.role ?? 'unknown',
        publicKey: node?.publicKey ?? null,
        latestCheckpoint: checkpoint ?? null,
      });
    }
    return { events: events.count, chains };
  },
});
