// Repatriation cases (SPEC 6): the list with its filters, and one case with its members, its timeline
// (decisions, wishes, documents, consular contacts, notes) and the steps the status machine allows next.
import { useState } from 'react';
import { Link, useLocation, useParams, useSearchParams } from 'wouter';
import { api, query } from '../api/client.ts';
import {
  type CaseDetail,
  type CaseSummary,
  caseDocumentStatuses,
  caseStatuses,
  caseTransitions,
  caseWishes,
  consularDirections,
  documentKinds,
  type Page,
  type PersonRecord,
} from '../api/types.ts';
import { useResource } from '../api/use-resource.ts';
import { FacilityFilter } from '../components/FacilityFilter.tsx';
import { Field, FormError, Loading, useSubmit } from '../components/form.tsx';
import { useDirectory } from '../directory.tsx';
import { useI18n } from '../i18n/index.tsx';
import { readsPersons, worksCases } from '../policy.ts';
import { useUser } from '../session.tsx';
import { ProtectionNotes } from './Children.tsx';

/** A `datetime-local` value as the instant the API takes (the form says the times are UTC). */
const utc = (local: string) => (local ? { occurredAt: `${local}:00Z` } : {});

/** The cases given, one row each: country, status, members, facility. */
export function CaseTable({ cases }: { cases: CaseSummary[] }) {
  const { t, date } = useI18n();
  const directory = useDirectory();
  if (cases.length === 0) return <p className="empty">{t('cases.none')}</p>;
  return (
    <table className="case-table">
      <thead>
        <tr>
          <th>{t('country.country')}</th>
          <th>{t('common.status')}</th>
          <th>{t('cases.members')}</th>
          <th>{t('common.facility')}</th>
          <th>{t('cases.since')}</th>
        </tr>
      </thead>
      <tbody>
        {cases.map((c) => (
          <tr key={c.id} data-case={c.id} data-status={c.status}>
            <td>
              <Link href={`/cases/${c.id}`}>{c.country}</Link>
            </td>
            <td>
              <span className={`case-status case-${c.status}`}>{t(`caseStatus.${c.status}`)}</span>
            </td>
            <td>
              <Link href={`/cases/${c.id}`}>
                {c.members.map((m) => m.displayName).join(', ') || t('cases.open')}
              </Link>
            </td>
            <td>{directory.facility(c.facilityId)?.code ?? '–'}</td>
            <td>{date(c.statusSince)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function CaseList() {
  const { t } = useI18n();
  const _directory = useDirectory();
  const [params, setParams] = useSearchParams();
  const filters = {
    country: params.get('country') ?? undefined,
    status: params.get('status') ?? undefined,
    facilityId: params.get('facility') ?? undefined,
  };
  const { data, error } = useResource<Page<CaseSummary>>(`/cases${query({ ...filters, limit: 200 })}`);
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
        <h1>{t('cases.title')}</h1>
      </header>
      <form className="filters" onSubmit={(e) => e.preventDefault()}>
        <label>
          <span className="field-label">{t('country.country')}</span>
          <input
            name="country"
            maxLength={3}
            placeholder="FRA"
            value={filters.country ?? ''}
            onChange={(e) => {
              const code = e.target.value.toUpperCase();
              if (code.length === 0 || code.length === 3) set('country', code);
              else e.target.value = code;
            }}
          />
        </label>
        <label>
          <span className="field-label">{t('common.status')}</span>
          <select name="status" value={filters.status ?? ''} onChange={(e) => set('status', e.target.value)}>
            <option value="">{t('common.any')}</option>
            {caseStatuses.map((s) => (
              <option key={s} value={s}>
                {t(`caseStatus.${s}`)}
              </option>
            ))}
          </select>
        </label>
        <FacilityFilter name="facility" value={filters.facilityId} onChange={(id) => set('facility', id)} />
      </form>
      {data === undefined ? <Loading error={error} /> : <CaseTable cases={data.items} />}
    </section>
  );
}

export function CasePage() {
  const { caseId } = useParams<{ caseId: string }>();
  const { t, date, dateTime } = useI18n();
  const user = useUser();
  const { data, error, reload } = useResource<CaseDetail>(`/cases/${caseId}`);
  if (data === undefined) return <Loading error={error} />;
  const name = (personId: string | null) => data.members.find((m) => m.id === personId)?.displayName ?? '';
  const timeline = [
    ...data.decisions.map((d) => ({
      id: d.id,
      at: d.occurredAt,
      kind: 'decision',
      title: t(`caseStatus.${d.status as CaseDetail['status']}`),
      text: d.reason,
      by: d.decidedBy,
    })),
    ...data.entries.map((e) => ({
      id: e.id,
      at: e.occurredAt,
      kind: e.kind,
      title: entryTitle(e, name(e.personId), t),
      text: e.details.note ?? '',
      by: e.recordedBy,
    })),
  ].sort((a, b) => a.at.localeCompare(b.at));
  // The last word on each member's document of each kind.
  const documents = new Map<string, { personId: string; kind: string; status: string }>();
  for (const e of data.entries.filter((x) => x.kind === 'document')) {
    documents.set(`${e.personId}:${e.details.documentKind}`, {
      personId: e.personId!,
      kind: e.details.documentKind!,
      status: e.details.documentStatus!,
    });
  }
  const next = caseTransitions[data.status];
  return (
    <section className="case-page" data-status={data.status}>
      <header className="screen-head">
        <h1>
          {t('case.title', { country: data.country })}{' '}
          <span className={`case-status case-${data.status}`} data-testid="case-status">
            {t(`caseStatus.${data.status}`)}
          </span>
        </h1>
        <nav className="actions">
          <Link href={`/countries/${data.country}`} className="button">
            {t('case.countryPage')}
          </Link>
        </nav>
      </header>
      <div className="panels">
        <article className="panel wide">
          <h2>{t('cases.members')}</h2>
          <table>
            <thead>
              <tr>
                <th>{t('case.name')}</th>
                <th>{t('case.born')}</th>
                <th>{t('case.documents')}</th>
                <th>{t('common.status')}</th>
              </tr>
            </thead>
            <tbody>
              {data.members.map((m) => (
                <tr key={m.id} data-member={m.id} data-custody={m.status}>
                  <th scope="row">
                    {readsPersons(user.role) ? (
                      <Link href={`/persons/${m.id}`}>{m.displayName}</Link>
                    ) : (
                      m.displayName
                    )}{' '}
                    <small>
                      {m.registrationNumber} · {m.minor ? t('case.child') : t('case.adult')}
                    </small>
                  </th>
                  <td>{date(m.birthDate)}</td>
                  <td>
                    {[...documents.values()]
                      .filter((d) => d.personId === m.id)
                      .map((d) => (
                        <span key={d.kind} className={`doc doc-${d.status}`}>
                          {t(`documentKind.${d.kind as (typeof documentKinds)[number]}`)}:{' '}
                          {t(`documentStatus.${d.status as (typeof caseDocumentStatuses)[number]}`)}
                        </span>
                      ))}
                  </td>
                  <td>
                    <span className={`status status-${m.status}`}>{t(`status.${m.status}`)}</span>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </article>
        {worksCases(user.role) && next.length > 0 && (
          <article className="panel wide case-actions">
            <h2>{t('case.next')}</h2>
            {next.some((s) => s !== 'completed') && <DecideForm caseDetail={data} onDone={reload} />}
            {next.includes('completed') && <CompleteForm caseDetail={data} onDone={reload} />}
          </article>
        )}
        {worksCases(user.role) && data.status !== 'completed' && (
          <article className="panel wide">
            <h2>{t('case.record')}</h2>
            <EntryForm caseDetail={data} onDone={reload} />
          </article>
        )}
        <article className="panel wide">
          <h2>{t('case.timeline')}</h2>
          <ol className="timeline" data-testid="timeline">
            {timeline.map((item) => (
              <li key={item.id} data-kind={item.kind}>
                <time dateTime={item.at}>{dateTime(item.at)}</time>
                <strong>{item.title}</strong>
                {item.text && <p>{item.text}</p>}
                <small>{item.by}</small>
              </li>
            ))}
          </ol>
          <p className="hint">
            {caseStatuses
              .filter((s) => data.daysInStatus[s] !== undefined)
              .map((s) => t('case.daysIn', { status: t(`caseStatus.${s}`), days: data.daysInStatus[s]! }))
              .join(' · ')}
          </p>
        </article>
        {data.protectionNotes !== undefined && (
          <article className="panel wide protection" data-testid="protection-notes">
            <h2>{t('children.notes')}</h2>
            <ProtectionNotes notes={data.protectionNotes} childCases={data.childCases ?? []} name={name} />
          </article>
        )}
      </div>
    </section>
  );
}

function entryTitle(
  e: CaseDetail['entries'][number],
  person: string,
  t: ReturnType<typeof useI18n>['t'],
): string {
  const d = e.details;
  switch (e.kind) {
    case 'wish':
      return `${person}: ${t(`wish.${d.wish as (typeof caseWishes)[number]}`)}`;
    case 'document':
      return `${person}: ${t(`documentKind.${d.documentKind as (typeof documentKinds)[number]}`)} · ${t(
        `documentStatus.${d.documentStatus as (typeof caseDocumentStatuses)[number]}`,
      )}`;
    case 'consular-contact':
      return `${t(`consular.${d.direction as (typeof consularDirections)[number]}`)} · ${d.counterpart}`;
    default:
      return t('entry.note');
  }
}

function DecideForm({ caseDetail, onDone }: { caseDetail: CaseDetail; onDone(): void }) {
  const { t } = useI18n();
  const options = caseTransitions[caseDetail.status].filter((s) => s !== 'completed');
  const [status, setStatus] = useState<string>(options[0]!);
  const [reason, setReason] = useState('');
  const [at, setAt] = useState('');
  const { error, busy, submit } = useSubmit(async () => {
    await api.post(`/cases/${caseDetail.id}/decisions`, { status, reason, ...utc(at) });
    setReason('');
    setAt('');
    onDone();
  });
  return (
    <form className="card decide-form" onSubmit={submit} aria-label={t('case.decide')}>
      <Field label={t('case.newStatus')} name="status" error={error}>
        <select name="status" value={status} onChange={(e) => setStatus(e.target.value)}>
          {options.map((s) => (
            <option key={s} value={s}>
              {t(`caseStatus.${s}`)}
            </option>
          ))}
        </select>
      </Field>
      <Field label={t('case.decidedAt')} name="occurredAt" error={error} hint={t('form.utcHint')}>
        <input type="datetime-local" name="occurredAt" value={at} onChange={(e) => setAt(e.target.value)} />
      </Field>
      <Field label={t('case.reason')} name="reason" error={error}>
        <textarea
          name="reason"
          required
          rows={2}
          value={reason}
          onChange={(e) => setReason(e.target.value)}
        />
      </Field>
      <FormError error={error} fields={['status', 'occurredAt', 'reason']} />
      <button type="submit" className="primary" disabled={busy}>
        {t('case.decide')}
      </button>
    </form>
  );
}

function CompleteForm({ caseDetail, onDone }: { caseDetail: CaseDetail; onDone(): void }) {
  const { t } = useI18n();
  const [values, setValues] = useState({
    completion: 'repatriated',
    toAuthority: '',
    authority: '',
    reason: '',
  });
  const [at, setAt] = useState('');
  const [confirmed, setConfirmed] = useState(false);
  const set = (name: keyof typeof values) => (e: { target: { value: string } }) =>
    setValues((v) => ({ ...v, [name]: e.target.value }));
  const handover = values.completion === 'handed-over';
  const { error, busy, submit } = useSubmit(async () => {
    const { toAuthority, ...rest } = values;
    await api.post(`/cases/${caseDetail.id}/completion`, {
      ...rest,
      ...(handover ? { toAuthority } : {}),
      ...utc(at),
    });
    onDone();
  });
  return (
    <form className="card complete-form" onSubmit={submit} aria-label={t('case.complete')}>
      <h3>{t('case.complete')}</h3>
      <Field label={t('case.completion')} name="completion" error={error}>
        <select name="completion" value={values.completion} onChange={set('completion')}>
          <option value="repatriated">{t('status.repatriated')}</option>
          <option value="handed-over">{t('status.handed-over')}</option>
        </select>
      </Field>
      {handover && (
        <Field label={t('case.toAuthority')} name="toAuthority" error={error}>
          <input name="toAuthority" required value={values.toAuthority} onChange={set('toAuthority')} />
        </Field>
      )}
      <Field label={t('case.authority')} name="authority" error={error}>
        <input name="authority" required value={values.authority} onChange={set('authority')} />
      </Field>
      <Field label={t('case.decidedAt')} name="occurredAt" error={error} hint={t('form.utcHint')}>
        <input type="datetime-local" name="occurredAt" value={at} onChange={(e) => setAt(e.target.value)} />
      </Field>
      <Field label={t('case.reason')} name="reason" error={error}>
        <textarea name="reason" required rows={2} value={values.reason} onChange={set('reason')} />
      </Field>
      <p>{t('case.completionEffect', { status: t(`status.${handover ? 'handed-over' : 'repatriated'}`) })}</p>
      <ul className="completion-members">
        {caseDetail.members.map((m) => (
          <li key={m.id}>
            {m.displayName} → <strong>{t(`status.${handover ? 'handed-over' : 'repatriated'}`)}</strong>
          </li>
        ))}
      </ul>
      <label className="confirm">
        <input
          type="checkbox"
          name="confirm"
          required
          checked={confirmed}
          onChange={(e) => setConfirmed(e.target.checked)}
        />{' '}
        {t('case.confirmCompletion', { count: caseDetail.members.length })}
      </label>
      <FormError error={error} fields={['completion', 'toAuthority', 'authority', 'occurredAt', 'reason']} />
      <button type="submit" className="primary" disabled={busy || !confirmed}>
        {t('case.complete')}
      </button>
    </form>
  );
}

function EntryForm({ caseDetail, onDone }: { caseDetail: CaseDetail; onDone(): void }) {
  const { t } = useI18n();
  const [kind, setKind] = useState<'wish' | 'document' | 'consular-contact' | 'note'>('wish');
  const [values, setValues] = useState<Record<string, string>>({});
  const set = (name: string) => (e: { target: { value: string } }) =>
    setValues((v) => ({ ...v, [name]: e.target.value }));
  const { error, busy, submit } = useSubmit(async () => {
    const { occurredAt, note, ...rest } = values;
    const fields: Record<string, string[]> = {
      wish: ['personId', 'wish'],
      document: ['personId', 'documentKind', 'documentStatus'],
      'consular-contact': ['direction', 'counterpart'],
      note: [],
    };
    const body = Object.fromEntries(fields[kind]!.map((f) => [f, rest[f] ?? '']));
    await api.post(`/cases/${caseDetail.id}/entries`, {
      kind,
      ...body,
      ...(note ? { note } : {}),
      ...utc(occurredAt ?? ''),
    });
    setValues({});
    onDone();
  });
  const people = kind === 'wish' ? caseDetail.members.filter((m) => !m.minor) : caseDetail.members;
  const choice = (name: string, options: readonly string[], label: string, text: (o: string) => string) => (
    <Field key={name} label={label} name={name} error={error}>
      <select name={name} required value={values[name] ?? ''} onChange={set(name)}>
        <option value="">{t('form.choose')}</option>
        {options.map((o) => (
          <option key={o} value={o}>
            {text(o)}
          </option>
        ))}
      </select>
    </Field>
  );
  const person = (
    <Field key="personId" label={t('case.member')} name="personId" error={error}>
      <select name="personId" required value={values.personId ?? ''} onChange={set('personId')}>
        <option value="">{t('form.choose')}</option>
        {people.map((m) => (
          <option key={m.id} value={m.id}>
            {m.displayName}
          </option>
        ))}
      </select>
    </Field>
  );
  return (
    <form className="card entry-form" onSubmit={submit} aria-label={t('case.record')}>
      <Field label={t('case.entryKind')} name="kind" error={error}>
        <select
          name="kind"
          value={kind}
          onChange={(e) => {
            setKind(e.target.value as typeof kind);
            setValues({});
          }}
        >
          {(['wish', 'document', 'consular-contact', 'note'] as const).map((k) => (
            <option key={k} value={k}>
              {t(`entry.${k}`)}
            </option>
          ))}
        </select>
      </Field>
      {kind === 'wish' && [
        person,
        choice('wish', caseWishes, t('entry.wish'), (o) => t(`wish.${o as 'undecided'}`)),
      ]}
      {kind === 'document' && [
        person,
        choice('documentKind', documentKinds, t('case.documentKind'), (o) =>
          t(`documentKind.${o as 'other'}`),
        ),
        choice('documentStatus', caseDocumentStatuses, t('common.status'), (o) =>
          t(`documentStatus.${o as 'held'}`),
        ),
      ]}
      {kind === 'consular-contact' && [
        choice('direction', consularDirections, t('case.direction'), (o) => t(`consular.${o as 'sent'}`)),
        <Field key="counterpart" label={t('case.counterpart')} name="counterpart" error={error}>
          <input name="counterpart" required value={values.counterpart ?? ''} onChange={set('counterpart')} />
        </Field>,
      ]}
      <Field label={t('entry.note')} name="note" error={error}>
        <textarea
          name="note"
          required={kind === 'note' || kind === 'consular-contact'}
          rows={2}
          value={values.note ?? ''}
          onChange={set('note')}
        />
      </Field>
      <Field label={t('case.decidedAt')} name="occurredAt" error={error} hint={t('form.utcHint')}>
        <input
          type="datetime-local"
          name="occurredAt"
          value={values.occurredAt ?? ''}
          onChange={set('occurredAt')}
        />
      </Field>
      <FormError
        error={error}
        fields={[
          'kind',
          'personId',
          'wish',
          'documentKind',
          'documentStatus',
          'direction',
          'counterpart',
          'note',
          'occurredAt',
        ]}
      />
      <button type="submit" disabled={busy}>
        {t('case.record')}
      </button>
    </form>
  );
}

/**
 * Opening a repatriation case from a person's record (case officers): the country, this person or
 * their whole household, and whether the request is made yet. The case page then takes it further.
 */
export function OpenCasePanel({ person }: { person: PersonRecord }) {
  const { t } = useI18n();
  const [, navigate] = useLocation();
  const known = person.identity.nationalities.filter((n) => /^[A-Z]{3}$/.test(n) && n !== 'SYR');
  const [country, setCountry] = useState(known[0] ?? '');
  const [household, setHousehold] = useState(person.householdId !== null);
  const [status, setStatus] = useState<'identified' | 'requested'>('identified');
  const [reason, setReason] = useState('');
  const [key] = useState(() => crypto.randomUUID());
  const open = useSubmit(async () => {
    const answer = await api.post<{ caseId: string }>(
      '/cases',
      {
        country: country.trim().toUpperCase(),
        ...(household && person.householdId !== null
          ? { householdId: person.householdId }
          : { memberIds: [person.id] }),
        status,
        reason: reason.trim(),
      },
      key,
    );
    navigate(`/cases/${answer.caseId}`);
  });
  return (
    <article className="panel" data-testid="open-case">
      <h2>{t('case.openTitle')}</h2>
      <form onSubmit={open.submit}>
        <Field label={t('case.country')} name="country" error={open.error}>
          <input
            name="country"
            value={country}
            maxLength={3}
            placeholder="FRA"
            onChange={(e) => setCountry(e.target.value)}
          />
        </Field>
        {person.householdId !== null && (
          <label className="check">
            <input type="checkbox" checked={household} onChange={(e) => setHousehold(e.target.checked)} />{' '}
            {t('case.wholeHousehold')}
          </label>
        )}
        <Field label={t('case.openStatus')} name="status" error={open.error}>
          <select
            name="status"
            value={status}
            onChange={(e) => setStatus(e.target.value as 'identified' | 'requested')}
          >
            <option value="identified">{t('caseStatus.identified')}</option>
            <option value="requested">{t('caseStatus.requested')}</option>
          </select>
        </Field>
        <Field label={t('case.reason')} name="reason" error={open.error}>
          <input name="reason" value={reason} onChange={(e) => setReason(e.target.value)} />
        </Field>
        <FormError error={open.error} fields={['country', 'status', 'reason', 'memberIds', 'householdId']} />
        <div className="actions">
          <button type="submit" className="primary" disabled={open.busy}>
            {t('case.open')}
          </button>
        </div>
      </form>
    </article>
  );
}
