// Facilities: the list, and one facility with its sections and their occupancy, perimeter sectors,
// guard strength over time and alert posture, from GET /facilities/:id and its history.
import { useEffect, useState } from 'react';
import { Link, useParams } from 'wouter';
import { type ApiError, api, query } from '../api/client.ts';
import type { ExternalEvent, Facility, FacilityDetail, FacilityEvent, Page } from '../api/types.ts';
import { useResource } from '../api/use-resource.ts';
import { BarList, LineChart } from '../components/charts.tsx';
import { Loading } from '../components/form.tsx';
import { useI18n } from '../i18n/index.tsx';
import { readsCounts, readsPersons } from '../policy.ts';
import { useUser } from '../session.tsx';

export function Facilities() {
  const { t, count, facilityName } = useI18n();
  const { data, error } = useResource<Page<Facility>>('/facilities?limit=500');
  if (data === undefined) return <Loading error={error} />;
  return (
    <section>
      <header className="screen-head">
        <h1>{t('nav.facilities')}</h1>
      </header>
      <ul className="cards">
        {data.items.map((f) => (
          <li key={f.id}>
            <Link href={`/facilities/${f.id}`} className="card facility-card">
              <strong>
                {f.code} · {facilityName(f)}
              </strong>
              <span className="muted">
                {t(`kind.${f.kind}`)} · {t('facility.capacityOf', { n: count(f.capacity) })}
              </span>
              <span className={`posture posture-${f.alertPosture}`}>{t(`posture.${f.alertPosture}`)}</span>
            </Link>
          </li>
        ))}
      </ul>
    </section>
  );
}

/** Every event of a facility's history, following the cursor to the end. */
function useFacilityHistory(facilityId: string) {
  const [events, setEvents] = useState<FacilityEvent[] | undefined>();
  const [error, setError] = useState<ApiError | undefined>();
  useEffect(() => {
    let current = true;
    void (async () => {
      const all: FacilityEvent[] = [];
      let cursor: string | null = null;
      do {
        const page: Page<FacilityEvent> = await api.get(
          `/facilities/${facilityId}/history${query({ limit: 500, cursor })}`,
        );
        all.push(...page.items);
        cursor = page.nextCursor;
      } while (cursor !== null && current);
      if (current) setEvents(all);
    })().catch((e: ApiError) => current && setError(e));
    return () => {
      current = false;
    };
  }, [facilityId]);
  return { events, error };
}

/** Attacks and other events near the facility, with their great-circle distance, as the API computes it. */
function NearbyEvents({ facilityId }: { facilityId: string }) {
  const { t, dateTime, count } = useI18n();
  const { data } = useResource<Page<ExternalEvent>>(
    `/external-events${query({ facilityId, withinKm: 100, limit: 50 })}`,
  );
  return (
    <article className="panel">
      <h2>{t('facility.externalEvents')}</h2>
      {data !== undefined && data.items.length === 0 && (
        <p className="empty">{t('facility.noExternalEvents')}</p>
      )}
      <ol className="history">
        {(data?.items ?? []).map((e) => (
          <li key={e.id} data-external-event={e.id}>
            <time className="muted">{dateTime(e.occurredAt)}</time> ·{' '}
            {t(`answer.${e.kind}` as 'answer.shelling')} · <bdi>{e.place}</bdi> ·{' '}
            {t('facility.distance', { km: count(e.distanceKm ?? 0) })}
          </li>
        ))}
      </ol>
    </article>
  );
}

export function FacilityPage() {
  const { t, count, dateTime, language, facilityName } = useI18n();
  const user = useUser();
  const { facilityId } = useParams<{ facilityId: string }>();
  const { data: f, error } = useResource<FacilityDetail>(`/facilities/${facilityId}`);
  const history = useFacilityHistory(facilityId);
  if (f === undefined) return <Loading error={error} />;

  const guard = (history.events ?? []).filter((e) => e.type === 'guard-strength.reported');
  const postures = (history.events ?? []).filter((e) => e.type === 'alert-posture.changed').reverse();
  const sectorChanges = (history.events ?? [])
    .filter((e) => e.type === 'perimeter-sector.status-changed')
    .reverse();
  const sectorName = (id: unknown) => f.perimeterSectors.find((s) => s.id === id)?.name ?? '';
  return (
    <section className="facility">
      <header className="screen-head">
        <p className="regno">{f.code}</p>
        <h1>{facilityName(f)}</h1>
        <p className="muted">
          <bdi>{language === 'ar' ? f.nameEn : f.nameAr}</bdi>
        </p>
        <p className="muted">
          {t(`kind.${f.kind}`)} · {f.authority}
          {f.borderDistanceKm !== null && ` · ${t('facility.border', { n: f.borderDistanceKm })}`}
        </p>
        <span className={`posture posture-${f.alertPosture}`}>{t(`posture.${f.alertPosture}`)}</span>
        {readsCounts(user.role) && (
          <p className="head-links">
            <Link href={`/facilities/${f.id}/roll-board`}>{t('rollBoard.title')}</Link>
            <Link href={`/counts?${new URLSearchParams({ facility: f.id })}`}>{t('headcount.title')}</Link>
          </p>
        )}
      </header>
      <div className="figures">
        {(
          [
            ['population', f.population, 'dashboard.population'],
            ['capacity', f.capacity, 'facility.capacity'],
            ['atHospital', f.atHospital, 'facility.atHospital'],
            ['unassigned', f.unassigned, 'facility.unassigned'],
            ['expectedByTransfer', f.expectedByTransfer, 'facility.expected'],
          ] as const
        ).map(([name, value, label]) => (
          <div className="figure" key={name}>
            <span className="figure-value" data-figure={name} data-value={String(value)}>
              {count(value)}
            </span>
            <span className="figure-label">{t(label)}</span>
          </div>
        ))}
      </div>
      <div className="panels">
        <article className="panel wide">
          <h2>{t('facility.sections')}</h2>
          <BarList
            figure="sections"
            bars={f.sections.map((s) => ({
              key: s.code,
              label: `${s.code} · ${s.name}`,
              value: s.occupancy,
              of: s.capacity,
              // The people of a section, for the roles that see people.
              href: readsPersons(user.role)
                ? `/registry?${new URLSearchParams({ facilityId: f.id, sectionId: s.id })}`
                : undefined,
            }))}
          />
        </article>
        <NearbyEvents facilityId={f.id} />
        <article className="panel">
          <h2>{t('facility.perimeter')}</h2>
          <ul className="sectors">
            {f.perimeterSectors.map((s) => (
              <li key={s.id}>
                <span>
                  {s.code} · {s.name}
                </span>
                <span className={`sector sector-${s.status}`}>{t(`sector.${s.status}`)}</span>
              </li>
            ))}
          </ul>
          {sectorChanges.length > 0 && (
            <ol className="history">
              {sectorChanges.map((e) => (
                <li key={e.position}>
                  <time className="muted">{dateTime(e.occurredAt)}</time>{' '}
                  <bdi>{sectorName(e.payload?.sectorId)}</bdi>:{' '}
                  {t(`sector.${e.payload?.status as 'open' | 'closed' | 'breached'}`)} —{' '}
                  <bdi>{String(e.payload?.reason ?? '')}</bdi>
                </li>
              ))}
            </ol>
          )}
        </article>
        <article className="panel">
          <h2>{t('facility.posture')}</h2>
          <ol className="history">
            {postures.map((e) => (
              <li key={e.position}>
                <time className="muted">{dateTime(e.occurredAt)}</time>{' '}
                <span className={`posture posture-${String(e.payload?.posture)}`}>
                  {t(`posture.${e.payload?.posture as 'normal' | 'heightened' | 'critical'}`)}
                </span>{' '}
                <bdi>{String(e.payload?.reason ?? '')}</bdi>
              </li>
            ))}
          </ol>
        </article>
        <article className="panel wide">
          <h2>{t('facility.guardStrength')}</h2>
          {f.latestGuardStrength && (
            <p>
              {t('facility.latestGuards', {
                onDuty: f.latestGuardStrength.guardsOnDuty,
                required: f.latestGuardStrength.guardsRequired ?? '—',
                shift: t(`shift.${f.latestGuardStrength.shift as 'morning' | 'afternoon' | 'night'}`),
                at: dateTime(f.latestGuardStrength.reportedAt),
              })}
            </p>
          )}
          {history.events === undefined ? (
            <Loading error={history.error} />
          ) : (
            <LineChart
              title={t('facility.guardStrength')}
              labels={guard.map((e) => dateTime(e.occurredAt))}
              series={[
                {
                  key: 'onDuty',
                  label: t('facility.onDuty'),
                  values: guard.map((e) => Number(e.payload?.guardsOnDuty ?? 0)),
                },
                {
                  key: 'required',
                  label: t('facility.required'),
                  values: guard.map((e) => Number(e.payload?.guardsRequired ?? 0)),
                },
              ]}
            />
          )}
        </article>
      </div>
    </section>
  );
}
