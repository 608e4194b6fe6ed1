// The application: opens the database and node key, runs commands in one transaction each, and queries.
import { dirname, join } from 'node:path';
import { unprocessable } from '../domain/errors.ts';
import { signCheckpoint } from '../ledger/checkpoint.ts';
import { canonicalJson, sha256Hex } from '../ledger/event.ts';
import { loadOrCreateNodeKey, type NodeKey } from '../ledger/node-key.ts';
import { isPostgresUrl, openStore, type Store } from '../store/store.ts';
import { makeContext, parseInput } from './commands/command.ts';
import { type CommandName, type CommandResult, commands } from './commands/index.ts';
import { LedgerWriter } from './ledger-writer.ts';
import { type QueryInput, type QueryName, type QueryResult, queries } from './queries/index.ts';
import { type VerifyReport, verifyLedger } from './verify.ts';

/** Who acts. Until sign-in exists every caller is resolved to one actor in one place per face. */
export interface Actor {
  id: string;
}

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

export function defaultKeyFile(db: string): string {
  if (isPostgresUrl(db)) {
    const name = new URL(db).pathname.slice(1) || 'postgres';
    return join('data', `${name}.node-key.pem`);
  }
  return join(dirname(db), `${db.replace(/^.*\//, '').replace(/\.[^.]*$/, '')}.node-key.pem`);
}

export class Custodian {
  private lastCheckpoint: { originSeq: number; at: number } = { originSeq: 0, at: 0 };

  private constructor(
    readonly store: Store,
    readonly node: NodeKey,
    private readonly clock: () => Date,
  ) {}

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
  }

  now(): string {
    return this.clock().toISOString();
  }

  /** Validates and runs one command in its own transaction. With an idempotency key, a retry returns the first answer. */
  async execute<N extends CommandName>(
    actor: Actor,
    name: N,
    input: unknown,
    idempotencyKey?: string,
  ): Promise<CommandResult<N>> {
    const command = commands[name];
    const parsed = parseInput(command.input, input);
    return this.transact(actor, async (writer) => {
      const key = idempotencyKey === undefined ? undefined : `${actor.id}:${idempotencyKey}`;
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
    return this.transact(actor, async (writer) => {
      const results: unknown[] = [];
      await writer.prefetch(parsed);
      for (const [i, item] of items.entries()) {
        // biome-ignore lint/suspicious/noExplicitAny: each input was parsed by its own command's schema
        results.push(await commands[item.command].run(makeContext(writer), parsed[i] as any));
      }
      return results;
    });
  }

  /** Runs `fn` with a ledger writer in one transaction, and signs a checkpoint when one is due. */
  async transact<R>(actor: Actor, fn: (writer: LedgerWriter) => Promise<R>): Promise<R> {
    let signed: { originSeq: number; at: number } | undefined;
    const result = await this.store.db.transaction().execute(async (trx) => {
      const writer = new LedgerWriter(trx, this.store.dialect, this.node, actor.id, () => this.now());
      await writer.open();
      const r = await fn(writer);
      const head = await writer.close();
      const now = this.clock().getTime();
      if (
        head !== null &&
        (head.originSeq - this.lastCheckpoint.originSeq >= CHECKPOINT_EVERY_EVENTS ||
          now - this.lastCheckpoint.at >= CHECKPOINT_EVERY_MS)
      ) {
        await trx.insertInto('checkpoints').values(this.sign(head.originSeq, head.hash)).execute();
        signed = { originSeq: head.originSeq, at: now };
      }
      return r;
    });
    if (signed) this.lastCheckpoint = signed;
    return result;
  }

  private sign(originSeq: number, headHash: string) {
    return signCheckpoint(this.node, { originSeq, headHash, signedAt: this.now() });
  }

  /** Signs the current head of this node's chain unless the last checkpoint already covers it. */
  async checkpoint(): Promise<{ originSeq: number; headHash: string } | null> {
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

  /** Runs a read-only query. */
  async query<N extends QueryName>(_actor: Actor, name: N, input: unknown): Promise<QueryResult<N>> {
    const query = queries[name];
    const parsed = parseInput(query.input, input ?? {}) as QueryInput<N>;
    // biome-ignore lint/suspicious/noExplicitAny: `parsed` is the output of this query's own schema
    return (await query.run({ db: this.store.db, now: this.now() }, parsed as any)) as QueryResult<N>;
  }

  verify(): Promise<VerifyReport> {
    return verifyLedger(this.store.db);
  }

  close(): Promise<void> {
    return this.store.close();
  }
}
