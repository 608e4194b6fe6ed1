// Possible duplicates, for registrars and commanders: the pairs of records the name matcher takes for
// possibly one person (GET /duplicates), each compared side by side with the reason it matched, and
// the two decisions: merge (keeping the record chosen) or not the same person, each with a reason.
import { type ReactNode, useEffect, useState } from 'react';
import { Link } from 'wouter';
import { api, query } from '../api/client.ts';
import type { DuplicatePair, DuplicateRecord, NameParts, Page, ScanProgress } from '../api/types.ts';
import { useResource } from '../api/use-resource.ts';
import { FacilityFilter } from '../components/FacilityFilter.tsx';
import { Field, FormError, Loading, useSubmit } from '../components/form.tsx';
import { StatusBadge } from '../components/StatusBadge.tsx';
import { useDirectory } from '../directory.tsx';
import type { MessageKey } from '../i18n/en.ts';
import { useI18n } from '../i18n/index.tsx';

const states = ['open', 'decided', 'all'] as const;
type State = (typeof states)[number];
/** How often the list is read again while a scan is storing pairs (not while a pair is open). */
const SCAN_REFRESH_MS = 5000;

const nameOf = (n: NameParts | undefined) =>
  n ? [n.kunya && `(${n.kunya})`, n.given, n.father, n.grandfather, n.family].filter(Boolean).join(' ') : '';

/** The rows of the comparison: a label and what each record says. */
function Comparison({ pair }: { pair: DuplicatePair }) {
  const { t, date, facilityName } = useI18n();
  const directory = useDirectory();
  const place = (r: DuplicateRecord) => {
    const f = directory.facility(
      r.custody.facilityId ??
        r.custody.transferToFacilityId ??
        r.custody.lastFacilityId ??
        r.registeredAtFacilityId,
    );
    return f ? `${f.code} · ${facilityName(f)}` : '';
  };
  const rows: [MessageKey, (r: DuplicateRecord) => ReactNode][] = [
    ['duplicates.registrationNumber', (r) => <span className="regno">{r.registrationNumber}</span>],
    ['person.nameLatin', (r) => <bdi>{nameOf(r.identity.names.latin)}</bdi>],
    [
      'person.nameArabic',
      (r) => (
        <bdi lang="ar" className="arabic-name">
          {nameOf(r.identity.names.arabic)}
        </bdi>
      ),
    ],
    ['person.aliases', (r) => r.identity.names.aliases.join(' · ')],
    [
      'person.birthDate',
      (r) =>
        `${date(r.identity.birthDate.date)}${r.identity.birthDate.estimated ? ` (${t('person.estimated')})` : ''}`,
    ],
    ['person.sex', (r) => t(`sex.${r.sex}`)],
    ['common.nationality', (r) => r.identity.nationalities.join(', ')],
    ['common.facility', place],
    ['common.status', (r) => <StatusBadge custody={r.custody} />],
    [
      'person.household',
      (r) =>
        r.household === null
          ? t('person.noHousehold')
          : t('duplicates.household', { name: r.household.name ?? '', n: r.household.members }),
    ],
    ['person.mother', (r) => r.identity.motherName],
    ['person.father', (r) => r.identity.fatherFirstName],
  ];
  const [a, b] = pair.records;
  return (
    <div className="table-scroll">
      <table className="comparison" data-testid="comparison">
        <thead>
          <tr>
            <th />
            {[a, b].map((r, i) => (
              <th key={r.id} scope="col">
                <Link href={`/persons/${r.id}`}>
                  {t(i === 0 ? 'duplicates.recordA' : 'duplicates.recordB')}
                </Link>
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map(([label, cell]) => (
            <tr key={label}>
              <th scope="row">{t(label)}</th>
              <td>{cell(a)}</td>
              <td>{cell(b)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** The two decisions: merge (which record is kept) or not the same person, with a reason. */
function DecisionForm({ pair, onDecided }: { pair: DuplicatePair; onDecided: (message: string) => void }) {
  const { t } = useI18n();
  const [a, b] = pair.records;
  const [choice, setChoice] = useState<string>('');
  const [reason, setReason] = useState('');
  const { error, busy, submit } = useSubmit(async () => {
    const merged = choice !== 'not-duplicate';
    const kept = choice === a.id ? a : b;
    await api.post('/duplicates/decisions', {
      personId: a.id,
      otherId: b.id,
      decision: merged ? 'merged' : 'not-duplicate',
      ...(merged ? { keptId: kept.id } : {}),
      reason,
    });
    onDecided(
      merged ? t('duplicates.done.merged', { name: kept.displayName }) : t('duplicates.done.not-duplicate'),
    );
  });
  return (
    <form className="card decision-form" onSubmit={submit} aria-label={t('duplicates.decide')}>
      <fieldset>
        <legend>{t('duplicates.decide')}</legend>
        {[a, b].map((r) => (
          <label key={r.id} className="check">
            <input
              type="radio"
              name="decision"
              value={r.id}
              checked={choice === r.id}
              onChange={() => setChoice(r.id)}
              required
            />
            {t('duplicates.keep', { number: r.registrationNumber })}
          </label>
        ))}
        <label className="check">
          <input
            type="radio"
            name="decision"
            value="not-duplicate"
            checked={choice === 'not-duplicate'}
            onChange={() => setChoice('not-duplicate')}
          />
          {t('duplicates.notSame')}
        </label>
      </fieldset>
      <Field label={t('form.reason')} name="reason" error={error}>
        <textarea
          name="reason"
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          required
          rows={2}
        />
      </Field>
      <FormError error={error} fields={['reason']} />
      <div className="actions">
        <button type="submit" className="primary" disabled={busy || choice === ''}>
          {t('duplicates.submit')}
        </button>
      </div>
    </form>
  );
}

export function Duplicates() {
  const { t, date, language } = useI18n();
  const directory = useDirectory();
  const [state, setState] = useState<State>('open');
  const [facilityId, setFacilityId] = useState('');
  const [cursor, setCursor] = useState<string | null>(null);
  const [pairs, setPairs] = useState<DuplicatePair[]>([]);
  const [selected, setSelected] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const path = `/duplicates${query({ state, facilityId, limit: 50, cursor })}`;
  const page = useResource<Page<DuplicatePair> & { scanning: ScanProgress | null }>(path);
  const scanning = page.data?.scanning ?? null;
  // While a scan runs its pairs are stored as it goes: the first page is read again every few seconds,
  // unless the reviewer has a pair open or has asked for more.
  useEffect(() => {
    if (scanning === null || cursor !== null || selected !== null) return;
    const timer = setTimeout(page.reload, SCAN_REFRESH_MS);
    return () => clearTimeout(timer);
  }, [scanning, cursor, selected, page.reload]);

  // A new filter starts the list again; a further page adds to it.
  // biome-ignore lint/correctness/useExhaustiveDependencies: only the filters restart the list
  useEffect(() => {
    setCursor(null);
    setPairs([]);
    setSelected(null);
  }, [state, facilityId]);
  useEffect(() => {
    const items = page.data?.items;
    if (items) setPairs((shown) => (cursor === null ? items : [...shown, ...items]));
  }, [page.data, cursor]);

  const pair = pairs.find((p) => p.id === selected);
  const names = (p: DuplicatePair) =>
    p.records.map((r) => {
      const arabic = nameOf(r.identity.names.arabic);
      return language === 'ar' && arabic ? arabic : r.displayName;
    });
  const decided = () => {
    setSelected(null);
    if (cursor === null) page.reload();
    else setCursor(null);
  };

  return (
    <section className="duplicates">
      <header className="screen-head">
        <h1>{t('duplicates.title')}</h1>
        <p className="muted">{t('duplicates.explain')}</p>
      </header>
      <form className="filters" onSubmit={(e) => e.preventDefault()}>
        <label>
          <span className="field-label">{t('duplicates.state')}</span>
          <select name="state" value={state} onChange={(e) => setState(e.target.value as State)}>
            {states.map((s) => (
              <option key={s} value={s}>
                {t(`duplicates.state.${s}`)}
              </option>
            ))}
          </select>
        </label>
        <FacilityFilter name="facilityId" value={facilityId} onChange={setFacilityId} />
      </form>
      {notice && <output className="notice">{notice}</output>}
      {scanning && (
        <output className="notice" data-testid="scanning">
          {t('duplicates.scanning', { checked: scanning.checked, of: scanning.of })}
        </output>
      )}
      {page.error && <Loading error={page.error} />}
      <ul className="pair-list" data-testid="pairs">
        {pairs.map((p) => (
          <li key={p.id}>
            <button
              type="button"
              className="pair-row"
              aria-pressed={p.id === selected}
              data-pair={p.id}
              onClick={() => {
                setSelected(p.id === selected ? null : p.id);
                setNotice(null);
              }}
            >
              <span className="person-name">
                <bdi>{names(p)[0]}</bdi> ⇄ <bdi>{names(p)[1]}</bdi>
              </span>
              <span className="person-meta">
                <span className={`match match-${p.match.decision}`}>
                  {t(`duplicates.decision.${p.match.decision}`)} · {p.match.score.toFixed(2)}
                </span>
                <span>
                  {p.records
                    .map(
                      (r) => directory.facility(r.custody.lastFacilityId ?? r.registeredAtFacilityId)?.code,
                    )
                    .join(' · ')}
                </span>
                <span className="muted">{t(`duplicates.source.${p.source}`)}</span>
                {p.decision && <span>{t(`duplicates.outcome.${p.decision.decision}`)}</span>}
              </span>
            </button>
            {p.id === selected && pair && (
              <div className="pair-detail">
                <p className="match-reason">
                  <strong>{t('duplicates.reason')}:</strong> <bdi>{pair.match.reason}</bdi>
                </p>
                <Comparison pair={pair} />
                {pair.decision ? (
                  <p className="notice">
                    {t('duplicates.decided', {
                      decision: t(`duplicates.outcome.${pair.decision.decision}`),
                      date: date(pair.decision.decidedAt),
                      reason: pair.decision.reason,
                    })}
                  </p>
                ) : (
                  <DecisionForm
                    pair={pair}
                    onDecided={(message) => {
                      setNotice(message);
                      decided();
                    }}
                  />
                )}
              </div>
            )}
          </li>
        ))}
      </ul>
      {page.data === undefined && !page.error && <Loading />}
      {page.data !== undefined && pairs.length === 0 && <p className="empty">{t('duplicates.none')}</p>}
      {page.data?.nextCursor && (
        <div className="actions">
          <button type="button" onClick={() => setCursor(page.data!.nextCursor)}>
            {t('duplicates.more')}
          </button>
        </div>
      )}
    </section>
  );
}
