// Recording one custody event (POST /persons/:id/custody-events) for a person, or for the person and
// the members of their household with them in one request (POST /households/:id/custody-events) when
// the event moves a family. The API validates; its field errors show beside the fields. Each
// submission carries an Idempotency-Key, so sending it again after a failure records nobody twice.
import { type ReactNode, useEffect, useState } from 'react';
import { api } from '../api/client.ts';
import type { PersonRecord } from '../api/types.ts';
import { Field, FormError, useSubmit } from '../components/form.tsx';
import { useDirectory } from '../directory.tsx';
import type { MessageKey } from '../i18n/en.ts';
import { useI18n } from '../i18n/index.tsx';
import { actionsFor, type RecordableEvent } from '../policy.ts';
import { useUser } from '../session.tsx';

/** Events that move a family together: the form offers the household members with the person. */
const householdEvents: ReadonlySet<RecordableEvent> = new Set([
  'moved',
  'transfer-started',
  'transfer-received',
]);

type Values = Record<string, string>;

/** `datetime-local` gives a wall-clock time; the register keeps UTC, and the form says so. */
const utc = (local: string) => `${local}:00Z`;

/** A submission's id (crypto.randomUUID needs HTTPS or localhost; a facility LAN may have neither). */
function randomId(): string {
  return Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, '0')).join(
    '',
  );
}

/** The request body for `type` from the form's values: empty fields are left out. */
function bodyOf(type: RecordableEvent, values: Values, person: PersonRecord): Record<string, unknown> {
  const given = Object.fromEntries(Object.entries(values).filter(([, v]) => v.trim() !== ''));
  const { occurredAt, dueAt, ...rest } = given;
  return {
    type,
    ...rest,
    ...(type === 'transfer-received' ? { facilityId: person.custody.transferToFacilityId } : {}),
    ...(occurredAt ? { occurredAt: utc(occurredAt) } : {}),
    ...(dueAt ? { dueAt: utc(dueAt) } : {}),
  };
}

interface Member {
  person: PersonRecord;
  selected: boolean;
}

/** The other members of the household to whom the same event applies now, as the person's. */
function useHousehold(person: PersonRecord, type: RecordableEvent) {
  const user = useUser();
  const [members, setMembers] = useState<Member[]>([]);
  useEffect(() => {
    if (!householdEvents.has(type)) return;
    let current = true;
    const others = person.household.filter((m) => m.id !== person.id);
    void Promise.all(others.map((m) => api.get<PersonRecord>(`/persons/${m.id}`))).then((read) => {
      const together = read.filter(
        (m) =>
          actionsFor(user.role, m.custody).includes(type) &&
          m.custody.facilityId === person.custody.facilityId &&
          m.custody.transferToFacilityId === person.custody.transferToFacilityId,
      );
      if (current) setMembers(together.map((m) => ({ person: m, selected: true })));
    });
    return () => {
      current = false;
    };
  }, [person, type, user.role]);
  return [members, setMembers] as const;
}

export function CustodyForm({
  person,
  type,
  onDone,
  onCancel,
}: {
  person: PersonRecord;
  type: RecordableEvent;
  onDone(): void;
  onCancel(): void;
}) {
  const { t, facilityName } = useI18n();
  const directory = useDirectory();
  const [values, setValues] = useState<Values>({});
  const [submission] = useState(randomId);
  const [members, setMembers] = useHousehold(person, type);

  const { error, busy, submit } = useSubmit(async () => {
    const body = bodyOf(type, values, person);
    const others = members.filter((m) => m.selected).map((m) => m.person.id);
    if (others.length === 0 || person.householdId === null) {
      await api.post(`/persons/${person.id}/custody-events`, body, submission);
    } else {
      // One request, one transaction: the household moves together or not at all, and the server
      // judges the separation rule on the whole move.
      await api.post(
        `/households/${person.householdId}/custody-events`,
        { ...body, memberIds: [person.id, ...others] },
        submission,
      );
    }
    onDone();
  });

  // A section belongs to a facility: choosing another facility clears it.
  const set = (name: string) => (e: { target: { value: string } }) =>
    setValues((v) => ({ ...v, [name]: e.target.value, ...(name === 'facilityId' ? { sectionId: '' } : {}) }));
  const text = (name: string, label: MessageKey, required = true) => (
    <Field key={name} label={t(label)} name={name} error={error}>
      <input name={name} required={required} value={values[name] ?? ''} onChange={set(name)} />
    </Field>
  );
  const longText = (name: string, label: MessageKey, required = true) => (
    <Field key={name} label={t(label)} name={name} error={error}>
      <textarea name={name} required={required} rows={2} value={values[name] ?? ''} onChange={set(name)} />
    </Field>
  );
  const time = (name: string, label: MessageKey, required: boolean) => (
    <Field key={name} label={t(label)} name={name} error={error} hint={t('form.utcHint')}>
      <input
        type="datetime-local"
        name={name}
        required={required}
        value={values[name] ?? ''}
        onChange={set(name)}
      />
    </Field>
  );
  const facilitySelect = (name: string, label: MessageKey, exclude?: string | null) => (
    <Field key={name} label={t(label)} name={name} error={error}>
      <select name={name} required value={values[name] ?? ''} onChange={set(name)}>
        <option value="">{t('form.choose')}</option>
        {directory.facilities
          .filter((f) => f.id !== exclude)
          .map((f) => (
            <option key={f.id} value={f.id}>
              {f.code} · {facilityName(f)}
            </option>
          ))}
      </select>
    </Field>
  );
  const sectionSelect = (facilityId: string | null | undefined, required: boolean) => (
    <Field key="sectionId" label={t('common.section')} name="sectionId" error={error}>
      <select name="sectionId" required={required} value={values.sectionId ?? ''} onChange={set('sectionId')}>
        <option value="">{required ? t('form.choose') : t('form.noSection')}</option>
        {directory.sectionsOf(facilityId).map((s) => (
          <option key={s.id} value={s.id}>
            {s.code} · {s.name}
          </option>
        ))}
      </select>
    </Field>
  );

  const specific: Record<RecordableEvent, ReactNode[]> = {
    admitted: [
      facilitySelect('facilityId', 'common.facility'),
      sectionSelect(values.facilityId, false),
      longText('legalBasis', 'form.legalBasis'),
      text('orderingAuthority', 'form.orderingAuthority'),
      longText('visibleInjuries', 'form.visibleInjuries', false),
      longText('complaintsOfPriorTreatment', 'form.complaints', false),
    ],
    moved: [sectionSelect(person.custody.facilityId, true)],
    'transfer-started': [
      facilitySelect('toFacilityId', 'form.toFacility', person.custody.facilityId),
      time('dueAt', 'form.dueAt', true),
    ],
    'transfer-received': [sectionSelect(person.custody.transferToFacilityId, false)],
    hospitalised: [text('hospital', 'form.hospital')],
    returned: [sectionSelect(person.custody.facilityId, false)],
    'handed-over': [text('toAuthority', 'form.toAuthority'), text('country', 'form.countryOptional', false)],
    repatriated: [text('country', 'form.country')],
    released: [],
    escaped: [],
    recaptured: [facilitySelect('facilityId', 'common.facility'), sectionSelect(values.facilityId, false)],
    died: [longText('circumstances', 'form.circumstances')],
  };
  const fields = [
    'facilityId',
    'sectionId',
    'toFacilityId',
    'dueAt',
    'legalBasis',
    'orderingAuthority',
    'visibleInjuries',
    'complaintsOfPriorTreatment',
    'hospital',
    'toAuthority',
    'country',
    'circumstances',
    'reason',
    'authority',
    'occurredAt',
  ];

  return (
    <form className="card custody-form" onSubmit={submit} aria-label={t(`action.${type}`)}>
      <h3>{t(`action.${type}`)}</h3>
      {type === 'transfer-received' && (
        <p>
          {t('form.arrivingAt', {
            facility: directory.facility(person.custody.transferToFacilityId)?.code ?? '',
          })}
        </p>
      )}
      {specific[type]}
      {longText('reason', 'form.reason')}
      {text('authority', 'form.authority')}
      {time('occurredAt', 'form.occurredAt', false)}
      {members.length > 0 && (
        <fieldset className="household-pick">
          <legend>{t('form.withHousehold')}</legend>
          {members.map((m) => (
            <label key={m.person.id} className="check">
              <input
                type="checkbox"
                name="member"
                value={m.person.id}
                checked={m.selected}
                onChange={(e) =>
                  setMembers((all) =>
                    all.map((x) => (x.person.id === m.person.id ? { ...x, selected: e.target.checked } : x)),
                  )
                }
              />
              {m.person.displayName} <span className="muted">{m.person.registrationNumber}</span>
            </label>
          ))}
        </fieldset>
      )}
      <FormError error={error} fields={fields} />
      <div className="actions">
        <button type="submit" className="primary" disabled={busy}>
          {t('form.record')}
        </button>
        <button type="button" onClick={onCancel} disabled={busy}>
          {t('form.cancel')}
        </button>
      </div>
    </form>
  );
}
