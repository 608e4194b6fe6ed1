// A closed count's discrepancies, grouped by kind, for the commander to resolve one by one: found on
// a recount, located (elsewhere, at hospital, in transit, at another facility), a record error, or a
// declared escape for a selection of missing people (one escape incident). Resolved ones stay listed,
// greyed, with who resolved them, when and why.
import { useState } from 'react';
import { Link, useLocation, useParams } from 'wouter';
import { api } from '../api/client.ts';
import {
  type Discrepancy,
  discrepancyKinds,
  type Headcount,
  type LocatedPlace,
  locatedPlaces,
  type Resolution,
} from '../api/types.ts';
import { useResource } from '../api/use-resource.ts';
import { Field, FormError, Loading, useSubmit } from '../components/form.tsx';
import { useDirectory } from '../directory.tsx';
import { useI18n } from '../i18n/index.tsx';
import { declaresEscapes, ordersRecounts, readsPersons, resolvesDiscrepancies } from '../policy.ts';
import { useUser } from '../session.tsx';

/** The resolutions a commander records one discrepancy at a time (an escape is declared for several). */
type OneByOne = Exclude<Resolution, 'declared-escape'>;
const oneByOne: OneByOne[] = ['recount-found', 'located', 'record-error'];

function ResolveForm({
  discrepancy,
  resolution,
  onDone,
}: {
  discrepancy: Discrepancy;
  resolution: OneByOne;
  onDone(): void;
}) {
  const { t } = useI18n();
  const [reason, setReason] = useState('');
  const [where, setWhere] = useState<LocatedPlace>('elsewhere-in-facility');
  const [note, setNote] = useState('');
  const [correction, setCorrection] = useState('');
  const { error, busy, submit } = useSubmit(async () => {
    await api.post<Discrepancy>(`/discrepancies/${discrepancy.discrepancyId}/resolutions`, {
      resolution,
      reason,
      ...(resolution === 'located' ? { located: { where, ...(note ? { note } : {}) } } : {}),
      ...(resolution === 'record-error' ? { correction } : {}),
    });
    onDone();
  });
  return (
    <form className="resolve-form" onSubmit={submit}>
      {resolution === 'located' && (
        <>
          <Field label={t('discrepancy.where')} name="located.where" error={error}>
            <select name="where" value={where} onChange={(e) => setWhere(e.target.value as LocatedPlace)}>
              {locatedPlaces.map((p) => (
                <option key={p} value={p}>
                  {t(`located.${p}`)}
                </option>
              ))}
            </select>
          </Field>
          <Field label={t('discrepancy.note')} name="located.note" error={error}>
            <input name="note" value={note} onChange={(e) => setNote(e.target.value)} />
          </Field>
        </>
      )}
      {resolution === 'record-error' && (
        <Field label={t('discrepancy.correction')} name="correction" error={error}>
          <textarea
            name="correction"
            required
            value={correction}
            onChange={(e) => setCorrection(e.target.value)}
          />
        </Field>
      )}
      <Field label={t('form.reason')} name="reason" error={error}>
        <textarea name="reason" required value={reason} onChange={(e) => setReason(e.target.value)} />
      </Field>
      <FormError error={error} fields={['reason', 'located', 'correction']} />
      <button type="submit" className="primary" disabled={busy}>
        {t('form.record')}
      </button>
    </form>
  );
}

function DiscrepancyItem({
  discrepancy: d,
  selectable,
  selected,
  onSelect,
  onResolved,
}: {
  discrepancy: Discrepancy;
  selectable: boolean;
  selected: boolean;
  onSelect(selected: boolean): void;
  onResolved(): void;
}) {
  const { t, dateTime } = useI18n();
  const user = useUser();
  const directory = useDirectory();
  const [action, setAction] = useState<OneByOne | null>(null);
  const place = (id: string | null) => directory.section(id)?.code ?? t('facility.unassigned');
  const resolved = d.status === 'resolved';
  return (
    <li
      className={resolved ? 'discrepancy resolved' : 'discrepancy'}
      data-discrepancy={d.kind}
      data-person={d.registrationNumber ?? undefined}
    >
      <div className="discrepancy-head">
        {selectable && (
          <input
            type="checkbox"
            name="escaped"
            value={d.discrepancyId}
            checked={selected}
            onChange={(e) => onSelect(e.target.checked)}
            aria-label={t('discrepancy.select', { name: d.displayName ?? '' })}
          />
        )}
        <span className="roster-who">
          {d.personId ? (
            readsPersons(user.role) ? (
              <Link href={`/persons/${d.personId}`}>
                <bdi>{d.displayName}</bdi>
              </Link>
            ) : (
              <bdi>{d.displayName}</bdi>
            )
          ) : (
            <strong>
              {t('discrepancy.sectionDifference', { section: place(d.sectionId), n: d.difference ?? 0 })}
            </strong>
          )}
          {d.registrationNumber && <span className="regno">{d.registrationNumber}</span>}
        </span>
      </div>
      <dl className="details">
        {d.personId && (
          <>
            <dt>{t('discrepancy.expectedIn')}</dt>
            <dd>{d.kind === 'unexpected' ? '—' : place(d.sectionId)}</dd>
            <dt>{t('discrepancy.countedIn')}</dt>
            <dd>{d.kind === 'missing' ? '—' : place(d.countedSectionId)}</dd>
          </>
        )}
        {resolved && (
          <>
            <dt>{t('discrepancy.resolved')}</dt>
            <dd>
              {d.resolution && t(`resolution.${d.resolution}`)} ·{' '}
              {t('discrepancy.resolvedBy', {
                by: d.resolvedBy ?? '',
                at: d.resolvedAt ? dateTime(d.resolvedAt) : '',
              })}
              {d.reason && (
                <>
                  {' — '}
                  <bdi>{d.reason}</bdi>
                </>
              )}
            </dd>
            {d.located && (
              <>
                <dt>{t('discrepancy.where')}</dt>
                <dd>
                  {t(`located.${d.located.where}`)}
                  {d.located.note && (
                    <>
                      {' — '}
                      <bdi>{d.located.note}</bdi>
                    </>
                  )}
                </dd>
              </>
            )}
            {d.correction && (
              <>
                <dt>{t('discrepancy.correction')}</dt>
                <dd>
                  <bdi>{d.correction}</bdi>
                </dd>
              </>
            )}
            {d.incidentId && (
              <>
                <dt>{t('discrepancy.incidentId')}</dt>
                <dd className="regno">{d.incidentId}</dd>
              </>
            )}
          </>
        )}
      </dl>
      {!resolved && resolvesDiscrepancies(user.role) && (
        <div className="actions wrap">
          {oneByOne.map((r) => (
            <button
              key={r}
              type="button"
              aria-pressed={action === r}
              onClick={() => setAction(action === r ? null : r)}
            >
              {t(`resolve.${r}`)}
            </button>
          ))}
        </div>
      )}
      {action && !resolved && (
        <ResolveForm
          key={action}
          discrepancy={d}
          resolution={action}
          onDone={() => {
            setAction(null);
            onResolved();
          }}
        />
      )}
    </li>
  );
}

/** Declaring the selected missing people escaped: a reason, when, and a confirmation. */
function DeclareEscape({
  headcountId,
  selected,
  names,
  onDone,
}: {
  headcountId: string;
  selected: string[];
  names: string[];
  onDone(incidentId: string): void;
}) {
  const { t } = useI18n();
  const [asked, setAsked] = useState(false);
  const [reason, setReason] = useState('');
  const [authority, setAuthority] = useState('');
  const [occurredAt, setOccurredAt] = useState('');
  const { error, busy, submit } = useSubmit(async () => {
    const { incidentId } = await api.post<{ incidentId: string; personIds: string[] }>(
      `/headcounts/${headcountId}/escape-declarations`,
      {
        discrepancyIds: selected,
        reason,
        authority,
        ...(occurredAt ? { occurredAt: `${occurredAt}:00Z` } : {}),
      },
    );
    setAsked(false);
    onDone(incidentId);
  });
  if (!asked) {
    return (
      <button
        type="button"
        className="danger big"
        disabled={selected.length === 0}
        onClick={() => setAsked(true)}
        data-action="declare-escape"
      >
        {t('discrepancy.declareEscape', { n: selected.length })}
      </button>
    );
  }
  return (
    <form className="panel escape-form" onSubmit={submit}>
      <h3>{t('discrepancy.declareEscapeTitle', { n: selected.length })}</h3>
      <ul className="members">
        {names.map((n) => (
          <li key={n}>
            <bdi>{n}</bdi>
          </li>
        ))}
      </ul>
      <Field label={t('form.reason')} name="reason" error={error}>
        <textarea name="escapeReason" required value={reason} onChange={(e) => setReason(e.target.value)} />
      </Field>
      <Field label={t('form.authority')} name="authority" error={error}>
        <input name="authority" required value={authority} onChange={(e) => setAuthority(e.target.value)} />
      </Field>
      <Field label={t('form.occurredAt')} name="occurredAt" error={error} hint={t('form.utcHint')}>
        <input
          type="datetime-local"
          name="occurredAt"
          value={occurredAt}
          onChange={(e) => setOccurredAt(e.target.value)}
        />
      </Field>
      <FormError error={error} fields={['reason', 'authority', 'occurredAt']} />
      <div className="actions">
        <button type="submit" className="danger" disabled={busy} data-action="declare-escape-confirm">
          {t('discrepancy.declareEscapeYes')}
        </button>
        <button type="button" onClick={() => setAsked(false)}>
          {t('form.cancel')}
        </button>
      </div>
    </form>
  );
}

/** A nominal recount of one section, opened from this count. */
function Recount({
  headcountId,
  sectionId,
  label,
}: {
  headcountId: string;
  sectionId: string | null;
  label: string;
}) {
  const { t } = useI18n();
  const [, navigate] = useLocation();
  const { error, busy, submit } = useSubmit(async () => {
    const recount = await api.post<Headcount>(`/headcounts/${headcountId}/recounts`, { sectionId });
    navigate(`/headcounts/${recount.headcountId}`);
  });
  return (
    <form onSubmit={submit} className="recount">
      <button type="submit" disabled={busy}>
        {t('discrepancy.recount', { section: label })}
      </button>
      <FormError error={error} fields={[]} />
    </form>
  );
}

export function Discrepancies() {
  const { t, dateTime } = useI18n();
  const user = useUser();
  const directory = useDirectory();
  const { headcountId } = useParams<{ headcountId: string }>();
  const { data: count, error, reload } = useResource<Headcount>(`/headcounts/${headcountId}`);
  const [selected, setSelected] = useState<string[]>([]);
  const [incident, setIncident] = useState<string | null>(null);
  if (count === undefined) return <Loading error={error} />;
  const facility = directory.facility(count.facilityId);
  const open = count.discrepancies.filter((d) => d.status === 'open');
  // Sections where people are missing or the number differs: each may be recounted.
  const recountable = [
    ...new Set(
      open
        .filter((d) => d.kind === 'missing' || d.kind === 'section-difference')
        .map((d) => d.sectionId ?? ''),
    ),
  ].map((id) => (id === '' ? null : id));
  const names = count.discrepancies
    .filter((d) => selected.includes(d.discrepancyId))
    .map((d) => `${d.displayName ?? ''} ${d.registrationNumber ?? ''}`);
  return (
    <section className="discrepancies">
      <header className="screen-head">
        <p className="regno">{facility?.code}</p>
        <h1>{t('discrepancy.title')}</h1>
        <p className="muted">
          <Link href={`/headcounts/${count.headcountId}`}>
            {t(`headcount.kind.${count.kind}`)} ·{' '}
            {t('headcount.opened', { at: dateTime(count.openedAt), by: count.openedBy })}
          </Link>
        </p>
        {facility && (
          <p>
            <Link href={`/facilities/${facility.id}/roll-board`}>{t('rollBoard.title')}</Link>
          </p>
        )}
      </header>
      {incident && (
        <output className="notice" data-testid="incident">
          {t('discrepancy.incident', { id: incident })}
        </output>
      )}
      {count.status === 'open' ? (
        <p className="empty">{t('discrepancy.countOpen')}</p>
      ) : count.discrepancies.length === 0 ? (
        <p className="notice">{t('discrepancy.none')}</p>
      ) : (
        <div className="panels">
          {discrepancyKinds.map((kind) => {
            const items = count.discrepancies.filter((d) => d.kind === kind);
            if (items.length === 0) return null;
            return (
              <article key={kind} className="panel wide" data-kind={kind}>
                <h2>
                  {t(`discrepancy.kind.${kind}`)} ({items.length})
                </h2>
                <ul className="discrepancy-list">
                  {items.map((d) => (
                    <DiscrepancyItem
                      key={d.discrepancyId}
                      discrepancy={d}
                      selectable={declaresEscapes(user.role) && kind === 'missing' && d.status === 'open'}
                      selected={selected.includes(d.discrepancyId)}
                      onSelect={(on) =>
                        setSelected((s) =>
                          on ? [...s, d.discrepancyId] : s.filter((id) => id !== d.discrepancyId),
                        )
                      }
                      onResolved={reload}
                    />
                  ))}
                </ul>
                {kind === 'missing' &&
                  declaresEscapes(user.role) &&
                  open.some((d) => d.kind === 'missing') && (
                    <DeclareEscape
                      headcountId={count.headcountId}
                      selected={selected}
                      names={names}
                      onDone={(id) => {
                        setIncident(id);
                        setSelected([]);
                        reload();
                      }}
                    />
                  )}
              </article>
            );
          })}
          {ordersRecounts(user.role) && recountable.length > 0 && (
            <article className="panel wide">
              <h2>{t('discrepancy.recounts')}</h2>
              <div className="actions wrap">
                {recountable.map((id) => (
                  <Recount
                    key={id ?? 'unassigned'}
                    headcountId={count.headcountId}
                    sectionId={id}
                    label={directory.section(id)?.code ?? t('facility.unassigned')}
                  />
                ))}
              </div>
            </article>
          )}
        </div>
      )}
    </section>
  );
}
