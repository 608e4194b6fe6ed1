// The audit log: every read of a person, search, export, sign-in and account change, appended to a
// SHA-256 hash chain like the ledger's, its head signed by the node key every so often. `verify`
// finds an entry edited, removed or inserted; rewriting the log and its hashes undetected needs the
// node key, or else reaches back no further than the last signed head.

import type { Kysely } from 'kysely';
import { v7 as uuidv7 } from 'uuid';
import { type Checkpoint, checkpointSignatureValid } from '../ledger/checkpoint.ts';
import { canonicalJson, GENESIS_HASH, sha256Hex } from '../ledger/event.ts';
import type { AuditLogTable, Database } from '../store/schema.ts';
import { type Dialect, placeholder, runSql } from '../store/store.ts';
import type { Actor } from './access.ts';

export type AuditResult = 'ok' | 'denied' | 'not-found' | 'invalid' | 'failed' | 'locked';

export interface AuditEntry {
  action: string;
  /** What was read or changed: a person id, a username, a query name. */
  target: string | null;
  details: Record<string, unknown>;
  result: AuditResult;
}

const HEAD = 'audit';

/** The name under which the audit log's heads are signed: never the name of a ledger chain. */
export const auditChain = (origin: string): string => `${origin}:audit`;

/** Signs the head at a position when a signature is due (the caller keeps the cadence), or not. */
export type AuditSigner = (position: number, hash: string) => Checkpoint | null;

/** The hashed text of an entry: its canonical JSON without its position and hash. */
export function auditHash(entry: Omit<AuditLogTable, 'position' | 'hash'>): string {
  return sha256Hex(canonicalJson({ ...entry, details: JSON.parse(entry.details) }));
}

/** Who an entry names, for an actor or for an anonymous attempt (a failed sign-in). */
export function auditSubject(actor: Actor | { username: string; address?: string }) {
  if ('kind' in actor && actor.kind === 'user') {
    return {
      userId: actor.userId,
      username: actor.username,
      role: actor.role,
      address: actor.address ?? null,
    };
  }
  return {
    userId: null,
    username: actor.username,
    role: null,
    address: ('address' in actor && actor.address) || null,
  };
}

/**
 * Appends entries in one transaction. The head row is locked (PostgreSQL) so that processes sharing a
 * database append one after the other; within a process the caller serialises appends.
 */
export async function appendAudit(
  db: Kysely<Database>,
  dialect: Dialect,
  subject: ReturnType<typeof auditSubject>,
  entries: readonly AuditEntry[],
  at: string,
  sign: AuditSigner,
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const lock = dialect === 'postgres' ? ' for update' : '';
    const [head] = await runSql<{ position: number; hash: string }>(
      trx,
      `select position, hash from audit_head where id = ${placeholder(dialect, 1)}${lock}`,
      [HEAD],
    );
    let position = Number(head?.position ?? 0);
    let prevHash = head?.hash ?? GENESIS_HASH;
    const rows: AuditLogTable[] = [];
    for (const entry of entries) {
      const row = {
        id: uuidv7(),
        at,
        ...subject,
        action: entry.action,
        target: entry.target,
        details: canonicalJson(entry.details),
        result: entry.result,
        prevHash,
      };
      const hash = auditHash(row);
      rows.push({ ...row, position: ++position, hash });
      prevHash = hash;
    }
    await trx.insertInto('auditLog').values(rows).execute();
    await trx
      .insertInto('auditHead')
      .values({ id: HEAD, position, hash: prevHash })
      .onConflict((oc) => oc.column('id').doUpdateSet({ position, hash: prevHash }))
      .execute();
    const signed = sign(position, prevHash);
    if (signed !== null)
      await trx.insertInto('auditCheckpoints').values(auditCheckpointRow(signed)).execute();
  });
}

export const auditCheckpointRow = (c: Checkpoint) => ({
  position: c.originSeq,
  hash: c.headHash,
  signedAt: c.signedAt,
  signature: c.signature,
});

/**
 * Re-hashes the audit log in order and checks each link and the stored head; answers the entry count
 * and what is wrong, naming the first entry that differs.
 */
export async function verifyAuditLog(
  db: Kysely<Database>,
  report: (problem: string) => void,
): Promise<number> {
  const local = await db.selectFrom('nodes').selectAll().where('role', '=', 'local').executeTakeFirst();
  const signed = new Map(
    (await db.selectFrom('auditCheckpoints').selectAll().execute()).map((c) => [c.position, c]),
  );
  for (const c of signed.values()) {
    const checkpoint = {
      origin: auditChain(local?.origin ?? ''),
      originSeq: c.position,
      headHash: c.hash,
      signedAt: c.signedAt,
      signature: c.signature,
    };
    if (local === undefined || !checkpointSignatureValid(checkpoint, local.publicKey)) {
      report(
        `audit log: the signed head at entry ${c.position} does not carry a valid signature of this node`,
      );
    }
  }
  let prevHash = GENESIS_HASH;
  let position = 0;
  let after = 0;
  for (;;) {
    const page = await db
      .selectFrom('auditLog')
      .selectAll()
      .where('position', '>', after)
      .orderBy('position')
      .limit(2000)
      .execute();
    if (page.length === 0) break;
    for (const entry of page) {
      after = entry.position;
      position++;
      const { position: at, hash, ...hashed } = entry;
      if (at !== position) report(`audit log: entry ${position} is missing (the next stored is ${at})`);
      if (entry.prevHash !== prevHash) {
        report(
          `audit log entry ${at} (${entry.id}): it does not follow the entry before it (prevHash differs)`,
        );
      }
      let recomputed: string;
      try {
        recomputed = auditHash(hashed);
      } catch {
        recomputed = '';
      }
      if (recomputed !== hash) {
        report(
          `audit log entry ${at} (${entry.id}): its content does not match its hash (altered after it was written)`,
        );
      }
      const checkpoint = signed.get(at);
      if (checkpoint !== undefined && checkpoint.hash !== hash) {
        report(
          `audit log entry ${at} (${entry.id}): it is not the entry whose head was signed at ${checkpoint.signedAt}`,
        );
      }
      signed.delete(at);
      prevHash = hash;
      position = at;
    }
  }
  for (const c of signed.values()) {
    report(`audit log: entry ${c.position}, signed at ${c.signedAt}, is missing`);
  }
  const head = await db.selectFrom('auditHead').selectAll().executeTakeFirst();
  if (head === undefined ? position !== 0 : head.position !== position || head.hash !== prevHash) {
    report(
      `audit log: the stored head (entry ${head?.position ?? 0}) is not the last entry (${position}): ` +
        'entries were removed or added outside Custodian',
    );
  }
  return position;
}
