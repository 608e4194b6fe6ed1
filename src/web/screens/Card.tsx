// A person's ID card, ready to print: ID-1 size (85.6 x 54 mm, a bank card's), a place for the photo,
// the name in Arabic and Latin script, registration number, facility, birth date and the QR code of the
// card's signed code. The rest of the page is hidden in print (styles.css, @media print).
import { Link, useParams } from 'wouter';
import type { IdCard, PersonRecord } from '../api/types.ts';
import { useResource } from '../api/use-resource.ts';
import { Loading } from '../components/form.tsx';
import { QrCode } from '../components/QrCode.tsx';
import { useDirectory } from '../directory.tsx';
import { useI18n } from '../i18n/index.tsx';
import { fullName } from './Person.tsx';

function IdCardFace({ person, card }: { person: PersonRecord; card: IdCard }) {
  const { t } = useI18n();
  const directory = useDirectory();
  const { names } = person.identity;
  const facility = directory.facility(person.custody.facilityId ?? person.custody.lastFacilityId);
  const issued = card.issuedAt.slice(0, 10);
  return (
    <article className="id-card" data-testid="id-card">
      <header className="id-card-head">
        <span>{facility?.nameEn}</span>
        <span lang="ar" dir="rtl">
          {facility?.nameAr}
        </span>
      </header>
      <div className="id-card-body">
        <div className="id-card-photo">{t('card.photo')}</div>
        <div className="id-card-text">
          {names.arabic && (
            <p className="id-card-name" lang="ar" dir="rtl">
              {fullName(names.arabic)}
            </p>
          )}
          {names.latin && (
            <p className="id-card-name" dir="ltr">
              {fullName(names.latin)}
            </p>
          )}
          <dl>
            <dt>{t('card.regno')}</dt>
            <dd className="id-card-regno" dir="ltr">
              {person.registrationNumber}
            </dd>
            <dt>{t('card.born')}</dt>
            <dd dir="ltr">
              {person.identity.birthDate.date}
              {person.identity.birthDate.estimated && ' ~'}
            </dd>
          </dl>
        </div>
        <QrCode
          className="id-card-qr"
          text={card.code}
          label={t('card.qr', { serial: card.serial, regno: person.registrationNumber })}
        />
      </div>
      <footer className="id-card-foot">{t('card.serial', { serial: card.serial, date: issued })}</footer>
    </article>
  );
}

export function CardPage() {
  const { t } = useI18n();
  const { personId } = useParams<{ personId: string }>();
  const person = useResource<PersonRecord>(`/persons/${personId}`);
  const p = person.data;
  if (p === undefined) return <Loading error={person.error} />;
  const valid = p.card !== null && p.card.revokedAt === null;
  return (
    <section className="card-sheet">
      <header className="screen-head no-print">
        <p className="regno">{p.registrationNumber}</p>
        <h1>
          {t('card.title')} · {p.displayName}
        </h1>
        {valid && <p className="hint">{t('card.printHint')}</p>}
        <div className="actions">
          {valid && (
            <button type="button" className="primary" onClick={() => window.print()}>
              {t('card.printNow')}
            </button>
          )}
          <Link href={`/persons/${p.id}`}>{t('card.back')}</Link>
        </div>
      </header>
      {valid ? <IdCardFace person={p} card={p.card!} /> : <p className="empty">{t('card.notValid')}</p>}
    </section>
  );
}
