// The ledger, the node's keys and checkpoints, idempotency keys and the registry's projections.
import type { Kysely } from 'kysely';

// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen in time and do not follow today's types
export async function up(db: Kysely<any>): Promise<void> {
  const s = db.schema;
  await s
    .createTable('events')
    .addColumn('position', 'integer', (c) => c.primaryKey())
    .addColumn('id', 'text', (c) => c.notNull().unique())
    .addColumn('origin', 'text', (c) => c.notNull())
    .addColumn('origin_seq', 'integer', (c) => c.notNull())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('payload', 'text', (c) => c.notNull())
    .addColumn('actor', 'text', (c) => c.notNull())
    .addColumn('occurred_at', 'text', (c) => c.notNull())
    .addColumn('recorded_at', 'text', (c) => c.notNull())
    .addColumn('prev_hash', 'text', (c) => c.notNull())
    .addColumn('hash', 'text', (c) => c.notNull())
    .addUniqueConstraint('events_origin_seq', ['origin', 'origin_seq'])
    .execute();
  await s.createIndex('events_subject').on('events').columns(['subject', 'position']).execute();

  await s
    .createTable('nodes')
    .addColumn('origin', 'text', (c) => c.primaryKey())
    .addColumn('public_key', 'text', (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await s
    .createTable('chain_heads')
    .addColumn('origin', 'text', (c) => c.primaryKey())
    .addColumn('origin_seq', 'integer', (c) => c.notNull())
    .addColumn('hash', 'text', (c) => c.notNull())
    .execute();
  await s
    .createTable('checkpoints')
    .addColumn('origin', 'text', (c) => c.notNull())
    .addColumn('origin_seq', 'integer', (c) => c.notNull())
    .addColumn('head_hash', 'text', (c) => c.notNull())
    .addColumn('signed_at', 'text', (c) => c.notNull())
    .addColumn('signature', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('checkpoints_pk', ['origin', 'origin_seq'])
    .execute();
  await s
    .createTable('idempotency_keys')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('request_hash', 'text', (c) => c.notNull())
    .addColumn('response', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  await s
    .createTable('facilities')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('code', 'text', (c) => c.notNull().unique())
    .addColumn('name_en', 'text', (c) => c.notNull())
    .addColumn('name_ar', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('lat', 'double precision', (c) => c.notNull())
    .addColumn('lon', 'double precision', (c) => c.notNull())
    .addColumn('border_distance_km', 'double precision')
    .addColumn('capacity', 'integer', (c) => c.notNull())
    .addColumn('authority', 'text', (c) => c.notNull())
    .addColumn('alert_posture', 'text', (c) => c.notNull())
    .addColumn('alert_posture_since', 'text', (c) => c.notNull())
    .addColumn('last_registration_seq', 'integer', (c) => c.notNull())
    .addColumn('registered_at', 'text', (c) => c.notNull())
    .execute();
  await s
    .createTable('sections')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('facility_id', 'text', (c) => c.notNull())
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('capacity', 'integer', (c) => c.notNull())
    .addColumn('categories', 'text', (c) => c.notNull())
    .addUniqueConstraint('sections_facility_code', ['facility_id', 'code'])
    .execute();
  await s
    .createTable('perimeter_sectors')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('facility_id', 'text', (c) => c.notNull())
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('status_since', 'text', (c) => c.notNull())
    .addUniqueConstraint('perimeter_sectors_facility_code', ['facility_id', 'code'])
    .execute();
  await s
    .createTable('guard_strength_reports')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('facility_id', 'text', (c) => c.notNull())
    .addColumn('shift', 'text', (c) => c.notNull())
    .addColumn('guards_on_duty', 'integer', (c) => c.notNull())
    .addColumn('guards_required', 'integer')
    .addColumn('reported_at', 'text', (c) => c.notNull())
    .execute();
  await s
    .createIndex('guard_strength_reports_facility')
    .on('guard_strength_reports')
    .columns(['facility_id', 'reported_at'])
    .execute();
  await s
    .createTable('persons')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('registration_number', 'text', (c) => c.notNull().unique())
    .addColumn('registered_at_facility_id', 'text', (c) => c.notNull())
    .addColumn('display_name', 'text', (c) => c.notNull())
    .addColumn('sex', 'text', (c) => c.notNull())
    .addColumn('birth_date', 'text', (c) => c.notNull())
    .addColumn('identity', 'text', (c) => c.notNull())
    .addColumn('household_id', 'text')
    .addColumn('classification', 'text')
    .addColumn('classification_reason', 'text')
    .addColumn('registered_at', 'text', (c) => c.notNull())
    .execute();
  await s.createIndex('persons_household').on('persons').column('household_id').execute();
  await s
    .createTable('custody')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('facility_id', 'text')
    .addColumn('section_id', 'text')
    .addColumn('presence', 'text')
    .addColumn('hospital', 'text')
    .addColumn('transfer_from_facility_id', 'text')
    .addColumn('transfer_to_facility_id', 'text')
    .addColumn('transfer_due_at', 'text')
    .addColumn('handed_over_to', 'text')
    .addColumn('since', 'text')
    .addColumn('last_event_id', 'text')
    .execute();
  await s
    .createIndex('custody_place')
    .on('custody')
    .columns(['facility_id', 'section_id', 'status'])
    .execute();
  await s.createIndex('custody_transit').on('custody').columns(['status', 'transfer_due_at']).execute();
  await s
    .createTable('custody_history')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('person_id', 'text', (c) => c.notNull())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('occurred_at', 'text', (c) => c.notNull())
    .addColumn('details', 'text', (c) => c.notNull())
    .addColumn('voided_by', 'text')
    .execute();
  await s
    .createIndex('custody_history_person')
    .on('custody_history')
    .columns(['person_id', 'occurred_at'])
    .execute();
  await s
    .createTable('family_links')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('person_id', 'text', (c) => c.notNull())
    .addColumn('related_person_id', 'text', (c) => c.notNull())
    .addColumn('relation', 'text', (c) => c.notNull())
    .execute();
  await s.createIndex('family_links_person').on('family_links').column('person_id').execute();
  await s.createIndex('family_links_related').on('family_links').column('related_person_id').execute();
  await s
    .createTable('households')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('facility_id', 'text', (c) => c.notNull())
    .addColumn('name', 'text')
    .execute();
  await s
    .createTable('separations')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('lifted_reason', 'text')
    .execute();
  await s
    .createTable('separation_members')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('separation_id', 'text', (c) => c.notNull())
    .addColumn('person_id', 'text', (c) => c.notNull())
    .execute();
  await s.createIndex('separation_members_person').on('separation_members').column('person_id').execute();
  await s
    .createIndex('separation_members_separation')
    .on('separation_members')
    .column('separation_id')
    .execute();
  await s
    .createTable('register_entries')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('person_id', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('occurred_at', 'text', (c) => c.notNull())
    .execute();
  await s.createIndex('register_entries_person').on('register_entries').column('person_id').execute();
  await s
    .createTable('notifications')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('person_id', 'text', (c) => c.notNull())
    .addColumn('event_id', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('occurred_at', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('dispatched_at', 'text')
    .addColumn('channel', 'text')
    .addColumn('reference', 'text')
    .execute();
  await s.createIndex('notifications_status').on('notifications').columns(['status', 'id']).execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  for (const table of [
    'notifications',
    'register_entries',
    'separation_members',
    'separations',
    'households',
    'family_links',
    'custody_history',
    'custody',
    'persons',
    'guard_strength_reports',
    'perimeter_sectors',
    'sections',
    'facilities',
    'idempotency_keys',
    'checkpoints',
    'chain_heads',
    'nodes',
    'events',
  ]) {
    await db.schema.dropTable(table).execute();
  }
}
