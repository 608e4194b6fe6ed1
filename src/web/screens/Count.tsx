// The guard's counting screen, phone first: one headcount, the guard's section, and big buttons to
// mark people present by registration number, by name (searched in the section's roster, read once,
// so that it works with no network) or by card. Marks are queued on the device and sent when the
// network allows (headcount/use-mark-queue.ts); the screen says which are waiting and what became of
// the others. Numeric counts take one number per section. A commander closes the count here.
import { useEffect, useRef, useState } from 'react';
import { Link, useLocation, useParams, useSearchParams } from 'wouter';
import { api, query } from '../api/client.ts';
import type { Headcount, HeadcountSection, RosterEntry } from '../api/types.ts';
import { useResource } from '../api/use-resource.ts';
import { FormError, Loading, useSubmit } from '../components/form.tsx';
import { QrScanner } from '../components/QrScanner.tsx';
import { useDirectory } from '../directory.tsx';
import type { Outcome, QueuedMark } from '../headcount/mark-queue.ts';
import { DIGITS, digitsOf, entry, type Key, press } from '../headcount/registration-entry.ts';
import {
  isCounted,
  type LocalMark,
  type RosterState,
  rosterStates,
  searchRoster,
} from '../headcount/roster.ts';
import { type MarkQueue, useMarkQueue } from '../headcount/use-mark-queue.ts';
import type { MessageKey } from '../i18n/en.ts';
import { useI18n } from '../i18n/index.tsx';
import { closesCounts, countsPeople } from '../policy.ts';
import { readScanText } from '../scan.ts';
import { useUser } from '../session.tsx';
import { totals, useSectionLabel } from './Counts.tsx';

/** A section in the address: its id, or `unassigned` for the people with no section. */
const sectionKey = (id: string | null) => id ?? 'unassigned';

/** Refresh of the figures while the screen is open (and online). */
const REFRESH_MS = 30_000;

const stateLabel: Record<RosterState, MessageKey> = {
  'not-counted': 'headcount.state.not-counted',
  waiting: 'headcount.state.waiting',
  counted: 'headcount.state.counted',
  'counted-twice': 'headcount.state.counted-twice',
  refused: 'headcount.state.refused',
};

function markState(outcome: Outcome | undefined): RosterState {
  if (outcome === undefined) return 'waiting';
  if (outcome.outcome === 'counted-twice' || outcome.outcome === 'refused') return outcome.outcome;
  return 'counted';
}

/** The headcount, read again every 30 s while online; what was read last stays shown offline. */
function useHeadcount(headcountId: string, online: boolean) {
  const resource = useResource<Headcount>(`/headcounts/${headcountId}`);
  const last = useRef<Headcount | undefined>(undefined);
  if (resource.data) last.current = resource.data;
  const { reload } = resource;
  useEffect(() => {
    if (!online) return;
    const timer = setInterval(reload, REFRESH_MS);
    return () => clearInterval(timer);
  }, [online, reload]);
  return { count: resource.data ?? last.current, error: resource.error, reload };
}

/** Offline, waiting to send, or sending: what the guard must know about the marks not yet sent. */
function QueueStatus({ queue, headcountId }: { queue: MarkQueue; headcountId: string }) {
  const { t } = useI18n();
  const waiting = queue.waiting.filter((m) => m.headcountId === headcountId).length;
  if (queue.online && waiting === 0) return null;
  return (
    <output
      className={queue.online ? 'queue-status' : 'queue-status offline'}
      data-testid="queue"
      data-waiting={waiting}
      data-online={String(queue.online)}
    >
      {queue.online ? t('headcount.sending', { n: waiting }) : t('headcount.offline', { n: waiting })}
    </output>
  );
}

function SectionPicker({ count }: { count: Headcount }) {
  const { t } = useI18n();
  const sectionLabel = useSectionLabel();
  const [, setParams] = useSearchParams();
  return (
    <article className="panel">
      <h2>{t('headcount.pickSection')}</h2>
      <ul className="big-list">
        {count.sections.map((s) => (
          <li key={sectionKey(s.sectionId)}>
            <button
              type="button"
              className="big"
              data-section={s.code ?? 'unassigned'}
              onClick={() => setParams({ section: sectionKey(s.sectionId) })}
            >
              <strong>{sectionLabel(s)}</strong>
              <span className="muted">
                {count.kind === 'numeric'
                  ? t('headcount.reportedOf', { reported: s.reported ?? '—', expected: s.expected })
                  : t('headcount.progress', { counted: s.counted, expected: s.expected })}
              </span>
            </button>
          </li>
        ))}
      </ul>
    </article>
  );
}

/** The keypad: the facility code, then six digits and the check digit; a wrong check digit is said. */
function NumberEntry({ facilityCode, onNumber }: { facilityCode: string; onNumber(n: string): void }) {
  const { t } = useI18n();
  const directory = useDirectory();
  // The count's facility until another is chosen (it is known once the directory is read).
  const [chosen, setCode] = useState<string | null>(null);
  const code = chosen ?? facilityCode;
  const [digits, setDigits] = useState('');
  const typed = entry(code, digits);
  const keys: Key[] = ['1', '2', '3', '4', '5', '6', '7', '8', '9', 'clear', '0', 'back'];
  const done = () => {
    if (typed.registrationNumber === null) return;
    onNumber(typed.registrationNumber);
    setDigits('');
  };
  return (
    <form
      className="number-entry"
      onSubmit={(e) => {
        e.preventDefault();
        done();
      }}
    >
      <div className="entry-line">
        <select
          name="facilityCode"
          value={code}
          onChange={(e) => setCode(e.target.value)}
          aria-label={t('common.facility')}
        >
          {[...new Set([facilityCode, ...directory.facilities.map((f) => f.code)])].map((c) => (
            <option key={c} value={c}>
              {c}
            </option>
          ))}
        </select>
        <input
          name="registrationDigits"
          className={typed.complete && typed.registrationNumber === null ? 'entry invalid' : 'entry'}
          value={typed.shown.slice(code.length + 1)}
          inputMode="none"
          autoComplete="off"
          maxLength={DIGITS + 2}
          placeholder="000000-0"
          aria-label={t('headcount.registrationNumber')}
          onChange={(e) => setDigits(digitsOf(e.target.value))}
        />
      </div>
      {typed.complete && typed.registrationNumber === null && (
        <p className="field-error" role="alert">
          {t('headcount.checkDigitWrong')}
        </p>
      )}
      <div className="keypad">
        {keys.map((key) => (
          <button
            key={key}
            type="button"
            data-key={key}
            onClick={() => setDigits((d) => press(d, key))}
            aria-label={
              key === 'back' ? t('headcount.keyBack') : key === 'clear' ? t('headcount.keyClear') : key
            }
          >
            {key === 'back' ? '⌫' : key === 'clear' ? 'C' : key}
          </button>
        ))}
      </div>
      <button type="submit" className="primary big present" disabled={typed.registrationNumber === null}>
        {t('headcount.present')}
      </button>
    </form>
  );
}

/** One person of the roster, with a big button to mark them present while not counted. */
function RosterRow({
  person,
  state,
  onMark,
}: {
  person: RosterEntry;
  state: RosterState | undefined;
  onMark(): void;
}) {
  const { t } = useI18n();
  const counted = isCounted(state);
  return (
    <li className={`roster-row state-${state ?? 'not-counted'}`} data-person={person.registrationNumber}>
      <span className="roster-who">
        <strong>
          <bdi>{person.displayName}</bdi>
        </strong>
        <span className="regno">{person.registrationNumber}</span>
      </span>
      {counted ? (
        <span className={`mark-state state-${state}`}>{t(stateLabel[state ?? 'counted'])}</span>
      ) : (
        <button type="button" className="primary" onClick={onMark}>
          {t('headcount.present')}
        </button>
      )}
    </li>
  );
}

function NominalCounting({
  count,
  section,
  queue,
  onOtherSection,
}: {
  count: Headcount;
  section: HeadcountSection;
  queue: MarkQueue;
  onOtherSection(): void;
}) {
  const { t, dateTime } = useI18n();
  const sectionLabel = useSectionLabel();
  const directory = useDirectory();
  const [mode, setMode] = useState<'number' | 'name' | 'card'>('number');
  const [typed, setTyped] = useState('');
  const [notice, setNotice] = useState<{ text: string; tone: 'ok' | 'warn' } | null>(null);
  const roster = useResource<{ items: RosterEntry[] }>(
    `/headcounts/${count.headcountId}/roster${query({ sectionId: sectionKey(section.sectionId) })}`,
  );
  const people = roster.data?.items ?? [];
  const mine = queue.marks.filter(
    (m) => m.headcountId === count.headcountId && m.sectionId === section.sectionId,
  );
  const local: LocalMark[] = mine.map((mark) => ({ mark, outcome: queue.outcomes.get(mark.markId) }));
  const states = rosterStates(people, local);
  const counted = people.filter((p) => isCounted(states.get(p.personId))).length;
  const byNumber = new Map(people.map((p) => [p.registrationNumber, p]));
  const byId = new Map(people.map((p) => [p.personId, p]));
  const facility = directory.facility(count.facilityId);

  const present = (person: RosterEntry | undefined, mark: () => QueuedMark, shown: string) => {
    if (person && isCounted(states.get(person.personId))) {
      setNotice({ text: t('headcount.alreadyCounted', { name: person.displayName }), tone: 'warn' });
      return;
    }
    mark();
    setNotice(
      person
        ? { text: t('headcount.marked', { name: person.displayName }), tone: 'ok' }
        : { text: t('headcount.markedNotListed', { number: shown }), tone: 'warn' },
    );
  };
  const base = { headcountId: count.headcountId, sectionId: section.sectionId };
  const markNumber = (registrationNumber: string) =>
    present(
      byNumber.get(registrationNumber),
      () => queue.mark({ ...base, method: 'registration-number', registrationNumber }),
      registrationNumber,
    );
  /** A scanned card: whom it names is checked by the server (a forged or revoked card counts nobody). */
  const markScan = (code: string) => {
    const read = readScanText(code);
    if (read.kind === 'card') {
      present(
        byNumber.get(read.registrationNumber),
        () => queue.mark({ ...base, method: 'card', cardCode: read.code }),
        read.registrationNumber,
      );
    } else if (read.kind === 'registration-number') {
      markNumber(read.registrationNumber);
    } else {
      setNotice({ text: t('scan.unknownText'), tone: 'warn' });
    }
  };
  const markPerson = (person: RosterEntry) =>
    present(
      person,
      () => queue.mark({ ...base, method: 'name-search', personId: person.personId }),
      person.registrationNumber,
    );

  const found = searchRoster(people, typed).slice(0, 20);
  const notCounted = people.filter((p) => !isCounted(states.get(p.personId)));
  /** Who a mark names: from the roster, else from the server's answer, else the number typed. */
  const who = (m: QueuedMark, outcome: Outcome | undefined) => {
    const listed =
      (m.personId && byId.get(m.personId)) || (m.registrationNumber && byNumber.get(m.registrationNumber));
    const answered = outcome && outcome.outcome !== 'refused' ? outcome.result : undefined;
    return {
      name: listed ? listed.displayName : answered?.displayName,
      number: listed ? listed.registrationNumber : (answered?.registrationNumber ?? m.registrationNumber),
    };
  };
  return (
    <>
      <div className="tally" data-testid="tally" data-counted={counted} data-expected={people.length}>
        <span className="tally-figure">
          {t('headcount.progress', { counted, expected: roster.data ? people.length : section.expected })}
        </span>
        <span className="muted">{sectionLabel(section)}</span>
        <button type="button" className="link" onClick={onOtherSection}>
          {t('headcount.otherSection')}
        </button>
      </div>
      {roster.error && (
        <div className="form-error" role="alert">
          <p>{t('headcount.rosterUnread')}</p>
          <button type="button" onClick={roster.reload}>
            {t('common.retry')}
          </button>
        </div>
      )}
      <div className="modes" role="tablist">
        <button
          type="button"
          role="tab"
          className="big"
          aria-selected={mode === 'number'}
          onClick={() => setMode('number')}
        >
          {t('headcount.byNumber')}
        </button>
        <button
          type="button"
          role="tab"
          className="big"
          aria-selected={mode === 'name'}
          onClick={() => setMode('name')}
        >
          {t('headcount.byName')}
        </button>
        <button
          type="button"
          role="tab"
          className="big"
          aria-selected={mode === 'card'}
          onClick={() => setMode('card')}
        >
          {t('headcount.scanCard')}
        </button>
      </div>
      {mode === 'card' ? (
        <QrScanner onCode={markScan} autoStart />
      ) : mode === 'number' ? (
        <NumberEntry facilityCode={facility?.code ?? ''} onNumber={markNumber} />
      ) : (
        <div className="name-search">
          <input
            name="q"
            type="search"
            value={typed}
            autoComplete="off"
            placeholder={t('registry.searchPlaceholder')}
            aria-label={t('registry.search')}
            onChange={(e) => setTyped(e.target.value)}
          />
          {typed.trim() !== '' && found.length === 0 && <p className="empty">{t('registry.none')}</p>}
          <ul className="roster">
            {found.map((p) => (
              <RosterRow
                key={p.personId}
                person={p}
                state={states.get(p.personId)}
                onMark={() => markPerson(p)}
              />
            ))}
          </ul>
        </div>
      )}
      {notice && (
        <output className={`mark-notice ${notice.tone}`} data-testid="mark-notice">
          {notice.text}
        </output>
      )}
      {mine.length > 0 && (
        <article className="panel marks">
          <h2>{t('headcount.marks')}</h2>
          <ol className="mark-list" data-testid="marks">
            {mine
              .slice(-30)
              .reverse()
              .map((m) => {
                const outcome = queue.outcomes.get(m.markId);
                const state = markState(outcome);
                const first =
                  outcome && outcome.outcome === 'counted-twice' ? outcome.result.firstCount : undefined;
                const { name, number } = who(m, outcome);
                return (
                  <li key={m.markId} data-state={state} data-person={number}>
                    <span className="roster-who">
                      {name && <bdi>{name}</bdi>}
                      <span className="regno">{number}</span>
                    </span>
                    <span className={`mark-state state-${state}`}>{t(stateLabel[state])}</span>
                    {first && (
                      <span className="muted mark-detail">
                        {t('headcount.firstCount', {
                          section: directory.section(first.sectionId)?.code ?? t('facility.unassigned'),
                          by: first.by,
                          at: dateTime(first.at),
                        })}
                      </span>
                    )}
                    {outcome?.outcome === 'refused' && (
                      <span className="field-error mark-detail">
                        <bdi>{outcome.reason}</bdi>
                      </span>
                    )}
                  </li>
                );
              })}
          </ol>
        </article>
      )}
      {roster.data && (
        <details className="panel not-counted" open={notCounted.length <= 30}>
          <summary>
            <h2>{t('headcount.notCounted', { n: notCounted.length })}</h2>
          </summary>
          <ul className="roster" data-testid="not-counted">
            {notCounted.map((p) => (
              <RosterRow
                key={p.personId}
                person={p}
                state={states.get(p.personId)}
                onMark={() => markPerson(p)}
              />
            ))}
          </ul>
        </details>
      )}
    </>
  );
}

/** Numeric counts: one number per section, entered and sent (online: a number is quick to re-enter). */
function SectionNumber({
  count,
  section,
  onDone,
}: {
  count: Headcount;
  section: HeadcountSection;
  onDone(): void;
}) {
  const { t } = useI18n();
  const sectionLabel = useSectionLabel();
  const [value, setValue] = useState(section.reported === null ? '' : String(section.reported));
  const { error, busy, submit } = useSubmit(async () => {
    await api.post<Headcount>(`/headcounts/${count.headcountId}/section-counts`, {
      sectionId: section.sectionId,
      count: Number(value),
    });
    onDone();
  });
  return (
    <form className="panel section-number" onSubmit={submit} data-section={section.code ?? 'unassigned'}>
      <h2>{sectionLabel(section)}</h2>
      <p className="muted">
        {t('headcount.reportedOf', { reported: section.reported ?? '—', expected: section.expected })}
        {section.difference !== null && section.difference !== 0 && (
          <strong className="difference"> {t('headcount.difference', { n: section.difference })}</strong>
        )}
      </p>
      <div className="entry-line">
        <input
          name="count"
          type="number"
          inputMode="numeric"
          min={0}
          required
          className="entry"
          value={value}
          aria-label={t('headcount.peopleCounted')}
          onChange={(e) => setValue(e.target.value)}
        />
        <button type="submit" className="primary big" disabled={busy || value === ''}>
          {t('headcount.report')}
        </button>
      </div>
      <FormError error={error} fields={[]} />
    </form>
  );
}

function CloseCount({ count, onClosed }: { count: Headcount; onClosed(): void }) {
  const { t } = useI18n();
  const [asked, setAsked] = useState(false);
  const { error, busy, submit } = useSubmit(async () => {
    await api.post<Headcount>(`/headcounts/${count.headcountId}/close`, {});
    onClosed();
  });
  const { counted, expected } = totals(count);
  return (
    <form className="panel close-count" onSubmit={submit}>
      {asked ? (
        <>
          <p>{t('headcount.closeConfirm', { counted, expected })}</p>
          <div className="actions">
            <button type="submit" className="primary big" disabled={busy} data-action="close-confirm">
              {t('headcount.closeYes')}
            </button>
            <button type="button" onClick={() => setAsked(false)}>
              {t('form.cancel')}
            </button>
          </div>
        </>
      ) : (
        <button type="button" className="big" onClick={() => setAsked(true)} data-action="close">
          {t('headcount.close')}
        </button>
      )}
      <FormError error={error} fields={[]} />
    </form>
  );
}

/** A closed count: its figures per section, and the way to its discrepancies. */
function ClosedCount({ count }: { count: Headcount }) {
  const { t, dateTime } = useI18n();
  const sectionLabel = useSectionLabel();
  const open = count.discrepancies.filter((d) => d.status === 'open').length;
  return (
    <article className="panel">
      <p>
        {t('headcount.closedAt', {
          at: dateTime(count.closedAt ?? count.openedAt),
          by: count.closedBy ?? '',
        })}
      </p>
      <div className="table-scroll">
        <table>
          <thead>
            <tr>
              <th>{t('common.section')}</th>
              <th>{t('headcount.expected')}</th>
              <th>{count.kind === 'numeric' ? t('headcount.reported') : t('headcount.counted')}</th>
            </tr>
          </thead>
          <tbody>
            {count.sections.map((s) => (
              <tr key={sectionKey(s.sectionId)}>
                <th scope="row">{sectionLabel(s)}</th>
                <td>{s.expected}</td>
                <td>{count.kind === 'numeric' ? (s.reported ?? '—') : s.counted}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p>
        <Link href={`/headcounts/${count.headcountId}/discrepancies`} className="button-link">
          {t('headcount.discrepancies', { n: count.discrepancies.length, open })}
        </Link>
      </p>
    </article>
  );
}

export function CountPage() {
  const { t, dateTime } = useI18n();
  const user = useUser();
  const directory = useDirectory();
  const [, navigate] = useLocation();
  const { headcountId } = useParams<{ headcountId: string }>();
  const [params, setParams] = useSearchParams();
  const queue = useMarkQueue();
  const { count, error, reload } = useHeadcount(headcountId, queue.online);
  if (count === undefined) return <Loading error={error} />;
  const chosen = params.get('section');
  const section = count.sections.find((s) => sectionKey(s.sectionId) === chosen);
  const facility = directory.facility(count.facilityId);
  return (
    <section className="count">
      <header className="screen-head compact">
        <h1>
          {facility?.code} · {t('headcount.title')} · {t(`headcount.kind.${count.kind}`)}{' '}
          <span className={`status status-count-${count.status}`}>
            {t(`headcount.status.${count.status}`)}
          </span>
        </h1>
        <p className={section ? 'muted visually-hidden' : 'muted'}>
          {t('headcount.opened', { at: dateTime(count.openedAt), by: count.openedBy })}
          {count.recountOf && (
            <>
              {' · '}
              <Link href={`/headcounts/${count.recountOf}`}>{t('headcount.recountOf')}</Link>
            </>
          )}
        </p>
      </header>
      <QueueStatus queue={queue} headcountId={headcountId} />
      {count.status === 'closed' ? (
        <ClosedCount count={count} />
      ) : count.kind === 'numeric' ? (
        <div className="panels">
          {count.sections.map((s) => (
            <SectionNumber key={sectionKey(s.sectionId)} count={count} section={s} onDone={reload} />
          ))}
        </div>
      ) : section === undefined || !countsPeople(user.role) ? (
        <SectionPicker count={count} />
      ) : (
        <NominalCounting
          key={chosen}
          count={count}
          section={section}
          queue={queue}
          onOtherSection={() => setParams({})}
        />
      )}
      {count.status === 'open' && closesCounts(user.role) && (
        <CloseCount count={count} onClosed={() => navigate(`/headcounts/${headcountId}/discrepancies`)} />
      )}
    </section>
  );
}
