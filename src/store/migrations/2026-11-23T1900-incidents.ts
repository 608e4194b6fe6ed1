// Incidents of every type (SPEC 5): where and how precisely, the answers of each type, links between
// incidents; claims from graded sources, external events, whereabouts of people at large, handover requests.
import { type Kysely, sql } from 'kysely';

// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen in time and do not follow today's types
export async function up(db: Kysely<any>): Promise<void> {
  const s = db.schema;
  const incidentColumns: [string, 'text' | 'double precision', string | null][] = [
    ['precision', 'text', 'minute'],
    ['section_id', 'text', null],
    ['sector_id', 'text', null],
    ['lat', 'double precision', null],
    ['lon', 'double precision', null],
    ['place', 'text', null],
    ['details', 'text', '{}'],
    ['scale', 'text', null],
    ['outcome', 'text', null],
  ];
  for (const [name, type, fallback] of incidentColumns) {
    await s
      .alterTable('incidents')
      .addColumn(name, type, (c) => (fallback === null ? c : c.notNull().defaultTo(fallback)))
      .execute();
  }
  await s
    .alterTable('incident_persons')
    .addColumn('identified_at', 'text', (c) => c.notNull().defaultTo(''))
    .execute();
  await db
    .updateTable('incident_persons')
    .set({
      identified_at: sql`(select occurred_at from incidents where incidents.id = incident_persons.incident_id)`,
    })
    .execute();
  await s.createIndex('incidents_type').on('incidents').columns(['type', 'occurred_at']).execute();
  await s
    .createTable('incident_links')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('incident_id', 'text', (c) => c.notNull())
    .addColumn('linked_incident_id', 'text', (c) => c.notNull())
    .addColumn('relation', 'text', (c) => c.notNull())
    .addColumn('linked_at', 'text', (c) => c.notNull())
    .execute();
  await s.createIndex('incident_links_incident').on('incident_links').column('incident_id').execute();
  await s.createIndex('incident_links_linked').on('incident_links').column('linked_incident_id').execute();
  const source = (t: ReturnType<typeof s.createTable>, required: boolean) =>
    t
      .addColumn('source_kind', 'text', (c) => (required ? c.notNull() : c))
      .addColumn('source_name', 'text', (c) => (required ? c.notNull() : c))
      .addColumn('source_reference', 'text')
      .addColumn('reliability', 'text', (c) => (required ? c.notNull() : c))
      .addColumn('credibility', 'integer', (c) => (required ? c.notNull() : c));
  await source(
    s
      .createTable('claims')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('incident_id', 'text', (c) => c.notNull())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('topic', 'text', (c) => c.notNull())
      .addColumn('measure', 'text')
      .addColumn('question', 'text')
      .addColumn('count_min', 'integer')
      .addColumn('count_max', 'integer')
      .addColumn('statement', 'text'),
    true,
  )
    .addColumn('reported_at', 'text', (c) => c.notNull())
    .addColumn('recorded_by', 'text', (c) => c.notNull())
    .addColumn('assessment', 'text')
    .addColumn('assessment_reason', 'text')
    .addColumn('assessed_by', 'text')
    .addColumn('assessed_at', 'text')
    .execute();
  await s.createIndex('claims_incident').on('claims').columns(['incident_id', 'topic']).execute();
  await source(
    s
      .createTable('external_events')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('occurred_at', 'text', (c) => c.notNull())
      .addColumn('precision', 'text', (c) => c.notNull())
      .addColumn('lat', 'double precision', (c) => c.notNull())
      .addColumn('lon', 'double precision', (c) => c.notNull())
      .addColumn('place', 'text', (c) => c.notNull())
      .addColumn('summary', 'text', (c) => c.notNull())
      .addColumn('killed', 'integer', (c) => c.notNull())
      .addColumn('injured', 'integer', (c) => c.notNull()),
    false,
  )
    .addColumn('recorded_by', 'text', (c) => c.notNull())
    .execute();
  await s.createIndex('external_events_occurred').on('external_events').column('occurred_at').execute();
  await source(
    s
      .createTable('whereabouts_reports')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('person_id', 'text', (c) => c.notNull())
      .addColumn('seen_at', 'text', (c) => c.notNull())
      .addColumn('precision', 'text', (c) => c.notNull())
      .addColumn('place', 'text', (c) => c.notNull())
      .addColumn('lat', 'double precision')
      .addColumn('lon', 'double precision')
      .addColumn('claim', 'text', (c) => c.notNull()),
    true,
  )
    .addColumn('recorded_by', 'text', (c) => c.notNull())
    .addColumn('recorded_at', 'text', (c) => c.notNull())
    .execute();
  await s.createIndex('whereabouts_person').on('whereabouts_reports').column('person_id').execute();
  await s
    .createTable('handover_requests')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('person_id', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('authority', 'text', (c) => c.notNull())
    .addColumn('country', 'text')
    .addColumn('reference', 'text')
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('requested_at', 'text', (c) => c.notNull())
    .addColumn('decided_at', 'text')
    .addColumn('decision_reason', 'text')
    .execute();
  await s.createIndex('handover_requests_person').on('handover_requests').column('person_id').execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  for (const table of [
    'handover_requests',
    'whereabouts_reports',
    'external_events',
    'claims',
    'incident_links',
  ]) {
    await db.schema.dropTable(table).execute();
  }
  await db.schema.dropIndex('incidents_type').execute();
  await db.schema.alterTable('incident_persons').dropColumn('identified_at').execute();
  for (const column of [
    'outcome',
    'scale',
    'details',
    'place',
    'lon',
    'lat',
    'sector_id',
    'section_id',
    'precision',
  ]) {
    await db.schema.alterTable('incidents').dropColumn(column).execute();
  }
}
