// Headcounts, their sections and marks, the discrepancies found when a count closes, and the
// incidents (for now: escapes declared from a count) they lead to; and an index of custody events by
// position, for the movements recorded while a count ran.
import { type Kysely, sql } from 'kysely';

// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen in time and do not follow today's types
export async function up(db: Kysely<any>): Promise<void> {
  const s = db.schema;
  await s
    .createIndex('events_custody')
    .on('events')
    .column('position')
    .where(sql.ref('type'), 'like', 'custody.%')
    .execute();
  await s
    .createTable('headcounts')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('facility_id', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('scope', 'text', (c) => c.notNull())
    .addColumn('opened_at', 'text', (c) => c.notNull())
    .addColumn('opened_by', 'text', (c) => c.notNull())
    .addColumn('open_position', 'integer', (c) => c.notNull())
    .addColumn('closed_at', 'text')
    .addColumn('closed_by', 'text')
    .addColumn('recount_of', 'text')
    .execute();
  await s.createIndex('headcounts_facility').on('headcounts').columns(['facility_id', 'status']).execute();
  await s
    .createTable('headcount_sections')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('headcount_id', 'text', (c) => c.notNull())
    .addColumn('section_id', 'text')
    .addColumn('expected', 'integer', (c) => c.notNull())
    .addColumn('counted', 'integer', (c) => c.notNull())
    .addColumn('reported', 'integer')
    .addColumn('reported_position', 'integer')
    .execute();
  await s
    .createIndex('headcount_sections_headcount')
    .on('headcount_sections')
    .column('headcount_id')
    .execute();
  await s.createIndex('headcount_sections_section').on('headcount_sections').column('section_id').execute();
  await s
    .createTable('headcount_marks')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('headcount_id', 'text', (c) => c.notNull())
    .addColumn('person_id', 'text', (c) => c.notNull())
    .addColumn('section_id', 'text')
    .addColumn('method', 'text', (c) => c.notNull())
    .addColumn('marked_at', 'text', (c) => c.notNull())
    .addColumn('marked_by', 'text', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('outcome', 'text', (c) => c.notNull())
    .execute();
  await s
    .createIndex('headcount_marks_outcome')
    .on('headcount_marks')
    .columns(['headcount_id', 'outcome'])
    .execute();
  await s
    .createTable('discrepancies')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('headcount_id', 'text', (c) => c.notNull())
    .addColumn('facility_id', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('person_id', 'text')
    .addColumn('section_id', 'text')
    .addColumn('counted_section_id', 'text')
    .addColumn('expected', 'integer')
    .addColumn('reported', 'integer')
    .addColumn('found_at', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('resolution', 'text')
    .addColumn('reason', 'text')
    .addColumn('located_where', 'text')
    .addColumn('located_note', 'text')
    .addColumn('correction', 'text')
    .addColumn('incident_id', 'text')
    .addColumn('resolved_at', 'text')
    .addColumn('resolved_by', 'text')
    .execute();
  await s
    .createIndex('discrepancies_facility')
    .on('discrepancies')
    .columns(['facility_id', 'status'])
    .execute();
  await s.createIndex('discrepancies_headcount').on('discrepancies').column('headcount_id').execute();
  await s
    .createTable('incidents')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('facility_id', 'text', (c) => c.notNull())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('occurred_at', 'text', (c) => c.notNull())
    .addColumn('summary', 'text', (c) => c.notNull())
    .addColumn('headcount_id', 'text')
    .addColumn('recorded_by', 'text', (c) => c.notNull())
    .execute();
  await s.createIndex('incidents_facility').on('incidents').columns(['facility_id', 'occurred_at']).execute();
  await s
    .createTable('incident_persons')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('incident_id', 'text', (c) => c.notNull())
    .addColumn('person_id', 'text', (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.notNull())
    .execute();
  await s.createIndex('incident_persons_incident').on('incident_persons').column('incident_id').execute();
  await s.createIndex('incident_persons_person').on('incident_persons').column('person_id').execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  for (const table of [
    'incident_persons',
    'incidents',
    'discrepancies',
    'headcount_marks',
    'headcount_sections',
    'headcounts',
  ]) {
    await db.schema.dropTable(table).execute();
  }
  await db.schema.dropIndex('events_custody').execute();
}
