// Appends events to this node's chain inside a transaction and applies them to the projections.
import { v7 as uuidv7 } from 'uuid';
import type { DomainEvent, EventType, PayloadOf } from '../domain/events.ts';
import { project } from '../domain/projection.ts';
import type { Checkpoint } from '../ledger/checkpoint.ts';
import { type ChainHead, canonicalForm, eventHash, GENESIS_HASH, type StoredEvent } from '../ledger/event.ts';
import type { NodeKey } from '../ledger/node-key.ts';
import { DatabaseView } from '../store/projection-views.ts';
import { type Db, type Dialect, insertRows, placeholder, runSql, settleAll } from '../store/store.ts';

/**
 * Events are written this many at a time (SQLite: a prepared statement run for each; PostgreSQL: one
 * statement), and the rest by `close()`. PostgreSQL gets smaller statements that it works on while
 * the next events are built (see `flush()`).
 */
const INSERT_CHUNK = { sqlite: 1000, postgres: 250 } as const;
/** Projection rows are kept in memory up to about this many before they are written (still in the transaction). */
const PROJECTION_ROWS_IN_MEMORY = 20_000;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export class LedgerWriter {
  /**
   * The projections as this transaction sees them. Writes are held in memory and written by
   * `close()`: code that reads projection tables with SQL through `trx` must `view.flush()` first.
   */
  readonly view: DatabaseView;
  private head: ChainHead = { origin: '', originSeq: 0, hash: GENESIS_HASH };
  private position = 0;
  private pending: StoredEvent[] = [];
  /** How many events this transaction appended (they are not kept: a batch holds no more than it must). */
  private appended = 0;
  /** People whose names or merge state this transaction changed: the name index is told after commit. */
  readonly namesChanged = new Set<string>();
  /** Statements PostgreSQL is still working on, and the first of them that failed. */
  private inflight: Promise<void>[] = [];
  private failure: { error: unknown } | undefined;
  /** Rules judged on the whole transaction, by key: each runs once, when it closes (see `atClose`). */
  private readonly closeChecks = new Map<string, { check(): Promise<void> }>();

  constructor(
    readonly trx: Db,
    readonly dialect: Dialect,
    /** The node's key: it signs what this node issues, such as ID cards. */
    readonly node: NodeKey,
    /** Who acts: events are recorded as theirs (a group commit sets it before each call). */
    public actor: string,
    readonly now: () => string,
  ) {
    this.view = new DatabaseView(trx, dialect);
  }

  /**
   * Locks this node's chain head for the rest of the transaction (PostgreSQL) and reads it, and the last
   * position. Sent together: the lock is taken by the first statement, which runs first.
   */
  async open(): Promise<void> {
    const lock = this.dialect === 'postgres' ? ' for update' : '';
    const [[head], [last]] = await Promise.all([
      runSql<ChainHead>(
        this.trx,
        `select origin, origin_seq as "originSeq", hash from chain_heads where origin = ${placeholder(this.dialect, 1)}${lock}`,
        [this.node.origin],
      ),
      runSql<{ position: number | null }>(this.trx, 'select max(position) as position from events', []),
    ]);
    this.head = head ?? { origin: this.node.origin, originSeq: 0, hash: GENESIS_HASH };
    this.position = Number(last?.position ?? 0);
  }

  /**
   * Reads ahead, in a few statements, the projection rows that these command inputs refer to (every
   * UUID in them), so that a batch of commands does not go to the database row by row.
   */
  async prefetch(inputs: readonly unknown[]): Promise<void> {
    const ids = new Set<string>();
    const visit = (value: unknown): void => {
      if (typeof value === 'string') {
        if (value.length === 36 && UUID.test(value)) ids.add(value);
      } else if (Array.isArray(value)) {
        for (const v of value) visit(v);
      } else if (value !== null && typeof value === 'object') {
        for (const key in value) visit((value as Record<string, unknown>)[key]);
      }
    };
    visit(inputs);
    await this.view.prefetch(ids);
  }

  async append<T extends EventType>(
    type: T,
    subject: string,
    payload: PayloadOf<T>,
    occurredAt?: string,
  ): Promise<StoredEvent> {
    // An event insert that failed fails the transaction; say why rather than what failed after it.
    if (this.failure !== undefined) throw this.failure.error;
    const recordedAt = this.now();
    // The reducer is given the payload as the ledger holds it, exactly as verify will replay it.
    const canonical = canonicalForm(payload);
    const event: StoredEvent = {
      id: uuidv7(),
      origin: this.node.origin,
      originSeq: this.head.originSeq + 1,
      type,
      subject,
      payload: canonical.json,
      actor: this.actor,
      occurredAt: occurredAt ?? recordedAt,
      recordedAt,
      prevHash: this.head.hash,
      hash: '',
      position: this.position + 1,
    };
    event.hash = eventHash(event);
    const domainEvent = {
      id: event.id,
      type,
      subject,
      payload: canonical.value,
      occurredAt: event.occurredAt,
      actor: event.actor,
      position: event.position,
    } as DomainEvent;
    // Projections first: a refusal from a rule leaves the chain head where it was.
    await project(this.view, domainEvent);
    this.position = event.position;
    this.head = { origin: this.node.origin, originSeq: event.originSeq, hash: event.hash };
    this.pending.push(event);
    this.appended++;
    if (type.startsWith('person.') && type !== 'person.classified') this.namesChanged.add(subject);
    if (this.pending.length >= INSERT_CHUNK[this.dialect]) await this.flush();
    if (this.view.pending >= PROJECTION_ROWS_IN_MEMORY) await this.view.flush();
    return event;
  }

  /**
   * A rule judged on the transaction as a whole rather than event by event: `make` builds it the first
   * time `key` is named, and its `check` runs when the transaction closes, before the head moves and
   * the transaction commits (a refusal rolls back the whole transaction). Answers the check, so later commands can add to what it judges.
   */
  atClose<T extends { check(): Promise<void> }>(key: string, make: () => T): T {
    let found = this.closeChecks.get(key) as T | undefined;
    if (found === undefined) {
      found = make();
      this.closeChecks.set(key, found);
    }
    return found;
  }

  /** How many events this transaction has appended so far. */
  get appendedCount(): number {
    return this.appended;
  }

  private async flush(): Promise<void> {
    if (this.pending.length === 0) return;
    const insert = insertRows(this.trx, this.dialect, 'events', this.pending);
    this.pending = [];
    if (this.dialect === 'sqlite') return insert;
    this.background(insert);
    // Commands served from memory never wait for I/O; let the event loop send the statement and
    // read the answer to the one before.
    await new Promise((resolve) => setImmediate(resolve));
  }

  /**
   * PostgreSQL: not awaited, the server writes while this process builds the next events. Statements
   * on the transaction's connection run in the order they were sent, and close() waits for every one;
   * a failed statement fails the transaction (and every statement after it).
   */
  private background(write: Promise<void>): void {
    write.catch((error: unknown) => {
      this.failure ??= { error };
    });
    this.inflight.push(write);
  }

  /**
   * Writes what is pending and moves the chain head, with the signed checkpoint of the new head that
   * `checkpointOf` gives when one is due; call once, at the end of the transaction.
   */
  async close(checkpointOf: (head: ChainHead) => Checkpoint | null): Promise<void> {
    for (const rule of this.closeChecks.values()) await rule.check();
    const head = this.appended === 0 ? null : this.head;
    const checkpoint = head === null ? null : checkpointOf(head);
    const moveHead = (to: ChainHead) =>
      insertRows(this.trx, this.dialect, 'chainHeads', [{ ...to }], { upsertKey: 'origin' });
    const sign = (c: Checkpoint) => insertRows(this.trx, this.dialect, 'checkpoints', [c]);
    if (this.dialect === 'sqlite') {
      await this.flush();
      await this.view.flush();
      if (head !== null) await moveHead(head);
      if (checkpoint !== null) await sign(checkpoint);
      return;
    }
    // Sent together, so that the server goes from one statement to the next without waiting for this
    // process. A failed statement fails the transaction: the head moves only if every one succeeds.
    this.background(insertRows(this.trx, this.dialect, 'events', this.pending));
    this.pending = [];
    this.background(this.view.flush());
    if (head !== null) this.background(moveHead(head));
    if (checkpoint !== null) this.background(sign(checkpoint));
    const sent = this.inflight;
    this.inflight = [];
    await settleAll(sent);
  }
}
