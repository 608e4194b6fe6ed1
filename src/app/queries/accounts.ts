// Reads of accounts and of the audit log (who read what, who signed in, who changed an account).
import { z } from 'zod';
import { decodeCursor, defineQuery, pageInput, toPage } from './query.ts';

export const listUsers = defineQuery({
  summary: 'Users with their role, facilities and API tokens (never a password or token hash)',
  input: z.strictObject({}),
  async run({ db }) {
    const users = await db.selectFrom('users').selectAll().orderBy('username').execute();
    const tokens = await db
      .selectFrom('apiTokens')
      .select(['id', 'userId', 'name', 'scope', 'createdAt', 'expiresAt', 'lastUsedAt', 'revokedAt'])
      .orderBy('createdAt')
      .execute();
    return {
      items: users.map(({ passwordHash: _p, facilities, mustChangePassword, ...user }) => ({
        ...user,
        facilities: JSON.parse(facilities) as 'all' | string[],
        mustChangePassword: mustChangePassword === 1,
        tokens: tokens.filter((t) => t.userId === user.id).map(({ userId: _u, ...t }) => t),
      })),
    };
  },
});

export const auditLog = defineQuery({
  summary: 'The audit log, in order: reads of people, searches, exports, sign-ins and account changes',
  input: z.strictObject({
    username: z.string().max(100).optional(),
    action: z.string().max(100).optional(),
    target: z.string().max(200).optional(),
    ...pageInput,
  }),
  async run({ db }, { username, action, target, cursor, limit }) {
    const after = decodeCursor<number>(cursor, 'number');
    let q = db
      .selectFrom('auditLog')
      .selectAll()
      .orderBy('position')
      .limit(limit + 1);
    if (after !== undefined) q = q.where('position', '>', after);
    if (username !== undefined) q = q.where('username', '=', username.toLowerCase());
    if (action !== undefined) q = q.where('action', '=', action);
    if (target !== undefined) q = q.where('target', '=', target);
    return toPage(
      await q.execute(),
      limit,
      (e) => e.position,
      (e) => ({ ...e, details: JSON.parse(e.details) as unknown }),
    );
  },
});
