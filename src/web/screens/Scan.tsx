// Checking a person's ID card at a gate or a door: the camera (or the registration number typed from
// the card), then who the card names and where they are held, or why the card is refused.
import { useState } from 'react';
import { Link } from 'wouter';
import { ApiError, api, query } from '../api/client.ts';
import type { Page, Person, ScannedPerson } from '../api/types.ts';
import { useProblemText } from '../components/form.tsx';
import { QrScanner } from '../components/QrScanner.tsx';
import { StatusBadge } from '../components/StatusBadge.tsx';
import { useDirectory } from '../directory.tsx';
import { useI18n } from '../i18n/index.tsx';
import { cardRefusals, readScanText } from '../scan.ts';

type Result =
  | { kind: 'person'; person: Person; serial: number | null }
  | { kind: 'refused'; message: string };

export function Scan() {
  const { t, facilityName } = useI18n();
  const directory = useDirectory();
  const problemText = useProblemText();
  const [result, setResult] = useState<Result | null>(null);

  const check = async (text: string) => {
    const read = readScanText(text);
    try {
      if (read.kind === 'card') {
        const person = await api.post<ScannedPerson>('/cards/scan', { code: read.code });
        setResult({ kind: 'person', person, serial: person.card.serial });
      } else if (read.kind === 'registration-number') {
        const found = await api.get<Page<Person>>(`/persons${query({ q: read.registrationNumber })}`);
        const person = found.items[0];
        setResult(
          person
            ? { kind: 'person', person, serial: null }
            : { kind: 'refused', message: t('scan.unknownPerson') },
        );
      } else {
        setResult({ kind: 'refused', message: t('scan.unknownText') });
      }
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      const key = cardRefusals[error.code];
      setResult({ kind: 'refused', message: key ? t(key) : problemText(error) });
    }
  };

  const place = (p: Person) => {
    const facility = directory.facility(p.custody.facilityId);
    return [
      facility && `${facility.code} · ${facilityName(facility)}`,
      directory.section(p.custody.sectionId)?.name,
    ]
      .filter(Boolean)
      .join(' · ');
  };

  return (
    <section className="scan">
      <header className="screen-head">
        <h1>{t('scan.title')}</h1>
        <p className="muted">{t('scan.explain')}</p>
      </header>
      {result?.kind === 'refused' && (
        <p className="scan-result refused" role="alert" data-testid="scan-result">
          {result.message}
        </p>
      )}
      {result?.kind === 'person' && (
        <div className="scan-result valid" aria-live="polite" data-testid="scan-result">
          <p>
            <strong>
              {result.serial === null ? t('scan.typed') : t('scan.valid', { serial: result.serial })}
            </strong>
          </p>
          <p className="regno">{result.person.registrationNumber}</p>
          <h2>
            <Link href={`/persons/${result.person.id}`}>{result.person.displayName}</Link>
          </h2>
          <StatusBadge custody={result.person.custody} />
          <p>{place(result.person)}</p>
        </div>
      )}
      <QrScanner onCode={(code) => void check(code)} />
    </section>
  );
}
