// Possible duplicates: the decisions on pairs of records (a projection of `duplicate.decided` and of
// registrations that name `distinctFrom`), and the candidate pairs the duplicate scan found.
import type { Kysely } from 'kysely';

// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen in time and do not follow today's types
export async function up(db: Kysely<any>): Promise<void> {
  const s = db.schema;
  await s
    .createTable('duplicate_decisions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('person_id', 'text', (c) => c.notNull())
    .addColumn('other_id', 'text', (c) => c.notNull())
    .addColumn('decision', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('decided_at', 'text', (c) => c.notNull())
    .addColumn('event_id', 'text', (c) => c.notNull())
    .execute();
  await s
    .createTable('duplicate_candidates')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('person_id', 'text', (c) => c.notNull())
    .addColumn('other_id', 'text', (c) => c.notNull())
    .addColumn('score', 'integer', (c) => c.notNull())
    .addColumn('decision', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('found_at', 'text', (c) => c.notNull())
    .execute();
  await s.createIndex('duplicate_candidates_person').on('duplicate_candidates').column('person_id').execute();
  await s.createIndex('duplicate_candidates_other').on('duplicate_candidates').column('other_id').execute();
  await s
    .createIndex('duplicate_candidates_score')
    .on('duplicate_candidates')
    .columns(['score', 'id'])
    .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('duplicate_candidates').execute();
  await db.schema.dropTable('duplicate_decisions').execute();
}
