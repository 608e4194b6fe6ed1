// ID cards: each person's current card (the last issued, and whether it was revoked).
import type { Kysely } from 'kysely';

// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen in time and do not follow today's types
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('id_cards')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('serial', 'integer', (c) => c.notNull())
    .addColumn('origin', 'text', (c) => c.notNull())
    .addColumn('issued_at', 'text', (c) => c.notNull())
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('revoked_at', 'text')
    .addColumn('revoked_reason', 'text')
    .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('id_cards').execute();
}
