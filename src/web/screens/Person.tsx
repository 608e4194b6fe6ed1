// One person: identity, where they are now, their household and family, the custody timeline from the
// ledger, and the custody events the user's role may record for them now.
import { type ReactNode, useState } from 'react';
import { Link, useParams } from 'wouter';
import { api } from '../api/client.ts';
import type { CustodyHistoryEntry, NameParts, PersonRecord } from '../api/types.ts';
import { useResource } from '../api/use-resource.ts';
import { Field, FormError, Loading, useSubmit } from '../components/form.tsx';
import { StatusBadge } from '../components/StatusBadge.tsx';
import { useDirectory } from '../directory.tsx';
import type { MessageKey } from '../i18n/en.ts';
import { useI18n } from '../i18n/index.tsx';
import { actionsFor, issuesCards, type RecordableEvent, worksCases } from '../policy.ts';
import { useUser } from '../session.tsx';
import { OpenCasePanel } from './Cases.tsx';
import { CustodyForm } from './CustodyForm.tsx';

const nameOrder = ['given', 'father', 'grandfather', 'family', 'kunya'] as const;
export const fullName = (n: NameParts | undefined) =>
  n
    ? nameOrder
        .map((k) => n[k])
        .filter(Boolean)
        .join(' ')
    : '';

function Row({ label, children }: { label: string; children: ReactNode }) {
  if (children === undefined || children === null || children === '') return null;
  return (
    <>
      <dt>{label}</dt>
      <dd>{children}</dd>
    </>
  );
}

/** The details of a custody event worth reading in a timeline, by the key the API gives them under. */
const detailLabels: [string, MessageKey][] = [
  ['reason', 'form.reason'],
  ['authority', 'form.authority'],
  ['legalBasis', 'form.legalBasis'],
  ['orderingAuthority', 'form.orderingAuthority'],
  ['toAuthority', 'form.toAuthority'],
  ['country', 'form.country'],
  ['hospital', 'form.hospital'],
  ['dueAt', 'form.dueAt'],
  ['circumstances', 'form.circumstances'],
  ['visibleInjuries', 'form.visibleInjuries'],
  ['complaintsOfPriorTreatment', 'form.complaints'],
  ['separationOverride', 'form.separationOverride'],
];

function Timeline({ entries }: { entries: CustodyHistoryEntry[] }) {
  const { t, dateTime } = useI18n();
  const directory = useDirectory();
  return (
    <ol className="timeline">
      {entries.map((e) => {
        const place = [
          directory.facility(e.facilityId)?.code,
          directory.section(e.details.sectionId as string | undefined)?.code,
        ]
          .filter(Boolean)
          .join(' · ');
        const destination = directory.facility(e.details.toFacilityId as string | undefined);
        return (
          <li key={e.id} className={e.voidedBy ? 'voided' : undefined} data-event={e.type}>
            <p className="timeline-head">
              <strong>{t(`event.${e.type}`)}</strong> <time className="muted">{dateTime(e.occurredAt)}</time>
              {place && <span className="place">{place}</span>}
              {destination && <span className="place">→ {destination.code}</span>}
              {e.voidedBy && <span className="status">{t('person.voided')}</span>}
            </p>
            <dl className="details">
              {detailLabels.map(([key, label]) => {
                const value = e.details[key];
                if (typeof value !== 'string') return null;
                return (
                  <Row key={key} label={t(label)}>
                    <bdi>{key === 'dueAt' ? dateTime(value) : value}</bdi>
                  </Row>
                );
              })}
            </dl>
          </li>
        );
      })}
    </ol>
  );
}

/**
 * The person's ID card: which one is current, and for registrars, issuing a first or a new one and
 * printing it (a copy of a valid card is a second card: only those who issue cards print them).
 */
function IdCardPanel({ person, onIssued }: { person: PersonRecord; onIssued(): void }) {
  const { t, date } = useI18n();
  const user = useUser();
  const { card } = person;
  const [replacing, setReplacing] = useState(false);
  const [reason, setReason] = useState('');
  const [issued, setIssued] = useState<number | null>(null);
  // One key per form: a double click, or a retry after a dropped answer, issues one card.
  const [key, setKey] = useState(() => crypto.randomUUID());
  const issue = useSubmit(async () => {
    const body = reason.trim() === '' ? {} : { reason: reason.trim() };
    const answer = await api.post<{ serial: number }>(`/persons/${person.id}/cards`, body, key);
    setIssued(answer.serial);
    setReplacing(false);
    setReason('');
    setKey(crypto.randomUUID());
    onIssued();
  });
  const valid = card !== null && card.revokedAt === null;
  return (
    <article className="panel" data-testid="id-card-panel">
      <h2>{t('card.title')}</h2>
      {issued !== null && <output className="notice">{t('card.issued', { serial: issued })}</output>}
      <p>
        {card === null
          ? t('card.none')
          : card.revokedAt === null
            ? t('card.current', { serial: card.serial, date: date(card.issuedAt) })
            : t('card.revoked', {
                serial: card.serial,
                date: date(card.revokedAt),
                reason: card.revokedReason ?? '',
              })}
      </p>
      {replacing && card !== null && (
        <form onSubmit={issue.submit}>
          <p className="hint">{t('card.reissueWarning', { serial: card.serial })}</p>
          <Field label={t('form.reason')} name="reason" error={issue.error}>
            <input name="reason" value={reason} onChange={(e) => setReason(e.target.value)} />
          </Field>
          <FormError error={issue.error} fields={['reason']} />
          <div className="actions">
            <button type="submit" className="primary" disabled={issue.busy}>
              {t('card.reissue')}
            </button>
          </div>
        </form>
      )}
      <div className="actions wrap">
        {valid && issuesCards(user.role) && (
          <Link href={`/persons/${person.id}/card`} className="button">
            {t('card.print')}
          </Link>
        )}
        {issuesCards(user.role) && card === null && (
          <form onSubmit={issue.submit}>
            <button type="submit" className="primary" disabled={issue.busy}>
              {t('card.issue')}
            </button>
          </form>
        )}
        {issuesCards(user.role) && card !== null && !replacing && (
          <button type="button" onClick={() => setReplacing(true)}>
            {t('card.reissue')}
          </button>
        )}
      </div>
      {card === null && <FormError error={issue.error} fields={[]} />}
    </article>
  );
}

export function Person() {
  const { t, date, dateTime, facilityName } = useI18n();
  const user = useUser();
  const directory = useDirectory();
  const { personId } = useParams<{ personId: string }>();
  const person = useResource<PersonRecord>(`/persons/${personId}`);
  const history = useResource<{ items: CustodyHistoryEntry[] }>(`/persons/${personId}/custody-events`);
  const [action, setAction] = useState<RecordableEvent | null>(null);
  const [recorded, setRecorded] = useState<RecordableEvent | null>(null);

  const p = person.data;
  if (p === undefined) return <Loading error={person.error} />;
  const { custody, identity } = p;
  const actions = actionsFor(user.role, custody);
  const facility = directory.facility(custody.facilityId);
  const facilityOf = (id: string | null) => {
    const f = directory.facility(id);
    return f && `${f.code} · ${facilityName(f)}`;
  };
  return (
    <section className="person">
      <header className="screen-head">
        <p className="regno">{p.registrationNumber}</p>
        <h1>{p.displayName}</h1>
        {identity.names.arabic && (
          <p className="arabic-name big">
            <bdi lang="ar">{fullName(identity.names.arabic)}</bdi>
          </p>
        )}
        <StatusBadge custody={custody} />
      </header>
      {recorded && (
        <output className="notice">{t('person.recorded', { event: t(`event.${recorded}`) })}</output>
      )}
      <div className="panels">
        <article className="panel">
          <h2>{t('person.custody')}</h2>
          <dl className="details">
            <Row label={t('common.status')}>
              <StatusBadge custody={custody} />
            </Row>
            <Row label={t('common.facility')}>
              {facility && (
                <Link
                  href={`/facilities/${facility.id}`}
                >{`${facility.code} · ${facilityName(facility)}`}</Link>
              )}
            </Row>
            <Row label={t('common.section')}>{directory.section(custody.sectionId)?.name}</Row>
            <Row label={t('form.hospital')}>{custody.hospital}</Row>
            <Row label={t('person.transferFrom')}>{facilityOf(custody.transferFromFacilityId)}</Row>
            <Row label={t('person.transferTo')}>{facilityOf(custody.transferToFacilityId)}</Row>
            <Row label={t('form.dueAt')}>{custody.transferDueAt && dateTime(custody.transferDueAt)}</Row>
            <Row label={t('person.handedOverTo')}>{custody.handedOverTo}</Row>
            <Row label={t('person.since')}>{custody.since && dateTime(custody.since)}</Row>
          </dl>
          {actions.length > 0 && <h3 className="actions-head">{t('person.actions')}</h3>}
          {actions.length > 0 && (
            <div className="actions wrap">
              {actions.map((type) => (
                <button
                  key={type}
                  type="button"
                  aria-pressed={action === type}
                  onClick={() => {
                    setRecorded(null);
                    setAction(type);
                  }}
                >
                  {t(`action.${type}`)}
                </button>
              ))}
            </div>
          )}
          {action && (
            <CustodyForm
              key={action}
              person={p}
              type={action}
              onCancel={() => setAction(null)}
              onDone={() => {
                setRecorded(action);
                setAction(null);
                person.reload();
                history.reload();
              }}
            />
          )}
        </article>
        <article className="panel">
          <h2>{t('person.identity')}</h2>
          <dl className="details">
            <Row label={t('person.nameLatin')}>{fullName(identity.names.latin)}</Row>
            <Row label={t('person.nameArabic')}>
              {identity.names.arabic && (
                <span lang="ar" dir="rtl">
                  {fullName(identity.names.arabic)}
                </span>
              )}
            </Row>
            <Row label={t('person.kunya')}>{identity.names.latin?.kunya ?? identity.names.arabic?.kunya}</Row>
            <Row label={t('person.aliases')}>{identity.names.aliases.join(', ')}</Row>
            <Row label={t('person.sex')}>{t(`sex.${identity.sex}`)}</Row>
            <Row label={t('person.birthDate')}>
              {date(identity.birthDate.date)}
              {identity.birthDate.estimated && ` (${t('person.estimated')})`}
            </Row>
            <Row label={t('common.category')}>{t(`person.category.${p.category}`)}</Row>
            <Row label={t('common.nationality')}>
              {`${identity.nationalities.join(', ')} · ${t(`nationality.${p.nationalityGroup}`)}`}
            </Row>
            <Row label={t('person.placeOfBirth')}>{identity.placeOfBirth}</Row>
            <Row label={t('person.lastResidence')}>{identity.lastResidence}</Row>
            <Row label={t('person.father')}>{identity.fatherFirstName}</Row>
            <Row label={t('person.mother')}>{identity.motherName}</Row>
            <Row label={t('person.marks')}>{identity.distinguishingMarks}</Row>
            <Row label={t('person.notify')}>
              {identity.personToNotify &&
                [identity.personToNotify.name, identity.personToNotify.relation].filter(Boolean).join(', ')}
            </Row>
            <Row label={t('person.classification')}>
              {p.classification && t(`classification.${p.classification}`)}
            </Row>
          </dl>
        </article>
        <article className="panel" data-testid="household">
          <h2>{t('person.household')}</h2>
          {p.household.length === 0 ? (
            <p className="muted">{t('person.noHousehold')}</p>
          ) : (
            <ul className="members">
              {p.household.map((m) => (
                <li key={m.id}>
                  {m.id === p.id ? (
                    <strong>{m.displayName}</strong>
                  ) : (
                    <Link href={`/persons/${m.id}`}>{m.displayName}</Link>
                  )}{' '}
                  <span className="regno">{m.registrationNumber}</span>
                </li>
              ))}
            </ul>
          )}
          {p.familyLinks.length > 0 && (
            <>
              <h3>{t('person.family')}</h3>
              <ul className="members">
                {p.familyLinks.map((l) => {
                  const self = l.personId === p.id;
                  const otherId = self ? l.relatedPersonId : l.personId;
                  const otherName = self ? l.relatedPersonName : l.personName;
                  return (
                    <li key={l.id}>
                      {t(self ? `relation.of.${l.relation}` : `relation.is.${l.relation}`)}{' '}
                      <Link href={`/persons/${otherId}`}>{otherName}</Link>
                    </li>
                  );
                })}
              </ul>
            </>
          )}
        </article>
        <IdCardPanel person={p} onIssued={person.reload} />
        {worksCases(user.role) && <OpenCasePanel person={p} />}
        <article className="panel wide">
          <h2>{t('person.timeline')}</h2>
          {history.data ? <Timeline entries={history.data.items} /> : <Loading error={history.error} />}
        </article>
      </div>
    </section>
  );
}
