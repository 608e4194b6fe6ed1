// Accounts: users, sign-in with lock-out, sessions with idle and absolute expiry, and API tokens.
// None of it is a ledger event (it is not the custody record); all of it is written to the audit log.
import { timingSafeEqual } from 'node:crypto';
import type { Kysely } from 'kysely';
import { v7 as uuidv7 } from 'uuid';
import { z } from 'zod';
import { type AccountOperation, type Role, roles, type TokenScope, tokenScopes } from '../auth/policy.ts';
import {
  checkPassword,
  generatePassword,
  hashPassword,
  MIN_PASSWORD_LENGTH,
  newSecret,
  secretHash,
} from '../auth/secrets.ts';
import { id, text } from '../domain/common.ts';
import { notFound, refused, tooMany, unauthenticated, unprocessable } from '../domain/errors.ts';
import type { Database, UsersTable } from '../store/schema.ts';
import { Access, type Actor, systemActor, type UserActor } from './access.ts';
import type { AuditEntry } from './audit.ts';
import { parseInput } from './commands/command.ts';

/** Session lifetimes: a session ends after this long unused, and in any case this long after sign-in. */
export const SESSION_IDLE_MS = 30 * 60_000;
export const SESSION_ABSOLUTE_MS = 12 * 60 * 60_000;
/** How often a session's last use is written (not on every request). */
const SESSION_TOUCH_MS = 60_000;

/**
 * Lock-out: the failed sign-in that reaches this many in a row (per username, and separately per
 * address) locks sign-in for 30 s; each further failure locks for twice as long, up to 15 minutes.
 * Failures older than an hour are forgotten.
 */
export const LOCKOUT = {
  username: 5,
  address: 20,
  firstLockMs: 30_000,
  maxLockMs: 15 * 60_000,
  forgetMs: 60 * 60_000,
} as const;

const username = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9][a-z0-9._-]{1,62}$/, 'use 2-63 letters, digits, dots, dashes or underscores');
const password = z
  .string()
  .min(MIN_PASSWORD_LENGTH, `must be at least ${MIN_PASSWORD_LENGTH} characters`)
  .max(200);

export const addUserInput = z.strictObject({
  username,
  displayName: text(200).optional(),
  role: z.enum(roles),
  /** `all`, or facility codes or ids. */
  facilities: z.union([z.literal('all'), z.array(z.string().min(1).max(100)).min(1).max(100)]),
  /** Without one, a one-time password is generated and must be changed at the first sign-in. */
  password: password.optional(),
});
export const createTokenInput = z.strictObject({
  username,
  name: text(200),
  scope: z.enum(tokenScopes),
  expiresInDays: z.number().int().min(1).max(365).default(90),
});
const byUsername = z.strictObject({ username });
const byTokenId = z.strictObject({ tokenId: id });

/** The account operations the API offers (as commands are offered), each with its input schema. */
export const accountOperations = {
  addUser: {
    summary: 'Add a user with a role and facilities; answers a one-time password if none is given',
    input: addUserInput,
  },
  disableUser: { summary: "Disable a user and end the user's sessions", input: byUsername },
  resetPassword: { summary: "Set a new one-time password and end the user's sessions", input: byUsername },
  createToken: {
    summary: 'Create an API token for a user; the token is answered once',
    input: createTokenInput,
  },
  revokeToken: { summary: 'Revoke an API token', input: byTokenId },
} as const satisfies Record<AccountOperation, { summary: string; input: z.ZodType }>;

export const loginInput = z.strictObject({ username: z.string().max(200), password: z.string().max(1000) });
export const changePasswordInput = z.strictObject({
  currentPassword: z.string().max(1000),
  newPassword: password,
});

export interface AccountsHost {
  db: Kysely<Database>;
  now(): string;
  audit(actor: Actor | { username: string; address?: string }, entries: AuditEntry[]): Promise<void>;
}

export interface Session {
  actor: UserActor;
  csrfToken: string;
}

// Named on the password whichever was wrong, so that the answer does not tell a username exists.
const failed = () => unauthenticated('auth.failed', 'Wrong username or password', 'password');

export class Accounts {
  constructor(private readonly host: AccountsHost) {}

  private get db() {
    return this.host.db;
  }

  /** Resolves facility codes or ids to ids; an unknown one is refused by name. */
  private async facilityIds(given: 'all' | string[]): Promise<'all' | string[]> {
    if (given === 'all') return 'all';
    const rows = await this.db.selectFrom('facilities').select(['id', 'code']).execute();
    return given.map((g, i) => {
      const found = rows.find((f) => f.id === g || f.code === g.toUpperCase());
      if (found === undefined)
        throw unprocessable('reference.unknown', `facilities.${i}`, `No facility ${g}`);
      return found.id;
    });
  }

  private async userByName(name: string): Promise<UsersTable | undefined> {
    return this.db.selectFrom('users').selectAll().where('username', '=', name).executeTakeFirst();
  }

  private async requireUser(name: string): Promise<UsersTable> {
    const user = await this.userByName(name.trim().toLowerCase());
    if (user === undefined) throw notFound('user', name);
    return user;
  }

  /** Adds a user; answers the one-time password when none was given. */
  async addUser(actor: Actor, input: unknown) {
    new Access(actor).checkAccountOperation('addUser');
    const given = parseInput(addUserInput, input);
    if ((await this.userByName(given.username)) !== undefined) {
      throw refused('user.username-taken', 'username', `The username ${given.username} is taken`);
    }
    const facilities = await this.facilityIds(given.facilities);
    const oneTime = given.password === undefined ? generatePassword() : undefined;
    const now = this.host.now();
    const user: UsersTable = {
      id: uuidv7(),
      username: given.username,
      displayName: given.displayName ?? given.username,
      role: given.role,
      facilities: JSON.stringify(facilities),
      passwordHash: await hashPassword(given.password ?? oneTime!),
      mustChangePassword: oneTime === undefined ? 0 : 1,
      passwordChangedAt: now,
      disabledAt: null,
      createdAt: now,
    };
    await this.db.insertInto('users').values(user).execute();
    await this.host.audit(actor, [
      {
        action: 'user.add',
        target: user.username,
        details: { role: user.role, facilities },
        result: 'ok',
      },
    ]);
    return {
      userId: user.id,
      username: user.username,
      role: given.role,
      facilities,
      oneTimePassword: oneTime,
    };
  }

  /** On a database without users, creates `admin` with the given password or a one-time one. */
  async ensureFirstAdmin(password?: string): Promise<{ username: string; oneTimePassword?: string } | null> {
    const any = await this.db.selectFrom('users').select('id').limit(1).executeTakeFirst();
    if (any !== undefined) return null;
    const added = await this.addUser(systemActor('first-start'), {
      username: 'admin',
      displayName: 'Administrator',
      role: 'admin',
      facilities: 'all',
      ...(password ? { password } : {}),
    });
    return { username: added.username, oneTimePassword: added.oneTimePassword };
  }

  /** Runs an account operation of the API by name. */
  run(operation: AccountOperation, actor: Actor, input: unknown): Promise<unknown> {
    return this[operation](actor, input);
  }

  async disableUser(actor: Actor, input: unknown) {
    new Access(actor).checkAccountOperation('disableUser');
    const user = await this.requireUser(parseInput(byUsername, input).username);
    await this.db
      .updateTable('users')
      .set({ disabledAt: this.host.now() })
      .where('id', '=', user.id)
      .execute();
    await this.db.deleteFrom('sessions').where('userId', '=', user.id).execute();
    await this.host.audit(actor, [
      { action: 'user.disable', target: user.username, details: {}, result: 'ok' },
    ]);
    return { username: user.username, disabled: true };
  }

  /** Sets a new one-time password and ends the user's sessions. */
  async resetPassword(actor: Actor, input: unknown) {
    new Access(actor).checkAccountOperation('resetPassword');
    const user = await this.requireUser(parseInput(byUsername, input).username);
    const oneTimePassword = generatePassword();
    await this.db
      .updateTable('users')
      .set({
        passwordHash: await hashPassword(oneTimePassword),
        mustChangePassword: 1,
        passwordChangedAt: this.host.now(),
      })
      .where('id', '=', user.id)
      .execute();
    await this.db.deleteFrom('sessions').where('userId', '=', user.id).execute();
    await this.db.deleteFrom('loginThrottle').where('key', '=', `user:${user.username}`).execute();
    await this.host.audit(actor, [
      { action: 'user.reset-password', target: user.username, details: {}, result: 'ok' },
    ]);
    return { username: user.username, oneTimePassword };
  }

  /** Changes the signed-in user's own password; other sessions of the user end. */
  async changePassword(actor: UserActor, input: unknown, keepSession?: string) {
    const given = parseInput(changePasswordInput, input);
    const user = await this.requireUser(actor.username);
    if (!(await checkPassword(user.passwordHash, given.currentPassword))) {
      await this.host.audit(actor, [
        { action: 'user.change-password', target: user.username, details: {}, result: 'failed' },
      ]);
      throw unprocessable('auth.wrong-password', 'currentPassword', 'The current password is wrong');
    }
    if (given.newPassword === given.currentPassword) {
      throw unprocessable(
        'auth.same-password',
        'newPassword',
        'Choose a password other than the current one',
      );
    }
    await this.db
      .updateTable('users')
      .set({
        passwordHash: await hashPassword(given.newPassword),
        mustChangePassword: 0,
        passwordChangedAt: this.host.now(),
      })
      .where('id', '=', user.id)
      .execute();
    let others = this.db.deleteFrom('sessions').where('userId', '=', user.id);
    if (keepSession !== undefined) others = others.where('idHash', '!=', secretHash(keepSession));
    await others.execute();
    await this.host.audit(actor, [
      { action: 'user.change-password', target: user.username, details: {}, result: 'ok' },
    ]);
    return { username: user.username };
  }

  private toActor(user: UsersTable, via: UserActor['via'], address: string, scope?: TokenScope): UserActor {
    return {
      kind: 'user',
      userId: user.id,
      username: user.username,
      role: user.role as Role,
      facilities: JSON.parse(user.facilities) as UserActor['facilities'],
      via,
      address,
      ...(scope ? { tokenScope: scope } : {}),
      ...(user.mustChangePassword ? { mustChangePassword: true } : {}),
    };
  }

  /** The actor the CLI acts as, by username: whoever runs it has the database, but acts as a named user. */
  async actorFor(name: string): Promise<UserActor> {
    const user = await this.requireUser(name);
    if (user.disabledAt !== null)
      throw unauthenticated('auth.disabled', `The user ${user.username} is disabled`);
    return { ...this.toActor(user, 'cli', 'cli'), mustChangePassword: false };
  }

  /**
   * Signs in. A wrong password, an unknown user and a disabled user get the same answer after the same
   * work; a locked username or address gets `auth.locked` whether or not the user exists.
   */
  async login(
    input: unknown,
    address: string,
  ): Promise<Session & { sessionToken: string; expiresAt: string }> {
    const given = parseInput(loginInput, input);
    const name = given.username.trim().toLowerCase();
    const attempt = { username: name, address };
    const keys = [`user:${name}`, `addr:${address}`];
    const now = this.host.now();
    // Counts no longer in force are forgotten, so the table holds only recent failures.
    const stale = new Date(Date.parse(now) - LOCKOUT.forgetMs - LOCKOUT.maxLockMs).toISOString();
    await this.db.deleteFrom('loginThrottle').where('lastFailureAt', '<', stale).execute();
    const throttles = await this.db
      .selectFrom('loginThrottle')
      .selectAll()
      .where('key', 'in', keys)
      .execute();
    const lockedUntil = throttles
      .map((t) => t.lockedUntil)
      .filter((t): t is string => t !== null && t > now)
      .sort()
      .pop();
    if (lockedUntil !== undefined) {
      await this.host.audit(attempt, [{ action: 'login', target: name, details: {}, result: 'locked' }]);
      const seconds = Math.ceil((Date.parse(lockedUntil) - Date.parse(now)) / 1000);
      throw tooMany('auth.locked', `Too many failed sign-ins; try again in ${seconds} s`, seconds);
    }
    const user = await this.userByName(name);
    const ok = await checkPassword(user?.passwordHash ?? null, given.password);
    if (!ok || user === undefined || user.disabledAt !== null) {
      await this.recordFailure(keys, throttles, now);
      await this.host.audit(attempt, [{ action: 'login', target: name, details: {}, result: 'failed' }]);
      throw failed();
    }
    await this.db.deleteFrom('loginThrottle').where('key', '=', keys[0]!).execute();
    const sessionToken = newSecret();
    const csrfToken = newSecret();
    const expiresAt = new Date(Date.parse(now) + SESSION_ABSOLUTE_MS).toISOString();
    await this.db
      .insertInto('sessions')
      .values({
        idHash: secretHash(sessionToken),
        userId: user.id,
        csrfToken,
        address,
        createdAt: now,
        lastSeenAt: now,
        expiresAt,
      })
      .execute();
    const actor = this.toActor(user, 'session', address);
    await this.host.audit(actor, [{ action: 'login', target: name, details: {}, result: 'ok' }]);
    return { actor, csrfToken, sessionToken, expiresAt };
  }

  private async recordFailure(
    keys: string[],
    throttles: { key: string; failures: number; lastFailureAt: string }[],
    now: string,
  ): Promise<void> {
    for (const key of keys) {
      const earlier = throttles.find((t) => t.key === key);
      const fresh = earlier && Date.parse(now) - Date.parse(earlier.lastFailureAt) < LOCKOUT.forgetMs;
      const failures = (fresh ? earlier.failures : 0) + 1;
      const threshold = key.startsWith('user:') ? LOCKOUT.username : LOCKOUT.address;
      const lockMs =
        failures < threshold
          ? 0
          : Math.min(LOCKOUT.maxLockMs, LOCKOUT.firstLockMs * 2 ** Math.min(failures - threshold, 16));
      const row = {
        key,
        failures,
        lastFailureAt: now,
        lockedUntil: lockMs === 0 ? null : new Date(Date.parse(now) + lockMs).toISOString(),
      };
      await this.db
        .insertInto('loginThrottle')
        .values(row)
        .onConflict((oc) => oc.column('key').doUpdateSet(row))
        .execute();
    }
  }

  /** The session a cookie carries, if it is still valid; its last use is recorded. */
  async session(sessionToken: string, address: string): Promise<Session | null> {
    const idHash = secretHash(sessionToken);
    const row = await this.db
      .selectFrom('sessions')
      .innerJoin('users', 'users.id', 'sessions.userId')
      .selectAll('users')
      .select(['sessions.csrfToken', 'sessions.lastSeenAt', 'sessions.expiresAt'])
      .where('sessions.idHash', '=', idHash)
      .executeTakeFirst();
    if (row === undefined) return null;
    const now = Date.parse(this.host.now());
    if (
      row.disabledAt !== null ||
      now >= Date.parse(row.expiresAt) ||
      now - Date.parse(row.lastSeenAt) >= SESSION_IDLE_MS
    ) {
      await this.db.deleteFrom('sessions').where('idHash', '=', idHash).execute();
      return null;
    }
    if (now - Date.parse(row.lastSeenAt) >= SESSION_TOUCH_MS) {
      await this.db
        .updateTable('sessions')
        .set({ lastSeenAt: this.host.now() })
        .where('idHash', '=', idHash)
        .execute();
    }
    const { csrfToken, lastSeenAt: _l, expiresAt: _e, ...user } = row;
    return { actor: this.toActor(user, 'session', address), csrfToken };
  }

  async logout(sessionToken: string, actor: UserActor): Promise<void> {
    await this.db.deleteFrom('sessions').where('idHash', '=', secretHash(sessionToken)).execute();
    await this.host.audit(actor, [{ action: 'logout', target: actor.username, details: {}, result: 'ok' }]);
  }

  /** The user an API token acts as, limited to the token's scope, if the token is valid. */
  async tokenActor(token: string, address: string): Promise<UserActor | null> {
    const row = await this.db
      .selectFrom('apiTokens')
      .innerJoin('users', 'users.id', 'apiTokens.userId')
      .selectAll('users')
      .select(['apiTokens.id as tokenId', 'apiTokens.scope', 'apiTokens.expiresAt', 'apiTokens.revokedAt'])
      .where('apiTokens.tokenHash', '=', secretHash(token))
      .executeTakeFirst();
    const now = this.host.now();
    if (row === undefined || row.revokedAt !== null || row.expiresAt <= now || row.disabledAt !== null) {
      return null;
    }
    await this.db.updateTable('apiTokens').set({ lastUsedAt: now }).where('id', '=', row.tokenId).execute();
    const { tokenId, scope, expiresAt: _e, revokedAt: _r, ...user } = row;
    // A token is for a script: a pending one-time password of its user does not stop it.
    return {
      ...this.toActor(user, 'token', address, scope as TokenScope),
      tokenId,
      mustChangePassword: false,
    };
  }

  /** Creates an API token for a user; the token is answered once and stored only as its hash. */
  async createToken(actor: Actor, input: unknown) {
    new Access(actor).checkAccountOperation('createToken');
    const given = parseInput(createTokenInput, input);
    const user = await this.requireUser(given.username);
    const token = newSecret('cst_');
    const now = this.host.now();
    const row = {
      id: uuidv7(),
      tokenHash: secretHash(token),
      userId: user.id,
      name: given.name,
      scope: given.scope,
      createdAt: now,
      expiresAt: new Date(Date.parse(now) + given.expiresInDays * 86_400_000).toISOString(),
      lastUsedAt: null,
      revokedAt: null,
    };
    await this.db.insertInto('apiTokens').values(row).execute();
    await this.host.audit(actor, [
      {
        action: 'token.create',
        target: user.username,
        details: { tokenId: row.id, name: row.name, scope: row.scope, expiresAt: row.expiresAt },
        result: 'ok',
      },
    ]);
    return { tokenId: row.id, username: user.username, scope: row.scope, expiresAt: row.expiresAt, token };
  }

  async revokeToken(actor: Actor, input: unknown) {
    new Access(actor).checkAccountOperation('revokeToken');
    const { tokenId } = parseInput(byTokenId, input);
    const row = await this.db
      .selectFrom('apiTokens')
      .selectAll()
      .where('id', '=', tokenId)
      .executeTakeFirst();
    if (row === undefined) throw notFound('API token', tokenId);
    await this.db
      .updateTable('apiTokens')
      .set({ revokedAt: this.host.now() })
      .where('id', '=', tokenId)
      .execute();
    await this.host.audit(actor, [
      { action: 'token.revoke', target: tokenId, details: { name: row.name }, result: 'ok' },
    ]);
    return { tokenId, revoked: true };
  }
}

/** Compares a CSRF token from a header with the session's, in constant time. */
export function csrfMatches(given: string | undefined, expected: string): boolean {
  if (given === undefined || given.length !== expected.length) return false;
  return timingSafeEqual(Buffer.from(given), Buffer.from(expected));
}
