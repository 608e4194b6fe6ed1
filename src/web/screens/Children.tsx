// Children (SPEC 6): the alerts (turning 18 soon, separated from their mother); for child-protection
// officers, their cases with the child's protection notes; and the birth-registration tasks.
import { useState } from 'react';
import { Link } from 'wouter';
import { api } from '../api/client.ts';
import {
  type BirthRegistration,
  type ChildAlerts,
  type ChildCase,
  type ChildCaseListed,
  childCaseConcerns,
  type Page,
  type PersonRecord,
  type ProtectionNote,
  protectionNoteKinds,
} from '../api/types.ts';
import { useResource } from '../api/use-resource.ts';
import { Field, FormError, Loading, useSubmit } from '../components/form.tsx';
import { useDirectory } from '../directory.tsx';
import { useI18n } from '../i18n/index.tsx';
import {
  completesBirthRegistrations,
  protectsChildren,
  readsBirthRegistrations,
  readsChildAlerts,
  readsPersons,
} from '../policy.ts';
import { useUser } from '../session.tsx';

/** The screens of this page the user's role may open, in order. */
function ChildrenNav() {
  const { t } = useI18n();
  const user = useUser();
  return (
    <nav className="actions">
      {readsChildAlerts(user.role) && (
        <Link href="/children" className="button">
          {t('children.alerts')}
        </Link>
      )}
      {protectsChildren(user.role) && (
        <Link href="/child-cases" className="button">
          {t('children.cases')}
        </Link>
      )}
      {readsBirthRegistrations(user.role) && (
        <Link href="/birth-registrations" className="button">
          {t('children.births')}
        </Link>
      )}
    </nav>
  );
}

function PersonName({ id, name }: { id: string; name: string }) {
  const user = useUser();
  return readsPersons(user.role) ? <Link href={`/persons/${id}`}>{name}</Link> : <span>{name}</span>;
}

export function ChildAlertsScreen() {
  const { t, date, count } = useI18n();
  const directory = useDirectory();
  const { data, error } = useResource<ChildAlerts>('/child-alerts');
  const code = (id: string | null) => directory.facility(id)?.code ?? '–';
  return (
    <section>
      <header className="screen-head">
        <h1>{t('children.alerts')}</h1>
        <ChildrenNav />
      </header>
      {data === undefined ? (
        <Loading error={error} />
      ) : (
        <div className="panels">
          <article className="panel wide" data-testid="turning-18">
            <h2>{t('children.turning18', { count: count(data.turning18.length) })}</h2>
            {data.turning18.length === 0 ? (
              <p className="empty">{t('children.none')}</p>
            ) : (
              <table>
                <thead>
                  <tr>
                    <th>{t('case.name')}</th>
                    <th>{t('case.born')}</th>
                    <th>{t('children.daysLeft')}</th>
                    <th>{t('common.facility')}</th>
                  </tr>
                </thead>
                <tbody>
                  {data.turning18.map((c) => (
                    <tr key={c.id}>
                      <th scope="row">
                        <PersonName id={c.id} name={c.displayName} /> <small>{c.registrationNumber}</small>
                      </th>
                      <td>{date(c.birthDate)}</td>
                      <td>{count(c.daysUntilAdult)}</td>
                      <td>{code(c.facilityId)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </article>
          <article className="panel wide" data-testid="separated">
            <h2>{t('children.separated', { count: count(data.separatedFromMother.length) })}</h2>
            {data.separatedFromMother.length === 0 ? (
              <p className="empty">{t('children.none')}</p>
            ) : (
              <table>
                <thead>
                  <tr>
                    <th>{t('case.name')}</th>
                    <th>{t('common.facility')}</th>
                    <th>{t('children.mother')}</th>
                    <th>{t('children.since')}</th>
                  </tr>
                </thead>
                <tbody>
                  {data.separatedFromMother.map((c) => (
                    <tr key={`${c.id}:${c.motherId}`}>
                      <th scope="row">
                        <PersonName id={c.id} name={c.displayName} /> <small>{c.registrationNumber}</small>
                      </th>
                      <td>{code(c.facilityId)}</td>
                      <td>
                        <PersonName id={c.motherId} name={c.motherName} /> · {t(`status.${c.motherStatus}`)}
                        {c.motherHandedOverTo
                          ? ` (${c.motherHandedOverTo})`
                          : c.motherFacilityId
                            ? ` (${code(c.motherFacilityId)})`
                            : ''}
                      </td>
                      <td>{c.separatedSince ? date(c.separatedSince) : '–'}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </article>
        </div>
      )}
    </section>
  );
}

/** A child's protection notes, grouped under their child-protection cases. */
export function ProtectionNotes({
  notes,
  childCases,
  name,
}: {
  notes: ProtectionNote[];
  childCases: ChildCase[];
  name(personId: string): string;
}) {
  const { t, date } = useI18n();
  if (notes.length === 0 && childCases.length === 0) return <p className="empty">{t('children.noNotes')}</p>;
  return (
    <>
      {childCases.map((c) => (
        <p key={c.id} className="child-case-line">
          <strong>{name(c.personId)}</strong> · {t(`concern.${c.concern as 'other'}`)} ·{' '}
          {t(`childCaseStatus.${c.status}`)}: {c.summary}
        </p>
      ))}
      <ul className="notes">
        {notes.map((n) => (
          <li key={n.id} data-note={n.id}>
            <small>
              {date(n.occurredAt)} · {name(n.personId)} · {t(`noteKind.${n.kind as 'concern'}`)}
            </small>
            <p>{n.note}</p>
          </li>
        ))}
      </ul>
    </>
  );
}

export function ChildCases() {
  const { t, date } = useI18n();
  const [status, setStatus] = useState('open');
  const { data, error, reload } = useResource<Page<ChildCaseListed>>(
    `/child-cases?limit=200${status ? `&status=${status}` : ''}`,
  );
  const [openId, setOpenId] = useState<string | null>(null);
  return (
    <section>
      <header className="screen-head">
        <h1>{t('children.cases')}</h1>
        <ChildrenNav />
      </header>
      <form className="filters" onSubmit={(e) => e.preventDefault()}>
        <label>
          <span className="field-label">{t('common.status')}</span>
          <select name="status" value={status} onChange={(e) => setStatus(e.target.value)}>
            <option value="">{t('common.any')}</option>
            <option value="open">{t('childCaseStatus.open')}</option>
            <option value="closed">{t('childCaseStatus.closed')}</option>
          </select>
        </label>
      </form>
      <OpenChildCase onDone={reload} />
      {data === undefined ? (
        <Loading error={error} />
      ) : data.items.length === 0 ? (
        <p className="empty">{t('children.none')}</p>
      ) : (
        <ul className="child-cases">
          {data.items.map((c) => (
            <li key={c.id} className="card" data-child-case={c.id}>
              <button type="button" className="link" onClick={() => setOpenId(openId === c.id ? null : c.id)}>
                <strong>{c.displayName}</strong> {c.registrationNumber} ·{' '}
                {t(`concern.${c.concern as 'other'}`)} · {t(`childCaseStatus.${c.status}`)} ·{' '}
                {date(c.openedAt)}
              </button>
              <p>{c.summary}</p>
              {openId === c.id && <ChildCaseDetail childCase={c} onDone={reload} />}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

/** One child's notes (from the person's record, child-protection officers only), a new note, and closing. */
function ChildCaseDetail({ childCase, onDone }: { childCase: ChildCaseListed; onDone(): void }) {
  const { t } = useI18n();
  const person = useResource<PersonRecord & { protectionNotes?: ProtectionNote[] }>(
    `/persons/${childCase.personId}`,
  );
  const [kind, setKind] = useState('');
  const [note, setNote] = useState('');
  const [reason, setReason] = useState('');
  const noteForm = useSubmit(async () => {
    await api.post(`/persons/${childCase.personId}/protection-notes`, {
      kind,
      note,
      childCaseId: childCase.id,
    });
    setNote('');
    person.reload();
  });
  const closeForm = useSubmit(async () => {
    await api.post(`/child-cases/${childCase.id}/close`, { reason });
    onDone();
  });
  const notes = (person.data?.protectionNotes ?? []).filter(
    (n) => n.childCaseId === childCase.id || n.childCaseId === null,
  );
  return (
    <div className="child-case-detail">
      {person.data === undefined ? (
        <Loading error={person.error} />
      ) : (
        <ProtectionNotes notes={notes} childCases={[]} name={() => childCase.displayName} />
      )}
      {childCase.status === 'open' && (
        <>
          <form className="card" onSubmit={noteForm.submit} aria-label={t('children.addNote')}>
            <Field label={t('case.entryKind')} name="kind" error={noteForm.error}>
              <select name="kind" required value={kind} onChange={(e) => setKind(e.target.value)}>
                <option value="">{t('form.choose')}</option>
                {protectionNoteKinds.map((k) => (
                  <option key={k} value={k}>
                    {t(`noteKind.${k}`)}
                  </option>
                ))}
              </select>
            </Field>
            <Field label={t('entry.note')} name="note" error={noteForm.error}>
              <textarea
                name="note"
                required
                rows={2}
                value={note}
                onChange={(e) => setNote(e.target.value)}
              />
            </Field>
            <FormError error={noteForm.error} fields={['kind', 'note']} />
            <button type="submit" disabled={noteForm.busy}>
              {t('children.addNote')}
            </button>
          </form>
          <form className="card" onSubmit={closeForm.submit} aria-label={t('children.close')}>
            <Field label={t('case.reason')} name="reason" error={closeForm.error}>
              <input name="reason" required value={reason} onChange={(e) => setReason(e.target.value)} />
            </Field>
            <FormError error={closeForm.error} fields={['reason']} />
            <button type="submit" disabled={closeForm.busy}>
              {t('children.close')}
            </button>
          </form>
        </>
      )}
    </div>
  );
}

function OpenChildCase({ onDone }: { onDone(): void }) {
  const { t } = useI18n();
  const [values, setValues] = useState({ registrationNumber: '', concern: '', summary: '' });
  const set = (name: keyof typeof values) => (e: { target: { value: string } }) =>
    setValues((v) => ({ ...v, [name]: e.target.value }));
  const { error, busy, submit } = useSubmit(async () => {
    const found = await api.get<Page<{ id: string }>>(
      `/persons?q=${encodeURIComponent(values.registrationNumber)}&limit=1`,
    );
    const personId = found.items[0]?.id ?? values.registrationNumber;
    await api.post('/child-cases', { personId, concern: values.concern, summary: values.summary });
    setValues({ registrationNumber: '', concern: '', summary: '' });
    onDone();
  });
  return (
    <details className="panel">
      <summary>{t('children.openCase')}</summary>
      <form className="card" onSubmit={submit} aria-label={t('children.openCase')}>
        <Field label={t('children.child')} name="personId" error={error}>
          <input
            name="registrationNumber"
            required
            value={values.registrationNumber}
            onChange={set('registrationNumber')}
          />
        </Field>
        <Field label={t('children.concern')} name="concern" error={error}>
          <select name="concern" required value={values.concern} onChange={set('concern')}>
            <option value="">{t('form.choose')}</option>
            {childCaseConcerns.map((c) => (
              <option key={c} value={c}>
                {t(`concern.${c}`)}
              </option>
            ))}
          </select>
        </Field>
        <Field label={t('children.summary')} name="summary" error={error}>
          <textarea name="summary" required rows={2} value={values.summary} onChange={set('summary')} />
        </Field>
        <FormError error={error} fields={['personId', 'concern', 'summary']} />
        <button type="submit" className="primary" disabled={busy}>
          {t('children.openCase')}
        </button>
      </form>
    </details>
  );
}

export function BirthRegistrations() {
  const { t, date } = useI18n();
  const user = useUser();
  const directory = useDirectory();
  const { data, error, reload } = useResource<Page<BirthRegistration>>('/birth-registrations?limit=200');
  return (
    <section>
      <header className="screen-head">
        <h1>{t('children.births')}</h1>
        <ChildrenNav />
      </header>
      {data === undefined ? (
        <Loading error={error} />
      ) : data.items.length === 0 ? (
        <p className="empty">{t('children.none')}</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th>{t('children.child')}</th>
              <th>{t('children.mother')}</th>
              <th>{t('children.born')}</th>
              <th>{t('common.facility')}</th>
              <th>{t('common.status')}</th>
            </tr>
          </thead>
          <tbody>
            {data.items.map((b) => (
              <tr key={b.id} data-birth={b.id}>
                <th scope="row">
                  <PersonName id={b.id} name={b.displayName} /> <small>{b.registrationNumber}</small>
                </th>
                <td>
                  <PersonName id={b.motherId} name={b.motherName} />
                </td>
                <td>{date(b.bornAt)}</td>
                <td>{directory.facility(b.facilityId)?.code ?? '–'}</td>
                <td>
                  {b.status === 'completed' ? (
                    `${t('birth.completed')} · ${b.reference}`
                  ) : completesBirthRegistrations(user.role) ? (
                    <CompleteBirth id={b.id} onDone={reload} />
                  ) : (
                    t('birth.open')
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

function CompleteBirth({ id, onDone }: { id: string; onDone(): void }) {
  const { t } = useI18n();
  const [reference, setReference] = useState('');
  const [authority, setAuthority] = useState('');
  const { error, busy, submit } = useSubmit(async () => {
    await api.post(`/birth-registrations/${id}/completion`, { reference, authority });
    onDone();
  });
  return (
    <form className="inline-form" onSubmit={submit} aria-label={t('birth.complete')}>
      <input
        name="reference"
        required
        placeholder={t('birth.reference')}
        aria-label={t('birth.reference')}
        value={reference}
        onChange={(e) => setReference(e.target.value)}
      />
      <input
        name="authority"
        required
        placeholder={t('birth.authority')}
        aria-label={t('birth.authority')}
        value={authority}
        onChange={(e) => setAuthority(e.target.value)}
      />
      <button type="submit" disabled={busy}>
        {t('birth.complete')}
      </button>
      <FormError error={error} fields={[]} />
    </form>
  );
}
