// Repatriation cases (members, timeline entries, decisions), child-protection cases, approvals of
// movements that separate a child from their carer, birth-registration tasks; notes by child case.
import type { Kysely } from 'kysely';

// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen in time and do not follow today's types
export async function up(db: Kysely<any>): Promise<void> {
  const s = db.schema;
  await s.alterTable('protection_notes').addColumn('child_case_id', 'text').execute();
  await s
    .createTable('cases')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('country', 'text', (c) => c.notNull())
    .addColumn('facility_id', 'text', (c) => c.notNull())
    .addColumn('household_id', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('status_since', 'text', (c) => c.notNull())
    .addColumn('opened_at', 'text', (c) => c.notNull())
    .addColumn('opened_by', 'text', (c) => c.notNull())
    .addColumn('completion', 'text')
    .addColumn('to_authority', 'text')
    .execute();
  await s.createIndex('cases_country').on('cases').columns(['country', 'status']).execute();
  await s.createIndex('cases_facility').on('cases').column('facility_id').execute();
  await s
    .createTable('case_members')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('case_id', 'text', (c) => c.notNull())
    .addColumn('person_id', 'text', (c) => c.notNull())
    .execute();
  await s.createIndex('case_members_case').on('case_members').column('case_id').execute();
  await s.createIndex('case_members_person').on('case_members').column('person_id').execute();
  await s
    .createTable('case_entries')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('case_id', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('person_id', 'text')
    .addColumn('details', 'text', (c) => c.notNull())
    .addColumn('occurred_at', 'text', (c) => c.notNull())
    .addColumn('recorded_by', 'text', (c) => c.notNull())
    .execute();
  await s.createIndex('case_entries_case').on('case_entries').column('case_id').execute();
  await s
    .createTable('case_decisions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('case_id', 'text', (c) => c.notNull())
    .addColumn('from_status', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('occurred_at', 'text', (c) => c.notNull())
    .addColumn('decided_by', 'text', (c) => c.notNull())
    .execute();
  await s.createIndex('case_decisions_case').on('case_decisions').column('case_id').execute();
  await s
    .createTable('child_cases')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('person_id', 'text', (c) => c.notNull())
    .addColumn('facility_id', 'text', (c) => c.notNull())
    .addColumn('concern', 'text', (c) => c.notNull())
    .addColumn('summary', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('opened_at', 'text', (c) => c.notNull())
    .addColumn('opened_by', 'text', (c) => c.notNull())
    .addColumn('closed_at', 'text')
    .addColumn('closed_reason', 'text')
    .execute();
  await s.createIndex('child_cases_person').on('child_cases').column('person_id').execute();
  await s
    .createTable('child_separation_approvals')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('person_id', 'text', (c) => c.notNull())
    .addColumn('movement', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('approved_at', 'text', (c) => c.notNull())
    .addColumn('approved_by', 'text', (c) => c.notNull())
    .addColumn('used_by_event_id', 'text')
    .execute();
  await s
    .createIndex('child_separation_approvals_person')
    .on('child_separation_approvals')
    .column('person_id')
    .execute();
  await s
    .createTable('birth_registrations')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('mother_id', 'text', (c) => c.notNull())
    .addColumn('facility_id', 'text', (c) => c.notNull())
    .addColumn('born_at', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('reference', 'text')
    .addColumn('authority', 'text')
    .addColumn('completed_at', 'text')
    .execute();
  await s
    .createIndex('birth_registrations_facility')
    .on('birth_registrations')
    .columns(['facility_id', 'status'])
    .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  for (const table of [
    'birth_registrations',
    'child_separation_approvals',
    'child_cases',
    'case_decisions',
    'case_entries',
    'case_members',
    'cases',
  ]) {
    await db.schema.dropTable(table).execute();
  }
  await db.schema.alterTable('protection_notes').dropColumn('child_case_id').execute();
}
