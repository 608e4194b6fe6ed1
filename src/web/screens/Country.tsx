// One country's page: its nationals held and the people in its repatriation cases, as
// GET /countries/:country gives them, with the mean days cases spend in each status.
import { useParams } from 'wouter';
import { query } from '../api/client.ts';
import { type CaseSummary, type CountryFigures, caseStatuses, type Page } from '../api/types.ts';
import { useResource } from '../api/use-resource.ts';
import { Loading } from '../components/form.tsx';
import { useI18n } from '../i18n/index.tsx';
import { readsCases } from '../policy.ts';
import { useUser } from '../session.tsx';
import { CaseTable } from './Cases.tsx';
import { CountryTable } from './Dashboard.tsx';

export function Country() {
  const { country } = useParams<{ country: string }>();
  const { t, count } = useI18n();
  const { data, error } = useResource<CountryFigures>(`/countries/${encodeURIComponent(country)}`);
  const user = useUser();
  const cases = useResource<Page<CaseSummary>>(
    readsCases(user.role) ? `/cases${query({ country, limit: 200 })}` : null,
  );
  return (
    <section className="screen">
      <h1>{t('country.title', { country })}</h1>
      {data === undefined ? (
        <Loading error={error} />
      ) : (
        <div className="panels">
          <article className="panel wide">
            <CountryTable countries={[data]} />
          </article>
          <article className="panel wide">
            <h2>{t('country.byStatus')}</h2>
            <table>
              <thead>
                <tr>
                  <th>{t('common.status')}</th>
                  <th>{t('country.byStatus')}</th>
                  <th>{t('country.meanDays')}</th>
                </tr>
              </thead>
              <tbody>
                {caseStatuses.map((s) => (
                  <tr key={s}>
                    <th scope="row">{t(`caseStatus.${s}`)}</th>
                    <td data-figure={`byStatus.${s}`} data-value={String(data.byStatus[s])}>
                      {count(data.byStatus[s])}
                    </td>
                    <td>{data.meanDaysInStatus[s] ?? '–'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </article>
          {readsCases(user.role) && (
            <article className="panel wide" data-testid="country-cases">
              <h2>{t('cases.title')}</h2>
              {cases.data === undefined ? (
                <Loading error={cases.error} />
              ) : (
                <CaseTable cases={cases.data.items} />
              )}
            </article>
          )}
        </div>
      )}
    </section>
  );
}
