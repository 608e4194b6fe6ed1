// The application: opens the database and node key, runs commands in one transaction each, and queries.
import { dirname, join } from 'node:path';
import { queryPolicy } from '../auth/policy.ts';
import { CustodianError, unprocessable } from '../domain/errors.ts';
import { signCheckpoint } from '../ledger/checkpoint.ts';
import { canonicalJson, sha256Hex } from '../ledger/event.ts';
import { loadOrCreateNodeKey, type NodeKey } from '../ledger/node-key.ts';
import { isPostgresUrl, openStore, type Store } from '../store/store.ts';
import { Access, type Actor } from './access.ts';
import { Accounts } from './accounts.ts';
import {
  type AuditEntry,
  type AuditResult,
  appendAudit,
  auditChain,
  auditCheckpointRow,
  auditSubject,
} from './audit.ts';
import { makeContext, parseInput } from './commands/command.ts';
import { type CommandName, type CommandResult, commands } from './commands/index.ts';
import { LedgerWriter } from './ledger-writer.ts';
import { NameSearch } from './name-search.ts';
import { type QueryInput, type QueryName, type QueryResult, queries } from './queries/index.ts';
import { type VerifyReport, verifyLedger } from './verify.ts';

export type { Actor } from './access.ts';

export interface CustodianOptions {
  /** An SQLite file path or a postgres:// URL. */
  db: string;
  /** Where the node's Ed25519 key lives; by default beside the SQLite file, or under ./data for PostgreSQL. */
  keyFile?: string;
  clock?: () => Date;
}

/** A checkpoint is signed when this many events, or this much time, have passed since the last. */
const CHECKPOINT_EVERY_EVENTS = 1000;
const CHECKPOINT_EVERY_MS = 5 * 60_000;
/** The audit log's head is signed when this many entries, or that much time, have passed. */
const AUDIT_CHECKPOINT_EVERY_ENTRIES = 100;

export function defaultKeyFile(db: string): string {
  if (isPostgresUrl(db)) {
    const name = new URL(db).pathname.slice(1) || 'postgres';
    return join('data', `${name}.node-key.pem`);
  }
  return join(dirname(db), `${db.replace(/^.*\//, '').replace(/\.[^.]*$/, '')}.node-key.pem`);
}

export class Custodian {
  private lastCheckpoint: { originSeq: number; at: number } = { originSeq: 0, at: 0 };
  private lastAuditCheckpoint: { position: number; at: number } = { position: 0, at: 0 };
  /** Audit entries are appended one batch after another: the chain has one head. */
  private auditing: Promise<void> = Promise.resolve();
  readonly accounts: Accounts;
  readonly names: NameSearch;

  private constructor(
    readonly store: Store,
    readonly node: NodeKey,
    private readonly clock: () => Date,
  ) {
    this.names = new NameSearch(store.db);
    this.accounts = new Accounts({
      db: store.db,
      now: () => this.now(),
      audit: (actor, entries) => this.audit(actor, entries),
    });
  }

  /** Appends to the audit log; the caller's answer waits for it, so no audited read goes unrecorded. */
  audit(actor: Actor | { username: string; address?: string }, entries: AuditEntry[]): Promise<void> {
    if ('kind' in actor && actor.kind === 'user') {
      // How the user came: a browser session, an API token (which one), or the command line.
      const via = { via: actor.via, ...(actor.tokenId ? { tokenId: actor.tokenId } : {}) };
      entries = entries.map((e) => ({ ...e, details: { ...e.details, ...via } }));
    }
    const append = () =>
      appendAudit(
        this.store.db,
        this.store.dialect,
        auditSubject(actor),
        entries,
        this.now(),
        (position, hash) => this.signAuditHead(position, hash),
      );
    const done = this.auditing.then(append, append);
    this.auditing = done.catch(() => undefined);
    return done;
  }

  static async open(options: CustodianOptions): Promise<Custodian> {
    const store = await openStore(options.db);
    try {
      const node = loadOrCreateNodeKey(options.keyFile ?? defaultKeyFile(options.db));
      const app = new Custodian(store, node, options.clock ?? (() => new Date()));
      await app.registerNode();
      return app;
    } catch (error) {
      await store.close();
      throw error;
    }
  }

  private async registerNode(): Promise<void> {
    const local = await this.store.db
      .selectFrom('nodes')
      .selectAll()
      .where('role', '=', 'local')
      .executeTakeFirst();
    if (local === undefined) {
      await this.store.db
        .insertInto('nodes')
        .values({
          origin: this.node.origin,
          publicKey: this.node.publicKeyPem,
          role: 'local',
          createdAt: this.now(),
        })
        .execute();
    } else if (local.origin !== this.node.origin) {
      throw new Error(
        `This database belongs to node ${local.origin}, but the key file is that of node ${this.node.origin}: ` +
          'start with the key that created the database (--key)',
      );
    }
    const last = await this.store.db
      .selectFrom('checkpoints')
      .select(['originSeq', 'signedAt'])
      .where('origin', '=', this.node.origin)
      .orderBy('originSeq', 'desc')
      .executeTakeFirst();
    if (last) this.lastCheckpoint = { originSeq: last.originSeq, at: Date.parse(last.signedAt) };
    const audit = await this.store.db
      .selectFrom('auditCheckpoints')
      .select(['position', 'signedAt'])
      .orderBy('position', 'desc')
      .executeTakeFirst();
    if (audit) this.lastAuditCheckpoint = { position: audit.position, at: Date.parse(audit.signedAt) };
  }

  /** Signs the audit log's head at `position` if a signature is due (or `force`d and not yet signed). */
  private signAuditHead(position: number, hash: string, force = false) {
    const now = this.clock().getTime();
    const since = this.lastAuditCheckpoint;
    const due =
      position - since.position >= AUDIT_CHECKPOINT_EVERY_ENTRIES || now - since.at >= CHECKPOINT_EVERY_MS;
    if (position === since.position || !(due || force)) return null;
    this.lastAuditCheckpoint = { position, at: now };
    return signCheckpoint(
      this.node,
      { originSeq: position, headHash: hash, signedAt: this.now() },
      auditChain(this.node.origin),
    );
  }

  /** The clock's time as ISO 8601 UTC; written once per millisecond (every event asks for it). */
  now(): string {
    const time = this.clock();
    if (time.getTime() !== this.lastNow.ms) this.lastNow = { ms: time.getTime(), iso: time.toISOString() };
    return this.lastNow.iso;
  }
  private lastNow = { ms: Number.NaN, iso: '' };

  /** Validates and runs one command in its own transaction. With an idempotency key, a retry returns the first answer. */
  async execute<N extends CommandName>(
    actor: Actor,
    name: N,
    input: unknown,
    idempotencyKey?: string,
  ): Promise<CommandResult<N>> {
    const command = commands[name];
    const parsed = parseInput(command.input, input);
    const access = new Access(actor);
    return this.transact(actor, async (writer) => {
      await access.checkCommand(name, parsed as Record<string, unknown>, writer.view);
      const key = idempotencyKey === undefined ? undefined : `${actor.username}:${idempotencyKey}`;
      const requestHash = sha256Hex(canonicalJson({ name, input: input ?? null }));
      if (key !== undefined) {
        const earlier = await writer.trx
          .selectFrom('idempotencyKeys')
          .selectAll()
          .where('key', '=', key)
          .executeTakeFirst();
        if (earlier !== undefined) {
          if (earlier.requestHash !== requestHash) {
            throw unprocessable(
              'idempotency.key-reused',
              'Idempotency-Key',
              'this Idempotency-Key was already used for a different request',
            );
          }
          return JSON.parse(earlier.response) as CommandResult<N>;
        }
      }
      // biome-ignore lint/suspicious/noExplicitAny: `parsed` is the output of this command's own schema
      const result = (await command.run(makeContext(writer), parsed as any)) as CommandResult<N>;
      if (key !== undefined) {
        await writer.trx
          .insertInto('idempotencyKeys')
          .values({ key, requestHash, response: JSON.stringify(result), createdAt: this.now() })
          .execute();
      }
      return result;
    });
  }

  /**
   * Runs many commands in ONE transaction (imports, the demo): all are written or none. Every input
   * is validated before anything is written; errors name the item as `<index>.<field>`.
   */
  async executeBatch(
    actor: Actor,
    items: readonly { command: CommandName; input: unknown }[],
  ): Promise<unknown[]> {
    const parsed = items.map((item, i) => parseInput(commands[item.command].input, item.input, String(i)));
    const access = new Access(actor);
    return this.transact(actor, async (writer) => {
      const results: unknown[] = [];
      await writer.prefetch(parsed);
      for (const [i, item] of items.entries()) {
        await access.checkCommand(item.command, parsed[i] as Record<string, unknown>, writer.view);
        // biome-ignore lint/suspicious/noExplicitAny: each input was parsed by its own command's schema
        results.push(await commands[item.command].run(makeContext(writer), parsed[i] as any));
      }
      return results;
    });
  }

  /** Runs `fn` with a ledger writer in one transaction, and signs a checkpoint when one is due. */
  async transact<R>(actor: Actor, fn: (writer: LedgerWriter) => Promise<R>): Promise<R> {
    let signed: { originSeq: number; at: number } | undefined;
    let namesChanged: ReadonlySet<string> = new Set();
    const result = await this.store.db.transaction().execute(async (trx) => {
      const writer = new LedgerWriter(trx, this.store.dialect, this.node, actor.username, () => this.now());
      namesChanged = writer.namesChanged;
      await writer.open();
      const r = await fn(writer);
      await writer.close((head) => {
        const now = this.clock().getTime();
        if (
          head.originSeq - this.lastCheckpoint.originSeq < CHECKPOINT_EVERY_EVENTS &&
          now - this.lastCheckpoint.at < CHECKPOINT_EVERY_MS
        ) {
          return null;
        }
        signed = { originSeq: head.originSeq, at: now };
        return this.sign(head.originSeq, head.hash);
      });
      return r;
    });
    if (signed) this.lastCheckpoint = signed;
    await this.names.changed(namesChanged);
    return result;
  }

  private sign(originSeq: number, headHash: string) {
    return signCheckpoint(this.node, { originSeq, headHash, signedAt: this.now() });
  }

  /**
   * Signs the current head of this node's chain unless the last checkpoint already covers it, and the
   * audit log's head likewise.
   */
  async checkpoint(): Promise<{ originSeq: number; headHash: string } | null> {
    await this.auditing;
    const auditHead = await this.store.db.selectFrom('auditHead').selectAll().executeTakeFirst();
    const audit = auditHead && this.signAuditHead(auditHead.position, auditHead.hash, true);
    if (audit) await this.store.db.insertInto('auditCheckpoints').values(auditCheckpointRow(audit)).execute();
    const head = await this.store.db
      .selectFrom('chainHeads')
      .selectAll()
      .where('origin', '=', this.node.origin)
      .executeTakeFirst();
    if (head === undefined || head.originSeq === this.lastCheckpoint.originSeq) return null;
    await this.store.db
      .insertInto('checkpoints')
      .values(this.sign(head.originSeq, head.hash))
      .onConflict((oc) => oc.doNothing())
      .execute();
    this.lastCheckpoint = { originSeq: head.originSeq, at: this.clock().getTime() };
    return { originSeq: head.originSeq, headHash: head.hash };
  }

  /**
   * Runs a read-only query as `actor` sees it: refused to roles the policy does not name, filtered to
   * the actor's facilities and field classes, and written to the audit log when the policy says so,
   * whatever its outcome.
   */
  async query<N extends QueryName>(actor: Actor, name: N, input: unknown): Promise<QueryResult<N>> {
    const query = queries[name];
    const access = new Access(actor);
    const audited = queryPolicy[name].audit;
    const record = (result: AuditResult) =>
      audited === undefined || actor.kind === 'system'
        ? Promise.resolve()
        : this.audit(actor, [
            {
              action: audited,
              target: targetOf(input),
              details: { query: name, input: input ?? {} },
              result,
            },
          ]);
    let answer: QueryResult<N>;
    try {
      access.checkQuery(name);
      const parsed = parseInput(query.input, input ?? {}) as QueryInput<N>;
      const ctx = { db: this.store.db, now: this.now(), access, names: this.names };
      // biome-ignore lint/suspicious/noExplicitAny: `parsed` is the output of this query's own schema
      answer = (await query.run(ctx, parsed as any)) as QueryResult<N>;
    } catch (error) {
      await record(resultOf(error));
      throw error;
    }
    await record('ok');
    return answer;
  }

  verify(): Promise<VerifyReport> {
    return verifyLedger(this.store.db);
  }

  close(): Promise<void> {
    return this.store.close();
  }
}

const targetOf = (input: unknown): string | null => {
  const personId = (input as { personId?: unknown } | null)?.personId;
  return typeof personId === 'string' ? personId.slice(0, 100) : null;
};

function resultOf(error: unknown): AuditResult {
  if (!(error instanceof CustodianError)) return 'failed';
  if (error.kind === 'forbidden' || error.kind === 'unauthenticated') return 'denied';
  if (error.kind === 'not-found') return 'not-found';
  return 'invalid';
}
