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
import { DuplicateScanner } from './duplicates.ts';
import { Headcounts } from './headcounts.ts';
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

/** A command call as `execute` received it. */
interface Call {
  actor: Actor;
  name: CommandName;
  input: unknown;
  parsed: unknown;
  idempotencyKey: string | undefined;
}

export class Custodian {
  private lastCheckpoint: { originSeq: number; at: number } = { originSeq: 0, at: 0 };
  private lastAuditCheckpoint: { position: number; at: number } = { position: 0, at: 0 };
  /** Audit entries are appended one batch after another: the chain has one head. */
  private auditing: Promise<void> = Promise.resolve();
  readonly accounts: Accounts;
  readonly names: NameSearch;
  readonly duplicates: DuplicateScanner;
  readonly headcounts: Headcounts;
  /** Calls waiting for the next group commit, and whether a group is being written. */
  private group: { call: Call; resolve(value: unknown): void; reject(error: unknown): void }[] = [];
  private grouping = false;

  private constructor(
    readonly store: Store,
    readonly node: NodeKey,
    private readonly clock: () => Date,
  ) {
    this.names = new NameSearch(store.db);
    this.duplicates = new DuplicateScanner(store.db, this.names, () => this.now());
    this.headcounts = new Headcounts(store.dialect);
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

  /**
   * Validates and runs one command in its own transaction — or, for a command that groups, in the
   * next group (see `writeGroups`). With an idempotency key, a retry returns the first answer.
   */
  async execute<N extends CommandName>(
    actor: Actor,
    name: N,
    input: unknown,
    idempotencyKey?: string,
  ): Promise<CommandResult<N>> {
    const parsed = parseInput(commands[name].input, input);
    const call: Call = { actor, name, input, parsed, idempotencyKey };
    await this.namesFor(actor, [name]);
    try {
      if (commands[name].groupCommit === true) {
        return await new Promise<CommandResult<N>>((resolve, reject) => {
          this.group.push({ call, resolve: resolve as (value: unknown) => void, reject });
          if (!this.grouping) void this.writeGroups();
        });
      }
      return (await this.transact(actor, (writer) => this.run(writer, call))) as CommandResult<N>;
    } catch (error) {
      await this.auditShownDuplicates(actor, name, error);
      throw error;
    }
  }

  /** The name index, ready before a transaction whose commands check registrations for duplicates. */
  private async namesFor(actor: Actor, names: readonly CommandName[]): Promise<void> {
    if (actor.kind !== 'system' && names.includes('registerPerson')) await this.names.ready();
  }

  /** A refusal that shows possible duplicates shows people: the audit log records whom. */
  private async auditShownDuplicates(actor: Actor, command: CommandName, error: unknown): Promise<void> {
    if (!(error instanceof CustodianError) || error.id !== 'person.possible-duplicates') return;
    const shown = (error.extensions?.candidates as { personId: string }[] | undefined) ?? [];
    await this.audit(actor, [
      {
        action: 'person.search',
        target: null,
        details: { command, possibleDuplicates: shown.map((c) => c.personId) },
        result: 'ok',
      },
    ]);
  }

  private async run(writer: LedgerWriter, call: Call): Promise<unknown> {
    const { actor, name, input, parsed, idempotencyKey } = call;
    writer.actor = actor.username;
    const access = new Access(actor);
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
        return JSON.parse(earlier.response);
      }
    }
    const ctx = makeContext(writer, access, this);
    // biome-ignore lint/suspicious/noExplicitAny: `parsed` is the output of this command's own schema
    const result = await commands[name].run(ctx, parsed as any);
    if (key !== undefined) {
      await writer.trx
        .insertInto('idempotencyKeys')
        .values({ key, requestHash, response: JSON.stringify(result), createdAt: this.now() })
        .execute();
    }
    return result;
  }

  /**
   * Group commit. Calls of a grouping command that arrive while a group is being written wait, then
   * are written together in ONE transaction, one commit: twenty guards marking at once each wait for
   * at most the group before theirs, not for nineteen transactions. A refusal is the refused call's
   * own: grouping commands check everything before they write, so a call refused before it wrote
   * leaves the others' writes in place. Anything else — a refusal after writing, a database error —
   * fails the group's transaction, and its calls are then run one by one, each in its own.
   */
  private async writeGroups(): Promise<void> {
    this.grouping = true;
    try {
      while (this.group.length > 0) {
        const group = this.group.splice(0);
        const outcomes: ({ ok: true; value: unknown } | { ok: false; error: unknown })[] = [];
        try {
          await this.transact(group[0]!.call.actor, async (writer) => {
            for (const { call } of group) {
              const before = writer.appendedCount;
              try {
                outcomes.push({ ok: true, value: await this.run(writer, call) });
              } catch (error) {
                if (!(error instanceof CustodianError) || writer.appendedCount !== before) throw error;
                outcomes.push({ ok: false, error });
              }
            }
          });
        } catch {
          for (const { call, resolve, reject } of group) {
            await this.transact(call.actor, (writer) => this.run(writer, call)).then(resolve, reject);
          }
          continue;
        }
        group.forEach(({ resolve, reject }, i) => {
          const outcome = outcomes[i]!;
          if (outcome.ok) resolve(outcome.value);
          else reject(outcome.error);
        });
      }
    } finally {
      this.grouping = false;
    }
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
    await this.namesFor(
      actor,
      items.map((item) => item.command),
    );
    try {
      return await this.transact(actor, async (writer) => {
        const results: unknown[] = [];
        await writer.prefetch(parsed);
        for (const [i, item] of items.entries()) {
          await access.checkCommand(item.command, parsed[i] as Record<string, unknown>, writer.view);
          const ctx = makeContext(writer, access, this);
          // biome-ignore lint/suspicious/noExplicitAny: each input was parsed by its own command's schema
          results.push(await commands[item.command].run(ctx, parsed[i] as any));
        }
        return results;
      });
    } catch (error) {
      await this.auditShownDuplicates(actor, 'registerPerson', error);
      throw error;
    }
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
    this.duplicates.changed(namesChanged);
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
    const record = (result: AuditResult, target = targetOf(input)) =>
      audited === undefined || actor.kind === 'system'
        ? Promise.resolve()
        : this.audit(actor, [
            {
              action: audited,
              target,
              details: { query: name, input: input ?? {} },
              result,
            },
          ]);
    let answer: QueryResult<N>;
    let target: string | null;
    try {
      access.checkQuery(name);
      const parsed = parseInput(query.input, input ?? {}) as QueryInput<N>;
      const ctx = {
        db: this.store.db,
        dialect: this.store.dialect,
        now: this.now(),
        access,
        names: this.names,
        headcounts: this.headcounts,
        duplicates: this.duplicates,
      };
      // biome-ignore lint/suspicious/noExplicitAny: `parsed` is the output of this query's own schema
      answer = (await query.run(ctx, parsed as any)) as QueryResult<N>;
      // biome-ignore lint/suspicious/noExplicitAny: `answer` is this query's own result
      target = 'auditTarget' in query ? query.auditTarget!(parsed as any, answer as any) : targetOf(input);
    } catch (error) {
      await record(resultOf(error));
      throw error;
    }
    await record('ok', target);
    return answer;
  }

  verify(): Promise<VerifyReport> {
    return verifyLedger(this.store.db);
  }

  /** Stops the duplicate scanner (waiting for its work in hand) and closes the database. */
  async close(): Promise<void> {
    await this.duplicates.stop();
    await this.store.close();
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
