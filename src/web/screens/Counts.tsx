// Headcounts of a facility: the open ones to join, and a new one to open (nominal or numeric, the
// whole facility or some sections). The facility is in the address (`?facility=`), to be shared.
import { useState } from 'react';
import { Link, useLocation, useSearchParams } from 'wouter';
import { api, query } from '../api/client.ts';
import type { Headcount, HeadcountKind, HeadcountSummary } from '../api/types.ts';
import { useResource } from '../api/use-resource.ts';
import { FormError, Loading, useSubmit } from '../components/form.tsx';
import { useDirectory } from '../directory.tsx';
import { useI18n } from '../i18n/index.tsx';
import { countsPeople } from '../policy.ts';
import { useUser } from '../session.tsx';

/** counted / expected over a count's sections. */
export function totals(count: HeadcountSummary) {
  return count.sections.reduce(
    (sum, s) => ({
      expected: sum.expected + s.expected,
      counted: sum.counted + (count.kind === 'numeric' ? (s.reported ?? 0) : s.counted),
    }),
    { expected: 0, counted: 0 },
  );
}

/** A section of a count by its code and name, or "No section" for the people with none. */
export function useSectionLabel() {
  const { t } = useI18n();
  return (s: { sectionId: string | null; code: string | null; name: string | null }) =>
    s.sectionId === null ? t('facility.unassigned') : `${s.code} · ${s.name}`;
}

/** One headcount in a list: kind, sections, who opened it and when, and how far it is. */
export function CountCard({ count }: { count: HeadcountSummary }) {
  const { t, dateTime } = useI18n();
  const { counted, expected } = totals(count);
  return (
    <Link
      href={`/headcounts/${count.headcountId}`}
      className="card count-card"
      data-headcount={count.headcountId}
    >
      <strong>
        {t(`headcount.kind.${count.kind}`)} ·{' '}
        {count.sections.map((s) => s.code ?? t('facility.unassigned')).join(', ')}
      </strong>
      <span className="muted">
        {t('headcount.opened', { at: dateTime(count.openedAt), by: count.openedBy })}
      </span>
      <span>{t('headcount.progress', { counted, expected })}</span>
    </Link>
  );
}

function OpenCount({ facilityId }: { facilityId: string }) {
  const { t } = useI18n();
  const directory = useDirectory();
  const [, navigate] = useLocation();
  const [kind, setKind] = useState<HeadcountKind>('nominal');
  const [whole, setWhole] = useState(true);
  const [chosen, setChosen] = useState<string[]>([]);
  const { error, busy, submit } = useSubmit(async () => {
    const opened = await api.post<Headcount>(`/facilities/${facilityId}/headcounts`, {
      kind,
      // '' stands for the people with no section, which the API names null.
      ...(whole ? {} : { sectionIds: chosen.map((id) => id || null) }),
    });
    navigate(`/headcounts/${opened.headcountId}`);
  });
  return (
    <form className="panel open-count" onSubmit={submit}>
      <h2>{t('headcount.open')}</h2>
      <fieldset className="choice">
        <legend>{t('headcount.kind')}</legend>
        {(['nominal', 'numeric'] as const).map((k) => (
          <label key={k} className="big-choice">
            <input type="radio" name="kind" value={k} checked={kind === k} onChange={() => setKind(k)} />
            <span>
              <strong>{t(`headcount.kind.${k}`)}</strong>
              <span className="muted">{t(`headcount.kind.${k}.hint`)}</span>
            </span>
          </label>
        ))}
      </fieldset>
      <fieldset className="choice">
        <legend>{t('headcount.covers')}</legend>
        <label className="check">
          <input type="checkbox" name="whole" checked={whole} onChange={(e) => setWhole(e.target.checked)} />
          {t('headcount.wholeFacility')}
        </label>
        {!whole &&
          [...directory.sectionsOf(facilityId), { id: '', code: t('facility.unassigned'), name: '' }].map(
            (s) => (
              <label key={s.id} className="check">
                <input
                  type="checkbox"
                  name="sectionIds"
                  value={s.id}
                  checked={chosen.includes(s.id)}
                  onChange={(e) =>
                    setChosen((c) => (e.target.checked ? [...c, s.id] : c.filter((id) => id !== s.id)))
                  }
                />
                {s.id === '' ? s.code : `${s.code} · ${s.name}`}
              </label>
            ),
          )}
      </fieldset>
      <FormError error={error} fields={[]} />
      <button type="submit" className="primary big" disabled={busy || (!whole && chosen.length === 0)}>
        {t('headcount.openSubmit')}
      </button>
    </form>
  );
}

export function Counts() {
  const { t, facilityName } = useI18n();
  const user = useUser();
  const directory = useDirectory();
  const [params, setParams] = useSearchParams();
  const facilityId = params.get('facility') ?? directory.facilities[0]?.id ?? null;
  const open = useResource<{ items: HeadcountSummary[] }>(
    facilityId ? `/facilities/${facilityId}/headcounts${query({ status: 'open' })}` : null,
  );
  if (facilityId === null) return <Loading />;
  return (
    <section className="counts">
      <header className="screen-head">
        <h1>{t('headcount.title')}</h1>
        {directory.facilities.length > 1 && (
          <label>
            <span className="field-label">{t('common.facility')}</span>
            <select
              name="facility"
              value={facilityId}
              onChange={(e) => setParams({ facility: e.target.value })}
            >
              {directory.facilities.map((f) => (
                <option key={f.id} value={f.id}>
                  {f.code} · {facilityName(f)}
                </option>
              ))}
            </select>
          </label>
        )}
        <p>
          <Link href={`/facilities/${facilityId}/roll-board`}>{t('rollBoard.title')}</Link>
        </p>
      </header>
      <div className="panels">
        <article className="panel">
          <h2>{t('headcount.openCounts')}</h2>
          {open.data === undefined ? (
            <Loading error={open.error} />
          ) : open.data.items.length === 0 ? (
            <p className="muted">{t('headcount.noneOpen')}</p>
          ) : (
            <ul className="cards">
              {open.data.items.map((c) => (
                <li key={c.headcountId}>
                  <CountCard count={c} />
                </li>
              ))}
            </ul>
          )}
        </article>
        {countsPeople(user.role) && <OpenCount key={facilityId} facilityId={facilityId} />}
      </div>
    </section>
  );
}
