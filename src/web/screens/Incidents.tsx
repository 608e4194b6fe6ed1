// Incidents: the log with its filters, the form of each type (phone-first, for guards on their rounds),
// one incident with its people, claims and figures, and the people at large.
import { useState } from 'react';
import { Link, useLocation, useParams, useSearchParams } from 'wouter';
import { api, query } from '../api/client.ts';
import {
  type AtLargePerson,
  attackWeapons,
  attemptOutcomes,
  attemptScales,
  breachMeans,
  escapeScales,
  type FacilityDetail,
  fireCauses,
  forceLevels,
  type IncidentDetail,
  type IncidentSummary,
  type IncidentType,
  incidentStatuses,
  incidentTypes,
  injurySeverities,
  type Page,
  type Range,
  violenceKinds,
} from '../api/types.ts';
import { useResource } from '../api/use-resource.ts';
import { FacilityFilter } from '../components/FacilityFilter.tsx';
import { Field, FormError, Loading, useSubmit } from '../components/form.tsx';
import { useDirectory } from '../directory.tsx';
import { en as enKeys, type MessageKey } from '../i18n/en.ts';
import { useI18n } from '../i18n/index.tsx';
import { mayRecordIncident } from '../policy.ts';
import { useUser } from '../session.tsx';
import { AssessClaim, AtLargeActions, DecideRequest, IncidentActions } from './IncidentActions.tsx';

/** One question of an incident type: a choice among the answers the server accepts, a number, or text. */
type Question =
  | { name: string; options: readonly string[] }
  | { name: string; number: true; optional?: boolean }
  | { name: string; text: true; optional?: boolean };

/** The questions of each type, as the server's schemas ask them (domain/incident.ts). */
const questions: Record<IncidentType, Question[]> = {
  'escape-attempt': [
    { name: 'scale', options: attemptScales },
    { name: 'outcome', options: attemptOutcomes },
    { name: 'forceUsed', options: forceLevels },
    { name: 'method', text: true, optional: true },
  ],
  escape: [
    { name: 'scale', options: escapeScales },
    { name: 'means', text: true, optional: true },
    { name: 'authority', text: true },
  ],
  riot: [
    { name: 'forceUsed', options: forceLevels },
    { name: 'participantsEstimate', number: true, optional: true },
    { name: 'injured', number: true, optional: true },
  ],
  violence: [
    { name: 'kind', options: violenceKinds },
    { name: 'injuries', options: injurySeverities },
    { name: 'weapon', text: true, optional: true },
  ],
  attack: [
    { name: 'weapon', options: attackWeapons },
    { name: 'damage', text: true },
    { name: 'killed', number: true, optional: true },
    { name: 'injured', number: true, optional: true },
  ],
  fire: [
    { name: 'cause', options: fireCauses },
    { name: 'damage', text: true },
  ],
  'death-in-custody': [
    { name: 'cause', text: true },
    { name: 'medicalCertification', text: true, optional: true },
  ],
  'guard-shortage': [
    { name: 'guardsOnDuty', number: true },
    { name: 'guardsRequired', number: true },
  ],
  'perimeter-breach': [{ name: 'means', options: breachMeans }],
  contraband: [
    { name: 'items', text: true },
    { name: 'foundWhere', text: true, optional: true },
  ],
  other: [],
};

const needsSector: readonly IncidentType[] = ['escape-attempt', 'perimeter-breach'];

export function range(r: Range | null | undefined, count: (n: number) => string): string {
  if (r == null) return '–';
  return r.min === r.max ? count(r.min) : `${count(r.min)}–${count(r.max)}`;
}

export function IncidentLog() {
  const { t, dateTime } = useI18n();
  const user = useUser();
  const _directory = useDirectory();
  const [params, setParams] = useSearchParams();
  const filters = {
    type: params.get('type') ?? undefined,
    status: params.get('status') ?? undefined,
    facilityId: params.get('facility') ?? undefined,
    from: params.get('from') ?? undefined,
    to: params.get('to') ?? undefined,
  };
  const { data, error } = useResource<Page<IncidentSummary>>(
    `/incidents${query({ ...filters, limit: 200 })}`,
  );
  const set = (key: string, value: string) =>
    setParams((current) => {
      const next = new URLSearchParams(current);
      if (value) next.set(key, value);
      else next.delete(key);
      return next;
    });
  return (
    <section>
      <header className="screen-head">
        <h1>{t('incidents.title')}</h1>
        <nav className="actions">
          {mayRecordIncident(user.role) && (
            <Link href="/incidents/new" className="button primary">
              {t('incidents.record')}
            </Link>
          )}
          <Link href="/at-large" className="button">
            {t('atLarge.title')}
          </Link>
          <Link href="/map" className="button">
            {t('map.title')}
          </Link>
        </nav>
      </header>
      <form className="filters" onSubmit={(e) => e.preventDefault()}>
        <label>
          <span className="field-label">{t('incident.type')}</span>
          <select name="type" value={filters.type ?? ''} onChange={(e) => set('type', e.target.value)}>
            <option value="">{t('common.any')}</option>
            {incidentTypes.map((type) => (
              <option key={type} value={type}>
                {t(`incidentType.${type}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          <span className="field-label">{t('common.status')}</span>
          <select name="status" value={filters.status ?? ''} onChange={(e) => set('status', e.target.value)}>
            <option value="">{t('common.any')}</option>
            {incidentStatuses.map((s) => (
              <option key={s} value={s}>
                {t(`incidentStatus.${s}`)}
              </option>
            ))}
          </select>
        </label>
        <FacilityFilter name="facility" value={filters.facilityId} onChange={(id) => set('facility', id)} />
        <label>
          <span className="field-label">{t('dashboard.from')}</span>
          <input
            type="date"
            name="from"
            value={filters.from ?? ''}
            onChange={(e) => set('from', e.target.value)}
          />
        </label>
        <label>
          <span className="field-label">{t('dashboard.to')}</span>
          <input type="date" name="to" value={filters.to ?? ''} onChange={(e) => set('to', e.target.value)} />
        </label>
      </form>
      {data === undefined ? (
        <Loading error={error} />
      ) : data.items.length === 0 ? (
        <p className="empty">{t('incidents.none')}</p>
      ) : (
        <ul className="incident-list">
          {data.items.map((i) => (
            <li key={i.id}>
              <Link href={`/incidents/${i.id}`} className="card" data-incident={i.id}>
                <strong>
                  {t(`incidentType.${i.type}`)} · {i.facilityCode}
                  {i.sectorCode ? ` · ${i.sectorCode}` : ''}
                </strong>
                <span className="muted">
                  {dateTime(i.occurredAt)} · {t(`incidentStatus.${i.status}`)}
                  {typeof i.details.outcome === 'string'
                    ? ` · ${t(`answer.${i.details.outcome}` as MessageKey)}`
                    : ''}
                </span>
                <span>{i.summary}</span>
              </Link>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

export function IncidentForm() {
  const { t } = useI18n();
  const directory = useDirectory();
  const [, navigate] = useLocation();
  const [type, setType] = useState<IncidentType>('escape-attempt');
  const [facilityId, setFacilityId] = useState('');
  const [sectorId, setSectorId] = useState('');
  const [occurredAt, setOccurredAt] = useState('');
  const [summary, setSummary] = useState('');
  const [answers, setAnswers] = useState<Record<string, string>>({});
  const facility = directory.facility(facilityId || directory.facilities[0]?.id);
  const { data: detail } = useResource<FacilityDetail>(facility ? `/facilities/${facility.id}` : null);
  const { error, busy, submit } = useSubmit(async () => {
    const details: Record<string, unknown> = {};
    for (const q of questions[type]) {
      const value = answers[q.name] ?? ('options' in q ? q.options[0] : '');
      if (value === '' || value === undefined) continue;
      details[q.name] = 'number' in q ? Number(value) : value;
    }
    const { incidentId } = await api.post<{ incidentId: string }>('/incidents', {
      type,
      facilityId: facility?.id,
      ...(occurredAt ? { occurredAt: new Date(`${occurredAt}Z`).toISOString() } : {}),
      location: sectorId ? { sectorId } : {},
      summary,
      details,
    });
    navigate(`/incidents/${incidentId}`);
  });
  return (
    <section className="incident-form">
      <header className="screen-head">
        <h1>{t('incidents.record')}</h1>
      </header>
      <form onSubmit={submit} className="form">
        <Field label={t('incident.type')} name="type" error={error}>
          <select
            name="type"
            value={type}
            onChange={(e) => {
              setType(e.target.value as IncidentType);
              setAnswers({});
            }}
          >
            {incidentTypes.map((it) => (
              <option key={it} value={it}>
                {t(`incidentType.${it}`)}
              </option>
            ))}
          </select>
        </Field>
        <Field label={t('common.facility')} name="facilityId" error={error}>
          <select
            name="facilityId"
            value={facility?.id ?? ''}
            onChange={(e) => {
              setFacilityId(e.target.value);
              setSectorId('');
            }}
          >
            {directory.facilities.map((f) => (
              <option key={f.id} value={f.id}>
                {f.code}
              </option>
            ))}
          </select>
        </Field>
        <Field
          label={
            needsSector.includes(type)
              ? t('incident.sector')
              : `${t('incident.sector')} ${t('form.optional')}`
          }
          name="location"
          error={error}
        >
          <select name="sectorId" value={sectorId} onChange={(e) => setSectorId(e.target.value)}>
            <option value="">–</option>
            {(detail?.perimeterSectors ?? []).map((s) => (
              <option key={s.id} value={s.id}>
                {s.code} · {s.name}
              </option>
            ))}
          </select>
        </Field>
        <Field
          label={t('incident.occurredAt')}
          name="occurredAt"
          error={error}
          hint={t('incident.occurredAtHint')}
        >
          <input
            type="datetime-local"
            name="occurredAt"
            value={occurredAt}
            onChange={(e) => setOccurredAt(e.target.value)}
          />
        </Field>
        {questions[type].map((q) => (
          <Field
            key={q.name}
            label={`${t(`question.${q.name}` as MessageKey)}${'optional' in q && q.optional ? ` ${t('form.optional')}` : ''}`}
            name={`details.${q.name}`}
            error={error}
          >
            {'options' in q ? (
              <select
                name={q.name}
                value={answers[q.name] ?? q.options[0]}
                onChange={(e) => setAnswers({ ...answers, [q.name]: e.target.value })}
              >
                {q.options.map((o) => (
                  <option key={o} value={o}>
                    {t(`answer.${o}` as MessageKey)}
                  </option>
                ))}
              </select>
            ) : (
              <input
                name={q.name}
                type={'number' in q ? 'number' : 'text'}
                inputMode={'number' in q ? 'numeric' : undefined}
                min={'number' in q ? 0 : undefined}
                value={answers[q.name] ?? ''}
                onChange={(e) => setAnswers({ ...answers, [q.name]: e.target.value })}
              />
            )}
          </Field>
        ))}
        <Field label={t('incident.summary')} name="summary" error={error}>
          <textarea name="summary" rows={3} value={summary} onChange={(e) => setSummary(e.target.value)} />
        </Field>
        <FormError
          error={error}
          fields={['type', 'facilityId', 'location', 'occurredAt', 'details', 'summary']}
        />
        <div className="buttons">
          <button type="submit" className="primary" disabled={busy}>
            {t('incidents.save')}
          </button>
        </div>
      </form>
    </section>
  );
}

export function IncidentPage() {
  const { t, dateTime, count, facilityName } = useI18n();
  const { incidentId } = useParams<{ incidentId: string }>();
  const { data: i, error, reload } = useResource<IncidentDetail>(`/incidents/${incidentId}`);
  if (i === undefined) return <Loading error={error} />;
  const n = (v: number) => count(v);
  const where = i.sector
    ? `${t('incident.sector')} ${i.sector.code} · ${i.sector.name}`
    : i.section
      ? `${t('common.section')} ${i.section.code} · ${i.section.name}`
      : i.lat !== null
        ? `${i.place ?? ''} (${i.lat.toFixed(3)}, ${i.lon?.toFixed(3)})`
        : facilityName(i.facility);
  const topics = [
    ...new Set(i.claims.map((c) => (c.kind === 'count' ? `count:${c.measure}` : `statement:${c.question}`))),
  ];
  return (
    <section className="incident-page" data-incident={i.id}>
      <header className="screen-head">
        <h1>
          {t(`incidentType.${i.type}`)} · {i.facility.code}
        </h1>
        <span className={`status status-${i.status}`} data-status={i.status}>
          {t(`incidentStatus.${i.status}`)}
        </span>
      </header>
      <IncidentActions incident={i} reload={reload} />
      <div className="panels">
        <article className="panel">
          <h2>{t('incident.what')}</h2>
          <dl className="facts">
            <dt>{t('incident.occurredAt')}</dt>
            <dd>
              {dateTime(i.occurredAt)} ({t(`precision.${i.precision}` as MessageKey)})
            </dd>
            <dt>{t('incident.where')}</dt>
            <dd>{where}</dd>
            {Object.entries(i.details)
              .filter(([key]) => key !== 'authority' || i.type === 'escape')
              .map(([key, value]) => (
                <div key={key} className="fact">
                  <dt>{t(`question.${key}` as MessageKey)}</dt>
                  <dd>
                    {typeof value === 'string' && (`answer.${value}` as MessageKey) in enKeys
                      ? t(`answer.${value}` as MessageKey)
                      : String(value)}
                  </dd>
                </div>
              ))}
            <dt>{t('incident.recordedBy')}</dt>
            <dd>{i.recordedBy}</dd>
          </dl>
          <p>{i.summary}</p>
        </article>
        {(i.type === 'escape' || i.claims.some((c) => c.kind === 'count')) && (
          <article className="panel">
            <h2>{t('incident.figures')}</h2>
            <dl className="facts">
              <dt>{t('incident.reportedEscaped')}</dt>
              <dd data-figure="reported.escaped">{range(i.figures.reported.escaped, n)}</dd>
              <dt>{t('incident.identified')}</dt>
              <dd data-figure="identified">{count(i.figures.identified)}</dd>
              <dt>{t('incident.gap')}</dt>
              <dd data-figure="gap">{range(i.figures.gap, n)}</dd>
              <dt>{t('incident.reportedRecaptured')}</dt>
              <dd data-figure="reported.recaptured">{range(i.figures.reported.recaptured, n)}</dd>
              <dt>{t('incident.recaptured')}</dt>
              <dd>{count(i.figures.recaptured)}</dd>
              <dt>{t('dashboard.atLarge')}</dt>
              <dd>{count(i.figures.stillAtLarge)}</dd>
            </dl>
          </article>
        )}
        <article className="panel wide">
          <h2>{t('incident.claims')}</h2>
          {topics.length === 0 && <p className="empty">{t('incident.noClaims')}</p>}
          {topics.map((topic) => (
            <div key={topic} className="claims">
              <h3>
                {topic.startsWith('count:')
                  ? t(`measure.${topic.slice(6)}` as MessageKey)
                  : topic.slice('statement:'.length)}
              </h3>
              <ul>
                {i.claims
                  .filter(
                    (c) => (c.kind === 'count' ? `count:${c.measure}` : `statement:${c.question}`) === topic,
                  )
                  .map((c) => (
                    <li
                      key={c.id}
                      className={c.assessment ? `claim ${c.assessment}` : 'claim'}
                      data-claim={c.id}
                      data-assessment={c.assessment ?? 'none'}
                    >
                      <strong>
                        {c.kind === 'count' ? range({ min: c.countMin!, max: c.countMax! }, n) : c.statement}
                      </strong>
                      <span className="muted">
                        {' '}
                        {t(`sourceKind.${c.sourceKind}` as MessageKey)}
                        {c.sourceName ? ` · ${c.sourceName}` : ''} · {c.reliability}
                        {c.credibility} · {dateTime(c.reportedAt)}
                      </span>
                      {c.assessment === 'most-likely' && (
                        <span className="badge">
                          {t('incident.mostLikely')}: {c.assessmentReason}
                        </span>
                      )}
                      {c.assessment === 'superseded' && (
                        <span className="badge superseded">{t('incident.superseded')}</span>
                      )}
                      <AssessClaim claim={c} reload={reload} />
                    </li>
                  ))}
              </ul>
            </div>
          ))}
        </article>
        <article className="panel wide">
          <h2>{t('incident.people')}</h2>
          {i.people.length === 0 ? (
            <p className="empty">{t('incident.noPeople')}</p>
          ) : (
            <ul className="people">
              {i.people.map((p) => (
                <li key={`${p.personId}:${p.role}`}>
                  <Link href={`/persons/${p.personId}`}>{p.displayName}</Link> · {p.registrationNumber} ·{' '}
                  {t(`incidentRole.${p.role}` as MessageKey)} · {t(`status.${p.status}`)}
                </li>
              ))}
            </ul>
          )}
        </article>
        {i.links.length > 0 && (
          <article className="panel wide">
            <h2>{t('incident.links')}</h2>
            <ul>
              {i.links.map((l) => (
                <li key={l.id}>
                  <Link href={`/incidents/${l.id}`}>
                    {t(`incidentType.${l.type}`)} · {dateTime(l.occurredAt)}
                  </Link>{' '}
                  · {t(`relation.${l.relation}` as MessageKey)} · {l.summary}
                </li>
              ))}
            </ul>
          </article>
        )}
      </div>
    </section>
  );
}

export function AtLarge() {
  const { t, date, dateTime } = useI18n();
  const directory = useDirectory();
  const { data, error, reload } = useResource<Page<AtLargePerson>>('/at-large?limit=500');
  return (
    <section>
      <header className="screen-head">
        <h1>{t('atLarge.title')}</h1>
      </header>
      {data === undefined ? (
        <Loading error={error} />
      ) : data.items.length === 0 ? (
        <p className="empty">{t('atLarge.none')}</p>
      ) : (
        <ul className="cards at-large">
          {data.items.map((p) => (
            <li key={p.personId} className="card" data-person={p.personId}>
              <strong>
                <Link href={`/persons/${p.personId}`}>{p.displayName}</Link> · {p.registrationNumber}
              </strong>
              <span className="muted">
                {t('atLarge.since', {
                  date: p.escapedAt ? date(p.escapedAt) : '–',
                  facility: directory.facility(p.fromFacilityId)?.code ?? '–',
                })}
                {p.incidentId && (
                  <>
                    {' · '}
                    <Link href={`/incidents/${p.incidentId}`}>{t('atLarge.incident')}</Link>
                  </>
                )}
              </span>
              {p.whereabouts.map((w) => (
                <span key={w.id} className="whereabouts">
                  {dateTime(w.seenAt)} · {w.place}: {w.claim} ({t(`sourceKind.${w.sourceKind}` as MessageKey)}
                  {w.sourceName ? ` · ${w.sourceName}` : ''} · {w.reliability}
                  {w.credibility})
                </span>
              ))}
              {p.handoverRequests.map((h) => (
                <div key={h.id} className="request" data-request={h.id} data-status={h.status}>
                  {t(`requestKind.${h.kind}` as MessageKey)} · {h.authority} ·{' '}
                  {t(`requestStatus.${h.status}` as MessageKey)}
                  <DecideRequest request={h} reload={reload} />
                </div>
              ))}
              <AtLargeActions person={p} reload={reload} />
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
