// The situation for a period, as GET /reports/situation gives it: the numbers on this screen are the
// API's numbers, never recomputed here. The period and facility live in the address, to be shared.
import { Link, useSearchParams } from 'wouter';
import { query } from '../api/client.ts';
import {
  type Count,
  type CountryFigures,
  categories,
  type Movement,
  nationalityGroups,
  type Range,
  type Situation,
} from '../api/types.ts';
import { useResource } from '../api/use-resource.ts';
import { BarList, LineChart, type Series } from '../components/charts.tsx';
import { FacilityFilter } from '../components/FacilityFilter.tsx';
import { Loading } from '../components/form.tsx';
import { useDirectory } from '../directory.tsx';
import { useI18n } from '../i18n/index.tsx';
import { readsCounts } from '../policy.ts';
import { useUser } from '../session.tsx';
import { range } from './Incidents.tsx';

const DAY_MS = 86_400_000;
const movementSeries: Movement[] = ['admitted', 'released', 'transferred', 'handedOver', 'repatriated'];
const escapeSeries: Movement[] = ['escaped', 'recaptured', 'died'];

const dayBefore = (day: string, days: number) =>
  new Date(Date.parse(day) - days * DAY_MS).toISOString().slice(0, 10);

/** The sum of a series, or null when suppression hides part of it. */
function total(values: Count[]): number | null {
  return values.every((v) => typeof v === 'number') ? values.reduce((a, b) => a + b, 0) : null;
}

function Figure({ name, value, label }: { name: string; value: Count; label: string }) {
  const { count } = useI18n();
  return (
    <div className="figure">
      <span className="figure-value" data-figure={name} data-value={String(value)}>
        {count(value)}
      </span>
      <span className="figure-label">{label}</span>
    </div>
  );
}

/** A reported count: one number, or a range as the sources gave it. */
/** A range as the page marks it for tests: `min-max`, or empty when nothing was reported. */
const rangeValue = (value: Range | null) => (value ? `${value.min}-${value.max}` : '');

function RangeFigure({ name, value, label }: { name: string; value: Range | null; label: string }) {
  const { count } = useI18n();
  return (
    <div className="figure">
      <span className="figure-value" data-figure={name} data-value={rangeValue(value)}>
        {range(value, count)}
      </span>
      <span className="figure-label">{label}</span>
    </div>
  );
}

export function Dashboard() {
  const { t, count, date, facilityName } = useI18n();
  const directory = useDirectory();
  const user = useUser();
  const [params, setParams] = useSearchParams();
  const from = params.get('from') ?? undefined;
  const to = params.get('to') ?? undefined;
  const facilityId = params.get('facility') ?? undefined;
  const { data: report, error } = useResource<Situation>(
    `/reports/situation${query({ from, to, facilityId })}`,
  );

  const setPeriod = (changes: Record<string, string | undefined>) =>
    setParams((current) => {
      const next = new URLSearchParams(current);
      for (const [key, value] of Object.entries(changes)) {
        if (value) next.set(key, value);
        else next.delete(key);
      }
      return next;
    });

  const series = (keys: Movement[]): Series[] =>
    keys.map((key) => {
      const values = report?.movements.map((m) => m[key]) ?? [];
      const sum = total(values);
      return {
        key,
        label: sum === null ? t(`movement.${key}`) : `${t(`movement.${key}`)} ${count(sum)}`,
        values,
      };
    });

  return (
    <section className="dashboard">
      <header className="screen-head">
        <h1>{t('dashboard.title')}</h1>
        <form className="period" onSubmit={(e) => e.preventDefault()}>
          <label>
            <span className="field-label">{t('dashboard.from')}</span>
            <input
              type="date"
              name="from"
              value={report?.from ?? from ?? ''}
              max={report?.to}
              onChange={(e) => setPeriod({ from: e.target.value })}
            />
          </label>
          <label>
            <span className="field-label">{t('dashboard.to')}</span>
            <input
              type="date"
              name="to"
              value={report?.to ?? to ?? ''}
              onChange={(e) => setPeriod({ to: e.target.value })}
            />
          </label>
          <FacilityFilter
            name="facility"
            value={facilityId}
            onChange={(facility) => setPeriod({ facility })}
          />
          {report && (
            <div className="presets">
              {[30, 90, 365].map((days) => (
                <button
                  key={days}
                  type="button"
                  onClick={() => setPeriod({ from: dayBefore(report.to, days - 1), to: report.to })}
                >
                  {t('dashboard.lastDays', { n: days })}
                </button>
              ))}
            </div>
          )}
        </form>
      </header>
      {report === undefined ? (
        <Loading error={error} />
      ) : (
        <>
          <p className="muted as-of">
            {t('dashboard.asOf', { from: date(report.from), to: date(report.to), asOf: date(report.asOf) })}
          </p>
          <div className="figures">
            <Figure
              name="totals.population"
              value={report.totals.population}
              label={t('dashboard.population')}
            />
            <Figure name="atLarge" value={report.atLarge} label={t('dashboard.atLarge')} />
            <Figure
              name="overdueTransfers"
              value={report.overdueTransfers}
              label={t('dashboard.overdueTransfers')}
            />
            <Figure
              name="pendingNotifications"
              value={report.pendingNotifications}
              label={t('dashboard.pendingNotifications')}
            />
          </div>
          <h2>{t('dashboard.incidents')}</h2>
          <div className="figures incident-figures">
            <Figure
              name="incidents.escapeAttempts.thwarted"
              value={report.incidents.escapeAttempts.thwarted}
              label={t('dashboard.attemptsThwarted')}
            />
            <Figure
              name="incidents.escapeAttempts.successful"
              value={report.incidents.escapeAttempts.successful}
              label={t('dashboard.attemptsSuccessful')}
            />
            <Figure
              name="incidents.escapeAttempts.organised"
              value={report.incidents.escapeAttempts.organised}
              label={t('dashboard.attemptsOrganised')}
            />
            <Figure
              name="incidents.escapeAttempts.individual"
              value={report.incidents.escapeAttempts.individual}
              label={t('dashboard.attemptsIndividual')}
            />
            <RangeFigure
              name="incidents.escapes.reportedEscaped"
              value={report.incidents.escapes.reportedEscaped}
              label={t('dashboard.reportedEscaped')}
            />
            <Figure
              name="incidents.escapes.identified"
              value={report.incidents.escapes.identified}
              label={t('dashboard.identifiedEscaped')}
            />
            <RangeFigure
              name="incidents.escapes.reportedRecaptured"
              value={report.incidents.escapes.reportedRecaptured}
              label={t('dashboard.reportedRecaptured')}
            />
            <Figure
              name="incidents.externalEvents"
              value={report.incidents.externalEvents}
              label={t('dashboard.externalEvents')}
            />
          </div>
          <div className="panels">
            <article className="panel wide">
              <h2>{t('dashboard.occupancy')}</h2>
              <BarList
                figure="occupancy"
                bars={report.facilities.map((f) => ({
                  key: f.code,
                  label: `${f.code} · ${facilityName(directory.facility(f.facilityId) ?? { nameEn: f.name, nameAr: f.name })}`,
                  value: f.population,
                  of: f.capacity,
                  href: `/facilities/${f.facilityId}`,
                }))}
              />
            </article>
            <article className="panel">
              <h2>{t('dashboard.byCategory')}</h2>
              <BarList
                figure="totals.byCategory"
                bars={categories.map((c) => ({
                  key: c,
                  label: t(`category.${c}`),
                  value: report.totals.byCategory[c],
                }))}
              />
            </article>
            <article className="panel">
              <h2>{t('dashboard.byNationality')}</h2>
              <BarList
                figure="totals.byNationalityGroup"
                bars={nationalityGroups.map((g) => ({
                  key: g,
                  label: t(`nationality.${g}`),
                  value: report.totals.byNationalityGroup[g],
                }))}
              />
            </article>
            <article className="panel wide">
              <h2>{t('dashboard.movements')}</h2>
              <LineChart
                title={t('dashboard.movements')}
                labels={report.movements.map((m) => date(m.day))}
                series={series(movementSeries)}
              />
            </article>
            <article className="panel wide">
              <h2>{t('dashboard.escapes')}</h2>
              <LineChart
                title={t('dashboard.escapes')}
                labels={report.movements.map((m) => date(m.day))}
                series={series(escapeSeries)}
              />
            </article>
            <article className="panel wide">
              <h2>{t('dashboard.byFacility')}</h2>
              <div className="table-scroll">
                <table>
                  <thead>
                    <tr>
                      <th>{t('common.facility')}</th>
                      {categories.map((c) => (
                        <th key={c}>{t(`category.${c}`)}</th>
                      ))}
                      {nationalityGroups.map((g) => (
                        <th key={g}>{t(`nationality.${g}`)}</th>
                      ))}
                      <th>{t('dashboard.population')}</th>
                      {readsCounts(user.role) && <th>{t('rollBoard.title')}</th>}
                    </tr>
                  </thead>
                  <tbody>
                    {report.facilities.map((f) => (
                      <tr key={f.facilityId}>
                        <th scope="row">
                          <Link href={`/facilities/${f.facilityId}`}>{f.code}</Link>
                        </th>
                        {categories.map((c) => (
                          <td key={c}>{count(f.byCategory[c])}</td>
                        ))}
                        {nationalityGroups.map((g) => (
                          <td key={g}>{count(f.byNationalityGroup[g])}</td>
                        ))}
                        <td data-figure={`facilities.${f.code}.population`} data-value={String(f.population)}>
                          {count(f.population)}
                        </td>
                        {readsCounts(user.role) && (
                          <td>
                            <Link href={`/facilities/${f.facilityId}/roll-board`}>{t('rollBoard.open')}</Link>
                          </td>
                        )}
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            </article>
            <article className="panel wide">
              <h2>{t('dashboard.incidentsByFacility')}</h2>
              <div className="table-scroll">
                <table>
                  <thead>
                    <tr>
                      <th>{t('common.facility')}</th>
                      <th>{t('dashboard.attemptsThwarted')}</th>
                      <th>{t('dashboard.attemptsSuccessful')}</th>
                      <th>{t('dashboard.reportedEscaped')}</th>
                      <th>{t('dashboard.identifiedEscaped')}</th>
                      <th>{t('dashboard.reportedRecaptured')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {report.facilities.map((f) => (
                      <tr key={f.facilityId}>
                        <th scope="row">
                          <Link href={`/incidents?facility=${f.facilityId}`}>{f.code}</Link>
                        </th>
                        <td>{count(f.incidents.escapeAttempts.thwarted)}</td>
                        <td>{count(f.incidents.escapeAttempts.successful)}</td>
                        <td
                          data-figure={`facilities.${f.code}.reportedEscaped`}
                          data-value={rangeValue(f.incidents.escapes.reportedEscaped)}
                        >
                          {range(f.incidents.escapes.reportedEscaped, count)}
                        </td>
                        <td>{count(f.incidents.escapes.identified)}</td>
                        <td
                          data-figure={`facilities.${f.code}.reportedRecaptured`}
                          data-value={rangeValue(f.incidents.escapes.reportedRecaptured)}
                        >
                          {range(f.incidents.escapes.reportedRecaptured, count)}
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            </article>
            {report.countries.length > 0 && (
              <article className="panel wide">
                <h2>{t('country.figures')}</h2>
                <CountryTable countries={report.countries} />
              </article>
            )}
          </div>
        </>
      )}
    </section>
  );
}

/** Per country: nationals held and people in cases, as the API counts them (suppressed for analysts). */
export function CountryTable({ countries }: { countries: CountryFigures[] }) {
  const { t, count } = useI18n();
  const columns = ['requested', 'accepted', 'refused', 'completed'] as const;
  return (
    <div className="table-scroll">
      <table>
        <thead>
          <tr>
            <th>{t('country.country')}</th>
            <th>{t('country.men')}</th>
            <th>{t('country.women')}</th>
            <th>{t('country.children')}</th>
            {columns.map((c) => (
              <th key={c}>{t(`country.${c}`)}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {countries.map((c) => (
            <tr key={c.country}>
              <th scope="row">
                <Link href={`/countries/${c.country}`}>{c.country}</Link>
              </th>
              <td>{count(c.held.men)}</td>
              <td>{count(c.held.women)}</td>
              <td>{count(c.held.children)}</td>
              {columns.map((k) => (
                <td key={k} data-figure={`countries.${c.country}.${k}`} data-value={String(c[k])}>
                  {count(c[k])}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
